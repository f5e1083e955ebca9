package modgraph

import (
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// Probe orders: the extensions a bundler or TypeScript tries for an
// extensionless specifier, and the TypeScript sources an ESM ".js" import
// stands for ("./redis.js" is redis.ts when only that exists).
var (
	tsExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".svelte", ".vue"}
	jsExts = []string{".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".svelte", ".vue"}
	jsToTS = map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}
)

// Resolve returns the scanned path that the module specifier spec, written
// in the file from, refers to; ok is false for packages (node_modules,
// site-packages), files outside the scan and anything unresolvable.
//
// JS/TS (every Lang but Python): relative specifiers with extension probing
// (.ts .tsx .mts .cts .js .jsx .mjs .cjs .svelte .vue, TypeScript sources
// first from a TS file) and /index.* probing; an ESM "./redis.js" finds
// redis.ts; "/src/x" is relative to the project root (Vite). Then the
// compilerOptions.paths of the nearest tsconfig/jsconfig (exact key, else
// the longest wildcard prefix; targets in order), then its baseUrl, then
// conventional aliases, accepted only when exactly one candidate exists:
// "@/x" → <project>/src/x or <project>/x (and <nuxt>/app/x in Nuxt), "~/x"
// and "~~/x" only in a Nuxt project (nuxt.config.*), "$lib/x" → src/lib/x
// in a SvelteKit project (svelte.config.*). A project is the nearest
// directory with a package.json.
//
// Python (Lang Python or a .py path): "app.cache" is app/cache.py or
// app/cache/__init__.py searched from the importing file's directory up to
// the scan root (and each level's src/); ".cache" and "..pkg.mod" are
// relative to the importing package; "." is its __init__.py. A name imported
// from a package (`from app import cache`) is resolved by the caller as the
// spec "app.cache" when it is a submodule.
func Resolve(from *facts.File, spec string, idx *Index) (path string, ok bool) {
	if from == nil || idx == nil {
		return "", false
	}
	spec = strings.TrimSpace(spec)
	fromPath, ok := CleanPath(from.Path)
	if spec == "" || !ok {
		return "", false
	}
	if IsPython(from) {
		return idx.resolvePython(fromPath, spec)
	}
	return idx.resolveJS(fromPath, from.Lang != facts.JS, spec)
}

func (idx *Index) resolveJS(fromPath string, tsFirst bool, spec string) (string, bool) {
	if i := strings.IndexAny(spec, "?#"); i > 0 {
		spec = spec[:i] // Vite query suffixes: "./worker.js?worker"
	}
	dir := ParentDir(fromPath)
	if isRelative(spec) {
		p, ok := joinPath(dir, spec)
		if !ok {
			return "", false
		}
		return idx.probe(p, tsFirst)
	}
	info := idx.dir(dir)
	if strings.HasPrefix(spec, "/") {
		p, ok := joinPath(info.root, strings.TrimLeft(spec, "/"))
		if !ok {
			return "", false
		}
		return idx.probe(p, tsFirst)
	}
	if c := info.ts; c != nil {
		if pat, star, ok := c.match(spec); ok {
			base := c.pathsDir
			if c.hasBase {
				base = c.base
			}
			for _, t := range pat.targets {
				t = strings.Replace(t, "*", star, 1)
				if p, ok := joinPath(base, t); ok {
					if r, ok := idx.probe(p, tsFirst); ok {
						return r, true
					}
				}
			}
		}
		if c.hasBase {
			if p, ok := joinPath(c.base, spec); ok {
				if r, ok := idx.probe(p, tsFirst); ok {
					return r, true
				}
			}
		}
	}
	return idx.conventional(info, spec, tsFirst)
}

