package project

import (
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
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
	c, ok := cleanPath(p)
	if !ok || c == "" || !isCode(c) || isTestPath(c) || strings.Contains("/"+c, "/node_modules/") {
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
	if isTestPath(f.Path) {
		return false
	}
	if f.Directive == "use server" {
		return false
	}
	if IsEndpointPath(f.Path) && !clientSide(f) || len(f.Routes) > 0 {
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
