//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
)

// references follows every reference to a client variable (or a pipeline
// alias of one) and to an imported name, and records what is done with it:
// method calls become Commands (on the client) or Use commands (on the
// import); passing the name elsewhere records facts.Escaped. It starts from
// the identifiers the first pass collected whose text begins a tracked name
// (so Parent, which costs a walk from the root in tree-sitter, runs only
// for those), climbs the attribute chain and takes the longest tracked
// prefix: app.cache.redis.get() is the import app.cache calling redis.get.
func (w *walker) references() {
	roots := map[string]bool{}
	for _, c := range w.clients {
		if c.Var != "" {
			roots[firstPart(c.Var)] = true
		}
	}
	for name := range w.aliases {
		roots[firstPart(name)] = true
	}
	for name := range w.imports {
		if w.importedLocal(name) != "" {
			roots[firstPart(name)] = true
		}
	}
	for name := range w.results {
		roots[firstPart(name)] = true
	}
	for name := range w.factories {
		roots[name] = true
	}
	if len(roots) == 0 {
		return
	}
	uses := map[string]*facts.Use{}
	var order []string
	for _, id := range w.idents {
		if !roots[w.text(id)] || !w.isReference(id) {
			continue
		}
		chain := []*sitter.Node{id}
		names := []string{w.text(id)}
		for cur, p := id, id.Parent(); p != nil && p.Kind() == "attribute" && sameNode(p.ChildByFieldId(fieldObject), cur) && len(chain) < 32; cur, p = p, p.Parent() {
			chain = append(chain, p)
			names = append(names, w.text(p.ChildByFieldId(fieldAttribute)))
		}
		for k := len(chain) - 1; k >= 0; k-- {
			c, local := w.tracked(strings.Join(names[:k+1], "."))
			if c == nil && local == "" {
				continue
			}
			n := chain[k]
			if k > 0 && !w.isReference(n) {
				break
			}
			cmds := w.usage(n)
			if p := n.Parent(); k == 0 && cmds == nil && p != nil && p.Kind() == "call" && sameNode(p.ChildByFieldName("function"), n) &&
				(c != nil && w.factories[names[0]] == c || c == nil && !strings.HasSuffix(local, "()") && w.mayReturnClient(local)) {
				// get_redis(): what is done with its result counts, unless
				// it is bound to a name whose uses are followed (x = get_redis()).
				if c == nil {
					local += "()"
				}
				if x := w.boundName(p); x == "" || w.results[x] != names[0] {
					cmds = w.usage(p)
				}
			}
			for _, cmd := range cmds {
				if c != nil {
					if c.call != nil && n.StartByte() >= c.call.StartByte() && n.EndByte() <= c.call.EndByte() {
						continue // inside its own construction
					}
					c.Commands = append(c.Commands, cmd)
					continue
				}
				u, ok := uses[local]
				if !ok {
					u = &facts.Use{Local: local}
					uses[local] = u
					order = append(order, local)
				}
				u.Commands = append(u.Commands, cmd)
			}
			break
		}
	}
	for _, l := range order {
		w.file.Uses = append(w.file.Uses, *uses[l])
	}
}

// dropReturns removes the escapes at a factory's `return client`: handing
// the client out is what its callers' commands account for.
func dropReturns(cs []facts.Command, returns map[facts.Pos]bool) []facts.Command {
	out := cs[:0]
	for _, c := range cs {
		if c.Name == facts.Escaped && returns[c.Pos] {
			continue
		}
		out = append(out, c)
	}
	return out
}

func firstPart(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return name
}

// tracked returns the client a name stands for, or else the imported
// binding it is.
func (w *walker) tracked(name string) (*client, string) {
	if name == "" {
		return nil, ""
	}
	if c := w.clientByVar(name); c != nil {
		return c, ""
	}
	if f, ok := w.results[name]; ok {
		if c := w.factories[f]; c != nil {
			return c, ""
		}
		return nil, f + "()"
	}
	if c := w.factories[name]; c != nil {
		return c, ""
	}
	return nil, w.importedLocal(name)
}

// importedLocal returns the binding name a reference stands for when it is
// a name imported from a module that may build a client: from-imported
// names and module bindings, but not the SDK modules and constructors
// themselves, nor the standard library's os.
func (w *walker) importedLocal(name string) string {
	q, ok := w.imports[name]
	if !ok {
		return ""
	}
	if _, isCtor := constructors[q]; isCtor || sdkModules[q] {
		return ""
	}
	top := q
	if i := strings.IndexByte(q, '.'); i > 0 {
		top = q[:i]
	}
	switch top {
	case "os", "sys", "typing", "redis", "aioredis", "qstash", "upstash_redis", "upstash_qstash", "upstash_vector",
		"upstash_search", "upstash_ratelimit":
		return ""
	}
	return name
}

