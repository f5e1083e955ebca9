package upstash

import "strings"

// Where a project's static web root lies (UPSTASH.md §4.3: server code is
// code wherever it lives). A frontend framework serves its `public/`
// directory as is, so a token in it ships to every browser; but a folder
// named public below the source tree (`src/routes/public/feed.ts`, a Hono
// router; `app/api/public/route.ts`, a Next.js route) is server code.

// sourceDirs are directory names that hold code: a `public` directory
// below one of them is part of the code, not a web root.
var sourceDirs = map[string]bool{
	"src": true, "app": true, "lib": true, "server": true, "routes": true, "api": true,
	"pages": true, "functions": true, "handlers": true, "controllers": true, "modules": true,
}

// IsWebRootPublic reports whether the slash-separated directory path dir,
// whose last component is "public", is a static web root: no earlier
// component is a source directory (src, app, lib, server, routes, api,
// pages, functions, handlers, controllers, modules). "public" and
// "apps/web/public" are web roots; "src/routes/public" is not.
func IsWebRootPublic(dir string) bool {
	comps := strings.Split(dir, "/")
	if len(comps) == 0 || comps[len(comps)-1] != "public" {
		return false
	}
	for _, c := range comps[:len(comps)-1] {
		if sourceDirs[c] {
			return false
		}
	}
	return true
}
