package transport

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/upscan/upscan/analyzers/facts"
)

const host = "fake-otter-12345.upstash.io"

var at = facts.Pos{Line: 3, Col: 7}

// TestCheck decides each shape of fact once: want lists "RULE severity".
func TestCheck(t *testing.T) {
	lit := func(h string) facts.Value { return facts.Value{Origin: facts.Literal, Host: h, Pos: at} }
	env := func(n string) facts.Value { return facts.Value{Origin: facts.FromEnv, Env: n, Pos: at} }
	tests := []struct {
		name string
		f    facts.File
		want []string
	}{
		{"redis:// to a service host", facts.File{URLs: []facts.URL{{Scheme: "redis", Host: host, Pos: at}}}, []string{"UPS301 high"}},
		{"http:// to Vercel KV", facts.File{URLs: []facts.URL{{Scheme: "http", Host: "x.kv.vercel-storage.com", Pos: at}}}, []string{"UPS301 high"}},
		{"rediss:// and https://", facts.File{URLs: []facts.URL{{Scheme: "rediss", Host: host}, {Scheme: "https", Host: host}}}, nil},
		{"Fly.io private host", facts.File{URLs: []facts.URL{{Scheme: "redis", Host: "fly-x.upstash.io"}}}, nil},
		{"console link", facts.File{URLs: []facts.URL{{Scheme: "http", Host: "console.upstash.io"}}}, nil},
		{"rediss:// with ssl_cert_reqs=none", facts.File{URLs: []facts.URL{{Scheme: "rediss", Host: host, CertReqs: "none", Pos: at}}}, []string{"UPS302 high"}},
		{"rediss:// with ssl_cert_reqs=required", facts.File{URLs: []facts.URL{{Scheme: "rediss", Host: host, CertReqs: "required"}}}, nil},
		{"rediss:// with ssl_check_hostname=false", facts.File{URLs: []facts.URL{{Scheme: "rediss", Host: host, CheckHostname: "false", Pos: at}}}, []string{"UPS302 high"}},
		{"rediss:// with ssl_check_hostname=true", facts.File{URLs: []facts.URL{{Scheme: "rediss", Host: host, CheckHostname: "true"}}}, nil},

		{"weak option, literal Upstash host", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", On: "ioredis", Evidence: facts.Evidence{Host: host, Pos: at}, Pos: at}}}, []string{"UPS302 high"}},
		{"weak option, other host", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", Evidence: facts.Evidence{Host: "db.internal"}, Pos: at}}}, nil},
		{"weak option, other host beats an Upstash env", facts.File{WeakTLS: []facts.WeakTLS{{Option: "verify=False", Evidence: facts.Evidence{Host: "localhost", Env: "UPSTASH_REDIS_URL"}, Pos: at}}}, nil},
		{"weak option, Upstash SDK", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", Evidence: facts.Evidence{SDK: "@upstash/redis"}, Pos: at}}}, []string{"UPS302 high"}},
		{"weak option, Upstash env name", facts.File{WeakTLS: []facts.WeakTLS{{Option: "ssl_cert_reqs=None", On: "redis-py", Evidence: facts.Evidence{Env: "UPSTASH_REDIS_HOST", Pos: at}, Pos: at}}}, []string{"UPS302 medium"}},
		{"weak option, generic env name", facts.File{WeakTLS: []facts.WeakTLS{{Option: "ssl_cert_reqs=None", Evidence: facts.Evidence{Env: "REDIS_URL"}, Pos: at}}}, nil},
		{"weak option, comment naming Upstash", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", Evidence: facts.Evidence{Comment: true, Pos: at}, Pos: at}}}, []string{"UPS302 medium"}},
		{"weak option, generic env and a comment", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", Evidence: facts.Evidence{Env: "REDIS_URL", Comment: true, Pos: at}, Pos: at}}}, []string{"UPS302 medium"}},
		{"weak option, other host beats a comment", facts.File{WeakTLS: []facts.WeakTLS{{Option: "rejectUnauthorized: false", Evidence: facts.Evidence{Host: "db.internal", Comment: true}, Pos: at}}}, nil},
		{"weak option, no evidence", facts.File{WeakTLS: []facts.WeakTLS{{Option: "InsecureSkipVerify: true", On: "net/http", Pos: at}}}, nil},
		{"process-wide", facts.File{WeakTLS: []facts.WeakTLS{{Option: "NODE_TLS_REJECT_UNAUTHORIZED=0", Process: true, Pos: at}}}, []string{"UPS302 high"}},
		{"process-wide in a dev file", facts.File{WeakTLS: []facts.WeakTLS{{Option: "NODE_TLS_REJECT_UNAUTHORIZED=0", Process: true, DevOnly: true, Pos: at}}}, []string{"UPS302 medium"}},

		{"TCP, literal host, no TLS", facts.File{TCP: []facts.TCPClient{{Library: "ioredis", Host: lit(host), Pos: at}}}, []string{"UPS303 high"}},
		{"TCP, TLS off", facts.File{TCP: []facts.TCPClient{{Library: "redis-py", Host: lit(host), TLS: facts.TLSOff, Pos: at}}}, []string{"UPS303 high"}},
		{"TCP, TLS on", facts.File{TCP: []facts.TCPClient{{Library: "ioredis", Host: lit(host), TLS: facts.TLSOn}}}, nil},
		{"TCP, TLS unknown", facts.File{TCP: []facts.TCPClient{{Library: "redis-py", Host: lit(host), TLS: facts.TLSUnknown}}}, nil},
		{"TCP, Upstash env host", facts.File{TCP: []facts.TCPClient{{Library: "go-redis", Host: env("UPSTASH_REDIS_ADDR"), Pos: at}}}, []string{"UPS303 medium"}},
		{"TCP, Fly env host", facts.File{TCP: []facts.TCPClient{{Library: "go-redis", Host: env("FLY_UPSTASH_REDIS_HOST")}}}, nil},
		{"TCP, generic env host", facts.File{TCP: []facts.TCPClient{{Library: "go-redis", Host: env("REDIS_HOST")}}}, nil},
		{"TCP, Fly host", facts.File{TCP: []facts.TCPClient{{Library: "go-redis", Host: lit("fly-x.upstash.io")}}}, nil},
		{"TCP, localhost", facts.File{TCP: []facts.TCPClient{{Library: "go-redis", Host: lit("localhost")}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.Path = "x"
			var got []string
			for _, f := range Check(&tt.f) {
				got = append(got, f.RuleID+" "+f.Severity.String())
				if f.Message == "" || f.Key == "" || f.Path != "x" || f.Line != at.Line || f.Col != at.Col {
					t.Errorf("incomplete finding %+v", f)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestOneWording checks that a shape gets the same rule, severity, message
// and fingerprint whatever the language and place it comes from.
func TestOneWording(t *testing.T) {
	var first string
	for i, lang := range []facts.Lang{facts.TS, facts.Python, facts.Go, facts.Env, facts.Config} {
		f := &facts.File{Path: "p", Lang: lang, URLs: []facts.URL{{Scheme: "redis", Host: host, Holes: i%2 == 0, Pos: facts.Pos{Line: i + 1, Col: 2 * i}}}}
		fs := Check(f)
		if len(fs) != 1 {
			t.Fatalf("%s: %d findings", lang, len(fs))
		}
		got := fs[0].RuleID + " " + fs[0].Severity.String() + " " + fs[0].Message + " " + fs[0].Key
		if first == "" {
			first = got
		} else if got != first {
			t.Errorf("%s: %q, want %q", lang, got, first)
		}
	}
	if !strings.Contains(first, "use rediss://") {
		t.Errorf("message %q does not say the fix", first)
	}
}

// TestMessagesSayHowSure checks that a medium finding says why it is less sure.
func TestMessagesSayHowSure(t *testing.T) {
	f := &facts.File{
		WeakTLS: []facts.WeakTLS{{Option: "verify=False", Evidence: facts.Evidence{Env: "UPSTASH_REDIS_REST_URL"}, Pos: at}},
		TCP:     []facts.TCPClient{{Library: "ioredis", Host: facts.Value{Origin: facts.FromEnv, Env: "UPSTASH_REDIS_HOST"}, Pos: at}},
	}
	for _, fd := range Check(f) {
		if !strings.Contains(fd.Message, "by its name an Upstash database") {
			t.Errorf("%s message %q does not say how sure", fd.RuleID, fd.Message)
		}
	}
	if Check(nil) != nil {
		t.Error("Check(nil) != nil")
	}
}
