package rules

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the catalogue")

var nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestCatalogueWellFormed checks every rule's metadata: what SARIF, the docs
// and `upscan explain` need.
func TestCatalogueWellFormed(t *testing.T) {
	names := map[string]ID{}
	for _, r := range All() {
		if !nameRE.MatchString(r.Name) {
			t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
		}
		if other, dup := names[r.Name]; dup {
			t.Errorf("%s: name %q already used by %s", r.ID, r.Name, other)
		}
		names[r.Name] = r.ID
		if r.Short == "" || strings.HasSuffix(r.Short, ".") || strings.Contains(r.Short, "\n") {
			t.Errorf("%s: Short must be one line without a trailing period: %q", r.ID, r.Short)
		}
		if len(strings.TrimSpace(r.Help)) < 80 {
			t.Errorf("%s: Help is too short to explain why and how to fix", r.ID)
		}
		if r.Practice < 0 || r.Practice > len(Practices) {
			t.Errorf("%s: Practice %d is not 0–6", r.ID, r.Practice)
		}
		if r.Practice > 0 && len(r.CWE) == 0 {
			t.Errorf("%s: a security rule needs at least one CWE", r.ID)
		}
		if r.Severity < Info || r.Severity > Critical {
			t.Errorf("%s: severity %d out of range", r.ID, r.Severity)
		}
	}
}

func TestSeverityRoundTrip(t *testing.T) {
	for s := Info; s <= Critical; s++ {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity(severe) succeeded")
	}
}

func TestRedact(t *testing.T) {
	r := Redact("redis-rest-token", "ATA5AAIncDFkZWFk")
	if r.Prefix != "ATA5" || r.Length != 16 || r.Kind != "redis-rest-token" || len(r.SHA256) != 64 {
		t.Errorf("Redact = %+v", r)
	}
	if got := r.String(); got != "redis-rest-token ATA5… (16 chars)" {
		t.Errorf("String() = %q", got)
	}
	if short := Redact("k", "ab"); short.Prefix != "ab" {
		t.Errorf("short prefix = %q", short.Prefix)
	}
}

func TestFingerprintIgnoresLines(t *testing.T) {
	bind := func(f Finding, path string, n int) string {
		f.SetFingerprint("")
		f.BindFingerprint(path, n)
		return f.Fingerprint
	}
	a := Finding{RuleID: "UPS101", Path: "a.ts", Line: 3, Secret: Redact("k", "secret-value")}
	b := a
	b.Line = 40
	if bind(a, "a.ts", 1) != bind(b, "a.ts", 1) {
		t.Error("fingerprint depends on the line")
	}
	if bind(a, "a.ts", 1) == bind(a, "b.ts", 1) {
		t.Error("fingerprint ignores the path")
	}
	if bind(a, "a.ts", 1) == bind(a, "a.ts", 2) {
		t.Error("a second identical finding in a file shares the first one's fingerprint")
	}
}

// TestFamilies checks that every rule has a family, that the family is the
// hundreds digit of its ID (UPS4xx is RateLimit), and that Get finds it.
func TestFamilies(t *testing.T) {
	byDigit := map[byte]Family{'0': Meta, '1': Credentials, '2': Exposure, '3': Transport, '4': RateLimit, '5': Scope, '6': Posture}
	for _, r := range All() {
		if r.Family == 0 {
			t.Errorf("%s: no Family", r.ID)
		}
		if want := byDigit[r.ID[3]]; r.Family != want {
			t.Errorf("%s: Family %v, want %v", r.ID, r.Family, want)
		}
		if strings.HasPrefix(r.Family.String(), "family(") {
			t.Errorf("%s: Family %d has no name", r.ID, r.Family)
		}
		if Get(r.ID) != r || Lookup(strings.ToLower(string(r.ID))) != r {
			t.Errorf("%s: Get or Lookup does not find it", r.ID)
		}
	}
	if Get("UPS999") != nil || Family(0).String() != "family(0)" {
		t.Error("Get or Family.String accept what is not there")
	}
	// The IDs analyzers refer to are the catalogue's.
	for _, id := range []ID{UnusedIgnore, RedisRESTToken, TokenInClientCode, PlaintextUpstashURL, EndpointWithoutRateLimit,
		RateLimitOffRequestPath, ReadOnlyTokenSuffices, QStashWebhookUnverified, DBTLSDisabled, TerraformOutputCredential} {
		if Get(id) == nil {
			t.Errorf("%s is not registered", id)
		}
	}
}

// TestDocsUpToDate keeps docs/rules.md identical to WriteMarkdown's output.
// Regenerate with `make docs` or `go test ./rules -update`.
func TestDocsUpToDate(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	const path = "../docs/rules.md"
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run make docs)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s is stale: run make docs", path)
	}
}
