package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Index is the per-package index every upscan analyzer shares: the
// declared types, assignments and function bodies of the package, so that
// calls and values can be resolved with full type information and, in the
// syntax-only mode, without it (where the types of other modules are
// unknown and only import paths and selector names are left).
var Index = &analysis.Analyzer{
	Name:             "upstashindex",
	Doc:              "upstashindex indexes a package's declarations and assignments for the upscan analyzers; it reports nothing.",
	Run:              runIndex,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf((*index)(nil)),
}

// callee identifies the function a call reaches.
type callee struct {
	Path string      // import path of the function's package, or of its receiver's type
	Recv string      // receiver type name; "" for a package-level function, "?" when unknown
	Name string      // function or method name
	Fn   *types.Func // the function, when type information resolves it
}

// index resolves expressions of one package.
type index struct {
	fset      *token.FileSet
	info      *types.Info
	pkg       *types.Package
	files     []*ast.File
	declType  map[types.Object]ast.Expr     // declared type of vars, fields, params; result type of funcs
	assigned  map[types.Object][]ast.Expr   // values assigned to vars and fields
	funcs     map[*types.Func]*ast.FuncDecl // function and method declarations
	funcVars  map[types.Object]*ast.FuncLit // vars initialised with a function literal
	funcList  []*types.Func                 // the keys of funcs, in source order
	varList   []types.Object                // the keys of funcVars, in source order
	generated map[*ast.File]bool
}

func runIndex(pass *analysis.Pass) (any, error) {
	return newIndex(pass.Fset, pass.TypesInfo, pass.Pkg, pass.Files), nil
}

// newIndex builds the index; info may lack entries (syntax-only mode) but
// its maps must be non-nil.
func newIndex(fset *token.FileSet, info *types.Info, pkg *types.Package, files []*ast.File) *index {
	ix := &index{
		fset: fset, info: info, pkg: pkg, files: files,
		declType:  map[types.Object]ast.Expr{},
		assigned:  map[types.Object][]ast.Expr{},
		funcs:     map[*types.Func]*ast.FuncDecl{},
		funcVars:  map[types.Object]*ast.FuncLit{},
		generated: map[*ast.File]bool{},
	}
	for _, f := range files {
		ix.generated[f] = ast.IsGenerated(f)
		ast.Inspect(f, ix.visit)
	}
	return ix
}

func (ix *index) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if fn, ok := ix.info.Defs[n.Name].(*types.Func); ok {
			ix.funcs[fn] = n
			ix.funcList = append(ix.funcList, fn)
			if r := n.Type.Results; r != nil && len(r.List) > 0 {
				ix.declType[fn] = r.List[0].Type
			}
		}
	case *ast.Field:
		for _, name := range n.Names {
			if obj := ix.info.Defs[name]; obj != nil {
				ix.declType[obj] = n.Type
			}
		}
	case *ast.ValueSpec:
		for i, name := range n.Names {
			obj := ix.info.Defs[name]
			if obj == nil {
				continue
			}
			if n.Type != nil {
				ix.declType[obj] = n.Type
			}
			if len(n.Values) == len(n.Names) {
				ix.assign(obj, n.Values[i])
			} else if len(n.Values) == 1 && i == 0 {
				ix.assign(obj, n.Values[0])
			}
		}
	case *ast.AssignStmt:
		switch {
		case len(n.Lhs) == len(n.Rhs):
			for i, lhs := range n.Lhs {
				if obj := ix.objectOf(lhs); obj != nil {
					ix.assign(obj, n.Rhs[i])
				}
			}
		case len(n.Rhs) == 1:
			// v, err := f(): the first result is the value.
			if obj := ix.objectOf(n.Lhs[0]); obj != nil {
				ix.assign(obj, n.Rhs[0])
			}
		}
	case *ast.CompositeLit:
		for _, el := range n.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					if obj, ok := ix.info.Uses[key].(*types.Var); ok && obj.IsField() {
						ix.assign(obj, kv.Value)
					}
				}
			}
		}
	}
	return true
}

