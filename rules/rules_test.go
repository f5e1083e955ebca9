package rules

import (
	"bytes"
	"github.com/upscan/upscan/internal/golden"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

func TestBindFingerprints(t *testing.T) {
	bind := func(path func(string) string, fs ...Finding) []string {
		BindFingerprints(fs, path)
		var out []string
		for _, f := range fs {
			out = append(out, f.Fingerprint)
		}
		return out
	}
	a := Finding{RuleID: "UPS101", Path: "a.ts", Line: 3, Secret: Redact("k", "secret-value")}
	a.SetKey("ignored for secrets")
	moved := a
	moved.Line = 40
	moved.SetKey("other")
	if bind(nil, a)[0] != bind(nil, moved)[0] {
		t.Error("fingerprint depends on the line or on the key of a secret finding")
	}
	other := a
	other.Path = "b.ts"
	if bind(nil, a)[0] == bind(nil, other)[0] {
		t.Error("fingerprint ignores the path")
	}
	if got := bind(func(string) string { return "sub/b.ts" }, other)[0]; got != Fingerprint("UPS101", "sub/b.ts", Fingerprint("UPS101", "", a.Secret.SHA256)) {
		t.Error("the path function is not applied")
	}
	if two := bind(nil, moved, a); two[0] == two[1] {
		t.Error("a second identical finding in a file shares the first one's fingerprint")
	}
	// A rule changed after the analyzer (build output re-reports a
	// credential as UPS204) binds once the key is set again.
	rerule := a
	rerule.RuleID = "UPS204"
	rerule.SetKey("")
	if bind(nil, rerule)[0] != Fingerprint("UPS204", "a.ts", Fingerprint("UPS204", "", a.Secret.SHA256)) {
		t.Error("the fingerprint keeps the analyzer's rule")
	}

	// The formula is fixed: baselines and code-scanning alerts depend on it.
	plain := Finding{RuleID: "UPS301", Path: "lib/redis.ts", Line: 2}
	plain.SetKey("redis://fake-otter-12345.upstash.io")
	second := Finding{RuleID: "UPS301", Path: "lib/redis.ts", Line: 9}
	second.SetKey("  redis://fake-otter-12345.upstash.io\n")
	if plain.Key != second.Key || strings.Contains(plain.Key, "upstash") {
		t.Errorf("keys %q and %q: not normalised, or the content is kept", plain.Key, second.Key)
	}
	content := Fingerprint("UPS301", "", "redis://fake-otter-12345.upstash.io")
	want := []string{Fingerprint("UPS301", "lib/redis.ts", content), Fingerprint("UPS301", "lib/redis.ts", content+"#2")}
	if diff := cmp.Diff(want, bind(nil, second, plain)); diff != "" {
		t.Errorf("fingerprints (-want +got):\n%s", diff)
	}
	if want[0] != "b8df394273bf925b2334f6bdcd019e9e" {
		t.Errorf("fingerprint %s, want the one upscan has always computed", want[0])
	}
	// A finding without a key binds the empty key, as it always has.
	if got := bind(nil, Finding{RuleID: "UPS301", Path: "x.ts"})[0]; got != Fingerprint("UPS301", "x.ts", "") {
		t.Errorf("unkeyed fingerprint %s", got)
	}

	// A finding without a file is identified by rule and key alone.
	db := Finding{RuleID: "UPS601", Logical: "upstash/redis/shop"}
	db.SetKey("upstash-redis-database 42")
	if got := bind(nil, db, db); got[0] != Fingerprint("UPS601", "", "upstash-redis-database 42") || got[1] != got[0] {
		t.Errorf("logical fingerprints %v", got)
	}
}

// TestFamilies checks that every rule has a family, that the family is the
// hundreds digit of its ID (UPS4xx is RateLimit), and that Get finds it.
// TestPrecisions: every rule says how sure its findings are, and why, in
// SARIF's terms.
func TestPrecisions(t *testing.T) {
	for _, r := range All() {
		switch r.Precision {
		case PrecisionVeryHigh, PrecisionHigh, PrecisionMedium:
		default:
			t.Errorf("%s: precision %q, want one of very-high, high, medium (precision.go)", r.ID, r.Precision)
		}
		if r.PrecisionWhy == "" {
			t.Errorf("%s: precision without a reason", r.ID)
		}
	}
	for id := range precisions {
		if Lookup(string(id)) == nil {
			t.Errorf("precision.go lists %s, which is not in the catalogue", id)
		}
	}
}

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
	golden.Check(t, "../docs/rules.md", buf.Bytes())
}

// TestSeverityCases checks the severity table: every entry names a rule,
// each case differs from the rule's default and from the other cases, and
// says when it applies.
func TestSeverityCases(t *testing.T) {
	for id, cases := range severityCases {
		r := Lookup(string(id))
		if r == nil {
			t.Errorf("severity cases for %s, which is not in the catalogue", id)
			continue
		}
		seen := map[Severity]bool{r.Severity: true}
		for _, c := range cases {
			if seen[c.Severity] {
				t.Errorf("%s: severity %s listed twice (or as the default)", id, c.Severity)
			}
			seen[c.Severity] = true
			if strings.TrimSpace(c.When) == "" {
				t.Errorf("%s: severity case %s does not say when", id, c.Severity)
			}
		}
		if len(r.Cases) != len(cases) {
			t.Errorf("%s: Register did not attach its severity cases", id)
		}
	}
}
