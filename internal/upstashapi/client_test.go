package upstashapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/dbposture"
)

const firstID = "96ad0856-03b1-4ee7-9666-e81abd0349e1" // the seeds' reset-password example

func TestListDatabases(t *testing.T) {
	f, srv := newFakeAPI(t)
	c, _ := newTestClient(t, srv, Options{})
	dbs, err := c.ListDatabases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(dbs) != 2 || dbs[0].Name != "MyRedis" || dbs[1].Name != "shop-dev" {
		t.Fatalf("got %d databases: %+v", len(dbs), dbs)
	}
	if dbs[0].TLS != dbposture.On || dbs[0].ACL != dbposture.Off || dbs[0].Prometheus != dbposture.Off || dbs[0].Tier() != dbposture.TierPaid {
		t.Errorf("first database decoded wrongly: %+v", dbs[0])
	}
	if dbs[1].DailyBackup != dbposture.Unknown {
		t.Errorf("a missing field decoded as %v, want unknown", dbs[1].DailyBackup)
	}
	// The list response carried every secret: none may survive decoding.
	b, _ := json.Marshal(dbs)
	assertNoSecrets(t, "decoded databases (JSON)", string(b))
	assertNoSecrets(t, "decoded databases (%#v)", fmt.Sprintf("%#v", dbs))
	if got := f.callLog(); !cmp.Equal(got, []string{"GET /v2/redis/databases?"}) {
		t.Errorf("calls = %q", got)
	}
}

func TestGetDatabaseHidesCredentials(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		t.Run(fmt.Sprintf("server ignores hide=%v", ignore), func(t *testing.T) {
			f, srv := newFakeAPI(t)
			f.ignoreHide = ignore
			c, _ := newTestClient(t, srv, Options{})
			db, err := c.GetDatabase(context.Background(), firstID)
			if err != nil {
				t.Fatal(err)
			}
			if db.ID != firstID || db.Name != "MyRedis" {
				t.Errorf("got %+v", db)
			}
			if got := f.callLog(); !cmp.Equal(got, []string{"GET /v2/redis/database/" + firstID + "?credentials=hide"}) {
				t.Errorf("calls = %q, want credentials=hide", got)
			}
			b, _ := json.Marshal(db)
			assertNoSecrets(t, "decoded database", string(b)+fmt.Sprintf("%+v", db))
		})
	}
}

func TestResetPassword(t *testing.T) {
	f, srv := newFakeAPI(t)
	c, _ := newTestClient(t, srv, Options{})
	db, creds, err := c.ResetPassword(context.Background(), firstID)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.callLog(); !cmp.Equal(got, []string{"POST /v2/redis/reset-password/" + firstID + "?"}) {
		t.Errorf("calls = %q", got)
	}
	if db.ID != firstID {
		t.Errorf("database ID = %q", db.ID)
	}
	// Compare without printing the values.
	if creds.RESTToken != newToken || creds.ReadOnlyRESTToken != newReadToken || creds.Password != newToken {
		t.Error("credentials do not match the fake's new ones")
	}
	if creds.Endpoint != "beloved-stallion-58500.upstash.io" || creds.Port != 6379 || creds.RESTURL() != "https://beloved-stallion-58500.upstash.io" || creds.Empty() {
		t.Errorf("endpoint %q port %d", creds.Endpoint, creds.Port)
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("reset", "creds", creds)
	js, _ := json.Marshal(creds)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T %v"} {
		assertNoSecrets(t, "Credentials formatted with "+verb, fmt.Sprintf(verb, creds))
	}
	assertNoSecrets(t, "Credentials as JSON", string(js))
	assertNoSecrets(t, "Credentials in slog", logged.String())
	assertNoSecrets(t, "Database after reset", fmt.Sprintf("%+v", db))
	if !strings.Contains(creds.String(), "redis-rest-token AeSE… (63 chars)") {
		t.Errorf("String() = %q, want the redacted token", creds.String())
	}
}

func TestResetPasswordWithoutCredentials(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("POST /v2/redis/reset-password/x1", reply{status: 200, body: `{"database_id":"x1","tls":true}`})
	c, _ := newTestClient(t, srv, Options{})
	_, creds, err := c.ResetPassword(context.Background(), "x1")
	if err != nil || !creds.Empty() {
		t.Errorf("err = %v, empty = %v", err, creds.Empty())
	}
}

