package upstash

import (
	"encoding/json"
	"strings"
)

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

// browserPackages are npm packages whose presence among a package's
// dependencies says its build output is served to browsers: UI frameworks
// and the bundlers and meta-frameworks that build for the browser.
var browserPackages = []string{
	"react", "react-dom", "vue", "svelte", "@sveltejs/kit", "preact", "solid-js", "@angular/core", "lit",
	"vite", "webpack", "parcel", "astro", "next", "nuxt", "gatsby", "expo", "react-native", "@remix-run/react", "jquery",
}

// IsBrowserPackageJSON reports whether a package.json's dependencies (any
// of dependencies, devDependencies, peerDependencies) name a browser
// framework or bundler (React, Vue, Svelte, Vite, Next.js, …): the
// package's dist/ is then served to browsers. A file that does not parse
// counts as a browser package (the cautious answer for UPS204).
func IsBrowserPackageJSON(data []byte) bool {
	var pkg struct {
		Dependencies     map[string]any `json:"dependencies"`
		DevDependencies  map[string]any `json:"devDependencies"`
		PeerDependencies map[string]any `json:"peerDependencies"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return true
	}
	for _, name := range browserPackages {
		for _, deps := range []map[string]any{pkg.Dependencies, pkg.DevDependencies, pkg.PeerDependencies} {
			if _, ok := deps[name]; ok {
				return true
			}
		}
	}
	return false
}
