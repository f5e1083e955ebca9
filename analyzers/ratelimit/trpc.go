package ratelimit

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/upstash"
)

// tRPC: the endpoint that serves a router (a Next.js route calling
// fetchRequestHandler, pages/api/trpc/[trpc].ts exporting
// createNextApiHandler, an Express or Hono adapter) is one endpoint per
// procedure of the router (facts.Procedure), followed through sub-routers
// and mergeRouters across modules. Each procedure runs the server's own
// handler, the middleware of its builder (`protectedProcedure =
// t.procedure.use(isAuthed)`) and of its chain's `.use(…)`, and its
// resolver: a limiter middleware limits exactly the procedures built from
// it. The reach of a function never enters a router (follow): what one
// procedure does is not work of the others.

// maxRouterDepth bounds sub-router nesting.
const maxRouterDepth = 16

// procedureMethods maps a procedure kind to the HTTP method tRPC serves it on.
var procedureMethods = map[string]string{"query": "GET", "mutation": "POST", "subscription": "GET"}

// isRouter reports whether Func fi of m is a module-level binding of a
// tRPC router (`export const appRouter = createTRPCRouter({…})`).
func (r *rl) isRouter(m *modgraph.Module, fi int) bool {
	if len(m.File.Procedures) == 0 || fi < 0 || fi >= len(m.File.Funcs) {
		return false
	}
	fn := &m.File.Funcs[fi]
	if fn.Parent != -1 || fn.Name == "" {
		return false
	}
	for i := range m.File.Procedures {
		if m.File.Procedures[i].Router == fn.Name {
			return true
		}
	}
	return false
}

// procEntry is one procedure reached from a router, with its full key.
type procEntry struct {
	m   *modgraph.Module
	pr  *facts.Procedure
	key string
}

// procedures lists the procedures of router name in m, sub-routers
// followed, keys under prefix.
func (r *rl) procedures(m *modgraph.Module, name, prefix string, depth int, seen map[fnKey]bool) []procEntry {
	if depth > maxRouterDepth {
		return nil
	}
	var out []procEntry
	for i := range m.File.Procedures {
		pr := &m.File.Procedures[i]
		if pr.Router != name {
			continue
		}
		key := joinKey(prefix, pr.Key)
		if pr.Sub == "" {
			out = append(out, procEntry{m: m, pr: pr, key: key})
			continue
		}
		t := r.s.Lookup(m, pr.Sub, "")
		if t.M == nil || t.Fn < 0 || !r.isRouter(t.M, t.Fn) || seen[fnKey{t.M.File.Path, t.Fn}] {
			continue
		}
		seen[fnKey{t.M.File.Path, t.Fn}] = true
		out = append(out, r.procedures(t.M, t.M.File.Funcs[t.Fn].Name, key, depth+1, seen)...)
		delete(seen, fnKey{t.M.File.Path, t.Fn})
	}
	return out
}

