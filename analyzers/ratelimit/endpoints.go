package ratelimit

import (
	"cmp"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
)

// Endpoint discovery, per framework (UPSTASH.md §4.3): file-based routes
// (Next.js app and pages routers, SvelteKit, Remix/React Router, Nuxt,
// SolidStart, Astro, Vercel and Cloudflare Pages functions, Netlify),
// registrations (Express, Hono, Fastify, Koa, FastAPI, Flask, Django,
// Azure and Google Cloud functions), Workers and Deno fetch handlers,
// server actions, AWS Lambda handlers and Next.js middleware.

// httpVerbs are the exports a file-based route handles requests with.
var httpVerbs = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// ep is an endpoint under construction.
type ep struct {
	Endpoint
	m      *modgraph.Module
	pos    facts.Pos
	roots  []rootRef // the handler, and route-level middleware
	mws    []mw      // middleware that may run before it
	auth   string    // platform authorisation demanded (Azure authLevel)
	ifUses bool      // a page: listed only when it reaches Upstash
	root   string    // project root directory
}

// rootRef is something an endpoint runs: a Func, or a name to look up.
type rootRef struct {
	m   *modgraph.Module
	fn  int
	ref facts.Ref
}

// mw is middleware that may run before an endpoint.
type mw struct {
	roots      []rootRef
	where      rules.Location
	desc       string
	limitsOnly bool // Next.js middleware: its own Upstash work is its own row
	// guessed is true when a matcher upscan does not understand is assumed
	// to cover the path: enough for a limit, not for a caller check.
	guessed bool
	checks  []checkHit // checks a re-exported package middleware makes (next-auth/middleware)
}

// discover returns every endpoint of the scanned tree, sorted.
func (r *rl) discover() []*ep {
	var out []*ep
	next := map[string]*modgraph.Module{}   // project root → its Next.js middleware/proxy
	svelte := map[string]*modgraph.Module{} // project root → src/hooks.server.*
	nuxt := map[string][]*modgraph.Module{} // project root → server/middleware/*
	for _, m := range r.s.Modules() {
		if modgraph.IsTestPath(m.File.Path) || strings.Contains("/"+m.File.Path, "/node_modules/") {
			continue
		}
		root := r.g.Index().ProjectRoot(m.File.Path)
		rel := strings.TrimPrefix(m.File.Path, root+"/")
		if root == "" {
			rel = m.File.Path
		}
		stem, ext := splitExt(path.Base(rel))
		if modgraph.IsPython(m.File) {
			out = append(out, r.pythonEntries(m)...) // routes come from the route trees
			continue
		}
		switch {
		case (rel == "middleware"+ext || rel == "src/middleware"+ext || rel == "proxy"+ext || rel == "src/proxy"+ext) && jsExt(ext):
			next[root] = m
			if e := r.middlewareEndpoint(m, stem); e != nil {
				e.root = root
				out = append(out, e)
			}
			continue
		case strings.HasPrefix(rel, "src/hooks.server."):
			svelte[root] = m
			continue
		case strings.HasPrefix(rel, "server/middleware/"):
			nuxt[root] = append(nuxt[root], m)
			continue
		}
		es := r.fileEndpoints(m, root, rel, stem, ext)
		for _, e := range es {
			e.root = root
		}
		out = append(out, es...)
	}
	out = append(out, r.routeTrees()...)
	out = r.lambdaRoutes(out)
	out = r.trpcEndpoints(out)
	// Middleware that covers file-based routes of its project.
	for _, e := range out {
		switch e.Framework {
		case "next":
			if mm := next[e.root]; mm != nil && e.Kind != "middleware" {
				r.nextMiddleware(e, mm)
			}
		case "sveltekit":
			if mm := svelte[e.root]; mm != nil {
				if h := r.s.Handler(mm, "handle"); h.Fn >= 0 {
					e.mws = append(e.mws, mw{roots: []rootRef{{m: h.M, fn: h.Fn}}, where: loc(mm.File.Path, h.M.File.Funcs[h.Fn].Pos, "SvelteKit handle hook"), desc: mm.File.Path})
				}
			}
		case "nuxt":
			for _, mm := range nuxt[e.root] {
				if h := r.s.Handler(mm, "default"); h.Fn >= 0 {
					e.mws = append(e.mws, mw{roots: []rootRef{{m: h.M, fn: h.Fn}}, where: loc(mm.File.Path, h.M.File.Funcs[h.Fn].Pos, "Nuxt server middleware"), desc: mm.File.Path})
				}
			}
		}
	}
	return out
}

