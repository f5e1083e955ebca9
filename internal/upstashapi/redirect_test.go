package upstashapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRedirectNeverFollowed: a 3xx from the API (or a proxy in front of it)
// is an error naming the Location, and the credentials never reach it (issue
// 15 row 13: a 302 to another port was followed with the Basic credentials
// and its answer scored). The target is a second loopback server that
// records every request.
func TestRedirectNeverFollowed(t *testing.T) {
	var mu sync.Mutex
	var hits []string
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[]`))
	}))
	defer target.Close()

	tests := []struct {
		name, location, want string
		status               int
	}{
		{"302 to another port", target.URL + "/v2/redis/databases", target.URL + "/v2/redis/databases", http.StatusFound},
		{"301", target.URL + "/x", target.URL + "/x", http.StatusMovedPermanently},
		{"307 keeps the method", target.URL + "/x", target.URL + "/x", http.StatusTemporaryRedirect},
		{"308", target.URL + "/x", target.URL + "/x", http.StatusPermanentRedirect},
		{"relative", "/elsewhere", "/elsewhere", http.StatusFound},
		{"no location", "", "no location", http.StatusFound},
		{"token in the path", "/r/" + newToken, "/r/[redacted: redis-rest-token AeSE… (63 chars)]", http.StatusFound},
		// User info and query are dropped: they may carry credentials.
		{"credentials in the location", "http://user:" + testKey + "@127.0.0.1:1/x?token=" + newToken, "http://127.0.0.1:1/x", http.StatusFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeAPI(t)
			h := map[string]string{}
			if tt.location != "" {
				h["Location"] = tt.location
			}
			f.push("GET /v2/redis/databases", reply{status: tt.status, header: h})
			f.push("POST /v2/redis/reset-password/"+firstID, reply{status: tt.status, header: h})
			c, sl := newTestClient(t, srv, Options{})

			_, err := c.ListDatabases(context.Background())
			checkRedirectError(t, err, "GET /redis/databases", tt.status, tt.want)
			_, _, err = c.ResetPassword(context.Background(), firstID)
			checkRedirectError(t, err, "POST /redis/reset-password/"+firstID, tt.status, tt.want)

			// One request each, no retry, nothing slept.
			if got := f.callLog(); len(got) != 2 || len(sl.all()) != 0 {
				t.Errorf("calls = %q, sleeps = %v", got, sl.all())
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(hits) > 0 {
		t.Fatalf("the redirect target was contacted: %q", hits)
	}
}

func checkRedirectError(t *testing.T, err error, op string, status int, location string) {
	t.Helper()
	var ae *APIError
	if !errors.Is(err, ErrRedirect) || !errors.As(err, &ae) || ae.StatusCode != status {
		t.Fatalf("err = %v, want an APIError wrapping ErrRedirect with status %d", err, status)
	}
	want := op + ": the Developer API answered HTTP " + strconv.Itoa(status) + ", a redirect to " + location +
		"; upscan never follows redirects, so the API key was not sent there: check UPSTASH_API_URL (or --api-url)"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("error text (-want +got):\n%s", diff)
	}
	assertNoSecrets(t, "redirect error", err.Error())
}

// TestRedirectPolicyOfCallerClient: a client passed in Options that follows
// redirects is not used as is (nor changed): New copies it without its
// CheckRedirect.
func TestRedirectPolicyOfCallerClient(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{status: http.StatusFound, header: map[string]string{"Location": "/v2/redis/databases"}})
	followed := 0
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { followed++; return nil }
	c, _ := newTestClient(t, srv, Options{HTTPClient: hc})
	if _, err := c.ListDatabases(context.Background()); !errors.Is(err, ErrRedirect) {
		t.Fatalf("err = %v, want ErrRedirect", err)
	}
	if followed != 0 || hc.CheckRedirect == nil {
		t.Errorf("the caller's CheckRedirect ran %d times or was replaced", followed)
	}
}
