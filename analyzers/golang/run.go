package golang

import (
	"bytes"
	"context"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/upscan/upscan/rules"
)

// Options configures Run.
type Options struct {
	// Root is the directory finding paths are made relative to (the scan
	// root); "" means the dir passed to Run.
	Root string
	// Rules decides which rule IDs are reported; nil reports every rule.
	Rules func(id string) bool
	// Env is the environment of the go command that lists packages; nil
	// means os.Environ(). GOFLAGS (without -mod=mod) and GOWORK apply as
	// usual; offlineEnv and a private GOCACHE are always added (a scan
	// never downloads and writes nothing to the user's Go caches).
	Env []string
	// BuildFlags are passed to the go command (for example "-tags=prod").
	BuildFlags []string
	// Tests also analyses _test.go files.
	Tests bool
	// SyntaxOnly skips loading and type checking: every module is analysed
	// as in the fallback mode, and no note is made of it.
	SyntaxOnly bool
	// Detector checks every string literal for credentials with the
	// token layouts it knows: pass the *secrets.Detector the scan already
	// built (secrets.New). nil checks only values passed to Upstash clients.
	Detector Detector
	// OmitDetected drops the credential findings that analyzers/secrets
	// makes identically for the same file (token layouts it decodes), for
	// callers that run both: only the credentials that need Go's view (a
	// value passed to an Upstash client with no known layout) remain.
	OmitDetected bool
}

// Note is a remark about an analysis as a whole rather than a finding:
// that a module could not be type-checked and was analysed syntax-only,
// and why. Message quotes no file content.
type Note struct {
	Path    string // module directory, slash-separated, relative to Options.Root ("." for the root)
	Message string
}

// Handles reports whether the Go analyzers read the file at path: Go
// source files (*.go).
func Handles(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".go") }

// Run analyses the Go packages under dir and returns the findings of the
// Go analyzers, sorted with rules.Less, and notes.
//
// Every module under dir (each go.mod outside vendor, testdata and hidden
// directories) is loaded with golang.org/x/tools/go/packages and checked
// with go/analysis/checker: with patterns (default "./...") for the module
// that contains dir, and "./..." for modules nested below it. Loading is
// offline and reads only what is on disk (see typed). When a module's
// packages cannot be type-checked (a dependency not in the module cache,
// more than MaxTypedFiles files, a broken build, a go.mod the go command
// rejects) the same
// analyzers run syntax-only over go/parser ASTs — calls are resolved by
// import path and selector name — and one Note says so for the module.
// Go files in no module are analysed syntax-only too.
//
// Paths are slash-separated and relative to opts.Root; lines and columns
// are 1-based and count bytes. Credential findings carry a rules.Redacted
// secret and never the value. Run returns an error only when dir cannot be
// read or ctx is done.
func Run(ctx context.Context, dir string, patterns []string, opts Options) ([]rules.Finding, []Note, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("golang: %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, nil, fmt.Errorf("golang: %w", err)
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("golang: %s is not a directory", dir)
	}
	root := opts.Root
	if root == "" {
		root = abs
	} else if root, err = filepath.Abs(root); err != nil {
		return nil, nil, fmt.Errorf("golang: root %s: %w", opts.Root, err)
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	units, loose, err := findUnits(abs, patterns)
	if err != nil {
		return nil, nil, err
	}

	fset := token.NewFileSet()
	var (
		found []Found
		notes []Note
	)
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var reason string
		if !opts.SyntaxOnly {
			fs, why, cgoFiles, err := typed(ctx, fset, u, opts)
			if err != nil {
				return nil, nil, err
			}
			if why == "" {
				found = append(found, fs...)
				if len(cgoFiles) > 0 {
					// Packages that need cgo to type-check: syntax-only,
					// the rest of the module keeps its types.
					sfs, err := syntaxOnly(ctx, fset, unit{dir: u.dir, files: cgoFiles}, opts)
					if err != nil {
						return nil, nil, err
					}
					found = append(found, sfs...)
				}
				continue
			}
			reason = why
		}
		fs, err := syntaxOnly(ctx, fset, u, opts)
		if err != nil {
			return nil, nil, err
		}
		found = append(found, fs...)
		if reason != "" {
			notes = append(notes, Note{Path: relPath(root, u.dir), Message: "Go packages could not be type-checked (" + reason +
				"); the Go analyzers ran syntax-only, resolving calls by import path and name, and may miss findings"})
		}
	}
	if len(loose) > 0 {
		fs, err := syntaxOnly(ctx, fset, unit{dir: abs, files: loose}, opts)
		if err != nil {
			return nil, nil, err
		}
		found = append(found, fs...)
	}
	return convert(fset, found, root, opts), notes, nil
}

