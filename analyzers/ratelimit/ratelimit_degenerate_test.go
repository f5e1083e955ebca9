package ratelimit

import (
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// TestRateLimitDegenerate feeds facts no analyzer emits (out-of-range
// parents, inverted extents, self-references, empty names, odd receivers)
// to the rate-limit analyses: they must neither panic nor loop.
func TestRateLimitDegenerate(t *testing.T) {
	p := facts.Pos{Line: 3, Col: 1}
	bad := []*facts.File{
		{Path: "app/api/x/route.ts", Lang: facts.TS,
			Imports: []facts.Import{{Spec: "./route", Bindings: []facts.Binding{{Imported: "GET", Local: "GET"}}}, {Spec: "", Names: []string{"*"}}},
			Exports: []facts.Export{{Name: "GET", Local: "GET"}, {Name: "POST", Local: "POST", From: "./route"}, {Name: "*", From: "./route"}, {Name: "default.fetch", Local: ""}},
			Funcs: []facts.Func{
				{Name: "GET", Parent: 7, Pos: p, End: facts.Pos{Line: 1}, Refs: []facts.Ref{{Name: "GET"}, {Name: ""}, {Name: "POST", Member: "x"}}},
				{Name: ",", Parent: -5, Callee: "new", Pos: p, End: p, Decorators: []string{"", ".", "a.b.c"}},
				{Name: "POST", Parent: 0, Pos: facts.Pos{}, End: facts.Pos{Line: 99}, Refs: []facts.Ref{{Name: "GET"}}},
			},
			Routes: []facts.Route{
				{Call: "use", Handlers: []facts.Ref{{Name: "router"}, {}}},
				{Recv: "router", Call: "get", Path: "/x", Handlers: []facts.Ref{{Name: "GET", Call: true}}},
				{Recv: "router", Call: "use", Path: "/", Handlers: []facts.Ref{{Name: "router"}}},
				{Recv: "", Call: "path", Include: "."},
				{Recv: "x", Call: "http", Path: "", Handlers: nil},
				{Recv: "Deno", Call: "serve"},
			},
			Limiters:   []facts.Limiter{{Var: "", Pos: p, End: facts.Pos{Line: 1}}},
			LimitCalls: []facts.LimitCall{{Recv: "", Pos: p}, {Recv: ".", Pos: p}, {Recv: "[x]", Pos: p}, {Recv: "this", Pos: p, Result: facts.ResultIgnored}},
			Matchers:   []facts.Matcher{{Pattern: "(("}, {Pattern: "/:"}, {Pattern: "/(?!a|(?!b))"}},
		},
		{Path: "middleware.ts", Lang: facts.TS, Exports: []facts.Export{{Name: "default"}},
			Funcs: []facts.Func{{Export: "default", Parent: -1, Pos: p, End: p}}, Matchers: []facts.Matcher{{}}},
		{Path: "urls.py", Lang: facts.Python, Routes: []facts.Route{{Call: "path", Include: "urls"}}},
		nil,
	}
	Analyze(modgraph.New(nil, bad))
	if rows, fs := Analyze(modgraph.New(nil, nil)); len(rows) != 0 || len(fs) != 0 {
		t.Errorf("Analyze of no facts = %v, %v", rows, fs)
	}
}