func TestAuthErrors(t *testing.T) {
	tests := []struct {
		name  string
		reply *reply // nil: the fake's own check of a wrong key
		key   string
		want  string
	}{
		{"wrong key", nil, "0f0f0f0f-9999-4222-8333-444455556666", "rejected the API key for d***@example.com (HTTP 401: Your API key is wrong); check UPSTASH_EMAIL and UPSTASH_API_KEY"},
		{"403", &reply{status: 403, body: `{"message":"Forbidden"}`}, "", "rejected the API key for d***@example.com (HTTP 403: Forbidden)"},
		{"read-only key", &reply{status: 403, body: `"Readonly API key cannot be used for this operation"`}, "", "this is a read-only API key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeAPI(t)
			if tt.reply != nil {
				f.push("GET /v2/redis/databases", *tt.reply)
			}
			c, s := newTestClient(t, srv, Options{APIKey: tt.key})
			_, err := c.ListDatabases(context.Background())
			if !errors.Is(err, ErrAuth) {
				t.Fatalf("err = %v, want ErrAuth", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.Attempts != 1 || len(s.all()) != 0 {
				t.Errorf("auth errors must not be retried: %+v, sleeps %v", ae, s.all())
			}
			assertNoSecrets(t, "auth error", err.Error())
			if tt.key != "" && strings.Contains(err.Error(), tt.key) {
				t.Error("auth error contains the rejected key")
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	_, srv := newFakeAPI(t)
	c, _ := newTestClient(t, srv, Options{})
	_, err := c.GetDatabase(context.Background(), "nope")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `database "nope" not found (HTTP 404: database not found)`) {
		t.Errorf("err = %v", err)
	}
	_, _, err = c.ResetPassword(context.Background(), "nope")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `database "nope" not found`) {
		t.Errorf("reset err = %v", err)
	}
	for _, bad := range []string{"", "../databases", "a/b", "x?y", strings.Repeat("a", 101)} {
		if _, err := c.GetDatabase(context.Background(), bad); err == nil {
			t.Errorf("GetDatabase(%q) succeeded", bad)
		}
	}
}

func TestRetryAfter429(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name       string
		retryAfter string
		want       time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"HTTP date", now.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second},
		{"date in the past", now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeAPI(t)
			f.push("GET /v2/redis/databases", reply{status: 429, header: map[string]string{"Retry-After": tt.retryAfter}, body: "Too Many Requests"})
			c, s := newTestClient(t, srv, Options{})
			c.now = func() time.Time { return now }
			dbs, err := c.ListDatabases(context.Background())
			if err != nil || len(dbs) != 2 {
				t.Fatalf("err = %v, %d databases", err, len(dbs))
			}
			if got := s.all(); !cmp.Equal(got, []time.Duration{tt.want}) {
				t.Errorf("waited %v, want [%v]", got, tt.want)
			}
		})
	}
}

func TestRetryAfterBeyondBudget(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{status: 429, header: map[string]string{"Retry-After": "120"}})
	c, s := newTestClient(t, srv, Options{})
	_, err := c.ListDatabases(context.Background())
	if !errors.Is(err, ErrRateLimited) || !strings.Contains(err.Error(), "not retrying") {
		t.Errorf("err = %v", err)
	}
	if len(s.all()) != 0 {
		t.Errorf("slept %v", s.all())
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/database/"+firstID,
		reply{status: 500, body: `{"error":"internal"}`},
		reply{status: 503, body: "Service Unavailable"})
	c, s := newTestClient(t, srv, Options{Backoff: 100 * time.Millisecond})
	db, err := c.GetDatabase(context.Background(), firstID)
	if err != nil || db.ID != firstID {
		t.Fatalf("err = %v", err)
	}
	got := s.all()
	if len(got) != 2 {
		t.Fatalf("waited %v, want two backoffs", got)
	}
	// Backoff 100ms doubles per retry, with ±50% jitter.
	for i, base := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond} {
		if got[i] < base/2 || got[i] >= base*3/2 {
			t.Errorf("wait %d = %v, want within [%v, %v)", i, got[i], base/2, base*3/2)
		}
	}
}

