package modgraph

import (
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// Index is what module resolution knows about the scanned tree: every
// scanned path, and for every directory the tsconfig.json/jsconfig.json that
// applies to it (the nearest one, its `extends` chain within the repository
// merged), the project root (nearest package.json) and framework markers
// (nuxt.config.*, svelte.config.*) that give conventional aliases a meaning.
//
// Build it with NewIndex after the tsconfig/jsconfig files have facts. It is
// read-only afterwards and safe for concurrent use.
type Index struct {
	files map[string]bool
	dirs  map[string]*dirInfo
}

// dirInfo is what the Index knows about one directory, inherited from its
// parent unless the directory itself says otherwise.
type dirInfo struct {
	ts        *tsConfig // effective config of the nearest tsconfig/jsconfig; nil when none
	root      string    // nearest directory holding package.json ("" is the scan root)
	nuxt      string    // directory of the nearest nuxt.config.*, when hasNuxt
	hasNuxt   bool
	svelte    string // directory of the nearest svelte.config.*, when hasSvelte
	hasSvelte bool
}

// tsConfig is the module-resolution part of a tsconfig after merging its
// extends chain: compilerOptions.baseUrl and compilerOptions.paths, with the
// directories they are relative to already applied.
type tsConfig struct {
	file     string // the config file this is the effective form of
	base     string // baseUrl as a scan-root-relative directory, when hasBase
	hasBase  bool
	patterns []pathPattern
	pathsDir string // directory targets are relative to when !hasBase (the config that set paths)
}

// pathPattern is one compilerOptions.paths entry: "@/*": ["./src/*"].
type pathPattern struct {
	prefix, suffix string // around the '*'; prefix is the whole key when !star
	star           bool
	targets        []string
}

var (
	nuxtConfigs   = []string{"nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs", "nuxt.config.mts"}
	svelteConfigs = []string{"svelte.config.js", "svelte.config.ts", "svelte.config.mjs", "svelte.config.cjs"}
)

// NewIndex builds the index from every scanned path (slash-separated,
// relative to the scan root) and the facts parsed so far; the paths of files
// are added too. It collects every File.TSConfig and merges `extends` chains
// that stay within the repository (relative specifiers, or paths the config
// reader already resolved; cycles are cut). A tsconfig.json that was not
// parsed counts as absent. paths and files may be nil.
func NewIndex(paths []string, files []*facts.File) *Index {
	idx := &Index{files: make(map[string]bool, len(paths)+len(files)), dirs: map[string]*dirInfo{}}
	for _, p := range paths {
		if c, ok := CleanPath(p); ok {
			idx.files[c] = true
		}
	}
	ts := &tsResolver{raw: map[string]*facts.TSConfig{}, byDir: map[string][]string{}, memo: map[string]*tsConfig{}, state: map[string]uint8{}}
	for _, f := range files {
		if f == nil {
			continue
		}
		c, ok := CleanPath(f.Path)
		if !ok {
			continue
		}
		idx.files[c] = true
		if f.TSConfig != nil {
			ts.raw[c] = f.TSConfig
			ts.byDir[ParentDir(c)] = append(ts.byDir[ParentDir(c)], c)
		}
	}

	dirSet := map[string]bool{"": true}
	for p := range idx.files {
		for d := ParentDir(p); !dirSet[d]; d = ParentDir(d) {
			dirSet[d] = true
		}
	}
	dirs := make([]string, 0, len(dirSet))
	for d := range dirSet {
		dirs = append(dirs, d)
	}
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := depth(dirs[i]), depth(dirs[j])
		if di != dj {
			return di < dj
		}
		return dirs[i] < dirs[j]
	})
	for _, d := range dirs {
		info := &dirInfo{}
		if d != "" {
			*info = *idx.dirs[ParentDir(d)]
		}
		if idx.files[JoinDir(d, "package.json")] {
			info.root = d
		}
		for _, n := range nuxtConfigs {
			if idx.files[JoinDir(d, n)] {
				info.nuxt, info.hasNuxt = d, true
			}
		}
		for _, n := range svelteConfigs {
			if idx.files[JoinDir(d, n)] {
				info.svelte, info.hasSvelte = d, true
			}
		}
		if c := ts.forDir(d); c != nil {
			info.ts = c
		}
		idx.dirs[d] = info
	}
	return idx
}

// Has reports whether path is one of the scanned paths.
func (idx *Index) Has(path string) bool {
	if idx == nil {
		return false
	}
	c, ok := CleanPath(path)
	return ok && idx.files[c]
}

