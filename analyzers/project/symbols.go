package project

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// mod is what the rate-limit analyses know about one module: its facts
// indexed by name, for following a handler's references across files.
type mod struct {
	f        *facts.File
	topFuncs map[string]int   // module-level Func by name (a destructuring binding under each of its names)
	classes  map[string][]int // class name → its methods ("Class.method" Funcs)
	exported map[string]int   // Func by Func.Export
	children [][]int          // Func → its direct children
	clients  map[string]int   // module-level client variable → index in f.Clients
	limiters map[string]int   // module-level limiter variable → index in f.Limiters
	imports  map[string]imp   // local binding → the import that binds it
	// sdkLimiter is true when the module imports @upstash/ratelimit or
	// upstash_ratelimit: a .limit() on a receiver upscan cannot follow
	// counts as the SDK's.
	sdkLimiter bool
}

// imp is one local binding of an import.
type imp struct {
	spec     string
	to       string // the resolved module path; "" for a package
	imported string // the name imported: "default", "*" or the export name
	pos      facts.Pos
}

// newMod indexes f. to resolves f's import specifiers.
func (g *graph) newMod(f *facts.File) *mod {
	m := &mod{f: f, topFuncs: map[string]int{}, classes: map[string][]int{}, exported: map[string]int{}, clients: map[string]int{},
		limiters: map[string]int{}, imports: map[string]imp{}, children: make([][]int, len(f.Funcs))}
	for i := range f.Funcs {
		fn := &f.Funcs[i]
		if fn.Parent >= 0 && fn.Parent < len(f.Funcs) {
			m.children[fn.Parent] = append(m.children[fn.Parent], i)
			continue
		}
		for _, n := range strings.Split(fn.Name, ",") {
			if _, dup := m.topFuncs[n]; n != "" && !dup {
				m.topFuncs[n] = i
			}
		}
		if cls, _, ok := strings.Cut(fn.Name, "."); ok && fn.Callee == "" && !strings.Contains(fn.Name, ",") {
			m.classes[cls] = append(m.classes[cls], i)
		}
		if fn.Export != "" {
			if _, dup := m.exported[fn.Export]; !dup {
				m.exported[fn.Export] = i
			}
		}
	}
	for i := range f.Clients {
		c := &f.Clients[i]
		if c.Var == "" || m.innerFunc(c.Pos, false) >= 0 {
			continue
		}
		if _, dup := m.clients[c.Var]; !dup {
			m.clients[c.Var] = i
		}
	}
	for i := range f.Limiters {
		l := &f.Limiters[i]
		if l.Var != "" && m.innerFunc(l.Pos, false) < 0 {
			m.limiters[l.Var] = i
		}
	}
	for i := range f.Imports {
		im := &f.Imports[i]
		if im.TypeOnly {
			continue
		}
		to, _ := g.resolve(f, im.Spec)
		for _, b := range bindingsOf(im) {
			if b.Local == "" {
				continue
			}
			m.imports[b.Local] = imp{spec: im.Spec, to: to, imported: b.Imported, pos: im.Pos}
			if isLimiterSDK(im.Spec) {
				m.sdkLimiter = true
			}
		}
		// Python `from . import views` may import the submodule views.py:
		// its binding is then that module's namespace.
		if isPython(f) {
			for _, b := range bindingsOf(im) {
				if b.Local == "" || b.Imported == "*" || b.Imported == "default" {
					continue
				}
				if sub, ok := g.resolve(f, pythonSubmodule(im.Spec, b.Imported)); ok && sub != f.Path {
					m.imports[b.Local] = imp{spec: pythonSubmodule(im.Spec, b.Imported), to: sub, imported: "*", pos: im.Pos}
				}
			}
		}
		// Python `import app.cache` binds "app.cache": its first part is
		// the name code refers to.
		if isPython(f) {
			for _, b := range bindingsOf(im) {
				if first, _, ok := strings.Cut(b.Local, "."); ok {
					if _, dup := m.imports[first]; !dup {
						m.imports[first] = imp{spec: im.Spec, to: to, imported: "*", pos: im.Pos}
					}
				}
			}
		}
	}
	return m
}

// isLimiterSDK reports whether spec is the Upstash rate-limit SDK.
func isLimiterSDK(spec string) bool {
	return pkgName(spec) == "@upstash/ratelimit" || strings.HasPrefix(spec, "upstash_ratelimit") ||
		strings.Contains(spec, "/@upstash/ratelimit") || strings.Contains(spec, "upstash_ratelimit")
}

// pkgName returns the package of a module specifier: "@scope/name" or
// "name" (a version and a CDN host are dropped); Python: the top module.
func pkgName(spec string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(spec, "npm:"), "node:")
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.Index(s, "/@"); j >= 0 {
			s = s[j+1:]
		} else if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j+1:]
		}
	}
	var name string
	if strings.HasPrefix(s, "@") {
		parts := strings.SplitN(s, "/", 3)
		if len(parts) < 2 {
			return s
		}
		name = parts[0] + "/" + parts[1]
	} else {
		name = s
		if i := strings.IndexAny(name, "/."); i >= 0 && !strings.HasPrefix(name, ".") {
			name = name[:i]
		}
	}
	if at := strings.IndexByte(name[1:], '@'); at >= 0 {
		name = name[:at+1]
	}
	return name
}

