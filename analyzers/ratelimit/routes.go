package ratelimit

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// Route trees: registrations (facts.Route) grouped by the router they are
// made on, routers mounted on others with a prefix (Express/Koa app.use,
// Hono app.route, Fastify register, FastAPI include_router, Flask
// register_blueprint, Django include), and middleware registered on a
// router applying to the routes after it (JS) or to all of them (Python).

// routerKey names a router: a variable of a module, or a Fastify plugin
// function (fn ≥ 0).
type routerKey struct {
	path string
	recv string
	fn   int
}

// routeKind classifies a registration.
type routeKind uint8

const (
	rkEndpoint routeKind = iota
	rkUse                // middleware and mounts
	rkPrefix             // a declaration giving the router a prefix
	rkEntry              // a standalone server entry: serve, addEventListener, cloud functions
	rkOther
)

var verbCalls = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "del": true,
	"options": true, "head": true, "all": true, "any": true, "on": true, "api_route": true, "websocket": true}

func classifyRoute(m *modgraph.Module, rt *facts.Route) routeKind {
	switch rt.Call {
	case "use", "register", "addHook", "middleware", "before_request", "add_middleware", "include_router",
		"register_blueprint", "mount":
		return rkUse
	case "Router", "basePath", "APIRouter", "Blueprint":
		return rkPrefix
	case "serve", "addEventListener", "http":
		if rt.Recv == "" && rt.Call == "http" {
			return rkOther
		}
		return rkEntry
	case "route":
		if modgraph.IsPython(m.File) {
			return rkEndpoint
		}
		if len(rt.Handlers) == 1 && rt.Handlers[0].Name != "" && len(rt.Methods) == 0 {
			return rkUse // Hono app.route("/api", sub)
		}
		return rkEndpoint
	case "path", "re_path", "url", "add_url_rule":
		if rt.Include != "" {
			return rkUse
		}
		return rkEndpoint
	}
	if verbCalls[rt.Call] {
		return rkEndpoint
	}
	return rkOther
}

// routerFactories are callees that make an app or router.
var routerFactories = []string{"express", "Router", "Hono", "Koa", "Fastify", "fastify", "APIRouter", "FastAPI",
	"Flask", "Blueprint", "Elysia", "polka", "createRouter", "AutoRouter", "IttyRouter"}

func isRouterFactory(callee string) bool {
	c := strings.TrimPrefix(callee, "new ")
	if i := strings.IndexByte(c, '('); i >= 0 {
		c = c[:i]
	}
	last := c[strings.LastIndexByte(c, '.')+1:]
	for _, f := range routerFactories {
		if last == f {
			return true
		}
	}
	return false
}

// routerOf resolves a mount argument to the router it names: a variable of
// this module with routes or made by a router factory, an imported one, or
// a Fastify plugin function.
func (r *rl) routerOf(m *modgraph.Module, ref facts.Ref) (routerKey, bool) {
	if ref.Name == "" {
		return routerKey{}, false
	}
	if r.hasRoutes(m, ref.Name) {
		return routerKey{path: m.File.Path, recv: ref.Name, fn: -1}, true
	}
	t := r.s.Lookup(m, ref.Name, ref.Member)
	if t.M == nil || t.Fn < 0 {
		return routerKey{}, false
	}
	fn := &t.M.File.Funcs[t.Fn]
	if fn.Callee != "" {
		name := strings.Split(fn.Name, ",")[0]
		if isRouterFactory(fn.Callee) || r.hasRoutes(t.M, name) {
			return routerKey{path: t.M.File.Path, recv: name, fn: -1}, true
		}
		return routerKey{}, false
	}
	for i := range t.M.File.Routes {
		if modgraph.Within(t.M.File.Routes[i].Pos, fn) {
			return routerKey{path: t.M.File.Path, fn: t.Fn}, true
		}
	}
	return routerKey{}, false
}

func (r *rl) hasRoutes(m *modgraph.Module, recv string) bool {
	for i := range m.File.Routes {
		if m.File.Routes[i].Recv == recv && classifyRoute(m, &m.File.Routes[i]) != rkPrefix {
			return true
		}
	}
	for i := range m.File.Routes {
		if m.File.Routes[i].Recv == recv {
			return true
		}
	}
	return false
}