// unit is one module to analyse, or loose files outside any module.
type unit struct {
	dir      string   // module root, or the directory patterns are relative to
	modPath  string   // module path from go.mod ("" for loose files)
	patterns []string // go list patterns, relative to dir
	files    []string // loose files (syntax-only)
}

// skipDir reports whether a directory is never part of the packages
// "./..." names (and so is not searched for modules either).
func skipDir(name string) bool {
	return name == "vendor" || name == "testdata" || name == "node_modules" ||
		strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// findUnits finds the modules under dir and the module that contains dir,
// plus the Go files that belong to none.
func findUnits(dir string, patterns []string) ([]unit, []string, error) {
	var units []unit
	var loose []string
	enclosing := ""
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			enclosing = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if enclosing != "" {
		units = append(units, unit{dir: dir, modPath: modulePath(enclosing), patterns: patterns})
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // unreadable subdirectory: the walker reports it
		}
		if d.IsDir() {
			if p != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			if p != dir {
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					units = append(units, unit{dir: p, modPath: modulePath(p), patterns: []string{"./..."}})
				}
			}
			return nil
		}
		if enclosing == "" && Handles(p) && !insideUnit(units, p) {
			loose = append(loose, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("golang: walking %s: %w", dir, err)
	}
	if enclosing == "" {
		loose = slices.DeleteFunc(loose, func(p string) bool { return insideUnit(units, p) })
	}
	return units, loose, nil
}

func insideUnit(units []unit, p string) bool {
	for _, u := range units {
		if strings.HasPrefix(p, u.dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// modulePath reads the module path from dir/go.mod ("" when unreadable).
func modulePath(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return ""
	}
	return modfile.ModulePath(data)
}

// typed loads a unit with go/packages and runs the analyzers with the
// checker. why is non-empty when the packages cannot be type-checked.
//
// A scan never touches the network and writes nothing to the user's
// caches: type information comes only from what is on disk (the module
// cache, vendor/). A missing dependency is found before the go command
// runs (missingDependency), and the unit runs syntax-only with a note. The
// go command runs offline (offlineEnv) with a build cache of its own,
// removed afterwards, and lists packages only: every package is
// type-checked from source, dependencies without function bodies, within
// MaxTypedFiles files.
//
// cgo is off (offlineEnv), so a package whose type-checking needs its cgo
// files, or those of a package it imports, has type errors: those
// packages are left out of the typed analysis and their Go files returned
// as cgoFiles, for a syntax-only run; the other packages keep their types.
func typed(ctx context.Context, fset *token.FileSet, u unit, opts Options) (found []Found, why string, cgoFiles []string, err error) {
	cache, err := os.MkdirTemp("", "upscan-gocache-")
	if err != nil {
		return nil, "", nil, fmt.Errorf("golang: %w", err)
	}
	defer os.RemoveAll(cache)
	env := goEnv(opts, cache)
	s, err := settings(ctx, u.dir, env)
	if ctx.Err() != nil {
		return nil, "", nil, ctx.Err()
	}
	if err != nil {
		return nil, firstLine(err.Error()), nil, nil
	}
	missing, err := missingDependency(s)
	if err != nil {
		return nil, firstLine(err.Error()), nil, nil
	}
	if missing != "" {
		return nil, "dependency " + missing + " is not in the module cache; a scan downloads nothing", nil, nil
	}
	root := u.dir
	if s.GOMOD != "" && s.GOMOD != os.DevNull {
		root = filepath.Dir(s.GOMOD)
	}
	budget := &budgetParser{root: root + string(filepath.Separator)}
	cfg := &packages.Config{
		Context: ctx,
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports | packages.NeedDeps |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir:        u.dir,
		Env:        env,
		BuildFlags: opts.BuildFlags,
		Tests:      opts.Tests,
		Fset:       fset,
		ParseFile:  budget.parse,
	}
	pkgs, err := packages.Load(cfg, u.patterns...)
	if ctx.Err() != nil {
		return nil, "", nil, ctx.Err()
	}
	if budget.over.Load() {
		return nil, fmt.Sprintf("more than %d Go files to type-check", MaxTypedFiles), nil, nil
	}
	if err != nil {
		return nil, firstLine(err.Error()), nil, nil
	}
	// Only the packages of the module are analysed; their dependencies come
	// from export data. Facts flow between the module's packages: the
	// analyzers need none from other modules (an Upstash client is known by
	// its import path).
	cgo := needsCgo(pkgs)
	seenCgo := map[string]bool{}
	var roots []*packages.Package
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") {
			continue // the synthesized test main
		}
		if len(p.Errors) > 0 && cgo[p] {
			for _, f := range append(append([]string(nil), p.GoFiles...), p.IgnoredFiles...) {
				if Handles(f) && !seenCgo[f] {
					seenCgo[f] = true
					cgoFiles = append(cgoFiles, f)
				}
			}
			continue
		}
		for _, e := range p.Errors {
			return nil, firstLine(e.Msg), nil, nil
		}
		if p.Types == nil || p.TypesInfo == nil {
			return nil, "no type information for " + p.PkgPath, nil, nil
		}
		roots = append(roots, p)
	}
	if len(roots) == 0 {
		return nil, "", cgoFiles, nil
	}
	copies := map[*packages.Package]*packages.Package{}
	for _, p := range roots {
		cp := *p
		copies[p] = &cp
	}
	var list []*packages.Package
	for _, p := range roots {
		cp := copies[p]
		cp.Imports = map[string]*packages.Package{}
		for path, imp := range p.Imports {
			if ic, ok := copies[imp]; ok {
				cp.Imports[path] = ic
			}
		}
		list = append(list, cp)
	}
	graph, err := checker.Analyze(New(opts.Detector), list, nil)
	if err != nil {
		return nil, "", nil, fmt.Errorf("golang: %w", err)
	}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			return nil, firstLine(act.Err.Error()), nil, nil
		}
		if res, ok := act.Result.(*Result); ok {
			found = append(found, res.Findings...)
		}
	}
	return found, "", cgoFiles, nil
}

