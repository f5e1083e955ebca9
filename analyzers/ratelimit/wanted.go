package ratelimit

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// IsEndpointPath reports whether the scan-root-relative path p is, by its
// name alone, a file whose exports may be public endpoints or middleware
// (docs/ratelimit.md): Next.js route.*, page.* and middleware/proxy.*,
// anything under an api/ directory, pages/, app/routes/ (Remix), src/routes/
// (SvelteKit, SolidStart), server/api|routes|middleware/ (Nuxt),
// functions/ (Cloudflare Pages, Netlify), SvelteKit +server.* and
// +page.server.* and hooks.server.*, and Django urls.py and views.py. Such
// a file must be parsed even when no keyword matches it: a route that
// imports its Upstash client from "@/lib/db" mentions no SDK. Only code
// files count (not .d.ts), tests and node_modules never do.
func IsEndpointPath(p string) bool {
	c, ok := modgraph.CleanPath(p)
	if !ok || c == "" || !modgraph.IsCode(c) || modgraph.IsTestPath(c) || strings.Contains("/"+c, "/node_modules/") {
		return false
	}
	base := path.Base(c)
	stem := base[:len(base)-len(path.Ext(base))]
	if path.Ext(c) == ".py" {
		return base == "urls.py" || base == "views.py"
	}
	switch stem {
	case "route", "page", "middleware", "proxy", "+server", "+page.server", "+layout.server", "hooks.server":
		return true
	}
	dir := "/" + path.Dir(c) + "/"
	for _, seg := range []string{"/api/", "/pages/", "/app/routes/", "/src/routes/", "/server/routes/", "/server/middleware/", "/functions/"} {
		if strings.Contains(dir, seg) {
			return true
		}
	}
	return false
}

// endpointModule reports whether f defines endpoints or middleware, so that
// Wanted follows its imports: an endpoint path, route registrations, inline
// server actions, a Worker's fetch or a Lambda handler export. A "use
// server" module is not followed (TestWanted pins the stop at that
// boundary); the modules it imports are parsed when they mention an SDK.
func endpointModule(f *facts.File) bool {
	if modgraph.IsTestPath(f.Path) {
		return false
	}
	if f.Directive == "use server" {
		return false
	}
	if IsEndpointPath(f.Path) && !modgraph.ClientSide(f) || len(f.Routes) > 0 {
		return true
	}
	for i := range f.Funcs {
		if f.Funcs[i].UseServer {
			return true
		}
	}
	for _, e := range f.Exports {
		if e.Name == "default.fetch" || e.Name == "handler" {
			return true
		}
	}
	return false
}

// Wanted returns the scanned code files without facts that the rate-limit
// pass needs: the files that are endpoints by their path (IsEndpointPath),
// and the modules that endpoint modules import, directly or transitively,
// without entering client-side modules: the coverage follows a handler to
// the clients it reaches. Sorted. See modgraph.Graph.Unparsed.
func Wanted(g *modgraph.Graph) []string {
	var endpoints []string
	for _, f := range g.Files() {
		if endpointModule(f) {
			endpoints = append(endpoints, f.Path)
		}
	}
	lambdas := lambdaFiles(g) // Lambda handlers a serverless.yml or SAM template wires to HTTP
	endpoints = append(endpoints, lambdas...)
	want := g.Unparsed(endpoints, modgraph.Walk{SkipModule: modgraph.ClientSide, Whole: true})
	for _, p := range lambdas {
		if g.File(p) == nil {
			want = append(want, p)
		}
	}
	for _, p := range g.Index().Paths() {
		if g.File(p) == nil && IsEndpointPath(p) {
			want = append(want, p)
		}
	}
	sort.Strings(want)
	return slices.Compact(want)
}
