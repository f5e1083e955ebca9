package modgraph

import (
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// Module is one module's facts indexed by name, for following a handler's
// references across files. Its maps hold indexes into the slices of File.
type Module struct {
	File     *facts.File
	TopFuncs map[string]int   // module-level Func by name (a destructuring binding under each of its names)
	Classes  map[string][]int // class name → its methods ("Class.method" Funcs)
	Exported map[string]int   // Func by Func.Export
	Children [][]int          // Func → its direct children
	Clients  map[string]int   // module-level client variable → index in File.Clients
	Limiters map[string]int   // module-level limiter variable → index in File.Limiters
	Imports  map[string]Bound // local binding → the import that binds it (type-only imports excluded)
}

// Bound is one local binding of an import.
type Bound struct {
	Spec     string    // the specifier as written (a Python submodule's dotted name)
	To       string    // the resolved module path; "" for a package or an unresolved module
	Imported string    // the name imported: "default", "*" or the export name
	Pos      facts.Pos // the import
}

// Symbols indexes every module of a Graph by name and resolves names
// across imports and re-exports. Build it with NewSymbols; like the Graph
// it is not safe for concurrent use.
type Symbols struct {
	g    *Graph
	mods map[string]*Module
	list []*Module // by path
}

// NewSymbols indexes every module of g.
func NewSymbols(g *Graph) *Symbols {
	s := &Symbols{g: g, mods: make(map[string]*Module, len(g.files))}
	for _, f := range g.files {
		m := s.newModule(f)
		s.mods[f.Path] = m
		s.list = append(s.list, m)
	}
	sort.Slice(s.list, func(i, j int) bool { return s.list[i].File.Path < s.list[j].File.Path })
	return s
}

// Module returns the module at the clean path p, or nil.
func (s *Symbols) Module(p string) *Module { return s.mods[p] }

// Modules returns every module, sorted by path. The slice is shared: do
// not modify it.
func (s *Symbols) Modules() []*Module { return s.list }

// newModule indexes f.
func (s *Symbols) newModule(f *facts.File) *Module {
	m := &Module{File: f, TopFuncs: map[string]int{}, Classes: map[string][]int{}, Exported: map[string]int{}, Clients: map[string]int{},
		Limiters: map[string]int{}, Imports: map[string]Bound{}, Children: make([][]int, len(f.Funcs))}
	for i := range f.Funcs {
		fn := &f.Funcs[i]
		if fn.Parent >= 0 && fn.Parent < len(f.Funcs) {
			m.Children[fn.Parent] = append(m.Children[fn.Parent], i)
			continue
		}
		for _, n := range strings.Split(fn.Name, ",") {
			if _, dup := m.TopFuncs[n]; n != "" && !dup {
				m.TopFuncs[n] = i
			}
		}
		if cls, _, ok := strings.Cut(fn.Name, "."); ok && fn.Callee == "" && !strings.Contains(fn.Name, ",") {
			m.Classes[cls] = append(m.Classes[cls], i)
		}
		if fn.Export != "" {
			if _, dup := m.Exported[fn.Export]; !dup {
				m.Exported[fn.Export] = i
			}
		}
	}
	for i := range f.Clients {
		c := &f.Clients[i]
		if c.Var == "" || m.InnerFunc(c.Pos, false) >= 0 {
			continue
		}
		if _, dup := m.Clients[c.Var]; !dup {
			m.Clients[c.Var] = i
		}
	}
	for i := range f.Limiters {
		l := &f.Limiters[i]
		if l.Var != "" && m.InnerFunc(l.Pos, false) < 0 {
			m.Limiters[l.Var] = i
		}
	}
	py := IsPython(f)
	for i := range f.Imports {
		im := &f.Imports[i]
		if im.TypeOnly {
			continue
		}
		to, _ := s.g.Resolve(f, im.Spec)
		for _, b := range BindingsOf(im) {
			if b.Local != "" {
				m.Imports[b.Local] = Bound{Spec: im.Spec, To: to, Imported: b.Imported, Pos: im.Pos}
			}
		}
		if !py {
			continue
		}
		// Python `from . import views` may import the submodule views.py:
		// its binding is then that module's namespace.
		for _, b := range BindingsOf(im) {
			if b.Local == "" || b.Imported == "*" || b.Imported == "default" {
				continue
			}
			if sub, ok := s.g.Resolve(f, PythonSubmodule(im.Spec, b.Imported)); ok && sub != f.Path {
				m.Imports[b.Local] = Bound{Spec: PythonSubmodule(im.Spec, b.Imported), To: sub, Imported: "*", Pos: im.Pos}
			}
		}
		// Python `import app.cache` binds "app.cache": its first part is
		// the name code refers to.
		for _, b := range BindingsOf(im) {
			if first, _, ok := strings.Cut(b.Local, "."); ok {
				if _, dup := m.Imports[first]; !dup {
					m.Imports[first] = Bound{Spec: im.Spec, To: to, Imported: "*", Pos: im.Pos}
				}
			}
		}
	}
	return m
}

// InnerFunc returns the index of the innermost Func whose extent holds p,
// or -1. With bindings false, module-level binding Funcs (a declarator
// bound to a call) do not count: what they hold is still module-level.
func (m *Module) InnerFunc(p facts.Pos, bindings bool) int {
	best := -1
	for i := range m.File.Funcs {
		fn := &m.File.Funcs[i]
		if !bindings && fn.Callee != "" && fn.Parent < 0 {
			continue
		}
		if Within(p, fn) && (best < 0 || Within(fn.Pos, &m.File.Funcs[best])) {
			best = i
		}
	}
	return best
}

// FuncAt returns the index of the Func that starts at p (an inline
// handler, a function before a binding that starts there), or -1.
func (m *Module) FuncAt(p facts.Pos) int {
	for i := range m.File.Funcs {
		if m.File.Funcs[i].Pos == p && m.File.Funcs[i].Callee == "" {
			return i
		}
	}
	for i := range m.File.Funcs {
		if m.File.Funcs[i].Pos == p {
			return i
		}
	}
	return -1
}

// Subtree returns Func fi and the Funcs nested in it (at most 4096), fi first.
func (m *Module) Subtree(fi int) []int {
	out := []int{fi}
	for i := 0; i < len(out) && i < 4096; i++ {
		out = append(out, m.Children[out[i]]...)
	}
	return out
}

// Target is what a name resolves to: a Func, module-level client or
// limiter of module M, a class's methods, or an export of a package.
type Target struct {
	M       *Module
	Fn      int    // a Func of M, or -1
	Client  int    // a module-level client of M (index in File.Clients), or -1
	Limiter int    // a module-level limiter of M (index in File.Limiters), or -1
	Pkg     string // a name imported from a package: the specifier
	Name    string // the package export (Pkg), or the name looked up
	Class   string // a class of M: Fn is its first method, every method counts
	Hops    []Hop  // import and re-export hops taken, for evidence chains
}

// Hop is one import or re-export followed while resolving a name: in the
// module at Path, the import of Spec at Pos.
type Hop struct {
	Path string
	Pos  facts.Pos
	Spec string
}

// Found reports whether the target names something: a Func, client or
// limiter of a module, or a package export.
func (t Target) Found() bool {
	return t.M != nil && (t.Fn >= 0 || t.Client >= 0 || t.Limiter >= 0) || t.Pkg != ""
}

// noTarget is the zero Target: nothing found.
var noTarget = Target{Fn: -1, Client: -1, Limiter: -1}

// FuncTarget returns the target of Func fi of m.
func FuncTarget(m *Module, fi int) Target {
	t := noTarget
	t.M, t.Fn = m, fi
	return t
}

// maxDepth bounds import and re-export chains.
const maxDepth = 8

// Lookup resolves name (with member, the first property read on it, or "")
// in module m: a module-level Func, client, limiter or class, or an import
// followed to the module that defines it (through re-exports, CommonJS
// namespaces and Python submodules). A Target that is not Found when the
// name is unknown or the chain is longer than eight hops.
func (s *Symbols) Lookup(m *Module, name, member string) Target {
	return s.lookup(m, name, member, 0)
}

func (s *Symbols) lookup(m *Module, name, member string, depth int) Target {
	t := noTarget
	if m == nil || name == "" || depth > maxDepth {
		return t
	}
	t.M, t.Name = m, name
	if i, ok := m.TopFuncs[name]; ok {
		t.Fn = i
		return t
	}
	if i, ok := m.Clients[name]; ok {
		t.Client = i
		return t
	}
	if i, ok := m.Limiters[name]; ok {
		t.Limiter = i
		return t
	}
	if ms, ok := m.Classes[name]; ok {
		t.Fn, t.Class = ms[0], name // a class: its methods (Home.as_view() runs them)
		return t
	}
	im, ok := m.Imports[name]
	if !ok {
		return noTarget
	}
	h := Hop{Path: m.File.Path, Pos: im.Pos, Spec: im.Spec}
	if im.To == "" {
		t = noTarget
		t.Pkg, t.Name = im.Spec, im.Imported
		if im.Imported == "*" || im.Imported == "default" && member != "" {
			t.Name = member
		}
		t.Hops = []Hop{h}
		return t
	}
	tm := s.mods[im.To]
	if tm == nil {
		return noTarget
	}
	var out Target
	switch {
	case im.Imported == "*" && member != "":
		out = s.export(tm, member, depth+1)
	case im.Imported == "*" && !IsPython(m.File):
		// `const router = require("./routes/api")`: CommonJS's namespace
		// is what module.exports is set to.
		out = s.export(tm, "default", depth+1)
	case im.Imported == "*":
		return noTarget
	default:
		out = s.export(tm, im.Imported, depth+1)
	}
	out.Hops = append([]Hop{h}, out.Hops...)
	return out
}

// Export resolves the export name of module m (re-exports and `export *`
// followed; every module-level name of a Python module counts).
func (s *Symbols) Export(m *Module, name string) Target {
	return s.export(m, name, 0)
}

func (s *Symbols) export(m *Module, name string, depth int) Target {
	if depth > maxDepth {
		return noTarget
	}
	if i, ok := m.Exported[name]; ok {
		t := FuncTarget(m, i)
		t.Name = name
		return t
	}
	var star []facts.Export
	for _, e := range m.File.Exports {
		switch {
		case e.Name == name && e.From == "":
			local := e.Local
			if local == "" {
				local = name
			}
			if t := s.lookup(m, local, "", depth+1); t.Found() {
				return t
			}
		case e.Name == name && e.From != "":
			to, ok := s.g.Resolve(m.File, e.From)
			if tm := s.mods[to]; ok && tm != nil {
				local := e.Local
				if local == "" || local == "*" {
					local = name
				}
				t := s.export(tm, local, depth+1)
				t.Hops = append([]Hop{{Path: m.File.Path, Pos: e.Pos, Spec: e.From}}, t.Hops...)
				return t
			}
		case e.Name == "*" && e.From != "":
			star = append(star, e)
		}
	}
	if IsPython(m.File) {
		if t := s.lookup(m, name, "", depth+1); t.Found() {
			return t
		}
	}
	for _, e := range star {
		to, ok := s.g.Resolve(m.File, e.From)
		if tm := s.mods[to]; ok && tm != nil {
			if t := s.export(tm, name, depth+1); t.Found() {
				return t
			}
		}
	}
	return noTarget
}

// Handler returns the Func a module exports under name, wherever it is
// defined (re-exports and imports followed, or the Func that holds an
// `export` of a value built inside it); a Target with Fn -1 when none.
func (s *Symbols) Handler(m *Module, name string) Target {
	if i, ok := m.Exported[name]; ok {
		t := FuncTarget(m, i)
		t.Name = name
		return t
	}
	if t := s.export(m, name, 0); t.M != nil && t.Fn >= 0 {
		return t
	}
	for _, e := range m.File.Exports {
		if e.Name == name && e.From == "" {
			if i := m.InnerFunc(e.Pos, true); i >= 0 {
				t := FuncTarget(m, i)
				t.Name = name
				return t
			}
		}
	}
	return noTarget
}