// splitExt splits a file name into stem and extension (".ts").
func splitExt(base string) (string, string) {
	ext := path.Ext(base)
	return strings.TrimSuffix(base, ext), ext
}

func jsExt(ext string) bool {
	switch ext {
	case ".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts", ".cjs", ".cts":
		return true
	}
	return false
}

// newEP starts an endpoint of m at the handler t (a Func of some module).
func newEP(m *modgraph.Module, t modgraph.Target, method, p, kind, framework, handler string) *ep {
	e := &ep{m: m, Endpoint: Endpoint{Method: method, Path: p, Kind: kind, Framework: framework, Handler: handler, File: m.File.Path}}
	if t.M != nil && t.Fn >= 0 {
		e.roots = append(e.roots, rootRef{m: t.M, fn: t.Fn})
		if t.M == m {
			e.pos = m.File.Funcs[t.Fn].Pos
		}
	}
	return e
}

// exportPos returns the position of export name in m, for an endpoint
// whose handler is defined in another module.
func exportPos(m *modgraph.Module, name string) facts.Pos {
	for _, e := range m.File.Exports {
		if e.Name == name {
			return e.Pos
		}
	}
	return facts.Pos{Line: 1, Col: 1}
}

// verbEndpoints returns an endpoint per exported HTTP verb of m (and
// extra names such as SvelteKit's fallback, mapped to their method).
func (r *rl) verbEndpoints(m *modgraph.Module, p, kind, framework string, extra map[string]string) []*ep {
	var out []*ep
	names := append([]string(nil), httpVerbs...)
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := r.s.Handler(m, n)
		if t.Fn < 0 {
			continue
		}
		method := n
		if v, ok := extra[n]; ok {
			method = v
		}
		e := newEP(m, t, method, p, kind, framework, n)
		if e.pos.Line == 0 {
			e.pos = exportPos(m, n)
		}
		out = append(out, e)
	}
	return out
}

// defaultEndpoint returns the endpoint of m's default export (a handler,
// a wrapped handler, a Worker's fetch), or nil.
func (r *rl) defaultEndpoint(m *modgraph.Module, method, p, kind, framework string) *ep {
	t := r.s.Handler(m, "default")
	if t.Fn < 0 {
		t = r.s.Handler(m, "default.fetch")
	}
	if t.Fn < 0 {
		return nil
	}
	name := t.M.File.Funcs[t.Fn].Name
	if name == "" {
		name = "default"
	}
	e := newEP(m, t, method, p, kind, framework, name)
	if e.pos.Line == 0 {
		e.pos = exportPos(m, "default")
	}
	return e
}

