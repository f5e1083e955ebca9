package golangci

import (
	"go/token"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("upscan")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"analyzers": []any{"upstashtls", "upstashratelimit"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Name != "upstashtls" || as[1].Name != "upstashratelimit" {
		t.Errorf("analyzers = %v", as)
	}
	if err := analysis.Validate(as); err != nil {
		t.Error(err)
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, conf := range []any{
		map[string]any{"analyzers": []any{"nosuch"}},
		map[string]any{"unknown-key": true},
	} {
		if _, err := New(conf); err == nil {
			t.Errorf("New(%v) accepted bad settings", conf)
		}
	}
}

func TestDisableRules(t *testing.T) {
	p, err := New(map[string]any{"disable-rules": []any{"ups303"}})
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	if len(as) != 5 {
		t.Fatalf("%d analyzers, want 5", len(as))
	}
	var got []string
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d.Category) }}
	w := p.(*Plugin).filtered(&analysis.Analyzer{Name: "x", Doc: "x", Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Pos: token.NoPos, Category: "UPS303"})
		pass.Report(analysis.Diagnostic{Pos: token.NoPos, Category: "UPS301"})
		return nil, nil
	}})
	if _, err := w.Run(pass); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "UPS301" {
		t.Errorf("reported %v, want only UPS301", got)
	}
}
