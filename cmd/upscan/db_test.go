package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FAKE credentials built to UPSTASH.md §1.2's formats; never real.
const (
	fakeEmail      = "dev@example.com"
	fakeAPIKey     = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	oldPassword    = "deadbeefcafef00d0badc0de12345678"
	oldRESTToken   = "ATA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg="
	newRESTToken   = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	newROToken     = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	insecureDBID   = "0f0f0f0f-1111-4222-8333-444455556666"
	hardenedDBID   = "0f0f0f0f-2222-4333-8444-555566667777"
	hardenedDBHost = "fake-otter-12345"
)

// secrets are every credential the fake API sends, for leak checks.
var secrets = []string{fakeAPIKey, oldPassword, oldRESTToken, newRESTToken, newROToken}

// fakeAPI is an httptest fake of the Developer API (UPSTASH.md §5): list,
// reset-password, Basic auth. It records the requests it served.
type fakeAPI struct {
	srv *httptest.Server
	mu  sync.Mutex
	log []string // "GET /v2/redis/databases"
	// hook, when set, may answer a request instead of the fake (it returns
	// true when it did); set it before the first request.
	hook func(w http.ResponseWriter, r *http.Request) bool
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	insecure := map[string]any{
		"database_id": insecureDBID, "database_name": "main", "type": "payg", "endpoint": "fake-falcon-12345",
		"port": 6379, "password": oldPassword, "rest_token": oldRESTToken, "user_email": "owner@example.com",
		"tls": false, "eviction": true, "auto_upgrade": true, "budget": 0, "db_acl_enabled": "false",
		"prometheus_enabled": "false", "prod_pack_enabled": false, "daily_backup_enabled": false, "allowed_ip_ranges": []string{},
		"securityAddons": map[string]bool{"ipWhitelisting": false, "vpcPeering": false, "privateLink": false, "tlsMutualAuth": false, "encryptionAtRest": false},
	}
	hardened := map[string]any{
		"database_id": hardenedDBID, "database_name": "shop-prod", "type": "paid", "endpoint": hardenedDBHost, "port": 6379,
		"password": oldRESTToken, "rest_token": oldRESTToken, "tls": true, "eviction": false, "auto_upgrade": false, "budget": 500,
		"db_acl_enabled": "true", "db_acl_default_user_status": "false", "prometheus_enabled": "true", "prod_pack_enabled": true,
		"daily_backup_enabled": true, "allowed_ip_ranges": []string{"203.0.113.0/24"},
		"securityAddons": map[string]bool{"ipWhitelisting": true, "vpcPeering": false, "privateLink": false, "tlsMutualAuth": false, "encryptionAtRest": true},
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(fakeEmail+":"+fakeAPIKey))
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.log = append(f.log, r.Method+" "+r.URL.Path)
		hook := f.hook
		f.mu.Unlock()
		if hook != nil && hook(w, r) {
			return
		}
		if r.Header.Get("Authorization") != want {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"Your API key is wrong"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v2/redis/databases":
			json.NewEncoder(w).Encode([]any{insecure, hardened})
		case r.Method == http.MethodPost && r.URL.Path == "/v2/redis/reset-password/"+hardenedDBID:
			db := map[string]any{}
			for k, v := range hardened {
				db[k] = v
			}
			db["password"], db["rest_token"], db["read_only_rest_token"] = newRESTToken, newRESTToken, newROToken
			json.NewEncoder(w).Encode(db)
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`"database not found"`))
		}
	}))
	t.Cleanup(f.srv.Close)
	t.Setenv("UPSTASH_API_URL", f.srv.URL+"/v2")
	t.Setenv("UPSTASH_EMAIL", fakeEmail)
	t.Setenv("UPSTASH_API_KEY", fakeAPIKey)
	t.Setenv("NO_COLOR", "1")
	return f
}

func (f *fakeAPI) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

// execDB runs an `upscan db` command line with the given stdin and terminal
// answer and returns the exit code and outputs, as run does.
func execDB(t *testing.T, stdin string, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newDBCmdEnv(&dbEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(stdin), stdinIsTTY: func() bool { return tty }})
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	err := cmd.Execute()
	var ec exitCode
	switch {
	case err == nil:
		code = exitClean
	case errors.As(err, &ec):
		code = int(ec)
	default:
		errb.WriteString("upscan: " + err.Error() + "\n")
		code = exitError
	}
	return code, out.String(), errb.String()
}

// assertNoSecret fails when any fake credential appears in s beyond its
// 4-character prefix. It never prints the value.
func assertNoSecret(t *testing.T, where, s string) {
	t.Helper()
	for i, sec := range secrets {
		if strings.Contains(s, sec[:6]) {
			t.Errorf("%s contains fake secret #%d beyond its 4-character prefix", where, i)
		}
	}
}

func TestDBLive(t *testing.T) {
	api := newFakeAPI(t)

	code, out, errOut := execDB(t, "", false, "--min-score", "50")
	if code != exitFindings {
		t.Errorf("exit %d, want 1 (main scores 0)\nstderr: %s", code, errOut)
	}
	for _, want := range []string{"Database posture (2 databases)", "main: 0/100 (F)", "shop-prod: 95/100 (A)",
		"UPS615 Env split (manual): only production databases are named", "upstash/redis/main"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, `database "main" scores 0 (F), below --min-score 50`) || strings.Contains(errOut, "shop-prod") {
		t.Errorf("stderr = %q", errOut)
	}
	assertNoSecret(t, "stdout", out)
	assertNoSecret(t, "stderr", errOut)

	// Selection by name and by ID, every format.
	for _, format := range []string{"text", "json", "sarif", "github", "markdown"} {
		code, out, errOut = execDB(t, "", false, "shop-prod", hardenedDBID, "--min-score", "90", "--format", format)
		if code != exitClean {
			t.Errorf("%s: exit %d, want 0\nstderr: %s", format, code, errOut)
		}
		if strings.Contains(out, "upstash/redis/main") {
			t.Errorf("%s: an unselected database is in the report", format)
		}
		assertNoSecret(t, format+" stdout", out)
		assertNoSecret(t, format+" stderr", errOut)
	}

	code, _, errOut = execDB(t, "", false, "nope")
	if code != exitError || !strings.Contains(errOut, `no database with ID or name "nope" (databases: "main", "shop-prod")`) {
		t.Errorf("unknown database: exit %d, stderr %q", code, errOut)
	}
	for _, r := range api.requests() {
		if r != "GET /v2/redis/databases" {
			t.Errorf("unexpected request %s", r)
		}
	}
}

