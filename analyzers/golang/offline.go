package golang

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// MaxTypedFiles is the budget of a typed load: the number of Go files
// (the module's own, its dependencies' and the standard library's) parsed
// to type-check one module. A module whose packages need more runs
// syntax-only with a note. The budget is a count, not a time, so that the
// same tree always gets the same answer.
const MaxTypedFiles = 6000

// offlineEnv is added to the go command's environment when packages are
// listed: no module proxy and no version control (nothing is downloaded
// into the module cache), no checksum database, no toolchain download for
// a go.mod that asks for another Go version, no cache program, and cgo off
// (cgo files would be preprocessed into the build cache; the analyzers
// need none of them). GOPRIVATE and its kin are cleared: they would send
// the go command straight to version control.
var offlineEnv = []string{
	"GOPROXY=off", "GOVCS=*:off", "GOSUMDB=off", "GOTOOLCHAIN=local",
	"GOPRIVATE=", "GONOPROXY=", "GONOSUMDB=", "GOINSECURE=", "GOCACHEPROG=",
	"CGO_ENABLED=0",
}

// goEnv is the environment of the go command for a typed load: the
// caller's (opts.Env or the process's), GOFLAGS without -mod=mod (which
// would let the go command rewrite go.mod and go.sum), offlineEnv, and
// GOCACHE set to cache, a directory of upscan's own, so that nothing is
// written to the user's build cache.
func goEnv(opts Options, cache string) []string {
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	out := make([]string, 0, len(env)+len(offlineEnv)+2)
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			var keep []string
			for _, f := range strings.Fields(v) {
				if f != "-mod=mod" {
					keep = append(keep, f)
				}
			}
			kv = "GOFLAGS=" + strings.Join(keep, " ")
		}
		out = append(out, kv)
	}
	out = append(out, offlineEnv...)
	return append(out, "GOCACHE="+cache)
}

// goSettings are the go command's settings a missing-dependency check needs.
type goSettings struct {
	GOMODCACHE string
	GOMOD      string
	GOWORK     string
	GOFLAGS    string
}

// settings asks the go command (in dir, with env) where the module cache,
// go.mod and go.work are. `go env` reads no network and writes no cache.
func settings(ctx context.Context, dir string, env []string) (goSettings, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "-json", "GOMODCACHE", "GOMOD", "GOWORK", "GOFLAGS")
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return goSettings{}, fmt.Errorf("go env: %s", strings.TrimPrefix(msg, "go: "))
	}
	var s goSettings
	if err := json.Unmarshal(out, &s); err != nil {
		return goSettings{}, fmt.Errorf("go env: %w", err)
	}
	return s, nil
}

