package scope

import (
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// A route module is a QStash receiver when the project sends deliveries to
// its path. The path of a file-routed module is read from its file path:
// the segments after a routing root (Next.js app/ and pages/, Vercel api/,
// SvelteKit routes/, Nuxt server/, Supabase and Netlify functions/), route
// groups and file-name conventions dropped. Code-registered routes
// (Express, Hono, FastAPI) are matched by their facts.Route path.

// routeRoots are the directories under which file paths are URL paths.
var routeRoots = setOf("app", "pages", "routes", "server", "functions", "api")

// routeFileNames are the file stems that name their directory's route.
var routeFileNames = setOf("route", "index", "+server", "_index", "__init__")

// handlerExports are the export names of a module that handles requests.
var handlerExports = setOf("POST", "GET", "PUT", "PATCH", "DELETE", "ALL", "default", "handler", "onRequest", "onRequestPost")

// target is a module that deliveries reach, with the delivery that shows it.
type target struct {
	d    facts.Delivery
	from string // the module that sends it
	pos  facts.Pos
	// owners are the project roots of the scan with a route the path
	// reaches (file routes of every scanned path, registered routes of
	// parsed modules).
	owners map[string]bool
}

// deliveries returns every delivery the project sends, with its module.
func deliveries(g *modgraph.Graph) []target {
	var out []target
	for _, f := range g.Files() {
		if modgraph.IsTestPath(f.Path) {
			continue
		}
		for _, d := range f.Deliveries {
			if d.Path != "" {
				out = append(out, target{d: d, from: f.Path})
			}
		}
	}
	if len(out) == 0 {
		return out
	}
	owners := map[string]map[string]bool{}
	for i := range out {
		p := out[i].d.Path
		if owners[p] == nil {
			owners[p] = routeOwners(g, p)
		}
		out[i].owners = owners[p]
	}
	return out
}

// routeOwners returns the project roots with a route that delivery path
// reaches.
func routeOwners(g *modgraph.Graph, dp string) map[string]bool {
	out := map[string]bool{}
	for _, p := range g.Index().Paths() {
		if segs, ok := fileRoute(p); ok && !modgraph.IsTestPath(p) && pathMatches(dp, segs) {
			out[g.Index().ProjectRoot(p)] = true
		}
	}
	for _, f := range g.Files() {
		for _, r := range f.Routes {
			if segs := registeredRoute(r.Path); len(segs) > 0 && !r.Dynamic && verbRoutes[strings.ToLower(r.Call)] && pathMatches(dp, segs) {
				out[g.Index().ProjectRoot(f.Path)] = true
			}
		}
	}
	return out
}

// reaches reports whether delivery t can target a route of the module at
// p whose path matches: the sender is in p's project, or, in a monorepo,
// the sender's package has no such route and p's package is the only
// package of the same workspace that has one (a publisher in packages/jobs
// that targets /api/x of apps/web). Apps side by side in a scan that no
// workspace joins never target each other.
func reaches(g *modgraph.Graph, t target, p string) bool {
	if sameProject(g, t.from, p) {
		return true
	}
	idx := g.Index()
	if t.owners[idx.ProjectRoot(t.from)] || !idx.SameWorkspace(t.from, p) {
		return false
	}
	n := 0
	for root := range t.owners {
		if root == idx.ProjectRoot(p) || idx.SameWorkspace(t.from, path.Join(root, "package.json")) {
			n++
		}
	}
	return n == 1 && t.owners[idx.ProjectRoot(p)]
}

// fileRoute returns the URL path segments of the file-routed module at p
// (clean, slash-separated), or ok false when p is not under a routing
// root.
func fileRoute(p string) (segs []string, ok bool) {
	if !modgraph.IsCode(p) {
		return nil, false
	}
	stem := strings.TrimSuffix(p, path.Ext(p))
	parts := strings.Split(stem, "/")
	last := parts[len(parts)-1]
	// Nuxt method suffixes: server/api/jobs.post.ts.
	if i := strings.LastIndexByte(last, '.'); i > 0 {
		switch strings.ToLower(last[i+1:]) {
		case "get", "post", "put", "patch", "delete":
			last = last[:i]
		}
	}
	parts[len(parts)-1] = last
	if routeFileNames[last] {
		parts = parts[:len(parts)-1]
	}
	root, found := 0, false
	for i, s := range parts {
		if routeRoots[s] && (s == "api" || !strings.HasSuffix(p, ".py")) {
			// Vercel api/ (the only file routing of Python functions),
			// Nuxt server/api/: "api" is part of the URL.
			root, found = i, true
			if s == "api" {
				root = i - 1
			}
			break
		}
	}
	if !found {
		return nil, false
	}
	for _, s := range parts[root+1:] {
		if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") || strings.HasPrefix(s, "@") {
			continue // route groups and parallel-route slots are not in the URL
		}
		segs = append(segs, s)
	}
	return segs, len(segs) > 0
}

