package wanttest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// writeTree writes files (slash paths → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExpectations(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"src/index.ts":  "import Redis from \"ioredis\";\nnew Redis(url); // want \"UPS301\"\n",
		"app.py":        "r = redis.Redis(ssl_cert_reqs=None)  # want \"UPS302\" \"UPS303\"\n",
		".env":          "# a comment that wants nothing\nT=x # want \"UPS101\"   \"UPS201\"\r\n",
		"index.html":    "<script src=\"/a.js\"></script> <!-- want \"UPS204\" -->\n",
		"main.go":       "var c = &tls.Config{InsecureSkipVerify: true} /* want \"UPS302\" */\n",
		"vercel.json":   "{\n  \"env\": {\"U\": \"http://x\"} // want \"UPS301\"\n}\n",
		"notes.md":      "wanting nothing here; want \"UPS101\" is not a comment\n",
		"bin/blob.data": "\x00// want \"UPS101\"\n",
	})
	got, err := Expectations(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Key{
		{".env", 2, "UPS101"}, {".env", 2, "UPS201"},
		{"app.py", 1, "UPS302"}, {"app.py", 1, "UPS303"},
		{"index.html", 1, "UPS204"},
		{"main.go", 1, "UPS302"},
		{"src/index.ts", 2, "UPS301"},
		{"vercel.json", 2, "UPS301"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expectations (-want +got):\n%s", diff)
	}
}

func TestExpectationsMalformed(t *testing.T) {
	for _, c := range []string{`// want "UPS30"`, `# want "plaintext URL"`, `// want ""`} {
		dir := writeTree(t, map[string]string{"a/b.ts": "x\n" + c + "\n"})
		_, err := Expectations(dir)
		if err == nil || !strings.Contains(err.Error(), "a/b.ts:2: ") {
			t.Errorf("%s: error = %v, want one naming a/b.ts:2", c, err)
		}
	}
}

func TestCompare(t *testing.T) {
	dir := writeTree(t, map[string]string{"index.ts": "", "lib/redis.py": ""})
	wants := []Key{{"index.ts", 3, "UPS301"}, {"index.ts", 5, "UPS302"}, {"lib/redis.py", 2, "UPS303"}}
	findings := []rules.Finding{
		{RuleID: "UPS301", Path: "index.ts", Line: 3, Message: "plaintext"},
		{RuleID: "UPS301", Path: "index.ts", Line: 3, Message: "the same again"}, // a set: one want, two findings
		{RuleID: "UPS109", Path: "index.ts", Line: 3, Message: "token next to URL"},
		{RuleID: "UPS303", Path: filepath.Join(dir, "lib", "redis.py"), Line: 2, Message: "absolute path"},
		{RuleID: "UPS602", Logical: "upstash/redis/db", Message: "no Prod Pack"},
	}
	got := Compare(dir, wants, findings)
	want := []Problem{
		{Key: Key{"index.ts", 3, "UPS109"}, Message: "token next to URL"},
		{Key: Key{"index.ts", 5, "UPS302"}, Missing: true},
		{Key: Key{"upstash/redis/db", 0, "UPS602"}, Message: "no Prod Pack"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if s := got[0].String(); s != "index.ts:3: unexpected UPS109: token next to URL" {
		t.Errorf("String() = %q", s)
	}
	if s := got[1].String(); !strings.HasPrefix(s, "index.ts:5: missing UPS302") {
		t.Errorf("String() = %q", s)
	}
}

// recorder is a testing.TB that records errors instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.errs = append(r.errs, fmt.Sprint(args...)) }
func (r *recorder) Fatal(args ...any) { r.errs = append(r.errs, "fatal: "+fmt.Sprint(args...)) }

func TestCheck(t *testing.T) {
	dir := writeTree(t, map[string]string{"index.ts": "a // want \"UPS301\"\nb\n"})
	run := func(found ...rules.Finding) Runner {
		return func(string) ([]rules.Finding, error) { return found, nil }
	}
	ok := &recorder{TB: t}
	Check(ok, dir, run(rules.Finding{RuleID: "UPS301", Path: "index.ts", Line: 1}))
	if len(ok.errs) != 0 {
		t.Errorf("matching findings: %d errors reported", len(ok.errs))
	}
	bad := &recorder{TB: t}
	Check(bad, dir, run(rules.Finding{RuleID: "UPS301", Path: "index.ts", Line: 2}))
	if len(bad.errs) != 2 {
		t.Errorf("a finding one line off: %d errors reported, want 2 (missing and unexpected)", len(bad.errs))
	}
	failed := &recorder{TB: t}
	Check(failed, dir, func(string) ([]rules.Finding, error) { return nil, errors.New("index.ts: parse failed") })
	if len(failed.errs) != 1 || !strings.HasPrefix(failed.errs[0], "fatal: ") {
		t.Errorf("a failing runner: errors %q, want one Fatal", failed.errs)
	}
}