// fileEndpoints finds the file-based endpoints of module m.
func (r *rl) fileEndpoints(m *modgraph.Module, root, rel, stem, ext string) []*ep {
	if !jsExt(ext) {
		return r.inlineActions(m, nil)
	}
	segs := strings.Split(rel, "/")
	dirs := segs[:len(segs)-1]
	var out []*ep
	appDir := len(dirs) > 0 && dirs[0] == "app" || len(dirs) > 1 && dirs[0] == "src" && dirs[1] == "app"
	remix := r.isRemix(root)
	switch {
	case appDir && stem == "route" && !(remix && strings.HasPrefix(rel, "app/routes/")):
		out = r.verbEndpoints(m, nextPath(dirs), "route", "next", nil)
	case appDir && stem == "page" && !modgraph.ClientSide(m.File):
		if e := r.defaultEndpoint(m, "GET", nextPath(dirs), "page", "next"); e != nil {
			e.ifUses = true
			out = append(out, e)
		}
	case remix && strings.HasPrefix(rel, "app/routes/"):
		p := remixPath(strings.TrimPrefix(rel, "app/routes/"))
		for _, x := range []struct{ name, method string }{{"loader", "GET"}, {"action", "POST"}} {
			if t := r.s.Handler(m, x.name); t.Fn >= 0 {
				e := newEP(m, t, x.method, p, "route", "remix", x.name)
				if e.pos.Line == 0 {
					e.pos = exportPos(m, x.name)
				}
				out = append(out, e)
			}
		}
	case strings.HasPrefix(rel, "pages/api/") || strings.HasPrefix(rel, "src/pages/api/"):
		p := pagesPath(rel)
		if e := r.defaultEndpoint(m, "ANY", p, "route", "next"); e != nil {
			out = append(out, e)
		} else {
			out = r.verbEndpoints(m, p, "route", "next", nil)
		}
	case strings.HasPrefix(rel, "pages/") || strings.HasPrefix(rel, "src/pages/"):
		if t := r.s.Handler(m, "getServerSideProps"); t.Fn >= 0 {
			e := newEP(m, t, "GET", pagesPath(rel), "page", "next", "getServerSideProps")
			e.ifUses = true
			out = append(out, e)
		} else if strings.HasPrefix(rel, "src/pages/") {
			out = r.verbEndpoints(m, pagesPath(rel), "route", "astro", map[string]string{"ALL": "ANY"})
		}
	case strings.HasSuffix(stem, ".remote"):
		out = r.remoteFunctions(m)
	case stem == "+server" && strings.Contains("/"+rel, "/src/routes/"):
		out = r.verbEndpoints(m, sveltePath(rel), "route", "sveltekit", map[string]string{"fallback": "ANY"})
	case stem == "+page.server" && strings.Contains("/"+rel, "/src/routes/"):
		p := sveltePath(rel)
		if t := r.s.Handler(m, "load"); t.Fn >= 0 {
			e := newEP(m, t, "GET", p, "page", "sveltekit", "load")
			e.ifUses = true
			out = append(out, e)
		}
		for i := range m.File.Funcs {
			fn := &m.File.Funcs[i]
			if name, ok := strings.CutPrefix(fn.Export, "actions."); ok {
				ap := p + "?/" + name
				if name == "default" {
					ap = p
				}
				t := modgraph.FuncTarget(m, i)
				out = append(out, newEP(m, t, "POST", ap, "form-action", "sveltekit", name))
			}
		}
	case strings.HasPrefix(rel, "server/api/") || strings.HasPrefix(rel, "server/routes/"):
		p, method := nuxtPath(rel)
		if e := r.defaultEndpoint(m, method, p, "route", "nuxt"); e != nil {
			out = append(out, e)
		}
	case strings.HasPrefix(rel, "api/") && !strings.HasPrefix(rel, "api/_"):
		p := "/" + strings.TrimSuffix(strings.TrimSuffix(rel, ext), "/index")
		p = bracketParams(p)
		out = r.verbEndpoints(m, p, "function", "vercel", nil)
		if len(out) == 0 {
			if e := r.defaultEndpoint(m, "ANY", p, "function", "vercel"); e != nil {
				out = append(out, e)
			}
		}
	case strings.HasPrefix(rel, "functions/"):
		p := bracketParams("/" + strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(rel, "functions/"), ext), "/index"))
		out = r.verbEndpoints(m, p, "function", "cloudflare-pages", map[string]string{
			"onRequest": "ANY", "onRequestGet": "GET", "onRequestPost": "POST", "onRequestPut": "PUT",
			"onRequestPatch": "PATCH", "onRequestDelete": "DELETE"})
		out = onlyExtra(out)
	case strings.HasPrefix(rel, "netlify/functions/"):
		name := strings.TrimSuffix(strings.TrimPrefix(rel, "netlify/functions/"), ext)
		if e := r.defaultEndpoint(m, "ANY", "/.netlify/functions/"+name, "function", "netlify"); e != nil {
			out = append(out, e)
		} else if t := r.s.Handler(m, "handler"); t.Fn >= 0 {
			e := newEP(m, t, "ANY", "/.netlify/functions/"+name, "function", "netlify", "handler")
			out = append(out, e)
		}
	case strings.HasPrefix(rel, "src/routes/") && !strings.HasPrefix(stem, "+"):
		out = r.verbEndpoints(m, solidPath(rel), "route", "solidstart", nil)
	}
	if len(out) == 0 {
		out = append(out, r.entryEndpoints(m)...)
	}
	return r.inlineActions(m, out)
}