// isReference reports whether n (an identifier or attribute chain) reads the
// name rather than defining it, naming an attribute of something else, or
// being part of an import, parameter or keyword name. For an attribute
// chain, only the outermost node that is itself tracked is a reference:
// its parent must not continue the same chain as an object of another
// tracked name; that is handled by usage climbing outwards.
func (w *walker) isReference(n *sitter.Node) bool {
	p := n.Parent()
	if p == nil {
		return false
	}
	switch p.Kind() {
	case "attribute":
		if a := p.ChildByFieldId(fieldAttribute); a != nil && a.StartByte() == n.StartByte() && a.EndByte() == n.EndByte() {
			return false // the .name part of x.name
		}
	case "import_statement", "import_from_statement", "aliased_import", "dotted_name", "global_statement",
		"nonlocal_statement", "parameters", "default_parameter", "typed_parameter", "typed_default_parameter",
		"function_definition", "class_definition", "keyword_argument", "as_pattern_target", "lambda_parameters":
		if p.Kind() == "keyword_argument" {
			if v := p.ChildByFieldId(fieldValue); v != nil && v.StartByte() == n.StartByte() && v.EndByte() == n.EndByte() {
				return true
			}
		}
		if p.Kind() == "default_parameter" || p.Kind() == "typed_default_parameter" {
			if v := p.ChildByFieldId(fieldValue); v != nil && v.StartByte() == n.StartByte() && v.EndByte() == n.EndByte() {
				return true
			}
		}
		return false
	case "assignment", "augmented_assignment":
		if l := p.ChildByFieldId(fieldLeft); l != nil && l.StartByte() == n.StartByte() && l.EndByte() == n.EndByte() {
			return false
		}
	}
	return true
}

// usage climbs from a reference to what is done with it: a method call
// (with the member path, then any calls chained on its result), or an
// escape (passed, returned, assigned, stored). Other uses (tests, compare,
// plain attribute reads) record nothing.
func (w *walker) usage(n *sitter.Node) []facts.Command {
	cur := n
	var path []string
	var last *sitter.Node
	for i := 0; i < 32; i++ {
		p := cur.Parent()
		if p == nil || p.Kind() != "attribute" || !sameNode(p.ChildByFieldId(fieldObject), cur) {
			break
		}
		last = p.ChildByFieldId(fieldAttribute)
		path = append(path, w.text(last))
		cur = p
	}
	p := cur.Parent()
	if p != nil && p.Kind() == "call" && sameNode(p.ChildByFieldId(fieldFunction), cur) {
		if len(path) == 0 {
			return nil // the binding itself called: a factory or a callable
		}
		out := []facts.Command{{Name: strings.ToLower(strings.Join(path, ".")), Pos: w.pos(last)}}
		// Calls chained on the result: r.pipeline().set().get().
		call := p
		for i := 0; i < 64; i++ {
			outer := call.Parent()
			for outer != nil && (outer.Kind() == "await" || outer.Kind() == "parenthesized_expression") {
				call, outer = outer, outer.Parent()
			}
			if outer == nil || outer.Kind() != "attribute" || !sameNode(outer.ChildByFieldId(fieldObject), call) {
				break
			}
			next := outer.Parent()
			if next == nil || next.Kind() != "call" || !sameNode(next.ChildByFieldId(fieldFunction), outer) {
				break
			}
			a := outer.ChildByFieldId(fieldAttribute)
			out = append(out, facts.Command{Name: strings.ToLower(w.text(a)), Pos: w.pos(a)})
			call = next
		}
		return out
	}
	if escapes(cur) {
		name := facts.Escaped
		if len(path) > 0 {
			name = strings.ToLower(strings.Join(path, ".")) + "." + facts.Escaped
		}
		return []facts.Command{{Name: name, Pos: w.pos(n)}}
	}
	return nil
}

// escapes reports whether the value at n leaves the analysis: it is an
// argument, a keyword value, returned or yielded, assigned to another name,
// or stored in a container.
func escapes(n *sitter.Node) bool {
	p := n.Parent()
	for p != nil && (p.Kind() == "parenthesized_expression" || p.Kind() == "await") {
		n, p = p, p.Parent()
	}
	if p == nil {
		return false
	}
	switch p.Kind() {
	case "argument_list", "keyword_argument", "return_statement", "yield", "list", "tuple", "set", "pair",
		"expression_list", "lambda", "conditional_expression", "list_splat", "dictionary_splat", "default_parameter",
		"typed_default_parameter":
		return true
	case "assignment", "augmented_assignment":
		return sameNode(p.ChildByFieldId(fieldRight), n)
	}
	return false
}

