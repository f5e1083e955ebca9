package golang

import (
	"github.com/upscan/upscan/upstash"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// route is one endpoint registration: net/http (Go 1.22 patterns
// "[METHOD ][HOST]/path"), chi, gin, echo or fiber (UPSTASH.md §4.3).
type route struct {
	call      *ast.CallExpr
	framework string
	pattern   string     // "GET /items/{id}", "/items" (best effort; "" when not constant)
	handlers  []ast.Expr // per-route middleware and the endpoint handler
	endpoint  ast.Expr   // the handler that serves the request
	router    any        // routerKey of the receiver
}

// framework names the router package of an import path, or "".
func framework(path string) string {
	f, _ := upstash.FrameworkOf(upstash.Go, path)
	return f.Name
}

var httpMethods = map[string]bool{
	"Get": true, "Post": true, "Put": true, "Patch": true, "Delete": true, "Head": true,
	"Options": true, "Connect": true, "Trace": true,
}

// defaultMux is the router key of http.DefaultServeMux.
type defaultMux struct{}

// routes finds the endpoint registrations and the router graph of a package.
type routes struct {
	ix      *index
	reach   *reach
	list    []*route
	routers map[any]*routerNode
}

// routerNode is what is known of one router value: the routers it derives
// from (Group, With, Route, Mount, assignment) and the middleware applied
// to it (Use, With/Group arguments, a wrapping call).
type routerNode struct {
	parents []any
	mws     []ast.Expr
	wraps   []*ast.CallExpr // calls that take the router as an argument: limit(mux)
}

// title turns "GET" into "Get".
func title(s string) string {
	if s == "" {
		return s
	}
	return s[:1] + strings.ToLower(s[1:])
}

func findRoutes(r *reach) *routes {
	ix := r.ix
	rs := &routes{ix: ix, routers: map[any]*routerNode{}, reach: r}
	for _, f := range ix.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				rs.visitCall(call)
			}
			return true
		})
	}
	return rs
}

func (rs *routes) node(k any) *routerNode {
	n, ok := rs.routers[k]
	if !ok {
		n = &routerNode{}
		rs.routers[k] = n
	}
	return n
}

// key identifies a router value: its variable or field, http.DefaultServeMux,
// or the call expression that made it (r.With(mw) in a chain).
func (rs *routes) key(e ast.Expr) any {
	if e == nil {
		return defaultMux{}
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return rs.key(u.X)
	}
	if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "DefaultServeMux" {
		if pn := rs.ix.pkgName(sel.X); pn != nil && pn.Imported().Path() == "net/http" {
			return defaultMux{}
		}
	}
	if id, ok := e.(*ast.Ident); ok && id.Name == "nil" {
		return nil
	}
	if obj := rs.ix.objectOf(e); obj != nil {
		return obj
	}
	if call, ok := e.(*ast.CallExpr); ok {
		return call
	}
	return nil
}

func (rs *routes) visitCall(call *ast.CallExpr) {
	c := rs.ix.callee(call)
	fw := framework(c.Path)
	var recv ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.Recv != "" {
		recv = sel.X
	}
	if fw != "" {
		if r := rs.registration(call, c, fw, recv); r != nil {
			rs.list = append(rs.list, r)
			return
		}
		if recv != nil {
			rs.derivation(call, c, fw, recv)
		}
	}
	// A call that takes a router as an argument may wrap it in middleware:
	// http.ListenAndServe(addr, limit(mux)), &http.Server{Handler: lmt.Handler(mux)}.
	s := Summary{Limits: isLimiter(c), Verifies: isVerify(c)}
	if c.Fn != nil {
		s.merge(rs.reach.funcSummary(c.Fn))
	}
	if g, ok := guardCall(c); ok && g.Wraps {
		s.raise(g.Caller, g.Label)
	} else if rs.reach.guessedGuard(c) {
		s.raise(upstash.SignedIn, guessedLabel(c.Name))
	}
	if !s.Limits && !s.Verifies && s.Caller == 0 {
		return
	}
	for _, a := range call.Args {
		switch ast.Unparen(a).(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.UnaryExpr:
			if k := rs.key(a); k != nil {
				n := rs.node(k)
				n.wraps = append(n.wraps, call)
			}
		}
	}
}