// conventional resolves the aliases frameworks configure without a tsconfig
// entry in the repository, when exactly one candidate file exists.
func (idx *Index) conventional(info *dirInfo, spec string, tsFirst bool) (string, bool) {
	var cands []string
	add := func(d, rest string) {
		if p, ok := joinPath(d, rest); ok {
			cands = append(cands, p)
		}
	}
	switch {
	case strings.HasPrefix(spec, "@/"):
		rest := spec[2:]
		add(JoinDir(info.root, "src"), rest)
		add(info.root, rest)
		if info.hasNuxt {
			add(info.nuxt, rest)
			add(JoinDir(info.nuxt, "app"), rest)
		}
	case info.hasNuxt && strings.HasPrefix(spec, "~/"):
		add(info.nuxt, spec[2:])
		add(JoinDir(info.nuxt, "app"), spec[2:])
	case info.hasNuxt && (strings.HasPrefix(spec, "~~/") || strings.HasPrefix(spec, "@@/")):
		add(info.nuxt, spec[3:])
	case info.hasSvelte && (spec == "$lib" || strings.HasPrefix(spec, "$lib/")):
		lib := JoinDir(info.svelte, "src/lib")
		if spec == "$lib" {
			cands = append(cands, lib)
		} else {
			add(lib, spec[len("$lib/"):])
		}
	default:
		return "", false
	}
	found := ""
	for _, c := range cands {
		r, ok := idx.probe(c, tsFirst)
		if !ok || r == found {
			continue
		}
		if found != "" {
			return "", false // ambiguous: src/x and x both exist
		}
		found = r
	}
	return found, found != ""
}

// probe finds the file a resolved specifier path p names: p itself when it
// has an extension (or the TypeScript source an ESM .js name stands for),
// then p + extension, then p/index + extension.
func (idx *Index) probe(p string, tsFirst bool) (string, bool) {
	ext := path.Ext(p)
	if mapped, ok := jsToTS[ext]; ok {
		stem := p[:len(p)-len(ext)]
		if !tsFirst && idx.files[p] {
			return p, true
		}
		for _, m := range mapped {
			if idx.files[stem+m] {
				return stem + m, true
			}
		}
		if idx.files[p] {
			return p, true
		}
	} else if ext != "" && p != "" && idx.files[p] {
		return p, true
	}
	order := tsExts
	if !tsFirst {
		order = jsExts
	}
	for _, e := range order {
		if p != "" && idx.files[p+e] {
			return p + e, true
		}
	}
	for _, e := range order {
		if c := JoinDir(p, "index"+e); idx.files[c] {
			return c, true
		}
	}
	return "", false
}

// resolvePython resolves a dotted module name by Python's own import rules,
// simplified to the scanned tree (see Resolve).
func (idx *Index) resolvePython(fromPath, spec string) (string, bool) {
	dots := len(spec) - len(strings.TrimLeft(spec, "."))
	rest := spec[dots:]
	if strings.ContainsAny(rest, "/\\") || strings.Contains(rest, "..") || strings.HasSuffix(rest, ".") {
		return "", false
	}
	rel := strings.ReplaceAll(rest, ".", "/")
	if dots > 0 {
		base := ParentDir(fromPath)
		for i := 1; i < dots; i++ {
			if base == "" {
				return "", false
			}
			base = ParentDir(base)
		}
		return idx.probePython(base, rel)
	}
	if rel == "" {
		return "", false
	}
	for d := ParentDir(fromPath); ; d = ParentDir(d) {
		if p, ok := idx.probePython(d, rel); ok {
			return p, true
		}
		if p, ok := idx.probePython(JoinDir(d, "src"), rel); ok {
			return p, true
		}
		if d == "" {
			return "", false
		}
	}
}

// probePython finds module rel ("app/cache", "" for the package itself)
// under directory d: d/rel.py, else d/rel/__init__.py.
func (idx *Index) probePython(d, rel string) (string, bool) {
	pkg := d
	if rel != "" {
		if p := JoinDir(d, rel+".py"); idx.files[p] {
			return p, true
		}
		pkg = JoinDir(d, rel)
	}
	if p := JoinDir(pkg, "__init__.py"); idx.files[p] {
		return p, true
	}
	return "", false
}

// PythonSubmodule returns the spec naming submodule name of the module or
// package spec: ("app", "cache") → "app.cache", (".", "cache") → ".cache".
func PythonSubmodule(spec, name string) string {
	if strings.HasSuffix(spec, ".") {
		return spec + name
	}
	return spec + "." + name
}