func TestServerErrorExhaustsRetries(t *testing.T) {
	f, srv := newFakeAPI(t)
	for range 5 {
		f.push("GET /v2/redis/databases", reply{status: 502, body: "<html>Bad Gateway</html>"})
	}
	c, s := newTestClient(t, srv, Options{MaxRetries: 2})
	_, err := c.ListDatabases(context.Background())
	var ae *APIError
	if !errors.Is(err, ErrServer) || !errors.As(err, &ae) || ae.Attempts != 3 || ae.StatusCode != 502 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "server error (HTTP 502) after 3 attempts") || strings.Contains(err.Error(), "html") {
		t.Errorf("err = %q", err)
	}
	if len(s.all()) != 2 || len(f.callLog()) != 3 {
		t.Errorf("sleeps %v, calls %d", s.all(), len(f.callLog()))
	}
}

func TestNoRetries(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{status: 500})
	c, _ := newTestClient(t, srv, Options{MaxRetries: -1})
	if _, err := c.ListDatabases(context.Background()); !errors.Is(err, ErrServer) || len(f.callLog()) != 1 {
		t.Errorf("err = %v after %d calls", err, len(f.callLog()))
	}
}

func TestSlowResponseTimesOut(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{hang: true}, reply{hang: true})
	c, s := newTestClient(t, srv, Options{Timeout: 50 * time.Millisecond, MaxRetries: 1})
	_, err := c.ListDatabases(context.Background())
	if !errors.Is(err, ErrRequest) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if !strings.Contains(err.Error(), "no response within 50ms") || !strings.Contains(err.Error(), "after 2 attempts") {
		t.Errorf("err = %q", err)
	}
	if len(s.all()) != 1 {
		t.Errorf("sleeps = %v", s.all())
	}
}

func TestSlowResponseThenSuccess(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{hang: true})
	c, _ := newTestClient(t, srv, Options{Timeout: 50 * time.Millisecond})
	if dbs, err := c.ListDatabases(context.Background()); err != nil || len(dbs) != 2 {
		t.Errorf("err = %v", err)
	}
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{status: 429, header: map[string]string{"Retry-After": "20"}})
	c, _ := newTestClient(t, srv, Options{})
	c.sleep = sleepCtx // really wait, so that cancellation has to interrupt it
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := c.ListDatabases(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(f.callLog()) != 1 {
		t.Errorf("%d calls after cancellation", len(f.callLog()))
	}
}

