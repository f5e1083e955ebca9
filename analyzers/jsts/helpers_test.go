//go:build cgo

package jsts

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// valueString renders a Value compactly for logs and goldens.
func valueString(v facts.Value) string {
	switch v.Origin {
	case facts.Absent:
		return "absent"
	case facts.Unknown:
		return "unknown"
	case facts.Literal:
		if !v.Secret.IsZero() {
			return "literal(" + v.Secret.Kind + ")"
		}
		return fmt.Sprintf("literal(%s://%s)", v.Scheme, v.Host)
	case facts.FromEnv:
		if v.Public {
			return "env(" + v.Env + ",public)"
		}
		return "env(" + v.Env + ")"
	case facts.FromImport:
		return "import(" + v.Name + " from " + v.From + ")"
	}
	return "?"
}

// checkBounds fails when a fact or finding position lies outside data.
func checkBounds(t testing.TB, path string, data []byte, f *facts.File, fs []rules.Finding) {
	t.Helper()
	lines := bytes.Split(data, []byte("\n"))
	in := func(what string, line, col int) {
		if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
			t.Errorf("%s: %s at %d:%d out of bounds", path, what, line, col)
		}
	}
	if f == nil {
		t.Fatalf("%s: nil facts", path)
	}
	for _, i := range f.Imports {
		in("import", i.Pos.Line, i.Pos.Col)
	}
	for _, e := range f.Exports {
		in("export", e.Pos.Line, e.Pos.Col)
	}
	for _, c := range f.Clients {
		in("client", c.Pos.Line, c.Pos.Col)
		for _, cmd := range c.Commands {
			in("command", cmd.Pos.Line, cmd.Pos.Col)
		}
		for _, v := range []facts.Value{c.URL, c.Token} {
			if v.Origin != facts.Absent {
				in("value", v.Pos.Line, v.Pos.Col)
			}
		}
	}
	for _, e := range f.EnvReads {
		in("env read", e.Pos.Line, e.Pos.Col)
	}
	for _, x := range fs {
		in("finding "+x.RuleID, x.Line, x.Col)
		if x.EndLine != 0 {
			in("finding end "+x.RuleID, x.EndLine, x.EndCol)
		}
		for _, r := range x.Related {
			in("related", r.Line, r.Col)
		}
	}
}

// newTestAnalyzer builds an Analyzer or fails the test.
func newTestAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// messages lists finding messages for failure output (they never hold secrets).
func messages(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+": "+f.Message)
	}
	return out
}