func (ix *index) assign(obj types.Object, e ast.Expr) {
	if len(ix.assigned[obj]) < 8 {
		ix.assigned[obj] = append(ix.assigned[obj], e)
	}
	if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
		if _, seen := ix.funcVars[obj]; !seen {
			ix.varList = append(ix.varList, obj)
		}
		ix.funcVars[obj] = lit
	}
}

// objectOf returns the object an identifier or selector refers to, or nil.
func (ix *index) objectOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return ix.info.ObjectOf(e)
	case *ast.SelectorExpr:
		if sel, ok := ix.info.Selections[e]; ok {
			return sel.Obj()
		}
		return ix.info.ObjectOf(e.Sel)
	}
	return nil
}

// pkgName returns the imported package an identifier names, or nil.
func (ix *index) pkgName(e ast.Expr) *types.PkgName {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		pn, _ := ix.info.Uses[id].(*types.PkgName)
		return pn
	}
	return nil
}

// callee resolves the function a call reaches: from type information when
// there is some, else from the import path of a qualifier and the type the
// receiver was declared or constructed with.
func (ix *index) callee(call *ast.CallExpr) callee { return ix.calleeAt(call, 0) }

// calleeAt is callee at a depth of typeRef's recursion, which bounds it
// (x = x.Next() would otherwise loop).
func (ix *index) calleeAt(call *ast.CallExpr, depth int) callee {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := fun.(type) {
	case *ast.Ident:
		if fn, ok := ix.info.Uses[f].(*types.Func); ok {
			return fromFunc(fn)
		}
		if ix.info.Uses[f] == nil && ix.pkg != nil {
			return callee{Path: ix.pkg.Path(), Name: f.Name}
		}
	case *ast.SelectorExpr:
		if pn := ix.pkgName(f.X); pn != nil {
			c := callee{Path: pn.Imported().Path(), Name: f.Sel.Name}
			if fn, ok := ix.info.Uses[f.Sel].(*types.Func); ok {
				c.Fn = fn
			}
			return c
		}
		if sel, ok := ix.info.Selections[f]; ok {
			if fn, ok := sel.Obj().(*types.Func); ok {
				return fromFunc(fn)
			}
		}
		path, name := ix.typeRef(f.X, depth+1)
		if name == "" {
			name = "?"
		}
		return callee{Path: path, Recv: name, Name: f.Sel.Name}
	}
	return callee{}
}

func fromFunc(fn *types.Func) callee {
	c := callee{Name: fn.Name(), Fn: fn}
	if fn.Pkg() != nil {
		c.Path = fn.Pkg().Path()
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if _, c.Recv = namedOf(recv.Type()); c.Recv == "" {
			c.Recv = "?"
		}
	}
	return c
}

// namedOf returns the package path and name of t's named type after
// pointers and aliases are removed, or "" when t is not named.
func namedOf(t types.Type) (path, name string) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok {
		return "", ""
	}
	obj := n.Obj()
	if obj.Pkg() != nil {
		path = obj.Pkg().Path()
	}
	return path, obj.Name()
}

// validType reports whether t is known: not nil and not the invalid type
// the type checker gives expressions it could not resolve.
func validType(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.(*types.Basic)
	return !ok || b.Kind() != types.Invalid
}

// typeRef returns the package path and name of the named type of e's value.
// Without type information it follows the declared type, the constructor
// the value came from, or the value assigned to the variable or field.
func (ix *index) typeRef(e ast.Expr, depth int) (path, name string) {
	if depth > 4 || e == nil {
		return "", ""
	}
	e = ast.Unparen(e)
	if t := ix.info.TypeOf(e); validType(t) {
		return namedOf(t)
	}
	switch x := e.(type) {
	case *ast.StarExpr:
		return ix.typeRef(x.X, depth+1)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return ix.typeRef(x.X, depth+1)
		}
	case *ast.CompositeLit:
		return ix.typeExprRef(x.Type)
	case *ast.CallExpr:
		c := ix.calleeAt(x, depth+1)
		if c.Fn != nil {
			if te, ok := ix.declType[c.Fn]; ok {
				return ix.typeExprRef(te)
			}
		}
		if n := constructorResult(c.Path, c.Name); n != "" {
			return c.Path, n
		}
		if c.Fn == nil && c.Path != "" && (ix.pkg == nil || c.Path != ix.pkg.Path()) {
			// Syntax-only: a function or method of another package is
			// taken to return one of that package's types
			// (chi.NewRouter(), r.Group(…), client.Messages()).
			return c.Path, "?"
		}
	case *ast.Ident, *ast.SelectorExpr:
		obj := ix.objectOf(x)
		if obj == nil {
			return "", ""
		}
		if te, ok := ix.declType[obj]; ok {
			if p, n := ix.typeExprRef(te); n != "" {
				return p, n
			}
		}
		for _, a := range ix.assigned[obj] {
			if p, n := ix.typeRef(a, depth+1); n != "" {
				return p, n
			}
		}
	}
	return "", ""
}

