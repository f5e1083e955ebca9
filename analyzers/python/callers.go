//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// callerCheckPy records call n when it is an auth guard or verifier of
// upstash.Guards (stripe.Webhook.construct_event, svix Webhook(…).verify,
// hmac.compare_digest, jwt.decode), with whether a failure stops the
// request (File.Checks). Decorators and FastAPI dependencies are read by
// the rate-limit pass from Func.Decorators and Func.Refs.
func (w *walker) callerCheckPy(n *sitter.Node) {
	fn := n.ChildByFieldId(fieldFunction)
	d := w.dotted(fn)
	if d == "" {
		return
	}
	root, rest, _ := strings.Cut(d, ".")
	full := d
	if imp, ok := w.imports[root]; ok {
		full = imp
		if rest != "" {
			full += "." + rest
		}
	}
	g, found := upstash.GuardOfPath(upstash.Python, full)
	if !found {
		if i := strings.LastIndexByte(full, '.'); i > 0 {
			g, found = upstash.GuardOf(upstash.Python, full[:i], full[i+1:])
		}
	}
	if !found && rest != "" {
		method := d[strings.LastIndexByte(d, '.')+1:]
		for _, imp := range w.imports {
			if i := strings.LastIndexByte(imp, '.'); i > 0 {
				if gm, ok := upstash.GuardMethodOf(upstash.Python, imp[:i], imp[i+1:], method); ok {
					g, found = gm, true
					break
				}
			}
		}
	}
	if !found {
		return
	}
	c := facts.Check{Caller: g.Caller, What: g.Label, Pos: w.pos(n)}
	if g.Throws {
		c.Rejects = !underIfPy(n)
	} else {
		c.Rejects = w.rejectsPy(n)
		if !c.Rejects {
			if p := n.Parent(); p != nil && p.Kind() == "return_statement" {
				c.Passed = true
			}
		}
	}
	w.file.Checks = append(w.file.Checks, c)
}

// underIfPy reports whether n runs only under an if inside its function.
func underIfPy(n *sitter.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case "if_statement", "elif_clause", "conditional_expression":
			return true
		case "function_definition", "module":
			return false
		}
	}
	return false
}

// rejectsPy reports whether the value of n decides an if whose body stops
// the request (raise, return, abort()), directly or through a variable
// assigned from it in the same function.
func (w *walker) rejectsPy(n *sitter.Node) bool {
	if w.condStopsPy(n) {
		return true
	}
	p := n.Parent()
	if p == nil || p.Kind() != "assignment" {
		return false
	}
	left := p.ChildByFieldId(fieldLeft)
	if left == nil || left.Kind() != "identifier" {
		return false
	}
	name := w.text(left)
	scope := p
	for scope.Parent() != nil && scope.Kind() != "function_definition" {
		scope = scope.Parent()
	}
	for _, id := range w.idents {
		if id.StartByte() > p.EndByte() && id.EndByte() <= scope.EndByte() && id.StartByte() >= scope.StartByte() && w.text(id) == name && w.condStopsPy(id) {
			return true
		}
	}
	return false
}

// condStopsPy reports whether the expression n is (part of) the condition
// of an if whose body raises, returns or aborts.
func (w *walker) condStopsPy(n *sitter.Node) bool {
	for i := 0; i < 8; i++ {
		p := n.Parent()
		if p == nil {
			return false
		}
		switch p.Kind() {
		case "not_operator", "parenthesized_expression", "boolean_operator", "comparison_operator", "await":
			n = p
			continue
		case "if_statement":
			if sameNode(p.ChildByFieldId(fieldCondition), n) {
				return w.stopsPy(p.ChildByFieldId(fieldConsequence))
			}
		}
		return false
	}
	return false
}

// stopsPy reports whether the block n raises, returns or calls abort().
func (w *walker) stopsPy(n *sitter.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind() {
	case "raise_statement", "return_statement":
		return true
	case "call":
		if f := w.dotted(n.ChildByFieldId(fieldFunction)); f == "abort" || strings.HasSuffix(f, ".abort") {
			return true
		}
	}
	for i := uint(0); i < n.NamedChildCount(); i++ {
		if w.stopsPy(n.NamedChild(i)) {
			return true
		}
	}
	return false
}
