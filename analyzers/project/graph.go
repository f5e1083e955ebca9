package project

import (
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// graph is the import graph over one set of facts: every import resolved
// once, with reverse edges and re-exports for following a client's name.
type graph struct {
	idx    *Index
	files  []*facts.File // unique by path, sorted
	byPath map[string]*facts.File
	out    map[string][]edge     // importer → its resolved imports, in source order
	in     map[string][]edge     // imported module → the imports of it
	reexp  map[string][]reexport // module → `export … from` it in other modules
	uses   map[string]map[string][]facts.Command
	memo   map[resolveKey]resolved
}

// edge is one resolved import.
type edge struct {
	from, to string
	imp      *facts.Import
	bindings []facts.Binding
}

// reexport is an `export { x } from "m"` / `export * from "m"` in file.
type reexport struct {
	file *facts.File
	exp  *facts.Export
}

type resolveKey struct {
	dir, spec string
	mode      uint8 // 0 JS, 1 TS-first, 2 Python
}

type resolved struct {
	path string
	ok   bool
}

// newGraph resolves every import and re-export of files. A file whose path
// is outside the scan root is dropped; of two facts for one path the first
// is kept.
func newGraph(idx *Index, files []*facts.File) *graph {
	g := &graph{
		idx: idx, byPath: make(map[string]*facts.File, len(files)),
		out: map[string][]edge{}, in: map[string][]edge{}, reexp: map[string][]reexport{},
		uses: map[string]map[string][]facts.Command{}, memo: map[resolveKey]resolved{},
	}
	for _, f := range files {
		if f == nil {
			continue
		}
		p, ok := cleanPath(f.Path)
		if !ok || p == "" || g.byPath[p] != nil {
			continue
		}
		if p != f.Path {
			c := *f
			c.Path = p
			f = &c
		}
		g.byPath[p] = f
		g.files = append(g.files, f)
	}
	sort.Slice(g.files, func(i, j int) bool { return g.files[i].Path < g.files[j].Path })

	for _, f := range g.files {
		py := isPython(f)
		for i := range f.Imports {
			imp := &f.Imports[i]
			binds := bindingsOf(imp)
			if to, ok := g.resolve(f, imp.Spec); ok && to != f.Path {
				g.addEdge(edge{from: f.Path, to: to, imp: imp, bindings: binds})
			}
			if !py {
				continue
			}
			// `from app import cache` may import the submodule app/cache.py:
			// its binding is then a namespace of that module.
			for _, b := range binds {
				if b.Imported == "" || b.Imported == "*" || b.Imported == "default" {
					continue
				}
				if to, ok := g.resolve(f, pythonSubmodule(imp.Spec, b.Imported)); ok && to != f.Path {
					g.addEdge(edge{from: f.Path, to: to, imp: imp, bindings: []facts.Binding{{Imported: "*", Local: b.Local}}})
				}
			}
		}
		for i := range f.Exports {
			e := &f.Exports[i]
			if e.From == "" {
				continue
			}
			if to, ok := g.resolve(f, e.From); ok && to != f.Path {
				g.reexp[to] = append(g.reexp[to], reexport{file: f, exp: e})
			}
		}
		if len(f.Uses) > 0 {
			m := make(map[string][]facts.Command, len(f.Uses))
			for _, u := range f.Uses {
				m[u.Local] = append(m[u.Local], u.Commands...)
			}
			g.uses[f.Path] = m
		}
	}
	return g
}

func (g *graph) addEdge(e edge) {
	g.out[e.from] = append(g.out[e.from], e)
	g.in[e.to] = append(g.in[e.to], e)
}

// resolve is Resolve, memoised per directory, specifier and mode: every
// module of a directory that imports "@/lib/redis" shares one lookup.
func (g *graph) resolve(f *facts.File, spec string) (string, bool) {
	k := resolveKey{dir: parentDir(f.Path), spec: spec}
	switch {
	case isPython(f):
		k.mode = 2
	case f.Lang != facts.JS:
		k.mode = 1
	}
	if r, ok := g.memo[k]; ok {
		return r.path, r.ok
	}
	p, ok := Resolve(f, spec, g.idx)
	g.memo[k] = resolved{p, ok}
	return p, ok
}

// bindingsOf returns the import's bindings, derived from Names when the
// analyzer did not fill Bindings: a name is bound to itself, "default" and
// "*" bind an unknown local.
func bindingsOf(imp *facts.Import) []facts.Binding {
	if len(imp.Bindings) > 0 {
		return imp.Bindings
	}
	out := make([]facts.Binding, 0, len(imp.Names))
	for _, n := range imp.Names {
		switch n {
		case "default", "*":
			out = append(out, facts.Binding{Imported: n})
		default:
			out = append(out, facts.Binding{Imported: n, Local: n})
		}
	}
	return out
}

// clientSide reports whether f is browser code: a "use client" module or a
// file that is client code by convention (facts.File.ClientSide).
func clientSide(f *facts.File) bool {
	return f.ClientSide || f.Directive == "use client"
}

// serverOnly reports whether a module never reaches a browser bundle even
// when client code imports it: "use server" modules (the import becomes a
// server action reference), modules importing "server-only" (a build error
// in client code), SvelteKit's $lib/server/ and *.server.* modules.
func serverOnly(f *facts.File) bool {
	if f.Directive == "use server" {
		return true
	}
	for _, imp := range f.Imports {
		if imp.Spec == "server-only" {
			return true
		}
	}
	p := "/" + f.Path
	return strings.Contains(p, "/lib/server/") || strings.Contains(path.Base(p), ".server.")
}

// isTestPath reports whether a path is test code, which deploys nowhere.
func isTestPath(p string) bool {
	lp := "/" + strings.ToLower(p)
	b := path.Base(lp)
	return strings.Contains(lp, "/__tests__/") || strings.Contains(lp, "/tests/") || strings.Contains(lp, "/test/") ||
		strings.Contains(b, ".test.") || strings.Contains(b, ".spec.") || strings.HasPrefix(b, "test_") || strings.HasSuffix(b, "_test.py")
}

// Wanted returns the scanned paths of modules that client-side files import,
// directly or transitively, and that have no facts yet, plus the modules
// imported by QStash receivers (UPS504 looks for verification there), the
// modules that endpoints import (the rate-limit coverage follows a handler
// to the clients it reaches; client-side modules are not entered) and the
// files that are endpoints by their path (IsEndpointPath). The
// scan parses these next and calls Wanted again with the new facts until it
// returns nothing; every call does work linear in the facts. Only code files
// are returned (.ts .tsx .mts .cts .js .jsx .mjs .cjs .svelte .vue .astro
// .py, not .d.ts), sorted; type-only imports, from client files the imports
// of their server part (.astro frontmatter), and modules behind a
// "use server"/server-only boundary are not followed.
func Wanted(files []*facts.File, idx *Index) []string {
	if idx == nil {
		idx = NewIndex(nil, files)
	}
	g := newGraph(idx, files)
	want := map[string]bool{}
	walk := func(roots []string, stopServer, stopClient bool) {
		seen := map[string]bool{}
		queue := append([]string(nil), roots...)
		for _, r := range roots {
			seen[r] = true
		}
		for i := 0; i < len(queue); i++ {
			for _, e := range g.out[queue[i]] {
				if e.imp.TypeOnly || (stopServer && e.imp.ServerOnly) || seen[e.to] {
					continue
				}
				seen[e.to] = true
				f := g.byPath[e.to]
				if f == nil {
					if isCode(e.to) {
						want[e.to] = true
					}
					continue
				}
				if stopServer && serverOnly(f) || stopClient && clientSide(f) {
					continue
				}
				queue = append(queue, e.to)
			}
		}
	}
	var client, receivers []string
	for _, f := range g.files {
		if clientSide(f) {
			client = append(client, f.Path)
		}
		if _, ok := receiving(f); ok {
			receivers = append(receivers, f.Path)
		}
	}
	walk(client, true, false)
	walk(receivers, false, false)
	var endpoints []string
	for _, f := range g.files {
		if endpointModule(f) {
			endpoints = append(endpoints, f.Path)
		}
	}
	walk(endpoints, false, true)
	for p := range idx.files {
		if g.byPath[p] == nil && IsEndpointPath(p) {
			want[p] = true
		}
	}
	out := make([]string, 0, len(want))
	for p := range want {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
