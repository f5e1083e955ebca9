//go:build cgo

package python

import (
	"fmt"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// FAKE credentials built to UPSTASH.md §1 (they decode; the content is fake).
const (
	fakeRedisToken    = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	fakeRedisRO       = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	fakeQStashToken   = "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0="
	fakeSigningKey    = "sig_3xAmPLe4FakeKeyNotReaLpQrSt7"
	fakeVectorToken   = "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	fakeVectorRO      = "ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	fakeRedisPassword = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
)

// plantedSecrets are the values no output may contain beyond a 4-byte prefix.
var plantedSecrets = []string{fakeRedisToken, fakeRedisRO, fakeQStashToken, fakeSigningKey, fakeVectorToken, fakeVectorRO, fakeRedisPassword}

func newAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

// value renders a facts.Value compactly: "env:NAME", "lit:https://host",
// "lit:secret(kind)", "import:spec#Name", "unknown", "absent".
func value(v facts.Value) string {
	switch v.Origin {
	case facts.Absent:
		return "absent"
	case facts.Unknown:
		return "unknown"
	case facts.FromEnv:
		s := "env:" + v.Env
		if v.Public {
			s += "(public)"
		}
		return s
	case facts.FromImport:
		return "import:" + v.From + "#" + v.Name
	case facts.Literal:
		switch {
		case !v.Secret.IsZero():
			return "lit:secret(" + v.Secret.Kind + ")"
		case v.Host != "" && v.Scheme != "":
			return "lit:" + v.Scheme + "://" + v.Host
		case v.Host != "":
			return "lit:host " + v.Host
		}
		return "lit"
	}
	return "?"
}

// clientLine renders a client on one line for table tests and goldens.
func clientLine(c facts.Client) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d %s %s var=%s", c.Pos.Line, c.Pos.Col, c.Product, c.SDK, c.Var)
	if c.Default {
		b.WriteString(" default")
	}
	fmt.Fprintf(&b, " url=%s token=%s", value(c.URL), value(c.Token))
	if c.ReadOnlyToken {
		b.WriteString(" read-only")
	}
	if len(c.InsecureTLS) > 0 {
		var ps []string
		for _, p := range c.InsecureTLS {
			ps = append(ps, fmt.Sprintf("%d:%d", p.Line, p.Col))
		}
		b.WriteString(" insecure=" + strings.Join(ps, ","))
	}
	if len(c.Commands) > 0 {
		b.WriteString(" cmds=" + commands(c.Commands))
	}
	return b.String()
}

func commands(cs []facts.Command) string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return strings.Join(names, ",")
}

// findingLine renders a finding on one line.
func findingLine(f rules.Finding) string {
	s := fmt.Sprintf("%s %s %d:%d-%d:%d %s", f.RuleID, f.Severity, f.Line, f.Col, f.EndLine, f.EndCol, f.Message)
	if !f.Secret.IsZero() {
		s += " [" + f.Secret.String() + "]"
	}
	for _, r := range f.Related {
		s += fmt.Sprintf(" (related %d:%d %s)", r.Line, r.Col, r.Message)
	}
	return s
}

// render prints everything Analyze returned, in a stable order, for goldens.
func render(f *facts.File, fs []rules.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file %s (%s)\n", f.Path, f.Lang)
	for _, n := range f.Notes {
		fmt.Fprintf(&b, "  note %s\n", n)
	}
	for _, i := range f.Imports {
		var bs []string
		for _, x := range i.Bindings {
			bs = append(bs, x.Imported+"->"+x.Local)
		}
		fmt.Fprintf(&b, "  import %d:%d %s names=%s bindings=%s\n", i.Pos.Line, i.Pos.Col, i.Spec, strings.Join(i.Names, ","), strings.Join(bs, ","))
	}
	var exports []string
	for _, e := range f.Exports {
		exports = append(exports, e.Name)
	}
	if len(exports) > 0 {
		fmt.Fprintf(&b, "  exports %s\n", strings.Join(exports, ","))
	}
	for _, c := range f.Clients {
		fmt.Fprintf(&b, "  client %s\n", clientLine(c))
	}
	for _, u := range f.Uses {
		fmt.Fprintf(&b, "  use %s %s\n", u.Local, commands(u.Commands))
	}
	for _, e := range f.EnvReads {
		pub := ""
		if e.Public {
			pub = " public"
		}
		fmt.Fprintf(&b, "  env %d:%d %s%s\n", e.Pos.Line, e.Pos.Col, e.Name, pub)
	}
	for _, h := range f.Headers {
		fmt.Fprintf(&b, "  header %d:%d %s\n", h.Pos.Line, h.Pos.Col, h.Name)
	}
	for _, x := range fs {
		b.WriteString("  finding " + findingLine(x) + "\n")
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