// missingDependency returns the first module (path@version) the go command
// would have to download to list the packages of the module that s
// describes, or "" when everything is on disk: in vendor/, or in the module
// cache (its go.mod and its extracted files). The go command is not asked:
// even with GOPROXY=off it writes lock files into the module cache for a
// module it cannot find. A module's own requirements are complete when its
// go.mod says go 1.17 or later (graph pruning); for an older go.mod the
// go.mod files of the whole graph are checked.
func missingDependency(s goSettings) (string, error) {
	var mains []string // go.mod files of the main modules
	var replaces []*modfile.Replace
	switch {
	case s.GOWORK != "" && s.GOWORK != "off":
		data, err := os.ReadFile(s.GOWORK)
		if err != nil {
			return "", err
		}
		wf, err := modfile.ParseWork(s.GOWORK, data, nil)
		if err != nil {
			return "", err
		}
		for _, u := range wf.Use {
			mains = append(mains, filepath.Join(filepath.Dir(s.GOWORK), filepath.FromSlash(u.Path), "go.mod"))
		}
		replaces = wf.Replace
	case s.GOMOD != "" && s.GOMOD != os.DevNull:
		mains = []string{s.GOMOD}
	default:
		return "", nil // no module: the standard library only
	}
	vendorOff := strings.Contains(s.GOFLAGS, "-mod=mod") || strings.Contains(s.GOFLAGS, "-mod=readonly")
	type node struct {
		mf       *modfile.File
		dir      string // directory of a go.mod on disk ("" for the module cache)
		all      bool   // follow every requirement (an unpruned graph)
		extracts bool   // the required modules' files must be extracted
	}
	var queue []node
	for i, gomod := range mains {
		data, err := os.ReadFile(gomod)
		if err != nil {
			return "", err
		}
		mf, err := modfile.Parse(gomod, data, nil)
		if err != nil {
			return "", err
		}
		dir := filepath.Dir(gomod)
		if len(mains) == 1 && !vendorOff && mf.Go != nil && semver.Compare("v"+mf.Go.Version, "v1.14") >= 0 {
			if _, err := os.Stat(filepath.Join(dir, "vendor", "modules.txt")); err == nil {
				return "", nil // vendor mode: the module cache is not read
			}
		}
		if i == 0 && len(mains) == 1 {
			replaces = mf.Replace
		}
		queue = append(queue, node{mf: mf, dir: dir, all: true, extracts: true})
	}
	replace := func(m module.Version) module.Version {
		var hit *modfile.Replace
		for _, r := range replaces {
			if r.Old.Path == m.Path && (r.Old.Version == "" || r.Old.Version == m.Version) {
				if hit == nil || r.Old.Version != "" {
					hit = r
				}
			}
		}
		if hit == nil {
			return m
		}
		return hit.New
	}
	seen := map[module.Version]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		pruned := n.mf.Go != nil && semver.Compare("v"+n.mf.Go.Version, "v1.17") >= 0
		if !n.all && pruned {
			continue
		}
		for _, r := range n.mf.Require {
			m := replace(r.Mod)
			if seen[m] {
				continue
			}
			seen[m] = true
			var data []byte
			var name string
			if m.Version == "" { // a directory
				dir := filepath.FromSlash(m.Path)
				if !filepath.IsAbs(dir) && n.dir != "" {
					dir = filepath.Join(n.dir, dir)
				}
				name = filepath.Join(dir, "go.mod")
				var err error
				if data, err = os.ReadFile(name); err != nil {
					return m.Path + " (replacement directory)", nil
				}
				mf, err := modfile.ParseLax(name, data, nil)
				if err != nil {
					return "", err
				}
				queue = append(queue, node{mf: mf, dir: dir, all: !pruned})
				continue
			}
			ep, err1 := module.EscapePath(m.Path)
			ev, err2 := module.EscapeVersion(m.Version)
			if err1 != nil || err2 != nil {
				return m.String(), nil
			}
			name = filepath.Join(s.GOMODCACHE, "cache", "download", filepath.FromSlash(ep), "@v", ev+".mod")
			data, err := os.ReadFile(name)
			if err != nil {
				return m.String(), nil
			}
			if n.extracts {
				if fi, err := os.Stat(filepath.Join(s.GOMODCACHE, filepath.FromSlash(ep)+"@"+ev)); err != nil || !fi.IsDir() {
					return m.String(), nil
				}
			}
			mf, err := modfile.ParseLax(name, data, nil)
			if err != nil {
				return "", err
			}
			queue = append(queue, node{mf: mf, all: !pruned})
		}
	}
	return "", nil
}

// budgetParser is the ParseFile of a typed load. Files outside the
// module's directory (the standard library, dependencies) are parsed
// without function bodies: the analyzers read only their declarations.
// Past MaxTypedFiles files it parses nothing more and over is set.
type budgetParser struct {
	root  string // module directory, with a trailing separator
	files atomic.Int64
	over  atomic.Bool
}

func (b *budgetParser) parse(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	if b.files.Add(1) > MaxTypedFiles {
		b.over.Store(true)
		return nil, fmt.Errorf("%s: over the typed-load budget", filename)
	}
	own := strings.HasPrefix(filename, b.root) && !strings.Contains(filename[len(b.root):], "vendor"+string(filepath.Separator))
	if own {
		return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
	}
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if f != nil {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				fd.Body = nil
			}
		}
	}
	return f, err
}