// remoteKinds maps the SvelteKit remote function constructors of
// $app/server to the method their endpoint answers; prerender functions
// run at build time and are no endpoint.
var remoteKinds = map[string]string{"query": "GET", "query.batch": "GET", "form": "POST", "command": "POST"}

// remoteFunctions returns the SvelteKit remote functions of a *.remote.ts
// module: `export const getPosts = query(async () => …)`, with query, form
// or command imported from $app/server. Each is its own endpoint, which
// the browser calls under /_app/remote/.
func (r *rl) remoteFunctions(m *modgraph.Module) []*ep {
	local := map[string]string{} // local name → constructor imported from $app/server
	for _, imp := range m.File.Imports {
		if imp.Spec != "$app/server" || imp.TypeOnly {
			continue
		}
		for _, b := range imp.Bindings {
			if _, ok := remoteKinds[b.Imported]; ok {
				local[b.Local] = b.Imported
			}
		}
	}
	var out []*ep
	for _, x := range m.File.Exports {
		if x.From != "" || strings.Contains(x.Name, ".") || x.Name == "default" {
			continue
		}
		t := r.s.Handler(m, x.Name)
		if t.Fn < 0 || t.M != m {
			continue
		}
		callee := m.File.Funcs[t.Fn].Callee
		for fi := t.Fn; callee == "" && fi >= 0; fi = m.File.Funcs[fi].Parent {
			callee = m.File.Funcs[fi].Callee // the handler is the call's argument
		}
		head, rest, _ := strings.Cut(callee, ".")
		kind, ok := local[head]
		if !ok {
			continue
		}
		if rest != "" {
			kind += "." + rest
		}
		method, ok := remoteKinds[kind]
		if !ok {
			continue
		}
		e := newEP(m, t, method, "/_app/remote/"+x.Name, "remote-function", "sveltekit", x.Name)
		if e.pos.Line == 0 {
			e.pos = exportPos(m, x.Name)
		}
		out = append(out, e)
	}
	return out
}

// onlyExtra drops Cloudflare Pages verb exports that are not onRequest*.
func onlyExtra(es []*ep) []*ep {
	var out []*ep
	for _, e := range es {
		if strings.HasPrefix(e.Handler, "onRequest") {
			out = append(out, e)
		}
	}
	return out
}

