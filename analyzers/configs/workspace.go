package configs

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/upscan/upscan/analyzers/facts"
)

// Workspace packages: what a bare specifier such as "@acme/cache" means in a
// monorepo (npm/yarn/pnpm workspaces, turbo). analyzers/modgraph resolves
// it to the package.json whose name it is and that package's entries.

// conditionRank orders the export conditions, most source-like first: a
// workspace package often points "types" or "source" at its TypeScript and
// "import"/"default" at a dist/ that was not built in the scanned tree.
var conditionRank = map[string]int{
	"source": 0, "development": 1, "import": 2, "module": 3, "default": 4, "require": 5, "node": 6, "types": 7,
}

// packageJSON reads name, exports, module, main, types and workspaces.
func (r *reader) packageJSON() {
	var cfg struct {
		Name       string          `json:"name"`
		Exports    json.RawMessage `json:"exports"`
		Module     string          `json:"module"`
		Main       string          `json:"main"`
		Types      string          `json:"types"`
		Typings    string          `json:"typings"`
		Workspaces json.RawMessage `json:"workspaces"`
	}
	if err := json.Unmarshal(r.src, &cfg); err != nil {
		r.note("not valid JSON (%s); its package name and entries were not read", jsonError(err, r))
		return
	}
	p := &facts.Package{Dir: path.Dir(r.path), Name: cfg.Name, Entries: map[string][]string{}}
	if p.Dir == "." {
		p.Dir = ""
	}
	if len(cfg.Exports) > 0 {
		exportTargets(cfg.Exports, ".", p.Entries)
	}
	for _, t := range []string{cfg.Module, cfg.Main, cfg.Types, cfg.Typings} {
		if t != "" {
			p.Entries["."] = append(p.Entries["."], t)
		}
	}
	if len(cfg.Workspaces) > 0 {
		var list []string
		var obj struct {
			Packages []string `json:"packages"`
		}
		if json.Unmarshal(cfg.Workspaces, &list) != nil && json.Unmarshal(cfg.Workspaces, &obj) == nil {
			list = obj.Packages
		}
		p.Workspaces = list
	}
	r.file.Package = p
}

// exportTargets adds the targets of an "exports" value under subpath sub to
// out: a string, an array, an object of subpaths ("./x": …) or of
// conditions (ranked by conditionRank, nested conditions flattened).
func exportTargets(raw json.RawMessage, sub string, out map[string][]string) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s != "" {
			out[sub] = append(out[sub], s)
		}
		return
	}
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) == nil {
		for _, a := range arr {
			exportTargets(a, sub, out)
		}
		return
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	subpaths := len(keys) > 0 && strings.HasPrefix(keys[0], ".")
	sort.Slice(keys, func(i, j int) bool {
		ri, oki := conditionRank[keys[i]]
		rj, okj := conditionRank[keys[j]]
		switch {
		case oki && okj:
			return ri < rj
		case oki != okj:
			return oki
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		if subpaths {
			if strings.HasPrefix(k, ".") {
				exportTargets(obj[k], k, out)
			}
			continue
		}
		exportTargets(obj[k], sub, out)
	}
}

// pnpmWorkspace reads the packages globs of a pnpm-workspace.yaml.
func (r *reader) pnpmWorkspace() {
	root := r.parseYAML(path.Base(r.path))
	if root == nil {
		return
	}
	p := &facts.Package{Dir: path.Dir(r.path)}
	if p.Dir == "." {
		p.Dir = ""
	}
	if _, list := mapGet(root, "packages"); list != nil && list.Kind == yaml.SequenceNode {
		for _, n := range list.Content {
			if n.Kind == yaml.ScalarNode && n.Value != "" {
				p.Workspaces = append(p.Workspaces, n.Value)
			}
		}
	}
	r.file.Package = p
}
