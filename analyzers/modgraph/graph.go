package modgraph

import (
	"sort"

	"github.com/upscan/upscan/analyzers/facts"
)

// Graph is the import graph over one set of facts: every import and
// re-export resolved once against an Index, with reverse edges for
// following a name from the module that defines it to the modules that use
// it. Build it with New. A Graph memoises resolutions: it is not safe for
// concurrent use.
type Graph struct {
	idx    *Index
	files  []*facts.File // unique by path, sorted
	byPath map[string]*facts.File
	out    map[string][]Edge     // importer → its resolved imports, in source order
	in     map[string][]Edge     // imported module → the imports of it
	reexp  map[string][]Reexport // module → `export … from` it in other modules
	uses   map[string]map[string][]facts.Command
	memo   map[resolveKey]resolved
}

// Edge is one resolved import: module From imports module To (both clean
// scan-root-relative paths) with Import, binding Bindings (BindingsOf the
// import, or the one binding of a Python submodule import).
type Edge struct {
	From, To string
	Import   *facts.Import
	Bindings []facts.Binding
}

// Reexport is an `export { x } from "m"` / `export * from "m"` (Export) in
// module File.
type Reexport struct {
	File   *facts.File
	Export *facts.Export
}

type resolveKey struct {
	dir, spec string
	mode      uint8 // 0 JS, 1 TS-first, 2 Python
}

type resolved struct {
	path string
	ok   bool
}

// New resolves every import and re-export of files against idx (NewIndex
// over the files' own paths when idx is nil). nil files and files whose
// path is outside the scan root are dropped; of two facts for one path the
// first is kept; a path that is not clean is cleaned in a copy of its facts.
// The work is linear in the facts: a specifier is resolved once per
// directory.
func New(idx *Index, files []*facts.File) *Graph {
	if idx == nil {
		idx = NewIndex(nil, files)
	}
	g := &Graph{
		idx: idx, byPath: make(map[string]*facts.File, len(files)),
		out: map[string][]Edge{}, in: map[string][]Edge{}, reexp: map[string][]Reexport{},
		uses: map[string]map[string][]facts.Command{}, memo: map[resolveKey]resolved{},
	}
	for _, f := range files {
		if f == nil {
			continue
		}
		p, ok := CleanPath(f.Path)
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
		py := IsPython(f)
		for i := range f.Imports {
			imp := &f.Imports[i]
			binds := BindingsOf(imp)
			if to, ok := g.Resolve(f, imp.Spec); ok && to != f.Path {
				g.addEdge(Edge{From: f.Path, To: to, Import: imp, Bindings: binds})
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
				if to, ok := g.Resolve(f, PythonSubmodule(imp.Spec, b.Imported)); ok && to != f.Path {
					g.addEdge(Edge{From: f.Path, To: to, Import: imp, Bindings: []facts.Binding{{Imported: "*", Local: b.Local}}})
				}
			}
		}
		for i := range f.Exports {
			e := &f.Exports[i]
			if e.From == "" {
				continue
			}
			if to, ok := g.Resolve(f, e.From); ok && to != f.Path {
				g.reexp[to] = append(g.reexp[to], Reexport{File: f, Export: e})
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

func (g *Graph) addEdge(e Edge) {
	g.out[e.From] = append(g.out[e.From], e)
	g.in[e.To] = append(g.in[e.To], e)
}

// Index returns the index the graph resolves against.
func (g *Graph) Index() *Index { return g.idx }

// Files returns the modules of the graph, one per clean path, sorted by
// path. The slice is the graph's own: do not modify it.
func (g *Graph) Files() []*facts.File { return g.files }

// File returns the facts of the module at the clean path p, or nil when p
// has none (not parsed, or not code).
func (g *Graph) File(p string) *facts.File { return g.byPath[p] }

// Imports returns the resolved imports made by module p, in source order
// (imports of packages and of unscanned files are absent).
func (g *Graph) Imports(p string) []Edge { return g.out[p] }

// Importers returns the resolved imports of module p made by other modules.
func (g *Graph) Importers(p string) []Edge { return g.in[p] }

// Reexports returns the `export … from` declarations of other modules that
// name module p.
func (g *Graph) Reexports(p string) []Reexport { return g.reexp[p] }

// Uses returns the commands module p runs on its imported binding local
// (facts.Use), in source order.
func (g *Graph) Uses(p, local string) []facts.Command { return g.uses[p][local] }

// Resolve is the package's Resolve against the graph's Index, memoised per
// directory, specifier and language mode: every module of a directory that
// imports "@/lib/redis" shares one lookup.
func (g *Graph) Resolve(f *facts.File, spec string) (string, bool) {
	k := resolveKey{dir: ParentDir(f.Path), spec: spec}
	switch {
	case IsPython(f):
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

// BindingsOf returns the import's bindings, derived from Names when the
// front-end did not fill Bindings: a name is bound to itself, "default" and
// "*" bind an unknown local ("").
func BindingsOf(imp *facts.Import) []facts.Binding {
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

// Walk says which imports a breadth-first walk over the graph follows.
// Type-only imports are never followed (they are erased).
type Walk struct {
	// SkipImport, when set, drops an import edge.
	SkipImport func(Edge) bool
	// SkipModule, when set, stops at a module with facts: it is not
	// entered, so its own imports are not followed.
	SkipModule func(*facts.File) bool
	// Whole asks for the modules reached whole: one parsed sliced
	// (facts.File.Sliced) counts as unparsed, as the pass follows calls
	// into functions the slice may have left out.
	Whole bool
}

// Unparsed walks from the modules at roots over the imports w follows and
// returns the scanned code files it reaches that have no facts yet (IsCode
// paths only), or only sliced ones when w.Whole, sorted. The scan parses them and builds a new Graph; a pass
// asks again until nothing is returned.
func (g *Graph) Unparsed(roots []string, w Walk) []string {
	want := map[string]bool{}
	seen := make(map[string]bool, len(roots))
	queue := append([]string(nil), roots...)
	for _, r := range roots {
		seen[r] = true
	}
	for i := 0; i < len(queue); i++ {
		for _, e := range g.out[queue[i]] {
			if e.Import.TypeOnly || seen[e.To] || w.SkipImport != nil && w.SkipImport(e) {
				continue
			}
			seen[e.To] = true
			f := g.byPath[e.To]
			if f == nil {
				if IsCode(e.To) {
					want[e.To] = true
				}
				continue
			}
			if w.SkipModule != nil && w.SkipModule(f) {
				continue
			}
			if w.Whole && f.Sliced {
				want[e.To] = true
			}
			queue = append(queue, e.To)
		}
	}
	out := make([]string, 0, len(want))
	for p := range want {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