// entryEndpoints finds the endpoints a module defines without a file
// convention: a Worker's `export default { fetch }` (unless it is an app
// whose routes are listed), and an AWS Lambda `handler` export.
func (r *rl) entryEndpoints(m *modgraph.Module) []*ep {
	var out []*ep
	if t := r.s.Handler(m, "default.fetch"); t.Fn >= 0 {
		e := newEP(m, t, "ANY", "*", "worker", "workers", "fetch")
		if e.pos.Line == 0 {
			e.pos = exportPos(m, "default.fetch")
		}
		out = append(out, e)
	} else {
		for _, x := range m.File.Exports {
			if x.Name == "default.fetch" && !r.isApp(m, x.Local) {
				if t := r.s.Lookup(m, x.Local, ""); t.Fn >= 0 {
					e := newEP(m, t, "ANY", "*", "worker", "workers", x.Local)
					e.pos = x.Pos
					out = append(out, e)
				}
			}
		}
	}
	if len(out) == 0 && m.File.Directive != "use server" {
		for _, name := range []string{"handler", "lambdaHandler"} {
			if t := r.s.Handler(m, name); t.Fn >= 0 && !r.isApp(m, name) {
				e := newEP(m, t, "ANY", "", "function", "lambda", name)
				if e.pos.Line == 0 {
					e.pos = exportPos(m, name)
				}
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// isApp reports whether name in m is a router or app with routes.
func (r *rl) isApp(m *modgraph.Module, name string) bool {
	for _, rt := range m.File.Routes {
		if rt.Recv == name {
			return true
		}
	}
	return false
}

// inlineActions adds m's server actions to out: the exported functions of
// a "use server" module and functions whose body starts with "use server".
func (r *rl) inlineActions(m *modgraph.Module, out []*ep) []*ep {
	seen := map[int]bool{}
	for _, e := range out {
		for _, rr := range e.roots {
			if rr.m == m {
				seen[rr.fn] = true
			}
		}
	}
	add := func(fi int, name string) {
		if seen[fi] {
			return
		}
		seen[fi] = true
		t := modgraph.FuncTarget(m, fi)
		e := newEP(m, t, "POST", "", "server-action", "next", name)
		out = append(out, e)
	}
	if m.File.Directive == "use server" && r.actionsExposed(m) {
		for _, x := range m.File.Exports {
			if x.From != "" || strings.Contains(x.Name, ".") {
				continue
			}
			if t := r.s.Handler(m, x.Name); t.Fn >= 0 && t.M == m {
				name := x.Name
				if n := m.File.Funcs[t.Fn].Name; n != "" && !strings.Contains(n, ",") {
					name = n
				}
				add(t.Fn, name)
			}
		}
	}
	for i := range m.File.Funcs {
		if m.File.Funcs[i].UseServer {
			add(i, m.File.Funcs[i].Name)
		}
	}
	return out
}

// actionsExposed reports whether the exports of "use server" module m can
// be called from the browser: a client module imports it (or a module
// re-exporting it), or a server module hands one to client code as a
// value (`<form action={save}>`, a prop) rather than only calling it.
// A module nothing in the scan imports is assumed exposed.
func (r *rl) actionsExposed(m *modgraph.Module) bool {
	seen := map[string]bool{m.File.Path: true}
	queue := []string{m.File.Path}
	imported := false
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, e := range r.g.Importers(p) {
			if e.Import != nil && e.Import.TypeOnly {
				continue
			}
			imported = true
			f := r.g.File(e.From)
			if f == nil || modgraph.ClientSide(f) {
				return true
			}
			if passesValue(f, e.Bindings) {
				return true
			}
			if !seen[e.From] && reexports(r.g, e.From, p) {
				seen[e.From] = true
				queue = append(queue, e.From)
			}
		}
	}
	return !imported
}

// passesValue reports whether a function of f uses one of the imported
// bindings as a value, not only as a callee.
func passesValue(f *facts.File, bs []facts.Binding) bool {
	for _, b := range bs {
		if b.Local == "" || b.Imported == "*" {
			return true // a namespace: its members may go anywhere
		}
		for i := range f.Funcs {
			for _, ref := range f.Funcs[i].Refs {
				if ref.Name == b.Local && ref.Value {
					return true
				}
			}
		}
	}
	return false
}

// reexports reports whether module from re-exports module to.
func reexports(g *modgraph.Graph, from, to string) bool {
	for _, x := range g.Reexports(from) {
		if p, ok := g.Resolve(x.File, x.Export.From); ok && p == to {
			return true
		}
	}
	return false
}

// middlewareEndpoint returns the row of a Next.js middleware/proxy.
func (r *rl) middlewareEndpoint(m *modgraph.Module, stem string) *ep {
	t := r.s.Handler(m, "default")
	if t.Fn < 0 {
		t = r.s.Handler(m, stem)
	}
	if t.Fn < 0 {
		t = r.s.Handler(m, "middleware")
	}
	if t.Fn < 0 {
		return nil
	}
	p := "*"
	if m.File.Matchers != nil {
		var ps []string
		for _, x := range m.File.Matchers {
			if x.Pattern == "" {
				ps = append(ps, "?")
			} else {
				ps = append(ps, x.Pattern)
			}
		}
		p = strings.Join(ps, " ")
	}
	name := t.M.File.Funcs[t.Fn].Name
	if name == "" {
		name = stem
	}
	e := newEP(m, t, "ANY", p, "middleware", "next", name)
	if e.pos.Line == 0 {
		e.pos = exportPos(m, "default")
	}
	return e
}

// nextMiddleware adds middleware mm to e when its matcher covers e's path.
func (r *rl) nextMiddleware(e *ep, mm *modgraph.Module) {
	t := r.s.Handler(mm, "default")
	if t.Fn < 0 {
		stem, _ := splitExt(path.Base(mm.File.Path))
		t = r.s.Handler(mm, stem)
	}
	if t.Fn < 0 {
		t = r.s.Handler(mm, "middleware")
	}
	var pkgChecks []checkHit
	if t.Fn < 0 {
		// export { default } from "next-auth/middleware"
		for _, x := range mm.File.Exports {
			if (x.Name == "default" || x.Name == "middleware" || x.Name == "proxy") && x.From != "" {
				if c, ok := packageGuard(modgraph.Target{Pkg: x.From, Name: cmp.Or(x.Local, x.Name)}, "", loc(mm.File.Path, x.Pos, "")); ok {
					pkgChecks = append(pkgChecks, c)
				}
			}
		}
		if len(pkgChecks) == 0 {
			return
		}
	}
	covers, known := true, true
	why := "no matcher: every path"
	if mm.File.Matchers != nil {
		covers, known = false, true
		sample := samplePath(e.Path)
		for _, x := range mm.File.Matchers {
			pm := compileMatcher(x.Pattern)
			var c, k bool
			if e.Path == "" {
				// A server action posts to the page that renders it: covered
				// when the matcher covers pages, which upscan checks on "/x".
				c, k = pm.matches("/x")
			} else {
				c, k = pm.matches(sample)
			}
			if c {
				covers, known = true, k
				why = "matcher " + x.Pattern
				if !k {
					why = "matcher not understood: assumed to cover"
				}
				break
			}
		}
	}
	if !covers {
		return
	}
	if pkgChecks != nil {
		if known {
			e.mws = append(e.mws, mw{desc: path.Base(mm.File.Path) + " (" + why + ")", limitsOnly: true, checks: pkgChecks})
		}
		return
	}
	e.mws = append(e.mws, mw{
		roots:      []rootRef{{m: t.M, fn: t.Fn}},
		where:      loc(mm.File.Path, t.M.File.Funcs[t.Fn].Pos, "middleware ("+why+")"),
		desc:       path.Base(mm.File.Path) + " (" + why + ")",
		limitsOnly: true,
		guessed:    !known,
	})
}

// isRemix reports whether the project at root is a Remix / React Router
// app: it has app/root.* or a remix.config.*, or react-router.config.*.
func (r *rl) isRemix(root string) bool {
	for _, n := range []string{"app/root.tsx", "app/root.jsx", "app/root.ts", "app/root.js", "remix.config.js", "remix.config.mjs", "react-router.config.ts", "react-router.config.js"} {
		if r.g.Index().Has(modgraph.JoinDir(root, n)) {
			return true
		}
	}
	return false
}

// nextPath maps the directories of an app-router file to its public path:
// route groups (x) and parallel slots @x are dropped, [id] is :id,
// [...slug] and [[...slug]] are :slug*.
func nextPath(dirs []string) string {
	var out []string
	start := 1
	if len(dirs) > 1 && dirs[0] == "src" {
		start = 2
	}
	for _, d := range dirs[min(start, len(dirs)):] {
		switch {
		case strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")"), strings.HasPrefix(d, "@"):
			continue
		}
		out = append(out, bracketSeg(d))
	}
	return "/" + strings.Join(out, "/")
}

// bracketSeg maps one [param] segment.
func bracketSeg(d string) string {
	switch {
	case strings.HasPrefix(d, "[[...") && strings.HasSuffix(d, "]]"):
		return ":" + d[5:len(d)-2] + "*"
	case strings.HasPrefix(d, "[...") && strings.HasSuffix(d, "]"):
		return ":" + d[4:len(d)-1] + "*"
	case strings.HasPrefix(d, "[[") && strings.HasSuffix(d, "]]"):
		return ":" + d[2:len(d)-2] + "?"
	case strings.HasPrefix(d, "[") && strings.HasSuffix(d, "]"):
		return ":" + d[1:len(d)-1]
	}
	return d
}

// bracketParams maps every [param] segment of p.
func bracketParams(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = bracketSeg(s)
	}
	out := strings.Join(segs, "/")
	if out == "" {
		return "/"
	}
	return out
}

// pagesPath maps a pages-router file to its path: pages/api/users/[id].ts
// is /api/users/:id; index files are their directory.
func pagesPath(rel string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(rel, "src/"), "pages")
	stem, _ := splitExt(p)
	stem = strings.TrimSuffix(stem, "/index")
	if stem == "" {
		stem = "/"
	}
	return bracketParams(stem)
}

