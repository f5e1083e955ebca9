package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// redirectTarget is a loopback server that must never be contacted: it
// records every request, credentials included, for the test to fail on.
func redirectTarget(t *testing.T) (url string, hits func() []string) {
	t.Helper()
	var mu sync.Mutex
	var log []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		log = append(log, r.Method+" "+r.URL.Path)
		mu.Unlock()
		w.Write([]byte(`[]`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), log...)
	}
}

// TestDBRedirectRefused: `upscan db` and `db rotate` exit 2 naming the
// Location when the Developer API answers a redirect, and the Basic
// credentials never reach it (issue 15 row 13).
func TestDBRedirectRefused(t *testing.T) {
	target, hits := redirectTarget(t)
	api := newFakeAPI(t)
	api.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, target+"/v2/redis/databases", http.StatusFound)
			return true
		}
		return false
	}
	code, out, errOut := execDB(t, "", false)
	if code != exitError || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	want := "upscan: GET /redis/databases: the Developer API answered HTTP 302, a redirect to " + target + "/v2/redis/databases; upscan never follows redirects"
	if !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr = %q, want it to start with %q", errOut, want)
	}

	// rotate: the list works, the reset answers 307 (which keeps the method
	// and body): nothing is reset elsewhere, nothing is written.
	api.hook = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost {
			http.Redirect(w, r, target+r.URL.Path, http.StatusTemporaryRedirect)
			return true
		}
		return false
	}
	envFile := filepath.Join(t.TempDir(), ".env.local")
	code, out, errOut = execDB(t, "", false, "rotate", "shop-prod", "--yes", "--write-env", envFile)
	if code != exitError || !strings.Contains(errOut, "answered HTTP 307, a redirect to "+target+"/v2/redis/reset-password/"+hardenedDBID) {
		t.Errorf("rotate: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if _, err := os.Stat(envFile); err == nil {
		t.Error("rotate wrote the env file after a redirect")
	}
	if h := hits(); len(h) > 0 {
		t.Fatalf("the redirect target was contacted: %q", h)
	}
	assertNoSecret(t, "stderr", errOut)
}

// TestDBRotateRejectsControlCharacters: a reset-password answer whose
// endpoint or credential holds a line break exits 2, naming the field, and
// the env file is left as it was: no extra KEY= line (issue 15 row 14).
func TestDBRotateRejectsControlCharacters(t *testing.T) {
	for _, field := range []string{"endpoint", "password", "rest_token", "read_only_rest_token"} {
		t.Run(field, func(t *testing.T) {
			api := newFakeAPI(t)
			api.hook = func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method != http.MethodPost {
					return false
				}
				db := map[string]any{
					"database_id": hardenedDBID, "database_name": "shop-prod", "tls": true, "endpoint": hardenedDBHost, "port": 6379,
					"password": newRESTToken, "rest_token": newRESTToken, "read_only_rest_token": newROToken,
				}
				db[field] = db[field].(string) + "\nUPSTASH_REDIS_REST_TOKEN=injected"
				json.NewEncoder(w).Encode(db)
				return true
			}
			envFile := filepath.Join(t.TempDir(), ".env.local")
			before := "OTHER=keep\n"
			if err := os.WriteFile(envFile, []byte(before), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := execDB(t, "", false, "rotate", "shop-prod", "--yes", "--write-env", envFile)
			want := "the reset happened; see the console for the new credentials): the response's " + field + ": a control character"
			if code != exitError || !strings.Contains(errOut, want) {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if got, _ := os.ReadFile(envFile); string(got) != before {
				t.Errorf("env file changed: %d bytes", len(got))
			}
			if strings.Contains(out+errOut, "injected") {
				t.Error("output echoes the response's value")
			}
			assertNoSecret(t, "stdout", out)
			assertNoSecret(t, "stderr", errOut)
		})
	}
}