// before reports whether position a comes before b.
func before(a, b facts.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// within reports whether p lies in the extent of fn.
func within(p facts.Pos, fn *facts.Func) bool {
	return !before(p, fn.Pos) && !before(fn.End, p)
}

// innerFunc returns the innermost Func whose extent holds p, or -1. With
// bindings false, module-level binding Funcs (a declarator bound to a call)
// do not count: what they hold is still module-level.
func (m *mod) innerFunc(p facts.Pos, bindings bool) int {
	best := -1
	for i := range m.f.Funcs {
		fn := &m.f.Funcs[i]
		if !bindings && fn.Callee != "" && fn.Parent < 0 {
			continue
		}
		if within(p, fn) && (best < 0 || within(fn.Pos, &m.f.Funcs[best])) {
			best = i
		}
	}
	return best
}

// funcAt returns the Func that starts at p (an inline handler), or -1.
func (m *mod) funcAt(p facts.Pos) int {
	for i := range m.f.Funcs {
		if m.f.Funcs[i].Pos == p && m.f.Funcs[i].Callee == "" {
			return i
		}
	}
	for i := range m.f.Funcs {
		if m.f.Funcs[i].Pos == p {
			return i
		}
	}
	return -1
}

// target is what a name resolves to.
type target struct {
	m       *mod
	fn      int    // a Func of m, or -1
	client  int    // a module-level client of m, or -1
	limiter int    // a module-level limiter of m, or -1
	pkg     string // a name imported from a package: the specifier
	name    string // the package export (pkg), or the name looked up
	class   string // a class of m: fn is its first method, every method counts
	hops    []hop2 // import hops taken, for evidence chains
}

// hop2 is one import followed while resolving a name.
type hop2 struct {
	path string
	pos  facts.Pos
	spec string
}

func (t target) ok() bool {
	return t.m != nil && (t.fn >= 0 || t.client >= 0 || t.limiter >= 0) || t.pkg != ""
}

var noTarget2 = target{fn: -1, client: -1, limiter: -1}

// lookup resolves name (with member, the first property read on it) in
// module m: a module-level Func, client or limiter, or an import followed
// to the module that defines it. depth bounds re-export chains.
func (r *rl) lookup(m *mod, name, member string, depth int) target {
	t := noTarget2
	if m == nil || name == "" || depth > 8 {
		return t
	}
	t.m, t.name = m, name
	if i, ok := m.topFuncs[name]; ok {
		t.fn = i
		return t
	}
	if i, ok := m.clients[name]; ok {
		t.client = i
		return t
	}
	if i, ok := m.limiters[name]; ok {
		t.limiter = i
		return t
	}
	if ms, ok := m.classes[name]; ok {
		t.fn, t.class = ms[0], name // a class: its methods (Home.as_view() runs them)
		return t
	}
	im, ok := m.imports[name]
	if !ok {
		return noTarget2
	}
	h := hop2{path: m.f.Path, pos: im.pos, spec: im.spec}
	if im.to == "" {
		t = noTarget2
		t.pkg, t.name = im.spec, im.imported
		if im.imported == "*" || im.imported == "default" && member != "" {
			t.name = member
		}
		t.hops = []hop2{h}
		return t
	}
	tm := r.mods[im.to]
	if tm == nil {
		return noTarget2
	}
	var out target
	switch {
	case im.imported == "*" && member != "":
		out = r.export(tm, member, depth+1)
	case im.imported == "*" && !isPython(m.f):
		// `const router = require("./routes/api")`: CommonJS's namespace
		// is what module.exports is set to.
		out = r.export(tm, "default", depth+1)
	case im.imported == "*":
		return noTarget2
	default:
		out = r.export(tm, im.imported, depth+1)
	}
	out.hops = append([]hop2{h}, out.hops...)
	return out
}

// export resolves the export name of module m.
func (r *rl) export(m *mod, name string, depth int) target {
	if depth > 8 {
		return noTarget2
	}
	if i, ok := m.exported[name]; ok {
		t := noTarget2
		t.m, t.fn, t.name = m, i, name
		return t
	}
	var star []facts.Export
	for _, e := range m.f.Exports {
		switch {
		case e.Name == name && e.From == "":
			local := e.Local
			if local == "" {
				local = name
			}
			if t := r.lookup(m, local, "", depth+1); t.ok() {
				return t
			}
		case e.Name == name && e.From != "":
			to, ok := r.g.resolve(m.f, e.From)
			if tm := r.mods[to]; ok && tm != nil {
				local := e.Local
				if local == "" || local == "*" {
					local = name
				}
				t := r.export(tm, local, depth+1)
				t.hops = append([]hop2{{path: m.f.Path, pos: e.Pos, spec: e.From}}, t.hops...)
				return t
			}
		case e.Name == "*" && e.From != "":
			star = append(star, e)
		}
	}
	if isPython(m.f) {
		if t := r.lookup(m, name, "", depth+1); t.ok() {
			return t
		}
	}
	for _, e := range star {
		to, ok := r.g.resolve(m.f, e.From)
		if tm := r.mods[to]; ok && tm != nil {
			if t := r.export(tm, name, depth+1); t.ok() {
				return t
			}
		}
	}
	return noTarget2
}

// handler returns the Func a module exports under name, wherever it is
// defined (re-exports and imports followed); a target without fn when none.
func (r *rl) handler(m *mod, name string) target {
	if i, ok := m.exported[name]; ok {
		t := noTarget2
		t.m, t.fn, t.name = m, i, name
		return t
	}
	if t := r.export(m, name, 0); t.m != nil && t.fn >= 0 {
		return t
	}
	for _, e := range m.f.Exports {
		if e.Name == name && e.From == "" {
			if i := m.innerFunc(e.Pos, true); i >= 0 {
				t := noTarget2
				t.m, t.fn, t.name = m, i, name
				return t
			}
		}
	}
	return noTarget2
}