func joinKey(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// servedRouter returns the router endpoint e serves: a router its handler
// refers to (`fetchRequestHandler({ router: appRouter, … })`), directly or
// through a binding built by a call (`const trpc = createNextApiHandler({
// router: appRouter })` that the handler calls).
func (r *rl) servedRouter(e *ep) (modgraph.Target, bool) {
	for _, rr := range e.roots {
		if rr.m == nil || rr.fn < 0 {
			continue
		}
		if t, ok := r.routerIn(rr.m, rr.fn, 0); ok {
			return t, true
		}
	}
	return modgraph.Target{}, false
}

// routerIn finds a router Func fi of m refers to.
func (r *rl) routerIn(m *modgraph.Module, fi, depth int) (modgraph.Target, bool) {
	for _, sub := range m.Subtree(fi) {
		for _, ref := range m.File.Funcs[sub].Refs {
			if ref.Member != "" {
				continue
			}
			t := r.s.Lookup(m, ref.Name, "")
			if t.M == nil || t.Fn < 0 {
				continue
			}
			if r.isRouter(t.M, t.Fn) {
				return t, true
			}
			if depth < 2 && t.M.File.Funcs[t.Fn].Callee != "" {
				if rt, ok := r.routerIn(t.M, t.Fn, depth+1); ok {
					return rt, true
				}
			}
		}
	}
	return modgraph.Target{}, false
}

// trpcEndpoints replaces each endpoint that serves a tRPC router with an
// endpoint per procedure; the other endpoints are kept as they are.
func (r *rl) trpcEndpoints(eps []*ep) []*ep {
	var out []*ep
	done := map[[2]fnKey]bool{} // (host file, router) expanded
	for _, e := range eps {
		t, ok := r.servedRouter(e)
		if !ok {
			out = append(out, e)
			continue
		}
		rk := fnKey{t.M.File.Path, t.Fn}
		k := [2]fnKey{{e.m.File.Path, 0}, rk}
		if done[k] {
			continue // export { handler as GET, handler as POST }: one set
		}
		procs := r.procedures(t.M, t.M.File.Funcs[t.Fn].Name, "", 0, map[fnKey]bool{rk: true})
		if len(procs) == 0 {
			out = append(out, e)
			continue
		}
		done[k] = true
		for _, p := range procs {
			out = append(out, r.procedureEP(e, p))
		}
	}
	return out
}

// procedureEP is the endpoint of procedure p served by host.
func (r *rl) procedureEP(host *ep, p procEntry) *ep {
	base := host.Path
	if i := strings.LastIndexByte(base, '/'); i >= 0 && strings.HasPrefix(base[i+1:], ":") {
		base = base[:i] // /api/trpc/:trpc
	}
	path := "trpc " + p.key
	if base != "" {
		path = strings.TrimSuffix(base, "/") + "/" + p.key
	}
	e := &ep{
		Endpoint: Endpoint{Method: procedureMethods[p.pr.Kind], Path: path, Kind: "procedure", Framework: host.Framework, Handler: p.key, File: p.m.File.Path},
		m:        p.m,
		pos:      p.pr.Pos,
		mws:      append([]mw(nil), host.mws...),
		root:     host.root,
	}
	// The server's own handler runs first (a limit or auth check there
	// covers every procedure; createContext's work is each procedure's).
	e.mws = append(e.mws, mw{roots: host.roots, where: loc(host.m.File.Path, host.pos, "tRPC handler"), desc: host.m.File.Path + " (tRPC handler)"})
	e.mws = append(e.mws, r.builderMws(p.m, p.pr.Builder, p.pr.Pos)...)
	for _, u := range p.pr.Uses {
		if rr, ok := r.fnRoot(p.m, u); ok {
			e.mws = append(e.mws, mw{roots: []rootRef{rr}, where: loc(p.m.File.Path, u.Pos, ".use() middleware"), desc: ".use(" + refText(u) + ") middleware, " + where(p.m.File.Path, u.Pos.Line, p.m.File.Path)})
		}
	}
	if rr, ok := r.fnRoot(p.m, p.pr.Handler); ok {
		e.roots = append(e.roots, rr)
	}
	return e
}

// refText names a middleware reference: "rateLimit", "auth.required", "…"
// for an inline function.
func refText(u facts.Ref) string {
	switch {
	case u.Name == "":
		return "…"
	case u.Member != "":
		return u.Name + "." + u.Member
	}
	return u.Name
}

// fnRoot resolves a function reference of m: a name, or an inline
// function at ref.Pos.
func (r *rl) fnRoot(m *modgraph.Module, ref facts.Ref) (rootRef, bool) {
	if ref.Name != "" {
		t := r.s.Lookup(m, ref.Name, ref.Member)
		if t.M != nil && t.Fn >= 0 {
			return rootRef{m: t.M, fn: t.Fn}, true
		}
		if t.Found() {
			return rootRef{m: m, fn: -1, ref: facts.Ref{Name: ref.Name, Member: ref.Member, Pos: ref.Pos}}, true
		}
		return rootRef{}, false
	}
	if ref.Pos.Line == 0 {
		return rootRef{}, false
	}
	for i := range m.File.Funcs {
		if m.File.Funcs[i].Pos == ref.Pos {
			return rootRef{m: m, fn: i}, true
		}
	}
	return rootRef{}, false
}

// builderMws returns the middleware a procedure builder adds: the
// binding it is built by (`protectedProcedure = t.procedure.use(isAuthed)`,
// whose reach holds the middleware and the builders it extends). A
// builder upscan cannot read is judged by its name: protectedProcedure,
// authedProcedure, adminProcedure are signed-in (a guess, said so).
func (r *rl) builderMws(m *modgraph.Module, builder string, at facts.Pos) []mw {
	if builder == "" || strings.Contains(builder, ".") {
		return nil // t.procedure: the base builder adds nothing
	}
	t := r.s.Lookup(m, builder, "")
	if t.M != nil && t.Fn >= 0 {
		fn := &t.M.File.Funcs[t.Fn]
		return []mw{{roots: []rootRef{{m: t.M, fn: t.Fn}}, where: loc(t.M.File.Path, fn.Pos, builder+" middleware"), desc: builder + " (" + where(t.M.File.Path, fn.Pos.Line, m.File.Path) + ")"}}
	}
	if t.M != nil || !guardBuilder(builder) {
		return nil // `publicProcedure = t.procedure`
	}
	l := loc(m.File.Path, at, "checks the caller (guessed from the name "+builder+")")
	return []mw{{desc: builder, checks: []checkHit{{caller: upstash.SignedIn, what: builder, weak: true, byName: true, loc: l}}}}
}

// guardBuilder reports whether a procedure builder's name says it demands
// a signed-in caller.
func guardBuilder(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"protected", "authed", "authenticated", "private", "admin"} {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}