func sameNode(a, b *sitter.Node) bool {
	return a != nil && b != nil && a.StartByte() == b.StartByte() && a.EndByte() == b.EndByte() && a.Kind() == b.Kind()
}

// headers records the Upstash-* request headers the module reads: string
// keys in subscripts and .get() calls ("Upstash-Signature",
// "HTTP_UPSTASH_SIGNATURE" in Django's META), FastAPI parameters declared
// with Header() (upstash_signature: str = Header(), or
// Annotated[str | None, Header()]) and Header(alias=…).
func (w *walker) headers() {
	add := func(name string, n *sitter.Node) {
		h := headerName(name)
		if h == "" {
			return
		}
		w.file.Headers = append(w.file.Headers, facts.Header{Name: h, Pos: w.pos(n)})
	}
	for _, s := range w.strs {
		v, ok := w.stringValue(s)
		if !ok || len(v) < 8 || len(v) > 64 || !strings.Contains(strings.ToLower(v), "upstash") {
			continue
		}
		p := s.Parent()
		switch {
		case p == nil:
		case p.Kind() == "subscript" && sameNode(p.ChildByFieldId(fieldSubscript), s):
			if headerish(w.text(p.ChildByFieldId(fieldValue))) {
				add(v, s)
			}
		case p.Kind() == "argument_list":
			call := p.Parent()
			fn := call.ChildByFieldId(fieldFunction)
			if fn != nil && fn.Kind() == "attribute" && headerish(w.text(fn.ChildByFieldId(fieldObject))) {
				switch w.text(fn.ChildByFieldId(fieldAttribute)) {
				case "get", "getlist", "get_all", "getheader", "getheaders":
					if p.NamedChildCount() > 0 && sameNode(p.NamedChild(0), s) {
						add(v, s)
					}
				}
			}
		case p.Kind() == "keyword_argument" && w.text(p.ChildByFieldId(fieldName)) == "alias":
			if call := p.Parent().Parent(); call != nil && strings.HasSuffix(w.text(call.ChildByFieldId(fieldFunction)), "Header") {
				add(v, s)
			}
		}
	}
	for _, n := range w.params {
		v := n.ChildByFieldId(fieldValue)
		if v == nil || v.Kind() != "call" || !strings.HasSuffix(w.text(v.ChildByFieldId(fieldFunction)), "Header") {
			// upstash_signature: Annotated[str | None, Header()] = None
			if v = w.annotatedHeader(n.ChildByFieldId(fieldType)); v == nil {
				continue
			}
		}
		name := n.ChildByFieldId(fieldName)
		if name == nil && n.NamedChildCount() > 0 && n.NamedChild(0).Kind() == "identifier" {
			name = n.NamedChild(0) // a typed_parameter names no field
		}
		if name == nil {
			continue
		}
		if _, kw := w.keywordArgs(v); kw["alias"] != nil {
			continue // the alias string is the header name, read above
		}
		add(strings.ReplaceAll(w.text(name), "_", "-"), name)
	}
}

// annotatedHeader returns the Header() call in a parameter's type when the
// type is Annotated[…, Header(…)], or nil.
func (w *walker) annotatedHeader(t *sitter.Node) *sitter.Node {
	if t == nil || !strings.Contains(w.text(t), "Annotated[") {
		return nil
	}
	var found *sitter.Node
	var visit func(n *sitter.Node, depth int)
	visit = func(n *sitter.Node, depth int) {
		if found != nil || depth > 8 {
			return
		}
		if n.Kind() == "call" && strings.HasSuffix(w.text(n.ChildByFieldId(fieldFunction)), "Header") {
			found = n
			return
		}
		for i := uint(0); i < n.NamedChildCount(); i++ {
			visit(n.NamedChild(i), depth+1)
		}
	}
	visit(t, 0)
	return found
}

// headerish reports whether the object a key is read from looks like a
// request's headers: request.headers, event["headers"], request.META.
func headerish(obj string) bool {
	o := strings.ToLower(obj)
	return strings.Contains(o, "header") || strings.Contains(obj, "META")
}

// headerName normalises a header key to lower case with dashes and returns
// it when it is an Upstash-* header.
func headerName(s string) string {
	h := strings.ToLower(strings.TrimSpace(s))
	h = strings.TrimPrefix(h, "http_")
	h = strings.ReplaceAll(h, "_", "-")
	if !strings.HasPrefix(h, "upstash-") || len(h) <= len("upstash-") {
		return ""
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !(c >= 'a' && c <= 'z' || c == '-') {
			return ""
		}
	}
	return h
}
