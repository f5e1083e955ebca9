package golang

import (
	"context"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The syntax-only mode: when a module cannot be type-checked, its packages
// are parsed with go/parser and checked with go/types against stand-ins
// for every package outside the module (empty packages named after their
// import path), errors ignored. Declarations of the module itself keep
// their types; everything from other modules is known only by import path
// and selector name, which is what the analyzers fall back to. The same
// analyzers then run through a small driver with an in-memory fact store.

// srcPkg is one package of a unit, parsed.
type srcPkg struct {
	path    string // import path
	dir     string
	files   []*ast.File
	imports []string // import paths of local packages
	types   *types.Package
	info    *types.Info
	deps    map[string]bool // transitive local imports
}

// syntaxOnly analyses a unit without the go command.
func syntaxOnly(ctx context.Context, fset *token.FileSet, u unit, opts Options) ([]Found, error) {
	pkgs, err := parseUnit(fset, u, opts)
	if err != nil {
		return nil, err
	}
	order := topoOrder(pkgs)
	fake := map[string]*types.Package{}
	sizes := types.SizesFor("gc", runtime.GOARCH)
	imp := importerFunc(func(p string) (*types.Package, error) {
		if lp, ok := pkgs[p]; ok && lp.types != nil {
			return lp.types, nil
		}
		if p == "unsafe" {
			return types.Unsafe, nil
		}
		if fp, ok := fake[p]; ok {
			return fp, nil
		}
		fp := types.NewPackage(p, guessPackageName(p))
		fp.MarkComplete()
		fake[p] = fp
		return fp, nil
	})
	facts := newFactStore()
	var found []Found
	for _, lp := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		lp.info = &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Defs:       map[*ast.Ident]types.Object{},
			Uses:       map[*ast.Ident]types.Object{},
			Implicits:  map[ast.Node]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
			Scopes:     map[ast.Node]*types.Scope{},
		}
		conf := types.Config{Importer: imp, Error: func(error) {}, FakeImportC: true, Sizes: sizes}
		lp.types, _ = conf.Check(lp.path, fset, lp.files, lp.info)
		fs, err := runPackage(fset, lp, facts, sizes, New(opts.Detector))
		if err != nil {
			return nil, err
		}
		found = append(found, fs...)
	}
	return found, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// parseUnit finds and parses the packages of a unit: its module's
// directories (nested modules, vendor, testdata and hidden directories
// excluded) or its loose files, honouring build constraints.
func parseUnit(fset *token.FileSet, u unit, opts Options) (map[string]*srcPkg, error) {
	ctxt := build.Default
	for _, f := range opts.BuildFlags {
		if tags, ok := strings.CutPrefix(f, "-tags="); ok {
			ctxt.BuildTags = append(ctxt.BuildTags, strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' })...)
		}
	}
	byDir := map[string][]string{}
	if u.files != nil {
		for _, f := range u.files {
			byDir[filepath.Dir(f)] = append(byDir[filepath.Dir(f)], filepath.Base(f))
		}
	} else {
		err := filepath.WalkDir(u.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != u.dir {
					if skipDir(d.Name()) {
						return filepath.SkipDir
					}
					if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
						return filepath.SkipDir
					}
				}
				return nil
			}
			if Handles(p) && d.Type().IsRegular() {
				byDir[filepath.Dir(p)] = append(byDir[filepath.Dir(p)], d.Name())
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("golang: walking %s: %w", u.dir, err)
		}
	}
	pkgs := map[string]*srcPkg{}
	for dir, names := range byDir {
		sort.Strings(names)
		byName := map[string][]*ast.File{}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") && !opts.Tests {
				continue
			}
			if ok, err := ctxt.MatchFile(dir, name); err != nil || !ok {
				continue
			}
			full := filepath.Join(dir, name)
			src, err := os.ReadFile(full)
			if err != nil {
				continue // the walker reports unreadable files
			}
			f, _ := parser.ParseFile(fset, full, src, parser.ParseComments|parser.SkipObjectResolution)
			if f == nil || f.Name == nil {
				continue
			}
			byName[f.Name.Name] = append(byName[f.Name.Name], f)
		}
		for name, files := range byName {
			ip := importPath(u, dir)
			if strings.HasSuffix(name, "_test") && len(byName) > 1 {
				ip += "_test"
			}
			pkgs[ip] = &srcPkg{path: ip, dir: dir, files: files}
		}
	}
	for _, lp := range pkgs {
		for _, f := range lp.files {
			for _, is := range f.Imports {
				if p, err := strconv.Unquote(is.Path.Value); err == nil && pkgs[p] != nil && p != lp.path &&
					!slices.Contains(lp.imports, p) {
					lp.imports = append(lp.imports, p)
				}
			}
		}
	}
	return pkgs, nil
}