// mountOf describes one mount: the child router and its prefix.
type mountOf struct {
	child routerKey
	path  string
	// replaces is true for Flask's register_blueprint(bp, url_prefix=…),
	// whose prefix replaces the Blueprint's own instead of adding to it.
	replaces bool
}

// routeTrees returns the endpoints registered on routers, with their full
// paths and the middleware before them.
func (r *rl) routeTrees() []*ep {
	mods := r.s.Modules()
	mounted := map[routerKey]bool{}
	plugins := map[fnKey]bool{}
	routers := map[routerKey]bool{}
	var order []routerKey
	addRouter := func(k routerKey) {
		if !routers[k] {
			routers[k] = true
			order = append(order, k)
		}
	}
	mounts := map[string]map[int][]mountOf{} // module → route index → its mounts
	for _, m := range mods {
		if modgraph.IsTestPath(m.File.Path) {
			continue
		}
		for i := range m.File.Routes {
			rt := &m.File.Routes[i]
			if classifyRoute(m, rt) != rkUse {
				continue
			}
			var ms []mountOf
			if rt.Include != "" {
				if to, ok := r.g.Resolve(m.File, rt.Include); ok && r.s.Module(to) != nil {
					ms = append(ms, mountOf{child: routerKey{path: to, fn: -1}, path: rt.Path})
				}
			}
			for _, h := range rt.Handlers {
				if k, ok := r.routerOf(m, h); ok && !(k.path == m.File.Path && k.recv == rt.Recv && k.fn < 0) {
					ms = append(ms, mountOf{child: k, path: rt.Path, replaces: rt.Call == "register_blueprint" && rt.Path != ""})
					if k.fn >= 0 {
						plugins[fnKey{k.path, k.fn}] = true
					}
				}
			}
			if len(ms) > 0 {
				if mounts[m.File.Path] == nil {
					mounts[m.File.Path] = map[int][]mountOf{}
				}
				mounts[m.File.Path][i] = ms
				for _, x := range ms {
					mounted[x.child] = true
				}
			}
		}
	}
	owner := func(m *modgraph.Module, rt *facts.Route) routerKey {
		for k := range plugins {
			if k.path == m.File.Path && modgraph.Within(rt.Pos, &m.File.Funcs[k.fn]) {
				return routerKey{path: m.File.Path, fn: k.fn}
			}
		}
		if rt.Recv == "" && (rt.Call == "path" || rt.Call == "re_path" || rt.Call == "url") {
			return routerKey{path: m.File.Path, fn: -1} // Django urlpatterns
		}
		return routerKey{path: m.File.Path, recv: rt.Recv, fn: -1}
	}
	owned := map[routerKey][]int{}
	var entries []*ep
	for _, m := range mods {
		if modgraph.IsTestPath(m.File.Path) {
			continue
		}
		for i := range m.File.Routes {
			rt := &m.File.Routes[i]
			switch classifyRoute(m, rt) {
			case rkEntry:
				entries = append(entries, r.entryRoute(m, rt))
				continue
			case rkOther:
				continue
			}
			k := owner(m, rt)
			addRouter(k)
			owned[k] = append(owned[k], i)
		}
	}
	var out []*ep
	for _, e := range entries {
		if e != nil {
			out = append(out, e)
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.path != b.path {
			return a.path < b.path
		}
		if a.recv != b.recv {
			return a.recv < b.recv
		}
		return a.fn < b.fn
	})
	t := &treeWalk{r: r, owned: owned, mounts: mounts, seen: map[routerKey]bool{}}
	for _, k := range order {
		if !mounted[k] {
			out = append(out, t.walk(k, "", nil, 0, "", false)...)
		}
	}
	// Routers mounted only from code upscan did not follow (a cycle, a
	// dynamic mount) still have their routes listed.
	for _, k := range order {
		if !t.seen[k] {
			out = append(out, t.walk(k, "", nil, 0, "", false)...)
		}
	}
	return out
}

// treeWalk walks router trees from their roots.
type treeWalk struct {
	r      *rl
	owned  map[routerKey][]int
	mounts map[string]map[int][]mountOf
	seen   map[routerKey]bool
}