// sveltePath maps a SvelteKit route file to its path: groups (x) dropped,
// [id] is :id, [...rest] is :rest*, [[opt]] is :opt?.
func sveltePath(rel string) string {
	i := strings.Index("/"+rel, "/src/routes/")
	dir := path.Dir(rel[i+len("src/routes/"):])
	if dir == "." {
		return "/"
	}
	var out []string
	for _, d := range strings.Split(dir, "/") {
		if strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")") {
			continue
		}
		out = append(out, bracketSeg(d))
	}
	return "/" + strings.Join(out, "/")
}

// solidPath maps a SolidStart route file (src/routes/api/users.ts) to /api/users.
func solidPath(rel string) string {
	p := strings.TrimPrefix(rel, "src/routes")
	stem, _ := splitExt(p)
	stem = strings.TrimSuffix(stem, "/index")
	var out []string
	for _, d := range strings.Split(stem, "/") {
		if strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")") {
			continue
		}
		out = append(out, bracketSeg(d))
	}
	s := strings.Join(out, "/")
	if s == "" {
		return "/"
	}
	return s
}

// nuxtPath maps a Nuxt/Nitro server route to its path and method:
// server/api/users/[id].get.ts is GET /api/users/:id.
func nuxtPath(rel string) (string, string) {
	p := strings.TrimPrefix(rel, "server")
	if strings.HasPrefix(p, "/routes/") {
		p = strings.TrimPrefix(p, "/routes")
	}
	stem, _ := splitExt(p)
	method := "ANY"
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		switch m := strings.ToUpper(stem[i+1:]); m {
		case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
			method, stem = m, stem[:i]
		}
	}
	stem = strings.TrimSuffix(stem, "/index")
	return bracketParams(stem), method
}