func TestDBLiveAuthFailure(t *testing.T) {
	newFakeAPI(t)
	t.Setenv("UPSTASH_API_KEY", "0f0f0f0f-9999-4999-8999-999999999999")
	code, out, errOut := execDB(t, "", false)
	if code != exitError {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" {
		t.Errorf("stdout is not empty: %q", out)
	}
	if !strings.Contains(errOut, "Developer API rejected the API key for d***@example.com (HTTP 401: Your API key is wrong)") {
		t.Errorf("stderr = %q", errOut)
	}
	if strings.Contains(errOut, "0f0f0f0f-9999") {
		t.Error("stderr shows the API key")
	}
}

func TestDBLiveAPIKeyFile(t *testing.T) {
	newFakeAPI(t)
	t.Setenv("UPSTASH_API_KEY", "")
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(fakeAPIKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := execDB(t, "", false, "--api-key-file", keyFile, "shop-prod")
	if code != exitClean || !strings.Contains(out, "shop-prod: 95/100 (A)") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

func TestDBRotate(t *testing.T) {
	api := newFakeAPI(t)
	dir := t.TempDir()
	envFile := filepath.Join(dir, ".env.local")
	before := "# deploy settings\nexport UPSTASH_REDIS_REST_TOKEN=old-value\nOTHER=keep\nUPSTASH_REDIS_REST_TOKEN=dup\n"
	if err := os.WriteFile(envFile, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := execDB(t, "", false, "rotate", "shop-prod", "--yes", "--write-env", envFile)
	if code != exitClean {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	assertNoSecret(t, "stdout", out)
	assertNoSecret(t, "stderr", errOut)
	for _, want := range []string{
		`credentials of database "shop-prod" (id ` + hardenedDBID + `) rotated`,
		"new REST token ATA5… (63 chars)", "new read-only REST token AjA5… (54 chars)",
		"wrote UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, UPSTASH_REDIS_URL to " + envFile + " (mode 0600)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	fi, err := os.Stat(envFile)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("env file mode %v, want 0600", fi.Mode().Perm())
	}
	got, _ := os.ReadFile(envFile)
	want := "# deploy settings\n" +
		"export UPSTASH_REDIS_REST_TOKEN=" + newRESTToken + "\n" +
		"OTHER=keep\n" +
		"UPSTASH_REDIS_REST_URL=https://" + hardenedDBHost + ".upstash.io\n" +
		"UPSTASH_REDIS_URL=rediss://default:" + newRESTToken + "@" + hardenedDBHost + ".upstash.io:6379\n"
	if string(got) != want {
		// The file holds fake credentials only; compare by line count and keys.
		t.Errorf("env file differs from the expected content:\n%s", cmp.Diff(redactLines(want), redactLines(string(got))))
	}
	if diff := cmp.Diff([]string{"GET /v2/redis/databases", "POST /v2/redis/reset-password/" + hardenedDBID}, api.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// redactLines shows each line's key and value length, never the value.
func redactLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		k, v, ok := strings.Cut(l, "=")
		if ok {
			l = k + "=<" + string(rune('0'+len(v)%10)) + " mod 10 chars>"
		}
		out = append(out, l)
	}
	return out
}

func TestDBRotateConfirmation(t *testing.T) {
	api := newFakeAPI(t)

	// No terminal, no --yes: refused before any request.
	code, _, errOut := execDB(t, "y\n", false, "rotate", "shop-prod")
	if code != exitError || !strings.Contains(errOut, "standard input is not a terminal") {
		t.Errorf("no tty: exit %d, stderr %q", code, errOut)
	}
	if n := len(api.requests()); n != 0 {
		t.Errorf("%d requests made without confirmation", n)
	}

	// A terminal answering no: the database is read, nothing is reset.
	code, out, errOut := execDB(t, "n\n", true, "rotate", "shop-prod")
	if code != exitError || !strings.Contains(errOut, `Reset the password of database "shop-prod" (id `+hardenedDBID+`)? This revokes both REST tokens and the TCP password. [y/N]`) ||
		!strings.Contains(errOut, "not confirmed") || out != "" {
		t.Errorf("answer n: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, r := range api.requests() {
		if strings.HasPrefix(r, "POST") {
			t.Errorf("reset after answering no: %s", r)
		}
	}

	// Answering yes resets; without --write-env nothing secret is shown.
	code, out, errOut = execDB(t, "yes\n", true, "rotate", hardenedDBID)
	if code != exitClean || !strings.Contains(out, "rotated") || !strings.Contains(errOut, "without --write-env the new credentials are not saved") {
		t.Errorf("answer yes: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	assertNoSecret(t, "stdout", out)
	assertNoSecret(t, "stderr", errOut)
	if reqs := api.requests(); reqs[len(reqs)-1] != "POST /v2/redis/reset-password/"+hardenedDBID {
		t.Errorf("last request %s, want the reset", reqs[len(reqs)-1])
	}
}