// walk returns the endpoints of router k under prefix, with inherited
// middleware.
func (t *treeWalk) walk(k routerKey, prefix string, inherited []mwScoped, depth int, fw string, replaced bool) []*ep {
	if t.seen[k] || depth > 12 {
		return nil
	}
	t.seen[k] = true
	m := t.r.s.Module(k.path)
	if m == nil {
		return nil
	}
	py := modgraph.IsPython(m.File)
	if own := t.r.framework(m); own != "node" && own != "python" || fw == "" {
		fw = own
	}
	idx := append([]int(nil), t.owned[k]...)
	sort.Slice(idx, func(i, j int) bool { return modgraph.Before(m.File.Routes[idx[i]].Pos, m.File.Routes[idx[j]].Pos) })
	for _, i := range idx {
		if rt := &m.File.Routes[i]; classifyRoute(m, rt) == rkPrefix && !(replaced && rt.Call == "Blueprint") {
			prefix = joinRoute(prefix, rt.Path, py)
		}
	}
	local := append([]mwScoped(nil), inherited...)
	if py {
		for _, i := range idx {
			rt := &m.File.Routes[i]
			if classifyRoute(m, rt) == rkUse && len(t.mounts[m.File.Path][i]) == 0 {
				local = append(local, t.middleware(m, rt, prefix, py))
			}
		}
	}
	var out []*ep
	for _, i := range idx {
		rt := &m.File.Routes[i]
		switch classifyRoute(m, rt) {
		case rkUse:
			ms := t.mounts[m.File.Path][i]
			if !py {
				// Middleware arguments of this call run before its routers.
				mwRt := *rt
				mwRt.Handlers = nil
				for _, h := range rt.Handlers {
					if _, ok := t.r.routerOf(m, h); !ok {
						mwRt.Handlers = append(mwRt.Handlers, h)
					}
				}
				if len(mwRt.Handlers) > 0 {
					local = append(local, t.middleware(m, &mwRt, prefix, py))
				}
			}
			for _, x := range ms {
				out = append(out, t.walk(x.child, joinRoute(prefix, x.path, py), local, depth+1, fw, x.replaces)...)
			}
		case rkEndpoint:
			e := t.endpoint(m, rt, prefix, local, py)
			e.Framework = fw
			out = append(out, e)
		}
	}
	return out
}

// mwScoped is middleware registered under a path prefix.
type mwScoped struct {
	mw
	prefix string // "" for every path
}

// middleware turns a use registration into middleware.
func (t *treeWalk) middleware(m *modgraph.Module, rt *facts.Route, prefix string, py bool) mwScoped {
	var roots []rootRef
	for _, h := range rt.Handlers {
		roots = append(roots, t.r.refRoot(m, h))
	}
	where := loc(m.File.Path, rt.Pos, rt.Recv+"."+rt.Call+" middleware")
	p := ""
	if rt.Path != "" && rt.Path != "*" && rt.Path != "/*" && rt.Path != "/" {
		p = joinRoute(prefix, strings.TrimSuffix(strings.TrimSuffix(rt.Path, "*"), "/"), py)
	} else if prefix != "" {
		p = prefix
	}
	return mwScoped{mw: mw{roots: roots, where: where, desc: fmt.Sprintf("%s:%d middleware", m.File.Path, rt.Pos.Line)}, prefix: p}
}

// refRoot turns a handler argument into something to reach.
func (r *rl) refRoot(m *modgraph.Module, h facts.Ref) rootRef {
	if h.Name == "" {
		return rootRef{m: m, fn: m.FuncAt(h.Pos)}
	}
	return rootRef{m: m, fn: -1, ref: h}
}