// remixPath maps a Remix / React Router route module (relative to
// app/routes) to its path: flat routes (posts.$id.tsx, _index.tsx,
// _auth.login.tsx, ($lang).about.tsx) and folders (posts/$id.tsx,
// posts.$id/route.tsx).
func remixPath(rel string) string {
	stem, _ := splitExt(rel)
	if path.Base(stem) == "route" {
		stem = path.Dir(stem)
	}
	var out []string
	for _, dir := range strings.Split(stem, "/") {
		for _, s := range splitRemix(dir) {
			switch {
			case s == "index" || s == "_index" || s == "":
			case strings.HasPrefix(s, "_"):
			case s == "$":
				out = append(out, "*")
			case strings.HasPrefix(s, "($") && strings.HasSuffix(s, ")"):
				out = append(out, ":"+s[2:len(s)-1]+"?")
			case strings.HasPrefix(s, "$"):
				out = append(out, ":"+s[1:])
			default:
				out = append(out, strings.TrimSuffix(s, "_"))
			}
		}
	}
	return "/" + strings.Join(out, "/")
}

// splitRemix splits a flat route name on dots outside [escapes].
func splitRemix(s string) []string {
	var out []string
	var b strings.Builder
	esc := false
	for _, c := range s {
		switch {
		case c == '[':
			esc = true
		case c == ']':
			esc = false
		case c == '.' && !esc:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteRune(c)
		}
	}
	return append(out, b.String())
}
