package modgraph

import (
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// Workspace packages: `import { redis } from "@acme/cache"` in a monorepo
// is packages/cache, the scanned package.json whose name is @acme/cache.
// Workspace globs (package.json "workspaces", pnpm-workspace.yaml
// "packages") decide between packages of the same name; a name still
// ambiguous stays unresolved. tsconfig "references" need nothing more: a
// referenced project is imported by its package name or a paths alias.

// wsPackage is one scanned package.json with a name.
type wsPackage struct {
	dir     string
	entries map[string][]string
}

// workspaces is the package table of the Index.
type workspaces struct {
	byName map[string]wsPackage
	roots  map[string][]string // workspace root directory → its globs (relative to the scan root)
}

// newWorkspaces collects the named packages and the workspace globs of files.
func newWorkspaces(files []*facts.File) *workspaces {
	var globs []string // workspace globs, relative to the scan root
	roots := map[string][]string{}
	cands := map[string][]wsPackage{}
	for _, f := range files {
		if f == nil || f.Package == nil {
			continue
		}
		c, ok := CleanPath(f.Path)
		if !ok {
			continue
		}
		dir := ParentDir(c)
		for _, g := range f.Package.Workspaces {
			if g = strings.TrimPrefix(strings.TrimSpace(g), "./"); g != "" && !strings.HasPrefix(g, "!") {
				globs = append(globs, JoinDir(dir, strings.TrimSuffix(g, "/")))
				roots[dir] = append(roots[dir], JoinDir(dir, strings.TrimSuffix(g, "/")))
			}
		}
		if n := f.Package.Name; n != "" && path.Base(c) == "package.json" {
			cands[n] = append(cands[n], wsPackage{dir: dir, entries: f.Package.Entries})
		}
	}
	ws := &workspaces{byName: map[string]wsPackage{}, roots: roots}
	for name, ps := range cands {
		if len(ps) > 1 {
			var in []wsPackage
			for _, p := range ps {
				if inWorkspace(p.dir, globs) {
					in = append(in, p)
				}
			}
			ps = in
		}
		if len(ps) == 1 {
			ws.byName[name] = ps[0]
		}
	}
	return ws
}

// SameWorkspace reports whether the modules at a and b belong to packages
// of one workspace: their project roots (ProjectRoot) both match the
// workspace globs of one package.json "workspaces" or pnpm-workspace.yaml.
// Apps that merely sit side by side in a scan (a folder of examples) are
// not one workspace.
func (idx *Index) SameWorkspace(a, b string) bool {
	if idx == nil || idx.ws == nil {
		return false
	}
	ra, rb := idx.ProjectRoot(a), idx.ProjectRoot(b)
	for _, globs := range idx.ws.roots {
		if inWorkspace(ra, globs) && inWorkspace(rb, globs) {
			return true
		}
	}
	return false
}

// inWorkspace reports whether dir matches one of the workspace globs
// ("packages/*", "apps/**", "tools/cli").
func inWorkspace(dir string, globs []string) bool {
	for _, g := range globs {
		if i := strings.Index(g, "**"); i >= 0 {
			if strings.HasPrefix(dir+"/", strings.TrimSuffix(g[:i], "/")+"/") {
				return true
			}
			continue
		}
		if ok, _ := path.Match(g, dir); ok {
			return true
		}
	}
	return false
}

// resolveWorkspace resolves a bare specifier to a file of a scanned
// workspace package: the package's entries for the subpath (exports,
// module, main, types; a dist/ or build/ target also tried under src/),
// then the subpath itself under the package and its src/, then its index.
func (idx *Index) resolveWorkspace(spec string, tsFirst bool) (string, bool) {
	if idx.ws == nil || strings.HasPrefix(spec, ".") {
		return "", false
	}
	name := PackageName(spec)
	if upstash.KnownModule(upstash.JS, name) {
		return "", false
	}
	p, ok := idx.ws.byName[name]
	if !ok || !strings.HasPrefix(spec, name) {
		return "", false
	}
	sub := "." + strings.TrimPrefix(spec, name) // "." or "./redis"
	var targets []string
	if ts, ok := p.entries[sub]; ok {
		targets = ts
	} else {
		// A wildcard subpath: "./*": "./src/*.ts".
		keys := make([]string, 0, len(p.entries))
		for k := range p.entries {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			pre, post, star := strings.Cut(k, "*")
			if !star || !strings.HasPrefix(sub, pre) || !strings.HasSuffix(sub, post) || len(sub) < len(pre)+len(post) {
				continue
			}
			mid := sub[len(pre) : len(sub)-len(post)]
			for _, t := range p.entries[k] {
				targets = append(targets, strings.Replace(t, "*", mid, 1))
			}
		}
	}
	if sub != "." {
		targets = append(targets, sub, "./src/"+strings.TrimPrefix(sub, "./"))
	} else {
		targets = append(targets, "./src/index", "./index")
	}
	for _, t := range targets {
		for _, c := range sourceFor(t) {
			if q, ok := joinPath(p.dir, c); ok {
				if r, ok := idx.probe(q, tsFirst); ok {
					return r, true
				}
			}
		}
	}
	return "", false
}

// sourceFor returns the paths an entry target may stand for in a tree that
// was not built: itself, and for dist/, build/, lib/ or out/ targets the
// same path under src/ without the extension (dist/index.js → src/index),
// and a declaration's source (index.d.ts → index).
func sourceFor(t string) []string {
	t = "./" + strings.TrimPrefix(t, "./")
	out := []string{t}
	stem := t
	for _, ext := range []string{".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs"} {
		if strings.HasSuffix(stem, ext) {
			stem = strings.TrimSuffix(stem, ext)
			break
		}
	}
	if stem != t {
		out = append(out, stem)
	}
	for _, d := range []string{"./dist/", "./build/", "./lib/", "./out/"} {
		if strings.HasPrefix(stem, d) {
			out = append(out, "./src/"+strings.TrimPrefix(stem, d))
		}
	}
	return out
}