func TestContextCancelledDuringRequest(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{hang: true})
	c, s := newTestClient(t, srv, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	if _, err := c.ListDatabases(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(s.all()) != 0 || len(f.callLog()) != 1 {
		t.Errorf("retried after cancellation: sleeps %v", s.all())
	}
}

func TestNetworkErrorRetried(t *testing.T) {
	_, srv := newFakeAPI(t)
	c, s := newTestClient(t, srv, Options{MaxRetries: 2})
	srv.Close() // connection refused from now on
	_, err := c.ListDatabases(context.Background())
	if !errors.Is(err, ErrRequest) || !strings.Contains(err.Error(), "request failed after 3 attempts") {
		t.Errorf("err = %v", err)
	}
	if len(s.all()) != 2 {
		t.Errorf("sleeps = %v", s.all())
	}
}

func TestMalformedBodies(t *testing.T) {
	tests := []struct {
		name, path, body, want string
	}{
		{"truncated list", "GET /v2/redis/databases", `[{"database_id":"a","rest_token":"` + newToken[:30], "decoding /redis/databases response: truncated JSON"},
		{"garbage list", "GET /v2/redis/databases", `[{"database_id":"a"} ` + newToken + `]`, "decoding /redis/databases response: malformed JSON at byte"},
		{"object for list", "GET /v2/redis/databases", `{"database_id":"a","rest_token":"` + newToken + `"}`, "decoding /redis/databases response: expected a JSON array"},
		{"HTML page", "GET /v2/redis/database/" + firstID, "<html><body>" + newToken + "</body></html>", "decoding /redis/database/{id} response: malformed JSON at byte 1"},
		{"OK string", "GET /v2/redis/database/" + firstID, `"OK"`, "decoding /redis/database/{id} response: expected a database object or a JSON array of them, got a JSON string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeAPI(t)
			f.push(tt.path, reply{status: 200, body: tt.body})
			c, _ := newTestClient(t, srv, Options{})
			var err error
			if strings.HasSuffix(tt.path, "/databases") {
				_, err = c.ListDatabases(context.Background())
			} else {
				_, err = c.GetDatabase(context.Background(), firstID)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			assertNoSecrets(t, "decoding error", err.Error())
		})
	}
}

// TestErrorBodiesSanitised: server messages are shortened and stripped of
// token-shaped strings, the key and e-mail addresses.
func TestErrorBodiesSanitised(t *testing.T) {
	bodies := []string{
		`{"error":"token ` + newToken + ` is invalid"}`,
		`{"message":"user ` + testEmail + ` key ` + testKey + `"}`,
		`bad request: password=` + oldPassword + "\n\x1b[31mred",
		`"` + strings.Repeat("very long message ", 40) + `"`,
	}
	for i, body := range bodies {
		f, srv := newFakeAPI(t)
		f.push("GET /v2/redis/databases", reply{status: 400, body: body})
		c, _ := newTestClient(t, srv, Options{})
		_, err := c.ListDatabases(context.Background())
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != 400 {
			t.Fatalf("body %d: err = %v", i, err)
		}
		assertNoSecrets(t, fmt.Sprintf("error for body %d", i), err.Error())
		if len([]rune(ae.Message)) > maxMessageLen || strings.ContainsAny(ae.Message, "\n\x1b") {
			t.Errorf("body %d: message not sanitised: %q", i, ae.Message)
		}
	}
}

// TestSuccessBodyNeverInError: a 2xx body is never quoted in an error.
func TestSuccessBodyNeverInError(t *testing.T) {
	f, srv := newFakeAPI(t)
	f.push("GET /v2/redis/databases", reply{status: 200, body: `[{"database_name":"visible-name-xyz", "tls": true}, 5]`})
	c, _ := newTestClient(t, srv, Options{})
	_, err := c.ListDatabases(context.Background())
	if err == nil || strings.Contains(err.Error(), "visible-name-xyz") {
		t.Errorf("err = %v", err)
	}
}

func TestNewCredentialsFromEnv(t *testing.T) {
	t.Setenv(EnvBaseURL, "")
	t.Setenv(EnvEmail, "")
	t.Setenv(EnvAPIKey, "")
	_, err := New(Options{})
	if !errors.Is(err, ErrMissingCredentials) || !strings.Contains(err.Error(), "set UPSTASH_EMAIL and UPSTASH_API_KEY (or --email and --api-key)") {
		t.Errorf("err = %v", err)
	}
	_, err = New(Options{Email: testEmail})
	if !errors.Is(err, ErrMissingCredentials) || !strings.Contains(err.Error(), "set UPSTASH_API_KEY (or --api-key)") {
		t.Errorf("err = %v", err)
	}
	_, err = New(Options{APIKey: testKey})
	if !errors.Is(err, ErrMissingCredentials) || !strings.Contains(err.Error(), "set UPSTASH_EMAIL (or --email)") || strings.Contains(err.Error(), testKey) {
		t.Errorf("err = %v", err)
	}

	t.Setenv(EnvEmail, testEmail)
	t.Setenv(EnvAPIKey, testKey+"\n")
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.key != testKey || c.email != testEmail || c.BaseURL() != DefaultBaseURL {
		t.Errorf("env not applied: %v", c)
	}
	t.Setenv(EnvBaseURL, "http://127.0.0.1:9/v2/")
	if c, err := New(Options{}); err != nil || c.BaseURL() != "http://127.0.0.1:9/v2" {
		t.Errorf("UPSTASH_API_URL not applied: %v %v", c, err)
	}
	if c, err := New(Options{BaseURL: "https://example.test/v2"}); err != nil || c.BaseURL() != "https://example.test/v2" {
		t.Errorf("Options.BaseURL does not win over the env: %v %v", c, err)
	}
}

func TestNewRejectsUnsafeBaseURL(t *testing.T) {
	for _, u := range []string{
		"http://api.upstash.com/v2",       // key in clear over the network
		"https://user:pw@api.upstash.com", // user info
		"ftp://api.upstash.com/v2",
		"api.upstash.com/v2",
		"://bad",
	} {
		_, err := New(Options{BaseURL: u, Email: testEmail, APIKey: testKey})
		if err == nil {
			t.Errorf("New(%q) succeeded", u)
		} else if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), ":pw@") {
			t.Errorf("New(%q) error leaks: %v", u, err)
		}
	}
	for _, u := range []string{"http://localhost:8080/v2", "http://[::1]:8080", "https://api.upstash.com/v2"} {
		if _, err := New(Options{BaseURL: u, Email: testEmail, APIKey: testKey}); err != nil {
			t.Errorf("New(%q): %v", u, err)
		}
	}
}