// importPath is the import path of the package in dir.
func importPath(u unit, dir string) string {
	rel, err := filepath.Rel(u.dir, dir)
	if err != nil {
		rel = dir
	}
	rel = filepath.ToSlash(rel)
	if u.modPath == "" {
		if rel == "." {
			return "main"
		}
		return rel
	}
	if rel == "." {
		return u.modPath
	}
	return path.Join(u.modPath, rel)
}

// topoOrder orders packages so that each comes after the local packages it
// imports (import cycles, which do not compile, are broken arbitrarily),
// and records each package's transitive local imports.
func topoOrder(pkgs map[string]*srcPkg) []*srcPkg {
	var out []*srcPkg
	state := map[string]int{}
	var visit func(p string)
	visit = func(p string) {
		if state[p] != 0 {
			return
		}
		state[p] = 1
		lp := pkgs[p]
		lp.deps = map[string]bool{}
		for _, d := range lp.imports {
			visit(d)
			lp.deps[d] = true
			for dd := range pkgs[d].deps {
				lp.deps[dd] = true
			}
		}
		state[p] = 2
		out = append(out, lp)
	}
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range pkgs {
			if !yield(p) {
				return
			}
		}
	}) {
		visit(p)
	}
	return out
}

// factStore holds the facts of the syntax-only driver.
type factStore struct {
	objects  map[objFactKey]analysis.Fact
	packages map[pkgFactKey]analysis.Fact
}

type objFactKey struct {
	obj types.Object
	t   reflect.Type
}

type pkgFactKey struct {
	pkg *types.Package
	t   reflect.Type
}

func newFactStore() *factStore {
	return &factStore{objects: map[objFactKey]analysis.Fact{}, packages: map[pkgFactKey]analysis.Fact{}}
}

// runPackage runs every analyzer on one package, prerequisites first, and
// returns the findings of the reporting analyzers.
func runPackage(fset *token.FileSet, lp *srcPkg, facts *factStore, sizes types.Sizes, analyzers []*analysis.Analyzer) (found []Found, err error) {
	defer func() {
		if r := recover(); r != nil {
			// A panic on odd input must not stop the scan: the package is
			// skipped. The value is not printed (it could quote source).
			found, err = nil, nil
		}
	}()
	visible := func(p *types.Package) bool {
		return p == lp.types || p != nil && lp.deps[p.Path()]
	}
	results := map[*analysis.Analyzer]any{}
	fileNames := map[string]bool{}
	for _, f := range lp.files {
		fileNames[fset.File(f.FileStart).Name()] = true
	}
	for _, a := range analyzersInOrder(analyzers) {
		inputs := map[*analysis.Analyzer]any{}
		for _, r := range a.Requires {
			inputs[r] = results[r]
		}
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       fset,
			Files:      lp.files,
			Pkg:        lp.types,
			TypesInfo:  lp.info,
			TypesSizes: sizes,
			Module:     &analysis.Module{},
			ResultOf:   inputs,
			Report:     func(analysis.Diagnostic) {},
			ReadFile: func(name string) ([]byte, error) {
				if !fileNames[name] {
					return nil, fmt.Errorf("golang: %s is not a file of package %s", name, lp.path)
				}
				return os.ReadFile(name)
			},
			ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
				if obj == nil || !visible(obj.Pkg()) {
					return false
				}
				got, ok := facts.objects[objFactKey{obj, reflect.TypeOf(fact)}]
				if ok {
					reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(got).Elem())
				}
				return ok
			},
			ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
				facts.objects[objFactKey{obj, reflect.TypeOf(fact)}] = fact
			},
			ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
				if !visible(pkg) {
					return false
				}
				got, ok := facts.packages[pkgFactKey{pkg, reflect.TypeOf(fact)}]
				if ok {
					reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(got).Elem())
				}
				return ok
			},
			ExportPackageFact: func(fact analysis.Fact) {
				facts.packages[pkgFactKey{lp.types, reflect.TypeOf(fact)}] = fact
			},
			AllObjectFacts: func() []analysis.ObjectFact {
				var out []analysis.ObjectFact
				for k, f := range facts.objects {
					if visible(k.obj.Pkg()) {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
					}
				}
				sort.Slice(out, func(i, j int) bool { return out[i].Object.Pos() < out[j].Object.Pos() })
				return out
			},
			AllPackageFacts: func() []analysis.PackageFact {
				var out []analysis.PackageFact
				for k, f := range facts.packages {
					if visible(k.pkg) {
						out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
					}
				}
				return out
			},
		}
		res, err := a.Run(pass)
		if err != nil {
			return nil, fmt.Errorf("golang: %s on %s: %w", a.Name, lp.path, err)
		}
		results[a] = res
		if r, ok := res.(*Result); ok {
			found = append(found, r.Findings...)
		}
	}
	return found, nil
}