// registration recognises an endpoint registration.
func (rs *routes) registration(call *ast.CallExpr, c callee, fw string, recv ast.Expr) *route {
	args := call.Args
	r := &route{call: call, framework: fw}
	methodPrefix := ""
	var pattern ast.Expr
	switch fw {
	case "net/http":
		if (c.Name != "HandleFunc" && c.Name != "Handle") || len(args) != 2 {
			return nil
		}
		pattern, r.handlers = args[0], args[1:]
	case "chi":
		switch {
		case httpMethods[c.Name] && len(args) == 2:
			methodPrefix = strings.ToUpper(c.Name) + " "
			pattern, r.handlers = args[0], args[1:]
		case (c.Name == "Handle" || c.Name == "HandleFunc") && len(args) == 2:
			pattern, r.handlers = args[0], args[1:]
		case (c.Name == "Method" || c.Name == "MethodFunc") && len(args) == 3:
			if m, ok := rs.ix.stringValue(args[0]); ok {
				methodPrefix = strings.ToUpper(m) + " "
			}
			pattern, r.handlers = args[1], args[2:]
		default:
			return nil
		}
	case "gin":
		switch {
		case c.Name == strings.ToUpper(c.Name) && httpMethods[title(c.Name)] && len(args) >= 2,
			c.Name == "Any" && len(args) >= 2:
			if c.Name != "Any" {
				methodPrefix = c.Name + " "
			}
			pattern, r.handlers = args[0], args[1:]
		case (c.Name == "Handle" || c.Name == "Match") && len(args) >= 3:
			if m, ok := rs.ix.stringValue(args[0]); ok {
				methodPrefix = strings.ToUpper(m) + " "
			}
			pattern, r.handlers = args[1], args[2:]
		default:
			return nil
		}
	case "echo":
		var h ast.Expr
		var mws []ast.Expr
		switch {
		case (c.Name == strings.ToUpper(c.Name) && httpMethods[title(c.Name)] || c.Name == "Any") && len(args) >= 2:
			if c.Name != "Any" {
				methodPrefix = c.Name + " "
			}
			pattern, h, mws = args[0], args[1], args[2:]
		case (c.Name == "Add" || c.Name == "Match") && len(args) >= 3:
			if m, ok := rs.ix.stringValue(args[0]); ok {
				methodPrefix = strings.ToUpper(m) + " "
			}
			pattern, h, mws = args[1], args[2], args[3:]
		default:
			return nil
		}
		r.handlers = append(append([]ast.Expr{}, mws...), h)
	case "fiber":
		switch {
		case (httpMethods[c.Name] || c.Name == "All") && len(args) >= 2:
			if c.Name != "All" {
				methodPrefix = strings.ToUpper(c.Name) + " "
			}
			pattern, r.handlers = args[0], args[1:]
		case c.Name == "Add" && len(args) >= 3:
			if m, ok := rs.ix.stringValue(args[0]); ok {
				methodPrefix = strings.ToUpper(m) + " "
			}
			pattern, r.handlers = args[1], args[2:]
		default:
			return nil
		}
	}
	if p, ok := rs.ix.stringValue(pattern); ok {
		r.pattern = methodPrefix + p
	}
	r.endpoint = r.handlers[len(r.handlers)-1]
	if recv == nil && fw == "net/http" {
		r.router = defaultMux{}
	} else {
		r.router = rs.key(recv)
	}
	return r
}

// derivation records Use, With, Group, Route and Mount: router-level
// middleware and routers derived from others.
func (rs *routes) derivation(call *ast.CallExpr, c callee, fw string, recv ast.Expr) {
	parent := rs.key(recv)
	if parent == nil {
		return
	}
	switch c.Name {
	case "Use":
		n := rs.node(parent)
		for _, a := range call.Args {
			if _, isString := rs.ix.stringValue(a); !isString {
				n.mws = append(n.mws, a)
			}
		}
	case "With", "Group", "Route":
		n := rs.node(call)
		n.parents = append(n.parents, parent)
		for _, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				// chi: r.Route("/api", func(r chi.Router) {…}) and r.Group(func(r chi.Router) {…})
				if ps := lit.Type.Params; ps != nil && len(ps.List) > 0 && len(ps.List[0].Names) > 0 {
					if obj := rs.ix.info.Defs[ps.List[0].Names[0]]; obj != nil {
						sub := rs.node(obj)
						sub.parents = append(sub.parents, call)
					}
				}
				continue
			}
			if _, isString := rs.ix.stringValue(a); !isString {
				n.mws = append(n.mws, a)
			}
		}
	case "Mount":
		// chi: r.Mount("/admin", sub) — sub's routes run behind r's middleware.
		if len(call.Args) == 2 {
			if k := rs.key(call.Args[1]); k != nil {
				sub := rs.node(k)
				sub.parents = append(sub.parents, parent)
			}
		}
	}
}

// covered reports whether a router, or one it derives from, applies
// middleware for which want holds (limits, verifies).
func (rs *routes) covered(k any, want func(Summary) bool, seen map[any]bool) bool {
	r := rs.reach
	if k == nil || seen[k] || len(seen) > 64 {
		return false
	}
	seen[k] = true
	if n, ok := rs.routers[k]; ok {
		for _, mw := range n.mws {
			if want(r.summaryOf(mw, 0)) {
				return true
			}
		}
		for _, w := range n.wraps {
			c := rs.ix.callee(w)
			s := Summary{Limits: isLimiter(c), Verifies: isVerify(c)}
			if c.Fn != nil {
				s.merge(r.funcSummary(c.Fn))
			}
			if want(s) {
				return true
			}
		}
		for _, p := range n.parents {
			if rs.covered(p, want, seen) {
				return true
			}
		}
	}
	// A router variable assigned from another router expression.
	if obj, ok := k.(types.Object); ok {
		for _, a := range rs.ix.assigned[obj] {
			if ak := rs.key(a); ak != nil && ak != k && rs.covered(ak, want, seen) {
				return true
			}
		}
	}
	return false
}
