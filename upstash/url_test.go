package upstash

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestFindURLs(t *testing.T) {
	const h = "fake-otter-12345.upstash.io"
	u1 := "redis://default:pw@" + h + ":6379"
	u2 := "rediss://" + h
	u3 := "HTTP://FAKE-OTTER-12345.UPSTASH.IO/x"
	u4 := "redis://default:\x00@" + h + ":6379"
	u5 := "rediss://" + h + ":6379/0?ssl_cert_reqs=none&x=1"
	u6 := "rediss://" + h + "?ssl_cert_reqs=CERT_NONE"
	u7 := "rediss://" + h + ":6379?ssl_check_hostname=False&ssl_cert_reqs=required"
	tests := []struct {
		text string
		want []URLMatch
	}{
		{u1, []URLMatch{{Scheme: "redis", Host: h, Start: 0, End: len(u1)}}},
		{`new Redis("` + u2 + `")`, []URLMatch{{Scheme: "rediss", Host: h, Start: 11, End: 11 + len(u2)}}},
		{u3, []URLMatch{{Scheme: "http", Host: h, Start: 0, End: len(u3)}}},
		{u4, []URLMatch{{Scheme: "redis", Host: h, Start: 0, End: len(u4), Holes: true}}},
		{"redis://default:pw@\x00.upstash.io", nil},
		{"\x00://" + h, nil},
		{"xredis://" + h, nil},
		{"ftp://" + h, nil},
		{"redis://localhost:6379", nil},
		{"https://<your-db>.upstash.io", nil},
		{"http://console.upstash.io/redis", []URLMatch{{Scheme: "http", Host: "console.upstash.io", Start: 0, End: 31}}},
		{"http://x.kv.vercel-storage.com", []URLMatch{{Scheme: "http", Host: "x.kv.vercel-storage.com", Start: 0, End: 30}}},
		{u5, []URLMatch{{Scheme: "rediss", Host: h, CertReqs: "none", Start: 0, End: len(u5)}}},
		{u6, []URLMatch{{Scheme: "rediss", Host: h, CertReqs: "cert_none", Start: 0, End: len(u6)}}},
		{u7, []URLMatch{{Scheme: "rediss", Host: h, CertReqs: "required", CheckHostname: "false", Start: 0, End: len(u7)}}},
		{"a " + u2 + " and " + u1, []URLMatch{{Scheme: "rediss", Host: h, Start: 2, End: 2 + len(u2)}, {Scheme: "redis", Host: h, Start: 7 + len(u2), End: 7 + len(u2) + len(u1)}}},
	}
	for _, tt := range tests {
		got := FindURLs(tt.text)
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("FindURLs(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestText(t *testing.T) {
	// "redis://default:" + process.env.PW + "@host:6379", the parts at
	// source offsets 10, 44.
	var tx Text
	tx.Lit("redis://default:", 10, true)
	tx.Hole()
	tx.Lit("@fake-otter-12345.upstash.io:6379", 44, true)
	tx.Ref("/0", 90)
	ms := FindURLs(tx.String())
	if len(ms) != 1 || !ms[0].Holes {
		t.Fatalf("FindURLs = %+v", ms)
	}
	if got := tx.Source(ms[0].Start); got != 10 {
		t.Errorf("Source(start) = %d, want 10", got)
	}
	if !tx.Here(0) || tx.Here(16) || !tx.Here(17) || tx.Here(len(tx.String())-1) {
		t.Error("Here: want literal parts here, the hole and the reference not")
	}
	if tx.Exact(ms[0].Start, ms[0].End) {
		t.Error("Exact across a hole")
	}
	if !tx.Exact(17, 20) || tx.Source(19) != 46 {
		t.Errorf("Exact/Source inside the second part: %v %d", tx.Exact(17, 20), tx.Source(19))
	}
	if !tx.HasHoles() {
		t.Error("HasHoles = false")
	}
}

func TestTransportNames(t *testing.T) {
	for _, c := range []struct {
		name, value string
		want        bool
	}{{"NODE_TLS_REJECT_UNAUTHORIZED", "0", true}, {"node_tls_reject_unauthorized", "0", true}, {"NODE_TLS_REJECT_UNAUTHORIZED", "1", false}} {
		if got := IsProcessTLSOff(c.name, c.value); got != c.want {
			t.Errorf("IsProcessTLSOff(%s, %s) = %v", c.name, c.value, got)
		}
	}
	for name, want := range map[string]bool{"UPSTASH_REDIS_HOST": true, "FLY_UPSTASH_REDIS_HOST": false, "REDIS_HOST": false} {
		if got := IsUpstashHostEnvName(name); got != want {
			t.Errorf("IsUpstashHostEnvName(%s) = %v", name, got)
		}
	}
	if !IsNoVerifyCheckHostname("False") || !IsNoVerifyCheckHostname("0") || IsNoVerifyCheckHostname("true") || IsNoVerifyCheckHostname("") {
		t.Error("IsNoVerifyCheckHostname")
	}
	if !IsNoVerifyCertReqs("CERT_NONE") || IsNoVerifyCertReqs("required") || !IsPlaintextScheme("redis") || IsPlaintextScheme("https") {
		t.Error("scheme/cert_reqs predicates")
	}
	if TLSFix(LibRedisPy) != "set ssl=True" || TLSFix("unknown") == "" {
		t.Error("TLSFix")
	}
}

func TestMentionsUpstashBytes(t *testing.T) {
	for s, want := range map[string]bool{"x.UPSTASH.io": true, "upstash": true, "a.kv.vercel-storage.com": true, "upstas": false, "": false, "vercel-storage.co": false} {
		if got := MentionsUpstashBytes([]byte(s)); got != want || got != MentionsUpstash(s) {
			t.Errorf("MentionsUpstashBytes(%q) = %v, want %v (MentionsUpstash %v)", s, got, want, MentionsUpstash(s))
		}
	}
}

func TestURLPath(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"https://app.example.com/api/jobs", "/api/jobs", true},
		{"\x00/api/jobs", "/api/jobs", true},
		{"https://\x00/api/users/\x00?x=1", "/api/users/*", true},
		{"\x00/functions/v1/send-email", "/send-email", true},
		{"https://x.netlify.app/.netlify/functions/worker", "/worker", true},
		{"/api/jobs/", "/api/jobs", true},
		{"https://app.example.com", "", false},
		{"\x00\x00", "", false},
		{"\x00/\x00", "", false},
		{"api/jobs", "", false},
	} {
		got, ok := URLPath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("URLPath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsManualScript(t *testing.T) {
	for p, want := range map[string]bool{
		"scripts/seed.ts": true, "prisma/seed.ts": true, "bin/report.js": true, "db/migrations/001.ts": true,
		"src/seed-data.ts": true, "packages/api/scripts/backfill.py": true,
		"app/api/feed/route.ts": false, "lib/redis.ts": false, "src/seedling.ts": false, "seeds.py": true, "migrate_v2.py": true, "app/bind.ts": false,
	} {
		if got := IsManualScript(p); got != want {
			t.Errorf("IsManualScript(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsReadCommand(t *testing.T) {
	for n, want := range map[string]bool{"get": true, "HGETALL": true, "json.get": true, "set": false, "scan": false, "keys": false, "pipeline": false, "eval": false, "evalsha": false} {
		if got := IsReadCommand(n); got != want {
			t.Errorf("IsReadCommand(%q) = %v, want %v", n, got, want)
		}
	}
}
