package modgraph

import (
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/analyzers/facts"
)

func TestResolve(t *testing.T) {
	paths := []string{
		// a Next.js app at the root
		"package.json", "app/page.tsx", "app/api/route.ts", "lib/redis.ts", "lib/kv/index.ts", "lib/esm.ts",
		"lib/both.ts", "lib/both.js", "lib/worker.mts", "lib/Button.svelte", "lib/data.json", "src/only-src.ts",
		"components/Stats.tsx", "components/legacy.js",
		// a monorepo package with its own tsconfig extending a base
		"packages/web/package.json", "packages/web/tsconfig.json", "packages/web/src/app.tsx",
		"packages/web/src/lib/cache.ts", "packages/core/src/db.ts", "tsconfig.base.json",
		// ambiguous @/: both src/x and x exist
		"packages/amb/package.json", "packages/amb/src/x.ts", "packages/amb/x.ts", "packages/amb/main.ts",
		// Nuxt and SvelteKit projects without tsconfig facts
		"nuxt/package.json", "nuxt/nuxt.config.ts", "nuxt/utils/redis.ts", "nuxt/pages/index.vue",
		"kit/package.json", "kit/svelte.config.js", "kit/src/lib/redis.ts", "kit/src/lib/index.ts", "kit/src/routes/+page.svelte",
		// Vite solution-style tsconfig: paths live in tsconfig.app.json
		"vite/package.json", "vite/tsconfig.json", "vite/tsconfig.app.json", "vite/src/main.ts", "vite/src/lib/redis.ts",
		// extends cycle
		"cyc/a/tsconfig.json", "cyc/b/tsconfig.json", "cyc/a/x.ts",
		// Python
		"api/app/__init__.py", "api/app/cache.py", "api/app/routes/items.py", "api/app/routes/__init__.py",
		"api/app/services/__init__.py", "svc/src/pkg/mod.py", "svc/tests/test_mod.py",
	}
	files := []*facts.File{
		ft.File("tsconfig.json", ft.TSConfig("", "", "@/*=./*", "@lib=./lib/redis.ts", "@sst/core/*=./packages/core/src/*")),
		ft.File("tsconfig.base.json", ft.TSConfig(".", "", "#core/*=packages/core/src/*")),
		// paths are relative to the baseUrl the child inherits (the repository root)
		ft.File("packages/web/tsconfig.json", ft.TSConfig("", "../../tsconfig.base.json", "~/*=./packages/web/src/*")),
		ft.File("vite/tsconfig.json", ft.TSConfig("", "")),
		ft.File("vite/tsconfig.app.json", ft.TSConfig("", "", "@/*=./src/*")),
		ft.File("cyc/a/tsconfig.json", ft.TSConfig("", "../b/tsconfig.json", "@a/*=./*")),
		ft.File("cyc/b/tsconfig.json", ft.TSConfig("", "../a/tsconfig.json")),
	}
	idx := NewIndex(paths, files)
	tests := []struct {
		from, spec string
		want       string // "" for unresolved
	}{
		// relative, with extension, index and ESM .js → .ts probing
		{"app/page.tsx", "../lib/redis", "lib/redis.ts"},
		{"app/page.tsx", "../lib/redis.ts", "lib/redis.ts"},
		{"app/page.tsx", "../lib/esm.js", "lib/esm.ts"},
		{"app/page.tsx", "../lib/worker.mjs", "lib/worker.mts"},
		{"app/page.tsx", "../lib/kv", "lib/kv/index.ts"},
		{"app/page.tsx", "../lib/kv/", "lib/kv/index.ts"},
		{"app/page.tsx", "../lib/Button.svelte", "lib/Button.svelte"},
		{"app/page.tsx", "../lib/data.json", "lib/data.json"},
		{"app/page.tsx", "../lib/both", "lib/both.ts"},         // TS sources first from TS
		{"components/legacy.js", "../lib/both", "lib/both.js"}, // JS first from JS
		{"components/legacy.js", "../lib/both.js", "lib/both.js"},
		{"app/page.tsx", "../lib/missing", ""},
		{"app/page.tsx", "../../outside", ""},
		{"app/page.tsx", "./worker.js?worker", ""},
		// tsconfig paths: wildcard, exact key, baseUrl
		{"app/page.tsx", "@/lib/redis", "lib/redis.ts"},
		{"app/page.tsx", "@/components/Stats", "components/Stats.tsx"},
		{"app/page.tsx", "@lib", "lib/redis.ts"},
		{"app/page.tsx", "@sst/core/db", "packages/core/src/db.ts"},
		// packages are not resolved
		{"app/page.tsx", "@upstash/redis", ""},
		{"app/page.tsx", "react", ""},
		// nearest tsconfig per directory; extends chain: baseUrl "." of the
		// base is the repository root, paths of the child replace the base's
		{"packages/web/src/app.tsx", "~/lib/cache", "packages/web/src/lib/cache.ts"},
		{"packages/web/src/app.tsx", "#core/db", ""},                                    // replaced by the child's paths
		{"packages/web/src/app.tsx", "packages/core/src/db", "packages/core/src/db.ts"}, // inherited baseUrl
		{"packages/web/src/app.tsx", "@/lib/cache", "packages/web/src/lib/cache.ts"},    // unconfigured @/ → <project>/src
		// unconfigured @/ is refused when ambiguous
		{"packages/amb/main.ts", "@/x", ""},
		{"app/page.tsx", "@/src/only-src", "src/only-src.ts"},
		// Nuxt ~/ and SvelteKit $lib only in their projects
		{"nuxt/pages/index.vue", "~/utils/redis", "nuxt/utils/redis.ts"},
		{"app/page.tsx", "~/lib/redis", ""},
		{"kit/src/routes/+page.svelte", "$lib/redis", "kit/src/lib/redis.ts"},
		{"kit/src/routes/+page.svelte", "$lib", "kit/src/lib/index.ts"},
		{"app/page.tsx", "$lib/redis", ""},
		// root-relative (Vite)
		{"vite/src/main.ts", "/src/lib/redis", "vite/src/lib/redis.ts"},
		// solution-style tsconfig defers to tsconfig.app.json
		{"vite/src/main.ts", "@/lib/redis", "vite/src/lib/redis.ts"},
		// an extends cycle terminates and keeps the config's own paths
		{"cyc/a/x.ts", "@a/x", "cyc/a/x.ts"},
		// Python: absolute from an ancestor, relative, package, submodule
		{"api/app/routes/items.py", "app.cache", "api/app/cache.py"},
		{"api/app/routes/items.py", "..cache", "api/app/cache.py"},
		{"api/app/routes/items.py", ".", "api/app/routes/__init__.py"},
		{"api/app/routes/items.py", "app.services", "api/app/services/__init__.py"},
		{"api/app/routes/items.py", "...", ""},
		{"api/app/routes/items.py", "....", ""},
		{"api/app/routes/items.py", "upstash_redis", ""},
		{"api/app/routes/items.py", PythonSubmodule("..", "cache"), "api/app/cache.py"},
		{"svc/tests/test_mod.py", "pkg.mod", "svc/src/pkg/mod.py"},
	}
	for _, tt := range tests {
		from := ft.File(tt.from)
		got, ok := Resolve(from, tt.spec, idx)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("Resolve(%s, %q) = %q, %v; want %q", tt.from, tt.spec, got, ok, tt.want)
		}
	}
}