// needsCgo returns the packages of the import graph of pkgs that have cgo
// files (left out with cgo off: files that import "C") or import such a
// package, directly or not.
func needsCgo(pkgs []*packages.Package) map[*packages.Package]bool {
	out := map[*packages.Package]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, imp := range p.Imports {
			if out[imp] {
				out[p] = true
				return
			}
		}
		for _, f := range p.IgnoredFiles {
			if importsC(f) {
				out[p] = true
				return
			}
		}
	})
	return out
}

// importsC reports whether Go file name imports "C" (reads its imports only).
func importsC(name string) bool {
	if !strings.HasSuffix(name, ".go") {
		return false
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, imp := range f.Imports {
		if imp.Path.Value == `"C"` {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// convert turns analyzer findings into catalogue findings: relative
// paths, 1-based positions, fingerprints; filtered, de-duplicated, sorted.
func convert(fset *token.FileSet, found []Found, root string, opts Options) []rules.Finding {
	src := map[string][]byte{}
	read := func(name string) []byte {
		if b, ok := src[name]; ok {
			return b
		}
		b, _ := os.ReadFile(name)
		src[name] = b
		return b
	}
	seen := map[string]bool{}
	var out []rules.Finding
	for _, f := range found {
		if opts.Rules != nil && !opts.Rules(f.RuleID) {
			continue
		}
		if opts.OmitDetected && f.Finding != nil {
			continue
		}
		p := fset.PositionFor(f.Pos, true)
		raw := fset.PositionFor(f.Pos, false)
		var fd rules.Finding
		if f.Finding != nil {
			fd = *f.Finding
			fd.Related = nil
			if raw.Filename == p.Filename && raw.Line == p.Line {
				for _, r := range f.Finding.Related {
					r.Path = relPath(root, r.Path)
					fd.Related = append(fd.Related, r)
				}
			}
		} else {
			fd = rules.Finding{RuleID: f.RuleID, Severity: f.Severity, Message: f.Message, Secret: f.Secret}
			for _, r := range f.Related {
				r.Path = relPath(root, r.Path)
				fd.Related = append(fd.Related, r)
			}
		}
		fd.Path = relPath(root, p.Filename)
		fd.Line, fd.Col = p.Line, p.Column
		fd.EndLine, fd.EndCol = p.Line, p.Column
		if f.End.IsValid() && f.End > f.Pos {
			if e := fset.PositionFor(f.End-1, true); e.Filename == p.Filename {
				fd.EndLine, fd.EndCol = e.Line, e.Column
			}
		}
		content := f.Message
		if fd.Secret.IsZero() {
			if b := read(raw.Filename); raw.Offset >= 0 && raw.Offset < len(b) {
				end := raw.Offset + min(512, int(f.End-f.Pos))
				if end > len(b) || end <= raw.Offset {
					end = min(len(b), raw.Offset+1)
				}
				content = string(bytes.TrimSpace(b[raw.Offset:end]))
			}
		}
		if f.Key != "" {
			fd.Key = f.Key
		} else {
			fd.SetKey(content)
		}
		key := fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s", fd.RuleID, fd.Path, fd.Line, fd.Col, fd.Message)
		if seen[key] {
			continue // a file in both a package and its test variant
		}
		seen[key] = true
		out = append(out, fd)
	}
	slices.SortFunc(out, rules.Compare)
	return out
}

// relPath makes name slash-separated and relative to root when it is
// inside root.
func relPath(root, name string) string {
	if name == "" {
		return name
	}
	if r, err := filepath.Rel(root, name); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(name)
}

// analyzersInOrder returns the analyzers and their prerequisites, each
// after the ones it requires.
func analyzersInOrder(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return out
}