// Paths returns every scanned path the index knows, clean and sorted.
func (idx *Index) Paths() []string {
	if idx == nil {
		return nil
	}
	out := make([]string, 0, len(idx.files))
	for p := range idx.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// ProjectRoot returns the project the file at the clean scan-root-relative
// path p belongs to: the nearest directory holding a package.json, "" for
// the scan root. Passes use it to tie middleware and shared clients to the
// routes of one app in a monorepo.
func (idx *Index) ProjectRoot(p string) string {
	if idx == nil {
		return ""
	}
	return idx.dir(ParentDir(p)).root
}

// dir returns what the index knows about directory d (or its nearest known
// ancestor); never nil.
func (idx *Index) dir(d string) *dirInfo {
	for {
		if info, ok := idx.dirs[d]; ok {
			return info
		}
		if d == "" {
			return &dirInfo{}
		}
		d = ParentDir(d)
	}
}

// tsResolver merges tsconfig extends chains, memoised per config file.
type tsResolver struct {
	raw   map[string]*facts.TSConfig // config path → its facts
	byDir map[string][]string        // directory → config paths in it
	memo  map[string]*tsConfig
	state map[string]uint8 // 1 = in progress (a cycle reaching it is cut), 2 = done
}

// forDir returns the effective config that applies to files directly in d
// when d holds one: tsconfig.json, else jsconfig.json. A solution-style
// tsconfig.json without paths or baseUrl (Vite's `references` layout) defers
// to a sibling tsconfig.*.json that has them, tsconfig.app.json first.
func (r *tsResolver) forDir(d string) *tsConfig {
	var c *tsConfig
	for _, n := range []string{"tsconfig.json", "jsconfig.json"} {
		if p := JoinDir(d, n); r.raw[p] != nil {
			c = r.effective(p)
			break
		}
	}
	if c != nil && (len(c.patterns) > 0 || c.hasBase) {
		return c
	}
	siblings := append([]string(nil), r.byDir[d]...)
	sort.Slice(siblings, func(i, j int) bool {
		ai, aj := path.Base(siblings[i]) == "tsconfig.app.json", path.Base(siblings[j]) == "tsconfig.app.json"
		if ai != aj {
			return ai
		}
		return siblings[i] < siblings[j]
	})
	for _, p := range siblings {
		b := path.Base(p)
		if !strings.HasPrefix(b, "tsconfig.") || b == "tsconfig.json" {
			continue
		}
		if s := r.effective(p); s != nil && (len(s.patterns) > 0 || s.hasBase) {
			return s
		}
	}
	return c
}

// effective returns the config at p with its extends chain merged: a child's
// baseUrl and paths replace its parent's, each resolved against the
// directory of the config that set it (TypeScript's rules). nil when p has no
// facts or sits on an extends cycle.
func (r *tsResolver) effective(p string) *tsConfig {
	switch r.state[p] {
	case 1:
		return nil
	case 2:
		return r.memo[p]
	}
	raw := r.raw[p]
	if raw == nil {
		return nil
	}
	r.state[p] = 1
	c := &tsConfig{}
	if parent := r.extends(p, raw.Extends); parent != "" {
		if pc := r.effective(parent); pc != nil {
			*c = *pc
		}
	}
	c.file = p
	dir := ParentDir(p)
	if raw.BaseURL != "" {
		if b, ok := joinPath(dir, raw.BaseURL); ok {
			c.base, c.hasBase = b, true
		}
	}
	if len(raw.Paths) > 0 {
		c.patterns = compilePaths(raw.Paths)
		c.pathsDir = dir
	}
	r.memo[p] = c
	r.state[p] = 2
	return c
}

// extends resolves a config's `extends` to the path of another config with
// facts, or "" (a package such as @tsconfig/next, or a config not scanned).
func (r *tsResolver) extends(from, ext string) string {
	ext = strings.TrimSpace(ext)
	if ext == "" {
		return ""
	}
	var cands []string
	if isRelative(ext) {
		p, ok := joinPath(ParentDir(from), ext)
		if !ok {
			return ""
		}
		cands = []string{p, p + ".json", JoinDir(p, "tsconfig.json")}
	} else if p, ok := CleanPath(ext); ok {
		cands = []string{p, p + ".json"}
	}
	for _, c := range cands {
		if c != from && r.raw[c] != nil {
			return c
		}
	}
	return ""
}

// compilePaths turns compilerOptions.paths into patterns, sorted by key so
// that the result does not depend on map order.
func compilePaths(paths map[string][]string) []pathPattern {
	keys := make([]string, 0, len(paths))
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]pathPattern, 0, len(keys))
	for _, k := range keys {
		if strings.Count(k, "*") > 1 {
			continue // TypeScript rejects these
		}
		pp := pathPattern{prefix: k, targets: paths[k]}
		if i := strings.IndexByte(k, '*'); i >= 0 {
			pp.prefix, pp.suffix, pp.star = k[:i], k[i+1:], true
		}
		out = append(out, pp)
	}
	return out
}

// match returns the pattern TypeScript would use for spec and the text the
// '*' stands for: an exact key first, else the wildcard key with the longest
// prefix.
func (c *tsConfig) match(spec string) (*pathPattern, string, bool) {
	var best *pathPattern
	for i := range c.patterns {
		p := &c.patterns[i]
		if !p.star {
			if p.prefix == spec {
				return p, "", true
			}
			continue
		}
		if len(spec) >= len(p.prefix)+len(p.suffix) && strings.HasPrefix(spec, p.prefix) && strings.HasSuffix(spec, p.suffix) {
			if best == nil || len(p.prefix) > len(best.prefix) {
				best = p
			}
		}
	}
	if best == nil {
		return nil, "", false
	}
	return best, spec[len(best.prefix) : len(spec)-len(best.suffix)], true
}