func TestResolveDegenerate(t *testing.T) {
	idx := NewIndex([]string{"a.ts"}, nil)
	for _, tt := range []struct {
		from *facts.File
		spec string
		idx  *Index
	}{
		{nil, "./a", idx},
		{ft.File("b.ts"), "./a", nil},
		{ft.File("b.ts"), "", idx},
		{ft.File("../b.ts"), "./a", idx},
		{&facts.File{Path: ""}, "./a", idx},
	} {
		if got, ok := Resolve(tt.from, tt.spec, tt.idx); ok {
			t.Errorf("Resolve(%v, %q) = %q, want no result", tt.from, tt.spec, got)
		}
	}
	if got, ok := Resolve(ft.File("b.ts"), "./a", idx); !ok || got != "a.ts" {
		t.Errorf("Resolve(b.ts, ./a) = %q, %v", got, ok)
	}
}

func TestNewIndexExtendsChain(t *testing.T) {
	// Three levels: the grandparent sets baseUrl, the parent sets paths
	// relative to baseUrl, the child adds nothing.
	files := []*facts.File{
		ft.File("config/tsconfig.root.json", ft.TSConfig("..", "")),
		ft.File("config/tsconfig.paths.json", ft.TSConfig("", "./tsconfig.root.json", "@shared/*=shared/*")),
		ft.File("apps/web/tsconfig.json", ft.TSConfig("", "../../config/tsconfig.paths")),
	}
	idx := NewIndex([]string{"shared/redis.ts", "apps/web/page.tsx"}, files)
	got, ok := Resolve(ft.File("apps/web/page.tsx"), "@shared/redis", idx)
	if diff := cmp.Diff("shared/redis.ts", got); diff != "" || !ok {
		t.Errorf("Resolve through a 3-level extends chain (-want +got):\n%s", diff)
	}
	if !idx.Has("./shared/redis.ts") || idx.Has("shared/missing.ts") || (*Index)(nil).Has("x") {
		t.Error("Has answers wrongly")
	}
}
