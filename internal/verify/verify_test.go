package verify

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// FAKE credentials built to UPSTASH.md §1's formats; never real.
const (
	redisToken  = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // DB 12345
	roToken     = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	qstashToken = "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0="
	vectorToken = "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=" // index fake-otter-12345-us1
	apiKey      = "0f0f0f0f-1111-4222-8333-444455556666"
	email       = "dev@example.com"
	bodyMarker  = "BODY-MARKER-never-shown"
)

// fake is a loopback stand-in for an Upstash service. It answers as valid
// only for the expected Authorization header, on the expected path, and puts
// a marker (and the credential) in every body to catch leaks.
type fake struct {
	srv   *httptest.Server
	hits  atomic.Int64
	mu    sync.Mutex
	paths []string
}

func newFake(t *testing.T, wantPath, wantAuth string, okBody string, status int) *fake {
	t.Helper()
	f := &fake{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		f.mu.Lock()
		f.paths = append(f.paths, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		if r.Method != http.MethodGet || r.URL.Path != wantPath {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if status != 0 {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":"%s %s"}`, bodyMarker, r.Header.Get("Authorization"))
			return
		}
		if r.Header.Get("Authorization") != wantAuth {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"error":"Unauthorized: Invalid auth token %s"}`, bodyMarker)
			return
		}
		fmt.Fprint(w, okBody)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// loopback allows the httptest server's host as well as Upstash's.
func loopback(host string) bool { return host == "127.0.0.1" || DefaultAllowHost(host) }

func newVerifier() *Verifier {
	return &Verifier{AllowHost: loopback, Timeout: 5 * time.Second}
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func TestVerifyKinds(t *testing.T) {
	pong := `{"result":"PONG","marker":"` + bodyMarker + `"}`
	tests := []struct {
		name      string
		kind      string
		path      string
		auth      string
		okBody    string
		status    int // forced status; 0 = check auth
		candidate func(url string) Candidate
		want      rules.Verification
	}{
		{"redis verified", KindRedisREST, "/ping", "Bearer " + redisToken, pong, 0,
			func(u string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u} },
			rules.Verification{Status: rules.Verified}},
		{"redis read-only verified", KindRedisReadOnly, "/ping", "Bearer " + roToken, pong, 0,
			func(u string) Candidate {
				return Candidate{Kind: KindRedisReadOnly, Secret: roToken, Endpoint: u + "/some/path?q=1"}
			},
			rules.Verification{Status: rules.Verified}},
		{"redis invalid", KindRedisREST, "/ping", "Bearer other", pong, 0,
			func(u string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u} },
			rules.Verification{Status: rules.Invalid, Reason: "HTTP 401"}},
		{"redis forbidden", KindRedisREST, "/ping", "", "", http.StatusForbidden,
			func(u string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u} },
			rules.Verification{Status: rules.Invalid, Reason: "HTTP 403"}},
		{"redis server error", KindRedisREST, "/ping", "", "", http.StatusInternalServerError,
			func(u string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u} },
			rules.Verification{Status: rules.Unknown, Reason: "HTTP 500"}},
		{"redis 200 without PONG", KindRedisREST, "/ping", "Bearer " + redisToken, `{"result":"` + bodyMarker + `"}`, 0,
			func(u string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u} },
			rules.Verification{Status: rules.Unknown, Reason: "HTTP 200 with an unexpected answer"}},
		{"redis without URL", KindRedisREST, "/ping", "", "", 0,
			func(string) Candidate { return Candidate{Kind: KindRedisREST, Secret: redisToken} },
			rules.Verification{Status: rules.Unknown, Reason: "no URL next to the token"}},
		{"qstash verified", KindQStash, "/v2/topics", "Bearer " + qstashToken, `[]`, 0,
			func(u string) Candidate { return Candidate{Kind: KindQStash, Secret: qstashToken, Endpoint: u} },
			rules.Verification{Status: rules.Verified}},
		{"qstash invalid", KindQStash, "/v2/topics", "Bearer other", `[]`, 0,
			func(u string) Candidate { return Candidate{Kind: KindQStash, Secret: qstashToken, Endpoint: u} },
			rules.Verification{Status: rules.Invalid, Reason: "HTTP 401"}},
		{"vector verified", KindVector, "/info", "Bearer " + vectorToken, `{"result":{"vectorCount":1}}`, 0,
			func(u string) Candidate { return Candidate{Kind: KindVector, Secret: vectorToken, Endpoint: u} },
			rules.Verification{Status: rules.Verified}},
		{"secrets' vector-search kind", KindVector, "/info", "Bearer " + vectorToken, `{}`, 0,
			func(u string) Candidate {
				return Candidate{Kind: "vector-search-token", Secret: vectorToken, Endpoint: u}
			},
			rules.Verification{Status: rules.Verified}},
		{"search invalid", KindSearch, "/info", "Bearer other", `{}`, 0,
			func(u string) Candidate { return Candidate{Kind: KindSearch, Secret: vectorToken, Endpoint: u} },
			rules.Verification{Status: rules.Invalid, Reason: "HTTP 401"}},
		{"search without URL", KindSearch, "/info", "", "", 0,
			func(string) Candidate { return Candidate{Kind: KindSearch, Secret: vectorToken} },
			rules.Verification{Status: rules.Unknown, Reason: "no URL next to the token"}},
		{"developer API verified", KindDeveloperAPI, "/v2/redis/databases", basic(email, apiKey), `[{"database_id":"x","password":"` + bodyMarker + `"}]`, 0,
			func(u string) Candidate {
				return Candidate{Kind: KindDeveloperAPI, Secret: apiKey, Email: email, Endpoint: u}
			},
			rules.Verification{Status: rules.Verified}},
		{"secrets' api-key kind invalid", KindDeveloperAPI, "/v2/redis/databases", basic("other@example.com", apiKey), `[]`, 0,
			func(u string) Candidate {
				return Candidate{Kind: "upstash-api-key", Secret: apiKey, Email: email, Endpoint: u}
			},
			rules.Verification{Status: rules.Invalid, Reason: "HTTP 401"}},
		{"developer API without e-mail", KindDeveloperAPI, "/v2/redis/databases", "", "", 0,
			func(u string) Candidate { return Candidate{Kind: KindDeveloperAPI, Secret: apiKey, Endpoint: u} },
			rules.Verification{Status: rules.Unknown, Reason: "no e-mail next to the key"}},
		{"signing key has no harmless check", KindQStash, "/", "", "", 0,
			func(u string) Candidate { return Candidate{Kind: "qstash-signing-key", Secret: "sig_x", Endpoint: u} },
			rules.Verification{Status: rules.Unknown, Reason: "no harmless check for a qstash-signing-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.path, tt.auth, tt.okBody, tt.status)
			c := tt.candidate(f.srv.URL)
			got := newVerifier().Verify(context.Background(), c)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Verify (-want +got):\n%s", diff)
			}
			if strings.Contains(got.Reason, bodyMarker) || strings.Contains(got.Reason, c.Secret[:5]) {
				t.Error("the reason holds the response body or the credential")
			}
			for _, p := range f.paths {
				if p != "GET "+tt.path {
					t.Errorf("request %s, want only GET %s", p, tt.path)
				}
			}
		})
	}
}

func TestVerifyTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	v := &Verifier{AllowHost: loopback, Timeout: 50 * time.Millisecond}
	got := v.Verify(context.Background(), Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: srv.URL})
	if diff := cmp.Diff(rules.Verification{Status: rules.Unknown, Reason: "timeout"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got = v.Verify(ctx, Candidate{Kind: KindQStash, Secret: qstashToken, Endpoint: srv.URL})
	if got.Status != rules.Unknown || got.Reason != "cancelled" {
		t.Errorf("cancelled: %+v", got)
	}
}

func TestVerifyNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close() // nothing listens there any more
	got := newVerifier().Verify(context.Background(), Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: u})
	if got.Status != rules.Unknown || got.Reason != "connection failed" {
		t.Errorf("got %+v", got)
	}
}

// TestAllowHost checks that only Upstash hosts are contacted.
func TestAllowHost(t *testing.T) {
	for host, want := range map[string]bool{
		"fake-otter-12345.upstash.io":            true,
		"FAKE-OTTER-12345.UPSTASH.IO.":           true,
		"fake-otter-12345-us1-vector.upstash.io": true,
		"qstash.upstash.io":                      true,
		"qstash-eu-central-1.upstash.io":         true,
		"api.upstash.com":                        true,
		"upstash.io":                             false,
		".upstash.io":                            false,
		"upstash.io.evil.example":                false,
		"evilupstash.io":                         false,
		"fake-otter-12345.upstash.io.evil.com":   false,
		"api.upstash.com.evil.com":               false,
		"upstash.com":                            false,
		"127.0.0.1":                              false,
		"localhost":                              false,
		"example.com":                            false,
	} {
		if got := DefaultAllowHost(host); got != want {
			t.Errorf("DefaultAllowHost(%q) = %v, want %v", host, got, want)
		}
	}

	// The default Verifier refuses the loopback fake without contacting it.
	f := newFake(t, "/ping", "Bearer "+redisToken, `{"result":"PONG"}`, 0)
	got := (&Verifier{}).Verify(context.Background(), Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: f.srv.URL})
	if got.Status != rules.Unknown || !strings.Contains(got.Reason, "host 127.0.0.1 is not allowed") {
		t.Errorf("got %+v", got)
	}
	if n := f.hits.Load(); n != 0 {
		t.Errorf("the refused host got %d requests", n)
	}

	// Not https (except to loopback), user info: refused.
	v := &Verifier{AllowHost: func(string) bool { return true }}
	for endpoint, reason := range map[string]string{
		"http://fake-otter-12345.upstash.io":          "is not https",
		"https://user:pw@fake-otter-12345.upstash.io": "holds user info",
		"ftp://fake-otter-12345.upstash.io":           "is not https",
		"not a url":                                   "malformed",
	} {
		got := v.Verify(context.Background(), Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: endpoint})
		if got.Status != rules.Unknown || !strings.Contains(got.Reason, reason) {
			t.Errorf("%s: got %+v, want unknown %q", endpoint, got, reason)
		}
	}

	// Default endpoints: QStash and the Developer API go to Upstash's hosts.
	var asked []string
	v = &Verifier{AllowHost: func(h string) bool { asked = append(asked, h); return false }}
	v.Verify(context.Background(), Candidate{Kind: KindQStash, Secret: qstashToken})
	v.Verify(context.Background(), Candidate{Kind: KindDeveloperAPI, Secret: apiKey, Email: email})
	if diff := cmp.Diff([]string{"qstash.upstash.io", "api.upstash.com"}, asked); diff != "" {
		t.Errorf("default hosts (-want +got):\n%s", diff)
	}
}

// TestNoRedirect checks that a redirect is not followed, whatever the
// client's own policy: the token would otherwise reach whatever host the
// answer names (issue 15 row 13). The outcome is unknown, naming the host.
func TestNoRedirect(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		fmt.Fprint(w, `{"result":"PONG"}`)
	}))
	defer other.Close()
	otherHost := strings.TrimPrefix(other.URL, "http://")
	for _, tt := range []struct {
		status         int
		location, want string
	}{
		{http.StatusFound, other.URL + "/ping", "HTTP 302 redirect to host " + otherHost + ", not followed"},
		{http.StatusMovedPermanently, other.URL + "/ping?token=" + redisToken, "HTTP 301 redirect to host " + otherHost + ", not followed"},
		{http.StatusTemporaryRedirect, other.URL + "/ping", "HTTP 307 redirect to host " + otherHost + ", not followed"},
		{http.StatusPermanentRedirect, "/elsewhere", "HTTP 308 redirect to another path on the same host, not followed"},
		{http.StatusFound, "", "HTTP 302 redirect to no location, not followed"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tt.location != "" {
				w.Header().Set("Location", tt.location)
			}
			w.WriteHeader(tt.status)
		}))
		client := srv.Client()
		client.CheckRedirect = nil // a client that would follow
		v := &Verifier{AllowHost: loopback, Timeout: 5 * time.Second, Client: client}
		got := v.Verify(context.Background(), Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: srv.URL})
		srv.Close()
		if diff := cmp.Diff(rules.Verification{Status: rules.Unknown, Reason: tt.want}, got); diff != "" {
			t.Errorf("%d %s: (-want +got):\n%s", tt.status, tt.location, diff)
		}
	}
	if elsewhere.Load() != 0 {
		t.Error("the redirect was followed")
	}
}

func TestVerifyCaches(t *testing.T) {
	f := newFake(t, "/ping", "Bearer "+redisToken, `{"result":"PONG"}`, 0)
	v := newVerifier()
	c := Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: f.srv.URL}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := v.Verify(context.Background(), c); got.Status != rules.Verified {
				t.Errorf("got %+v", got)
			}
		}()
	}
	wg.Wait()
	if n := f.hits.Load(); n != 1 {
		t.Errorf("%d requests for one credential, want 1", n)
	}
}

func TestCandidateRedacts(t *testing.T) {
	c := Candidate{Kind: KindRedisREST, Secret: redisToken, Endpoint: "https://fake-otter-12345.upstash.io", Email: email}
	want := "redis-rest-token ATA5… (63 chars) at https://fake-otter-12345.upstash.io"
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		if got := fmt.Sprintf(format, c); got != want {
			t.Errorf("Sprintf(%s) = %q, want %q", format, got, want)
		}
	}
	if got := fmt.Sprint([]Candidate{c}); strings.Contains(got, redisToken[:6]) {
		t.Error("a slice of candidates prints the secret")
	}
}

func TestEndpoints(t *testing.T) {
	data := []byte(`UPSTASH_REDIS_REST_URL="https://fake-otter-12345.upstash.io"
UPSTASH_REDIS_REST_TOKEN=` + redisToken + `
REDIS_URL=rediss://default:` + redisToken + `@fake-heron-23456.upstash.io:6379
UPSTASH_VECTOR_REST_URL=https://fake-otter-12345-us1-vector.upstash.io/query
QSTASH_URL=https://qstash-eu-central-1.upstash.io
AGAIN=https://FAKE-OTTER-12345.upstash.io/pipeline
KAFKA=https://fake-otter-12345-us1-rest-kafka.upstash.io
API=https://api.upstash.com/v2
OTHER=https://example.com https://upstash.io.evil.example
`)
	want := []string{
		"https://fake-otter-12345.upstash.io",
		"https://fake-heron-23456.upstash.io",
		"https://fake-otter-12345-us1-vector.upstash.io",
		"https://qstash-eu-central-1.upstash.io",
	}
	got := Endpoints(data)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Endpoints (-want +got):\n%s", diff)
	}
	for _, e := range got {
		if _, err := url.Parse(e); err != nil || strings.Contains(e, "@") {
			t.Errorf("endpoint %q is not a plain URL", e)
		}
	}
	if Endpoints([]byte("no urls here")) != nil {
		t.Error("Endpoints of a file without URLs is not nil")
	}
}

func TestEndpointFor(t *testing.T) {
	eps := []string{
		"https://fake-heron-23456.upstash.io",
		"https://fake-otter-12345.upstash.io",
		"https://fake-otter-12345-us1-vector.upstash.io",
		"https://fake-crane-777-us1-search.upstash.io",
		"https://qstash-eu-central-1.upstash.io",
	}
	tests := []struct {
		kind, secret string
		endpoints    []string
		want         string
	}{
		{KindRedisREST, redisToken, eps, "https://fake-otter-12345.upstash.io"}, // DB 12345 in the token
		{KindRedisReadOnly, roToken, eps, "https://fake-otter-12345.upstash.io"},
		{KindRedisREST, "ACL-user-token-without-header", eps, ""},                                        // two Redis hosts: ambiguous
		{KindRedisREST, "ACL-user-token-without-header", eps[:1], "https://fake-heron-23456.upstash.io"}, // the only one
		{KindRedisREST, redisToken, eps[2:], ""},
		{"vector-search-token", vectorToken, eps, "https://fake-otter-12345-us1-vector.upstash.io"},
		{KindSearch, "unknown-format", eps, "https://fake-crane-777-us1-search.upstash.io"},
		{KindQStash, qstashToken, eps, "https://qstash-eu-central-1.upstash.io"},
		{KindQStash, qstashToken, eps[:2], ""},
		{KindDeveloperAPI, apiKey, eps, ""},
	}
	for _, tt := range tests {
		if got := EndpointFor(tt.kind, tt.secret, tt.endpoints); got != tt.want {
			t.Errorf("EndpointFor(%s, %d endpoints) = %q, want %q", tt.kind, len(tt.endpoints), got, tt.want)
		}
	}
}

func TestEmail(t *testing.T) {
	for in, want := range map[string]string{
		"UPSTASH_EMAIL=dev@example.com\nUPSTASH_API_KEY=x\n":         "dev@example.com",
		"provider \"upstash\" {\n  email   = \"ops@example.com\"\n}": "ops@example.com",
		`{"email": "json@example.com"}`:                              "json@example.com",
		"no address here":                                            "",
		"contact: someone@example.com":                               "",
	} {
		if got := Email([]byte(in)); got != want {
			t.Errorf("Email(%q) = %q, want %q", in, got, want)
		}
	}
}