// typeExprRef resolves a type expression (T, *T, pkg.T, T[X]) to the
// package path and name of the type.
func (ix *index) typeExprRef(te ast.Expr) (path, name string) {
	for {
		switch x := ast.Unparen(te).(type) {
		case *ast.StarExpr:
			te = x.X
			continue
		case *ast.IndexExpr:
			te = x.X
			continue
		case *ast.IndexListExpr:
			te = x.X
			continue
		case *ast.Ident:
			if obj, ok := ix.info.Uses[x].(*types.TypeName); ok {
				if t := obj.Type(); validType(t) {
					if p, n := namedOf(t); n != "" {
						return p, n
					}
				}
				if obj.Pkg() != nil {
					return obj.Pkg().Path(), obj.Name()
				}
				return "", ""
			}
			if ix.pkg != nil {
				return ix.pkg.Path(), x.Name
			}
		case *ast.SelectorExpr:
			if pn := ix.pkgName(x.X); pn != nil {
				return pn.Imported().Path(), x.Sel.Name
			}
		}
		return "", ""
	}
}

// stringValue returns the value of a constant string expression.
func (ix *index) stringValue(e ast.Expr) (string, bool) {
	if tv, ok := ix.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	if lit, ok := ast.Unparen(e).(*ast.BasicLit); ok && lit.Kind == token.STRING {
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	return "", false
}

// boolTrue reports whether e is the constant true.
func (ix *index) boolTrue(e ast.Expr) bool {
	if tv, ok := ix.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		return constant.BoolVal(tv.Value)
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "true" && (ix.info.Uses[id] == nil || ix.info.Uses[id].Parent() == types.Universe)
}

// mentionsUpstash reports whether an expression points at Upstash: a string
// constant naming an Upstash host or UPSTASH_* variable, or an identifier
// named after Upstash, in e or in what its variables were assigned.
func (ix *index) mentionsUpstash(e ast.Expr, depth int) bool {
	if e == nil || depth > 3 {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.BasicLit:
			if s, ok := ix.stringValue(x); ok && upstashMention(s) {
				found = true
			}
		case *ast.Ident:
			if strings.Contains(strings.ToLower(x.Name), "upstash") {
				found = true
				return false
			}
			if s, ok := ix.stringValue(x); ok && upstashMention(s) {
				found = true
				return false
			}
			if obj := ix.info.ObjectOf(x); obj != nil {
				if v, isVar := obj.(*types.Var); isVar && !v.IsField() {
					for _, a := range ix.assigned[obj] {
						if ix.mentionsUpstash(a, depth+1) {
							found = true
							return false
						}
					}
				}
			}
		}
		return true
	})
	return found
}

// fileOf returns the file that contains pos, or nil.
func (ix *index) fileOf(pos token.Pos) *ast.File {
	for _, f := range ix.files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// funcBody returns the body of the function an expression names (a
// function, a method value, a variable holding a literal, or the literal
// itself) and its *types.Func when it has one.
func (ix *index) funcBody(e ast.Expr) (body ast.Node, fn *types.Func) {
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return x, nil
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := ix.objectOf(x).(type) {
		case *types.Func:
			if d, ok := ix.funcs[obj]; ok {
				return d, obj
			}
			return nil, obj
		case *types.Var:
			if lit, ok := ix.funcVars[obj]; ok {
				return lit, nil
			}
		}
	}
	return nil, nil
}
