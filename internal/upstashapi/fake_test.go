package upstashapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// FAKE credentials only (UPSTASH.md §1.2, §1.5): the account, and the
// credentials the fake hands out after a reset (DB number 58500).
const (
	testEmail    = "dev@example.com"
	testKey      = "0f0f0f0f-1111-4222-8333-444455556666"
	newToken     = "AeSEAAIpcDFmZWVkZmFjZWZlZWRmYWNlZmVlZGZhY2VmZWVkZmFjZXAxNTg1MDA"
	newReadToken = "AuSEAAIicDFgYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-fw"
	// old-format fake pair of the second database
	oldToken     = "ATA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg="
	oldReadToken = "AjA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2UFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm8="
	oldPassword  = "deadbeefcafef00d0badc0de12345678"
)

// allSecrets are values that must never appear in any result or error text.
var allSecrets = map[string]string{
	"api key": testKey, "new token": newToken, "new read-only token": newReadToken,
	"old token": oldToken, "old read-only token": oldReadToken, "old password": oldPassword,
}

// reply is a scripted response, served before the fake's normal behaviour.
type reply struct {
	status int
	header map[string]string
	body   string
	hang   bool // block until the client gives up
}

// fakeAPI behaves like the Upstash Developer API for the calls upscan makes
// (UPSTASH.md §5): Basic auth, list, get with ?credentials=hide, reset-password,
// text and JSON error bodies. It serves on loopback only (httptest).
type fakeAPI struct {
	t          *testing.T
	mu         sync.Mutex
	dbs        []map[string]any // database objects, secrets included
	script     map[string][]reply
	calls      []string // "METHOD /path?query"
	ignoreHide bool     // return credentials even when asked to hide them
	stop       chan struct{}
}

func newFakeAPI(t *testing.T) (*fakeAPI, *httptest.Server) {
	t.Helper()
	f := &fakeAPI{t: t, script: map[string][]reply{}, stop: make(chan struct{})}
	ref, err := os.ReadFile("../../analyzers/dbposture/testdata/reset-password.json")
	if err != nil {
		t.Fatal(err)
	}
	var first map[string]any
	if err := json.Unmarshal(ref, &first); err != nil {
		t.Fatal(err)
	}
	first["password"], first["rest_token"], first["read_only_rest_token"] = oldPassword, oldToken, oldReadToken
	second := map[string]any{
		"database_id": "0f0f0f0f-2222-4333-8444-555566667777", "database_name": "shop-dev", "type": "free",
		"endpoint": "fake-otter-12345", "port": 6379, "tls": true, "prod_pack_enabled": false,
		"db_acl_enabled": "false", "prometheus_enabled": "false", "user_email": testEmail,
		"password": oldPassword, "rest_token": oldToken, "read_only_rest_token": oldReadToken,
	}
	f.dbs = []map[string]any{first, second}
	srv := httptest.NewServer(f)
	t.Cleanup(func() {
		close(f.stop)
		srv.Close()
	})
	return f, srv
}

func (f *fakeAPI) push(key string, rs ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[key] = append(f.script[key], rs...)
}

func (f *fakeAPI) callLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	f.mu.Lock()
	f.calls = append(f.calls, key+"?"+r.URL.RawQuery)
	var next *reply
	if q := f.script[key]; len(q) > 0 {
		next, f.script[key] = &q[0], q[1:]
	}
	f.mu.Unlock()

	if next != nil {
		if next.hang {
			select {
			case <-r.Context().Done():
			case <-f.stop:
			}
			return
		}
		for k, v := range next.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(next.status)
		fmt.Fprint(w, next.body)
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != testEmail || pass != testKey {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"Your API key is wrong"}`)
		return
	}
	if r.Header.Get("User-Agent") == "" {
		http.Error(w, "no user agent", http.StatusBadRequest)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v2/redis/databases":
		f.writeJSON(w, f.dbs)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v2/redis/database/"):
		db := f.find(strings.TrimPrefix(r.URL.Path, "/v2/redis/database/"))
		if db == nil {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "database not found")
			return
		}
		if r.URL.Query().Get("credentials") == "hide" && !f.ignoreHide {
			db = withoutSecrets(db)
		}
		f.writeJSON(w, db)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v2/redis/reset-password/"):
		db := f.find(strings.TrimPrefix(r.URL.Path, "/v2/redis/reset-password/"))
		if db == nil {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"database not found"}`)
			return
		}
		f.mu.Lock()
		db["password"], db["rest_token"], db["read_only_rest_token"] = newToken, newToken, newReadToken
		f.mu.Unlock()
		f.writeJSON(w, db)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func (f *fakeAPI) find(id string) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, db := range f.dbs {
		if db["database_id"] == id {
			return db
		}
	}
	return nil
}

func (f *fakeAPI) writeJSON(w http.ResponseWriter, v any) {
	f.mu.Lock()
	b, err := json.Marshal(v)
	f.mu.Unlock()
	if err != nil {
		f.t.Error(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func withoutSecrets(db map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range db {
		switch k {
		case "password", "rest_token", "read_only_rest_token":
		default:
			out[k] = v
		}
	}
	return out
}

// sleeps records the client's backoff waits instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newTestClient returns a client of srv whose backoff waits are recorded, not slept.
func newTestClient(t *testing.T, srv *httptest.Server, opts Options) (*Client, *sleeps) {
	t.Helper()
	opts.BaseURL = srv.URL + "/v2"
	if opts.Email == "" {
		opts.Email = testEmail
	}
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = srv.Client()
	}
	if opts.Backoff == 0 {
		opts.Backoff = time.Millisecond
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	s := &sleeps{}
	c.sleep = s.sleep
	return c, s
}

// assertNoSecrets fails if text contains any planted secret (or the e-mail in
// clear), naming the secret's label, never its value.
func assertNoSecrets(t *testing.T, what, text string) {
	t.Helper()
	for label, s := range allSecrets {
		if strings.Contains(text, s) || (len(s) > 12 && strings.Contains(text, s[:12])) {
			t.Errorf("%s contains the %s", what, label)
		}
	}
	if strings.Contains(text, testEmail) {
		t.Errorf("%s contains the account e-mail unmasked", what)
	}
}
