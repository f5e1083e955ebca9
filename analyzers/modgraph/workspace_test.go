package modgraph

import (
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
)

func TestResolveWorkspace(t *testing.T) {
	paths := []string{
		"package.json", "pnpm-workspace.yaml",
		"apps/web/package.json", "apps/web/app/api/route.ts", "apps/web/lib/local.ts",
		"packages/cache/package.json", "packages/cache/src/index.ts", "packages/cache/src/redis.ts",
		"packages/db/package.json", "packages/db/index.ts",
		"packages/ui/package.json", "packages/ui/src/button.tsx", "packages/ui/src/icons/star.tsx",
		"packages/sdk/package.json", "packages/sdk/src/index.ts", // named like an SDK: left to the package
		// the same name twice: the one in a workspace wins
		"packages/dup/package.json", "packages/dup/src/index.ts", "examples/dup/package.json", "examples/dup/src/index.ts",
		// twice in workspaces: ambiguous
		"packages/amb1/package.json", "packages/amb1/index.ts", "packages/amb2/package.json", "packages/amb2/index.ts",
	}
	pkg := func(p, name string, entries map[string][]string, ws ...string) *facts.File {
		return &facts.File{Path: p, Lang: facts.Config, Package: &facts.Package{Name: name, Entries: entries, Workspaces: ws}}
	}
	files := []*facts.File{
		pkg("package.json", "acme", nil, "apps/*"),
		pkg("pnpm-workspace.yaml", "", nil, "packages/*"),
		pkg("apps/web/package.json", "@acme/web", nil),
		pkg("packages/cache/package.json", "@acme/cache", map[string][]string{".": {"./dist/index.js", "./dist/index.d.ts"}, "./redis": {"./dist/redis.js"}}),
		pkg("packages/db/package.json", "@acme/db", nil),
		pkg("packages/ui/package.json", "@acme/ui", map[string][]string{"./*": {"./src/*.tsx"}}),
		pkg("packages/sdk/package.json", "@upstash/redis", nil),
		pkg("packages/dup/package.json", "@acme/dup", nil),
		pkg("examples/dup/package.json", "@acme/dup", nil),
		pkg("packages/amb1/package.json", "amb", nil),
		pkg("packages/amb2/package.json", "amb", nil),
	}
	idx := NewIndex(paths, files)
	from := &facts.File{Path: "apps/web/app/api/route.ts", Lang: facts.TS}
	for spec, want := range map[string]string{
		"@acme/cache":         "packages/cache/src/index.ts", // dist/index.js stands for src/index
		"@acme/cache/redis":   "packages/cache/src/redis.ts",
		"@acme/db":            "packages/db/index.ts",
		"@acme/ui/button":     "packages/ui/src/button.tsx",
		"@acme/ui/icons/star": "packages/ui/src/icons/star.tsx",
		"@acme/dup":           "packages/dup/src/index.ts",
		"@acme/cache/missing": "",
		"@acme/other":         "",
		"@upstash/redis":      "",
		"amb":                 "",
		"@acme/cachex":        "",
	} {
		got, ok := Resolve(from, spec, idx)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("Resolve(%q) = %q, want %q", spec, got, want)
		}
	}
}

func TestSameWorkspace(t *testing.T) {
	paths := []string{"package.json", "pnpm-workspace.yaml", "apps/web/package.json", "apps/web/app/api/jobs/route.ts",
		"packages/jobs/package.json", "packages/jobs/src/publish.ts", "examples/demo/package.json", "examples/demo/app/api/jobs/route.ts"}
	pkg := func(p string, ws ...string) *facts.File {
		return &facts.File{Path: p, Lang: facts.Config, Package: &facts.Package{Name: p, Workspaces: ws}}
	}
	idx := NewIndex(paths, []*facts.File{pkg("package.json", "apps/*"), pkg("pnpm-workspace.yaml", "packages/*"),
		pkg("apps/web/package.json"), pkg("packages/jobs/package.json"), pkg("examples/demo/package.json")})
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"packages/jobs/src/publish.ts", "apps/web/app/api/jobs/route.ts", true},
		{"packages/jobs/src/publish.ts", "examples/demo/app/api/jobs/route.ts", false}, // beside the workspace, not in it
		{"examples/demo/app/api/jobs/route.ts", "apps/web/app/api/jobs/route.ts", false},
	} {
		if got := idx.SameWorkspace(c.a, c.b); got != c.want {
			t.Errorf("SameWorkspace(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