// dynamicSeg reports whether a route segment matches any value: [id],
// [...slug], [[...slug]], :id, $id.
func dynamicSeg(s string) bool {
	return strings.HasPrefix(s, "[") || strings.HasPrefix(s, ":") || strings.HasPrefix(s, "$")
}

// pathMatches reports whether a delivery path ("/api/users/*") can reach
// the route with segments route.
func pathMatches(delivery string, route []string) bool {
	ds := strings.Split(strings.Trim(delivery, "/"), "/")
	if len(ds) != len(route) {
		// A catch-all route takes the rest.
		if n := len(route); n == 0 || n > len(ds) || !strings.HasPrefix(route[n-1], "[...") && !strings.HasPrefix(route[n-1], "[[...") {
			return false
		}
		ds = ds[:len(route)]
	}
	for i, d := range ds {
		r := route[i]
		if d == r || dynamicSeg(r) {
			continue
		}
		// A segment the code computes (`/api/${job}`) may be any route's:
		// it matches only a dynamic segment, never a named one.
		return false
	}
	return true
}

// registeredRoute returns the segments of a code-registered route path.
func registeredRoute(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") { // FastAPI, Flask-style params
			segs[i] = ":" + s
		}
		if strings.HasPrefix(s, "<") {
			segs[i] = ":" + s
		}
	}
	return segs
}

// verbRoutes are the route registration calls that serve a method.
var verbRoutes = setOf("get", "post", "put", "patch", "delete", "all", "on", "api_route", "route")

// targeted returns, for module f, the delivery that reaches it and where in
// f it is received: a code-registered route with a matching path, or the
// module itself when its file path is the delivery's path and it exports a
// handler.
func targeted(g *modgraph.Graph, f *facts.File, ts []target) (target, bool) {
	for _, r := range f.Routes {
		if r.Path == "" || r.Dynamic || !verbRoutes[strings.ToLower(r.Call)] {
			continue
		}
		segs := registeredRoute(r.Path)
		for _, t := range ts {
			if len(segs) > 0 && pathMatches(t.d.Path, segs) && reaches(g, t, f.Path) {
				t.pos = r.Pos
				return t, true
			}
		}
	}
	segs, ok := fileRoute(f.Path)
	if !ok {
		return target{}, false
	}
	at, handler := facts.Pos{}, false
	for _, e := range f.Exports {
		if handlerExports[e.Name] && e.From == "" {
			at, handler = e.Pos, true
			break
		}
	}
	for _, fn := range f.Funcs {
		if handlerExports[fn.Export] {
			if !handler {
				at = fn.Pos
			}
			handler = true
			break
		}
	}
	if modgraph.IsPython(f) && !handler {
		for _, e := range f.Exports {
			if e.Name == "app" || e.Name == "handler" {
				at, handler = e.Pos, true
				break
			}
		}
	}
	if !handler {
		return target{}, false
	}
	if at.Line == 0 {
		at = facts.Pos{Line: 1, Col: 1}
	}
	for _, t := range ts {
		if pathMatches(t.d.Path, segs) && reaches(g, t, f.Path) {
			t.pos = at
			return t, true
		}
	}
	return target{}, false
}

// sameProject reports whether the modules at a and b belong to one
// project: the same nearest package.json directory, or one project nested
// in the other. A delivery from one app of a scan never targets another's
// routes.
func sameProject(g *modgraph.Graph, a, b string) bool {
	ra, rb := g.Index().ProjectRoot(a), g.Index().ProjectRoot(b)
	return ra == rb || ra == "" || rb == "" || strings.HasPrefix(ra+"/", rb+"/") || strings.HasPrefix(rb+"/", ra+"/")
}

// unparsedTargets returns the scanned code files without facts whose file
// route a delivery reaches: they are parsed so that UPS504 can look at them.
func unparsedTargets(g *modgraph.Graph, ts []target) []string {
	if len(ts) == 0 {
		return nil
	}
	var out []string
	for _, p := range g.Index().Paths() {
		if g.File(p) != nil || modgraph.IsTestPath(p) {
			continue
		}
		segs, ok := fileRoute(p)
		if !ok {
			continue
		}
		for _, t := range ts {
			if pathMatches(t.d.Path, segs) && reaches(g, t, p) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
