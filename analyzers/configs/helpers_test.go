package configs

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// FAKE credentials built to UPSTASH.md §1 (they decode; the content is fake).
const (
	fakeRedisToken  = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	fakeRedisRO     = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	fakeRedisOld    = "ATA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg="
	fakeQStashToken = "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0="
	fakeSigningKey  = "sig_3xAmPLe4FakeKeyNotReaLpQrSt7"
	fakeVectorToken = "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	fakeVectorRO    = "ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	// Public QStash dev-server values (UPSTASH.md §1.3): not secrets.
	devQStashToken = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0="
	devSigningKey  = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r"
)

// plantedSecrets are the values no output may contain beyond a 4-byte prefix.
var plantedSecrets = []string{fakeRedisToken, fakeRedisRO, fakeRedisOld, fakeQStashToken, fakeSigningKey, fakeVectorToken, fakeVectorRO}

func analyze(t testing.TB, path, src string) (*facts.File, []rules.Finding) {
	t.Helper()
	a, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return analyzeFile(a, path, []byte(src))
}

// varLine renders an EnvVar on one line.
func varLine(v facts.EnvVar) string {
	s := fmt.Sprintf("%d:%d %s", v.Pos.Line, v.Pos.Col, v.Name)
	if v.Public {
		s += " public"
	}
	if v.Kind != "" {
		s += " kind=" + v.Kind
	}
	if v.Host != "" {
		s += " url=" + v.Scheme + "://" + v.Host
	}
	if v.Environment != "" {
		s += " env=" + v.Environment
	}
	return s
}

// findingLine renders a finding on one line.
func findingLine(f rules.Finding) string {
	s := fmt.Sprintf("%s %s %d:%d-%d:%d %s", f.RuleID, f.Severity, f.Line, f.Col, f.EndLine, f.EndCol, f.Message)
	if !f.Secret.IsZero() {
		s += " [" + f.Secret.String() + "]"
	}
	return s
}

// short renders a finding as "RULE severity line:col".
func short(f rules.Finding) string {
	return fmt.Sprintf("%s %s %d:%d", f.RuleID, f.Severity, f.Line, f.Col)
}

// render prints everything Analyze returned, for goldens.
func render(f *facts.File, fs []rules.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file %s (%s)\n", f.Path, f.Lang)
	for _, n := range f.Notes {
		fmt.Fprintf(&b, "  note %s\n", n)
	}
	for _, v := range f.EnvVars {
		fmt.Fprintf(&b, "  var %s\n", varLine(v))
	}
	if tc := f.TSConfig; tc != nil {
		keys := make([]string, 0, len(tc.Paths))
		for k := range tc.Paths {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var ps []string
		for _, k := range keys {
			ps = append(ps, k+"="+strings.Join(tc.Paths[k], "|"))
		}
		fmt.Fprintf(&b, "  tsconfig dir=%s baseUrl=%s extends=%s paths=%s\n", tc.Dir, tc.BaseURL, tc.Extends, strings.Join(ps, ","))
	}
	for _, x := range fs {
		fmt.Fprintf(&b, "  finding %s\n", findingLine(x))
	}
	return b.String()
}

// assertNoSecret fails when s holds a planted secret beyond its prefix.
func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, sec := range plantedSecrets {
		if strings.Contains(s, sec[:12]) {
			t.Errorf("%s contains a planted secret (%s)", what, rules.Redact("planted", sec))
		}
	}
}
