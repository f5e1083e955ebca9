package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/upscan/upscan/upstash"
)

// Who can call a Go endpoint (UPSTASH.md §4, best practice #5), from the
// same tables as JS/TS and Python (upstash.Guards, the Go rows): an auth
// middleware or guard (JWT, key or basic auth, an OIDC or Firebase token
// check) makes the endpoint's callers signed-in; a webhook signature (Stripe,
// Svix, GitHub, Slack, an HMAC compare) or a request header compared with a
// secret from the environment makes them verified. A check counts when its
// failure stops the request: a middleware that rejects by itself, or a call
// whose result decides an if that returns.

// raise records that the code proves caller c, named label.
func (s *Summary) raise(c upstash.Caller, label string) {
	if uint8(c) > s.Caller {
		s.Caller, s.CallerLabel = uint8(c), label
	}
}

// guardCall returns the guard a call of c is by the Go rows of
// upstash.Guards: a package function or a method of a type.
func guardCall(c callee) (upstash.Guard, bool) {
	if c.Path == "" {
		return upstash.Guard{}, false
	}
	if c.Recv != "" && c.Recv != "?" {
		return upstash.GuardMethodOf(upstash.Go, c.Path, c.Recv, c.Name)
	}
	return upstash.GuardOf(upstash.Go, c.Path, c.Name)
}

// guessedGuard reports whether a call of c, a function whose body upscan
// does not see, authenticates by the convention of its name
// (RequireAuth, AuthMiddleware).
func (r *reach) guessedGuard(c callee) bool {
	if c.Fn != nil {
		if _, local := r.local[c.Fn]; local {
			return false
		}
		if _, ok := r.imported[c.Fn]; ok {
			return false
		}
	}
	return upstash.GuardByName(c.Name)
}

// guessedLabel names a guard guessed from its name in messages.
func guessedLabel(name string) string { return name + "() (guessed from its name)" }

// checkedCall reports whether the result of call decides an if statement
// in body whose branch returns (or panics): the call is in the if's init or
// condition, or a name it is assigned to is read in a later if condition.
func checkedCall(body ast.Node, call *ast.CallExpr) bool {
	var names []string
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.IfStmt:
			if (contains(x.Init, call) || contains(x.Cond, call)) && stops(x.Body) {
				found = true
				return false
			}
			if len(names) > 0 && mentions(x.Cond, names) && stops(x.Body) {
				found = true
				return false
			}
		case *ast.AssignStmt:
			for _, rhs := range x.Rhs {
				if contains(rhs, call) {
					for _, l := range x.Lhs {
						if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
							names = append(names, id.Name)
						}
					}
				}
			}
		}
		return true
	})
	return found
}

// contains reports whether node n holds target.
func contains(n ast.Node, target ast.Node) bool {
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if x == target {
			found = true
		}
		return !found
	})
	return found
}

// mentions reports whether expression e reads one of names.
func mentions(e ast.Expr, names []string) bool {
	found := false
	ast.Inspect(e, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			for _, n := range names {
				if id.Name == n {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// stops reports whether block b returns or panics: a branch that rejects.
func stops(b *ast.BlockStmt) bool {
	if b == nil {
		return false
	}
	found := false
	ast.Inspect(b, func(x ast.Node) bool {
		switch y := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.CallExpr:
			if id, ok := y.Fun.(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return !found
	})
	return found
}

// secretCompare recognises a shared-secret check in an if condition: a
// request header compared (== or !=, or a constant-time compare) with an
// environment variable whose name says it holds a secret (CRON_SECRET,
// WEBHOOK_TOKEN). It returns the variable's name.
func (r *reach) secretCompare(cond ast.Expr) (string, bool) {
	env := ""
	ast.Inspect(cond, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return env == ""
		}
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if !r.readsHeader(pair[0]) {
				continue
			}
			if name, ok := r.secretEnv(pair[1]); ok {
				env = name
			}
		}
		return env == ""
	})
	return env, env != ""
}

// readsHeader reports whether e reads a request header: r.Header.Get(…),
// c.GetHeader(…) (gin), c.Request().Header.Get(…) (echo), c.Get(…) on a
// fiber context.
func (r *reach) readsHeader(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			switch sel.Sel.Name {
			case "GetHeader", "GetReqHeaders":
				found = true
			case "Get", "Values":
				if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && inner.Sel.Name == "Header" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// secretEnv returns the name of the secret environment variable e reads
// (os.Getenv("CRON_SECRET"), "Bearer " + os.Getenv(…)).
func (r *reach) secretEnv(e ast.Expr) (string, bool) {
	name := ""
	ast.Inspect(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return name == ""
		}
		c := r.ix.callee(call)
		if c.Path == "os" && (c.Name == "Getenv" || c.Name == "LookupEnv") {
			if s, ok := r.ix.stringValue(call.Args[0]); ok && upstash.IsSharedSecretEnvName(s) {
				name = s
			}
		}
		return name == ""
	})
	return name, name != ""
}

// callerOf returns the strongest caller a router, or one it derives from,
// proves by its middleware, with the check's label.
func (rs *routes) callerOf(k any, seen map[any]bool) Summary {
	var out Summary
	r := rs.reach
	if k == nil || seen[k] || len(seen) > 64 {
		return out
	}
	seen[k] = true
	if n, ok := rs.routers[k]; ok {
		for _, mw := range n.mws {
			s := r.summaryOf(mw, 0)
			out.raise(upstash.Caller(s.Caller), s.CallerLabel)
		}
		for _, w := range n.wraps {
			s := r.summaryOf(w, 0)
			out.raise(upstash.Caller(s.Caller), s.CallerLabel)
		}
		for _, p := range n.parents {
			s := rs.callerOf(p, seen)
			out.raise(upstash.Caller(s.Caller), s.CallerLabel)
		}
	}
	// A router variable assigned from another router expression.
	if obj, ok := k.(types.Object); ok {
		for _, a := range rs.ix.assigned[obj] {
			if ak := rs.key(a); ak != nil && ak != k {
				s := rs.callerOf(ak, seen)
				out.raise(upstash.Caller(s.Caller), s.CallerLabel)
			}
		}
	}
	return out
}

// callerWords is how a caller tier reads in a message.
func callerWords(s Summary) string {
	if s.CallerLabel == "" {
		return "a caller check"
	}
	return strings.TrimSpace(s.CallerLabel)
}