// endpoint builds the endpoint of one route registration.
func (t *treeWalk) endpoint(m *modgraph.Module, rt *facts.Route, prefix string, mws []mwScoped, py bool) *ep {
	method := "ANY"
	if len(rt.Methods) > 0 {
		method = strings.Join(rt.Methods, ",")
	}
	p := joinRoute(prefix, rt.Path, py)
	if rt.Dynamic && rt.Path == "" {
		p = joinRoute(prefix, "?", py)
	}
	e := &ep{m: m, pos: rt.Pos, Endpoint: Endpoint{Method: method, Path: p, Kind: "route", Framework: t.r.framework(m), File: m.File.Path}}
	for _, h := range rt.Handlers {
		rr := t.r.refRoot(m, h)
		if py && h.Name != "" {
			if i, ok := m.TopFuncs[h.Name]; ok && m.File.Funcs[i].Pos == h.Pos {
				rr = rootRef{m: m, fn: i}
				e.pos = m.File.Funcs[i].Pos
			}
		}
		e.roots = append(e.roots, rr)
		e.Handler = "(inline)"
		if h.Name != "" {
			e.Handler = h.Name
			if h.Member != "" {
				e.Handler += "." + h.Member
			}
		}
	}
	if e.Handler == "" {
		e.Handler = "(inline)"
	}
	sample := samplePath(p)
	for _, x := range mws {
		if x.prefix == "" || pathUnder(sample, samplePath(x.prefix)) {
			e.mws = append(e.mws, x.mw)
		}
	}
	return e
}

// pathUnder reports whether p is prefix or below it.
func pathUnder(p, prefix string) bool {
	prefix = strings.TrimSuffix(prefix, "/")
	return prefix == "" || p == prefix || strings.HasPrefix(p, prefix+"/")
}

// joinRoute joins a prefix and a route path; Django paths have no leading
// slash and are joined with one.
func joinRoute(prefix, p string, py bool) string {
	if p == "" || p == "/" && prefix != "" {
		if prefix == "" {
			return "/"
		}
		return prefix
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	out := strings.TrimSuffix(prefix, "/") + p
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	return out
}

// framework names the server framework module m registers routes with.
func (r *rl) framework(m *modgraph.Module) string {
	for _, x := range m.Imports {
		switch p := modgraph.PackageName(x.Spec); {
		case p == "express", p == "hono", p == "fastify", p == "koa", p == "elysia", p == "polka", p == "restify", p == "h3",
			p == "itty-router":
			return p
		case p == "@koa/router" || p == "koa-router":
			return "koa"
		case p == "fastapi", p == "flask", p == "django", p == "starlette":
			return p
		}
	}
	if modgraph.IsPython(m.File) {
		return "python"
	}
	return "node"
}

// entryRoute builds the endpoint of a standalone server entry: Deno/Bun
// serve, a fetch event listener, an Azure or Google Cloud function.
func (r *rl) entryRoute(m *modgraph.Module, rt *facts.Route) *ep {
	e := &ep{m: m, pos: rt.Pos, Endpoint: Endpoint{Method: "ANY", Path: "*", Kind: "worker", File: m.File.Path}, auth: rt.Auth}
	switch rt.Call {
	case "serve":
		e.Framework = strings.ToLower(rt.Recv)
		if e.Framework == "" {
			e.Framework = "deno"
		}
		e.Kind = "server"
	case "addEventListener":
		e.Framework = "workers"
	case "http":
		e.Kind = "function"
		e.Path = rt.Path
		if len(rt.Methods) > 0 {
			e.Method = strings.Join(rt.Methods, ",")
		}
		e.Framework = "azure"
		if !strings.HasPrefix(rt.Path, "/api/") {
			e.Framework = "gcp"
			e.Path = "/" + rt.Path
		}
	}
	for _, h := range rt.Handlers {
		e.roots = append(e.roots, r.refRoot(m, h))
		if h.Name != "" && e.Handler == "" {
			e.Handler = h.Name
		}
	}
	if e.Handler == "" {
		e.Handler = "(inline)"
	}
	return e
}

// pythonEntries finds the AWS Lambda handlers of a Python module that
// registers no routes: a module-level `def lambda_handler(event, context)`
// or `def handler(event, context)`.
func (r *rl) pythonEntries(m *modgraph.Module) []*ep {
	if len(m.File.Routes) > 0 || r.framework(m) != "python" {
		return nil
	}
	for _, name := range []string{"lambda_handler", "handler"} {
		if i, ok := m.TopFuncs[name]; ok && m.File.Funcs[i].Callee == "" && path.Ext(m.File.Path) == ".py" {
			t := modgraph.FuncTarget(m, i)
			return []*ep{newEP(m, t, "ANY", "", "function", "lambda", name)}
		}
	}
	return nil
}