func TestClientAndOptionsRedact(t *testing.T) {
	opts := Options{BaseURL: "https://api.upstash.com/v2", Email: testEmail, APIKey: testKey}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		assertNoSecrets(t, "Client with "+verb, fmt.Sprintf(verb, c))
		assertNoSecrets(t, "Options with "+verb, fmt.Sprintf(verb, opts))
	}
	if got := c.String(); got != "upstashapi.Client{base: https://api.upstash.com/v2, user: d***@example.com, key: [redacted, 36 chars]}" {
		t.Errorf("String() = %q", got)
	}
	if c.User() != "d***@example.com" {
		t.Errorf("User() = %q", c.User())
	}
}

func TestMaskEmail(t *testing.T) {
	for in, want := range map[string]string{
		"dev@example.com": "d***@example.com",
		"a@b.io":          "a***@b.io",
		"noatsign":        "n***",
		"@example.com":    "***@example.com",
		"":                `""`,
	} {
		if got := maskEmail(in); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSanitizeText(t *testing.T) {
	tests := map[string]string{
		"database not found":                            "database not found",
		"id " + firstID + " is gone":                    "id " + firstID + " is gone", // database IDs stay
		"token " + newToken:                             "token [redacted]",
		"pw " + oldPassword + " bad":                    "pw [redacted] bad",
		"mail " + testEmail:                             "mail d***@example.com",
		"a\nb\tc\x1b[0m":                                "a b c[0m",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // no digits: not a token
	}
	for in, want := range tests {
		if got := sanitizeText(in); got != want {
			t.Errorf("sanitizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSanitizeText: the sanitiser never panics, returns one short line, and
// never returns a token-shaped run it was given.
func FuzzSanitizeText(f *testing.F) {
	for _, s := range []string{"database not found", newToken, `{"error":"x"}`, "a\x00b\nc", testEmail, "é" + newToken + "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := sanitizeText(s)
		if len([]rune(out)) > maxMessageLen || strings.ContainsAny(out, "\n\r\x00") {
			t.Fatalf("not one short line: %q", out)
		}
		for _, m := range tokenShaped.FindAllString(out, -1) {
			if !uuidShaped.MatchString(m) && hasLetterAndDigit(m) && !strings.HasSuffix(m, "…") && strings.Contains(s, m) {
				t.Fatalf("token-shaped run survived: %q", m)
			}
		}
	})
}

// TestResetPasswordRejectsControlCharacters: a reset answer whose endpoint or
// credentials hold a line break (or another control character, a space, a
// non-ASCII byte) is an error naming the field, so that nothing can write an
// extra KEY= line into an env file (issue 15 row 14).
func TestResetPasswordRejectsControlCharacters(t *testing.T) {
	for _, tt := range []struct{ field, value string }{
		{"endpoint", "fake-otter-12345.upstash.io\nUPSTASH_REDIS_REST_TOKEN=evil"},
		{"endpoint", "evil.example/x"},
		{"endpoint", "fake otter"},
		{"endpoint", "-fake"},
		{"password", newToken + "\nEVIL=1"},
		{"password", "dead\rbeef"},
		{"rest_token", newToken + "\x00"},
		{"rest_token", "with space"},
		{"rest_token", "tab\there"},
		{"read_only_rest_token", newReadToken + "\u2028X=1"},
		{"read_only_rest_token", newReadToken + "\x1b[31m"},
	} {
		f, srv := newFakeAPI(t)
		body, _ := json.Marshal(map[string]any{
			"database_id": "x1", "tls": true, "endpoint": "fake-otter-12345", "port": 6379,
			"password": newToken, "rest_token": newToken, "read_only_rest_token": newReadToken, tt.field: tt.value,
		})
		f.push("POST /v2/redis/reset-password/x1", reply{status: 200, body: string(body)})
		c, _ := newTestClient(t, srv, Options{})
		_, creds, err := c.ResetPassword(context.Background(), "x1")
		want := "decoding /redis/reset-password/{id} response (the reset happened; see the console for the new credentials): the response's " +
			tt.field + ": a control character, space or other unexpected character"
		if err == nil || err.Error() != want || !creds.Empty() {
			t.Errorf("%s %q: err = %v, empty = %v", tt.field, tt.value, err, creds.Empty())
		}
		if err != nil {
			assertNoSecrets(t, "error", err.Error())
		}
	}
}
