//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
)

// findFactories sets Client.Factory for every client a module-level
// function returns (`def get_redis(): return Redis.from_env()`, or a
// memoised module variable the function assigns and returns) and returns
// the factories by name, with the positions of the `return client`
// arguments that hand each client out (not escapes).
func (w *walker) findFactories() (map[string]*client, map[facts.Pos]bool) {
	byName, returns := map[string]*client{}, map[facts.Pos]bool{}
	for _, c := range w.clients {
		if c.call == nil {
			continue
		}
		n := c.call
		var fn *sitter.Node
	climb:
		for p := n.Parent(); p != nil; p = n.Parent() {
			switch p.Kind() {
			case "await", "parenthesized_expression", "boolean_operator", "conditional_expression":
				n = p
			case "return_statement":
				fn = enclosingDef(p)
				break climb
			default:
				break climb
			}
		}
		var rets []*sitter.Node
		if fn == nil && c.Var != "" {
			if fn = enclosingDef(c.call); fn == nil {
				continue
			}
			if rets = returnsOf(w, fn, c.Var); len(rets) == 0 {
				continue
			}
		}
		name := moduleDefName(w, fn)
		if name == "" {
			continue
		}
		if _, dup := byName[name]; dup {
			continue
		}
		c.Factory = name
		byName[name] = c
		for _, r := range rets {
			returns[w.pos(r)] = true
		}
	}
	return byName, returns
}

// enclosingDef returns the innermost function definition holding n, or nil
// (a lambda or class body stops the search).
func enclosingDef(n *sitter.Node) *sitter.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case "function_definition":
			return p
		case "lambda", "class_definition":
			return nil
		}
	}
	return nil
}

// returnsOf returns the `return name` arguments of fn's own body.
func returnsOf(w *walker, fn *sitter.Node, name string) []*sitter.Node {
	var out []*sitter.Node
	var visit func(n *sitter.Node, depth int)
	visit = func(n *sitter.Node, depth int) {
		if depth > 64 {
			return
		}
		for i := uint(0); i < n.NamedChildCount(); i++ {
			ch := n.NamedChild(i)
			switch ch.Kind() {
			case "function_definition", "lambda", "class_definition":
				continue
			case "return_statement":
				if a := ch.NamedChild(0); a != nil && a.Kind() == "identifier" && w.text(a) == name {
					out = append(out, a)
				}
				continue
			}
			visit(ch, depth+1)
		}
	}
	if b := fn.ChildByFieldName("body"); b != nil {
		visit(b, 0)
	}
	return out
}

// moduleDefName returns the name of fn when it is defined at module level
// (decorated or not: `@lru_cache def get_redis()`), else "".
func moduleDefName(w *walker, fn *sitter.Node) string {
	if fn == nil {
		return ""
	}
	p := fn.Parent()
	if p != nil && p.Kind() == "decorated_definition" {
		p = p.Parent()
	}
	if p == nil || p.Kind() != "module" {
		return ""
	}
	return w.text(fn.ChildByFieldName("name"))
}

// collectResults binds every `x = f()` whose f is a factory of this module
// or a name imported from a project module: x then stands for what f
// returns (see tracked).
func (w *walker) collectResults() {
	for _, n := range w.calls {
		fn := n.ChildByFieldName("function")
		if fn == nil || fn.Kind() != "identifier" {
			continue
		}
		f := w.text(fn)
		if w.factories[f] == nil && !w.mayReturnClient(f) {
			continue
		}
		if x := w.boundName(n); x != "" && w.results[x] == "" {
			w.results[x] = f
		}
	}
}

// mayReturnClient reports whether calling the imported name local may
// return a project's client: a name imported from a module that is not a
// well-known framework or standard library package (their results are
// not followed, to keep facts small).
func (w *walker) mayReturnClient(local string) bool {
	if w.importedLocal(local) == "" {
		return false
	}
	q := w.imports[local]
	if strings.HasPrefix(q, ".") {
		return true
	}
	top, _, _ := strings.Cut(q, ".")
	switch top {
	case "fastapi", "flask", "django", "starlette", "pydantic", "dataclasses", "json", "datetime", "time", "logging",
		"functools", "collections", "re", "asyncio", "uuid", "hashlib", "hmac", "base64", "requests", "httpx", "aiohttp",
		"sqlalchemy", "celery", "werkzeug", "jinja2", "pathlib", "itertools", "enum", "math", "random", "contextlib",
		"dotenv", "pytest", "unittest", "typing_extensions", "abc", "io", "urllib", "secrets", "string", "decimal":
		return false
	}
	return true
}
