//go:build cgo

package python

import (
	"sort"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
)

// The rate-limit facts (facts.Func, Route, Limiter, LimitCall): the
// module's functions with their decorators and the module-level names they
// refer to, FastAPI/Flask route decorators and router mounts, Django URL
// patterns, upstash_ratelimit limiters and their .limit() calls with what
// the code does with `.allowed` (UPSTASH.md §4.2). They are computed from
// the nodes the first pass collected, with byte ranges instead of parent
// walks wherever possible (Parent costs a walk from the root).

// routeDecorators maps a route decorator's method name to the HTTP method it
// registers; "" for a decorator whose methods come from `methods=[…]`.
var routeDecorators = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "options": "OPTIONS",
	"head": "HEAD", "route": "", "api_route": "", "websocket": "GET",
}

// defInfo is one function or class definition with its byte range.
// depRange is the `dependencies=` argument of a route decorator, at
// [start, end) in the source, and the Func it decorates.
type depRange struct {
	start, end uint
	fn         int
}

type defInfo struct {
	node       *sitter.Node
	start, end uint
	class      bool
	name       string
	fn         int // index in File.Funcs, -1 for a class
}

// rateFacts fills File.Funcs, Routes, Limiters and LimitCalls.
func (w *walker) rateFacts() {
	defs := make([]defInfo, 0, len(w.defs))
	for _, n := range w.defs {
		name := w.text(n.ChildByFieldId(fieldName))
		defs = append(defs, defInfo{node: n, start: n.StartByte(), end: n.EndByte(), class: n.Kind() == "class_definition", name: name, fn: -1})
	}
	// Definitions arrive in document order; the innermost container of a
	// definition is the last earlier one whose range holds it.
	container := func(start, end uint, before int) int {
		for j := before - 1; j >= 0; j-- {
			if defs[j].start <= start && end <= defs[j].end {
				return j
			}
		}
		return -1
	}
	decorators := map[uint]*sitter.Node{} // def start byte → its decorated_definition
	for _, d := range w.decorated {
		if def := d.ChildByFieldId(fieldDefinition); def != nil {
			decorators[def.StartByte()] = d
		}
	}
	for k := range defs {
		d := &defs[k]
		if d.class {
			continue
		}
		fn := facts.Func{Name: d.name, Parent: -1, Pos: w.pos(d.node), End: w.endPos(d.node)}
		if c := container(d.start, d.end, k); c >= 0 {
			if defs[c].class {
				fn.Name = defs[c].name + "." + d.name
				if cc := container(defs[c].start, defs[c].end, c); cc >= 0 && !defs[cc].class {
					fn.Parent = defs[cc].fn
				}
			} else {
				fn.Parent = defs[c].fn
			}
		}
		d.fn = len(w.file.Funcs)
		w.file.Funcs = append(w.file.Funcs, fn)
		if dec := decorators[d.start]; dec != nil {
			w.decorate(d.fn, dec)
		}
	}
	inDef := func(n *sitter.Node) bool {
		s, e := n.StartByte(), n.EndByte()
		for j := range defs {
			if defs[j].start <= s && e <= defs[j].end {
				return true
			}
		}
		return false
	}
	// Module-level bindings initialised by a call: app = FastAPI(),
	// router = APIRouter(prefix="/items"), limiter = Limiter(…).
	for _, a := range w.assigns {
		left, right := a.ChildByFieldId(fieldLeft), w.unwrap(a.ChildByFieldId(fieldRight))
		if left == nil || left.Kind() != "identifier" || right == nil || right.Kind() != "call" || inDef(a) {
			continue
		}
		if w.isClientCall(right) {
			continue
		}
		name := w.text(left)
		callee := w.dotted(right.ChildByFieldId(fieldFunction))
		if callee == "" {
			continue
		}
		w.file.Funcs = append(w.file.Funcs, facts.Func{Name: name, Parent: -1, Callee: callee, Pos: w.pos(a), End: w.endPos(a)})
		w.prefixDecl(name, callee, right)
	}
	w.funcRefs(defs)
	for _, n := range w.calls {
		w.routeCallPy(n)
		w.limitCallPy(n, defs)
		w.callerCheckPy(n)
		w.counterLimitPy(n, defs)
		w.libraryLimitPy(n)
	}
	for _, c := range w.clients {
		if c.Product == facts.Ratelimit {
			w.file.Limiters = append(w.file.Limiters, facts.Limiter{Var: c.Var, Pos: c.Pos, End: w.endPos(c.call)})
		}
	}
	sort.SliceStable(w.file.Routes, func(i, j int) bool { return lessPos(w.file.Routes[i].Pos, w.file.Routes[j].Pos) })
}

// isClientCall reports whether call n is an Upstash client construction.
// The set of construction nodes is built on first use, so that asking for
// every assignment stays linear in the number of clients.
func (w *walker) isClientCall(n *sitter.Node) bool {
	if w.clientCalls == nil {
		w.clientCalls = make(map[uintptr]bool, len(w.clients))
		for _, c := range w.clients {
			if c.call != nil {
				w.clientCalls[c.call.Id()] = true
			}
		}
	}
	return w.clientCalls[n.Id()]
}

// decorate records the decorators of Func fi and the routes they register.
func (w *walker) decorate(fi int, dec *sitter.Node) {
	fn := &w.file.Funcs[fi]
	for i := uint(0); i < dec.NamedChildCount(); i++ {
		d := dec.NamedChild(i)
		if d.Kind() != "decorator" || d.NamedChildCount() == 0 {
			continue
		}
		expr := d.NamedChild(0)
		var call *sitter.Node
		if expr.Kind() == "call" {
			call = expr
			expr = expr.ChildByFieldId(fieldFunction)
		}
		name := w.dotted(expr)
		if name == "" {
			continue
		}
		fn.Decorators = append(fn.Decorators, name)
		recv, method, ok := strings.Cut(name, ".")
		if !ok || strings.Contains(method, ".") {
			continue
		}
		r := facts.Route{Recv: recv, Call: method, Pos: w.pos(d),
			Handlers: []facts.Ref{{Name: fn.Name, Pos: fn.Pos}}}
		switch {
		case method == "middleware" || method == "before_request":
			w.file.Routes = append(w.file.Routes, r) // app-wide middleware
			continue
		case call == nil:
			continue
		}
		verb, isRoute := routeDecorators[method]
		if !isRoute {
			continue
		}
		pos, kw := w.keywordArgs(call)
		if deps := kw["dependencies"]; deps != nil {
			// FastAPI's route-level dependencies run before the handler
			// (`@app.get("/x", dependencies=[Depends(require_admin)])`):
			// the names they refer to count as the handler's own.
			w.routeDeps = append(w.routeDeps, depRange{start: deps.StartByte(), end: deps.EndByte(), fn: fi})
		}
		p := arg(pos, kw, "path", 0)
		if p == nil {
			p = arg(pos, kw, "rule", 0)
		}
		s, ok := w.literal(p)
		if !ok {
			if p == nil {
				continue
			}
			r.Dynamic = true
		}
		if !r.Dynamic && !strings.HasPrefix(s, "/") && s != "" {
			continue // not a URL path: @cache.get("key")
		}
		r.Path = s
		if verb != "" {
			r.Methods = []string{verb}
		} else if m := arg(pos, kw, "methods", -1); m != nil {
			r.Methods = w.stringList(m)
		} else {
			r.Methods = []string{"GET"} // Flask and FastAPI's api_route default
		}
		w.file.Routes = append(w.file.Routes, r)
	}
}

// stringList reads a list or tuple of string literals, upper-cased.
func (w *walker) stringList(n *sitter.Node) []string {
	var out []string
	if n.Kind() != "list" && n.Kind() != "tuple" {
		return nil
	}
	for i := uint(0); i < n.NamedChildCount(); i++ {
		if s, ok := w.literal(n.NamedChild(i)); ok {
			out = append(out, strings.ToUpper(s))
		}
	}
	return out
}

// prefixDecl records router declarations that prefix their routes:
// APIRouter(prefix="/x"), Blueprint(name, __name__, url_prefix="/x").
func (w *walker) prefixDecl(name, callee string, call *sitter.Node) {
	base := callee[strings.LastIndexByte(callee, '.')+1:]
	var key string
	switch base {
	case "APIRouter":
		key = "prefix"
	case "Blueprint":
		key = "url_prefix"
	default:
		return
	}
	pos, kw := w.keywordArgs(call)
	if s, ok := w.literal(arg(pos, kw, key, -1)); ok {
		w.file.Routes = append(w.file.Routes, facts.Route{Recv: name, Call: base, Path: s, Pos: w.pos(call)})
	}
}

// funcRefs records, for every Func, the module-level names its own body
// refers to (first occurrence each).
func (w *walker) funcRefs(defs []defInfo) {
	if len(w.file.Funcs) == 0 {
		return
	}
	module := map[string]bool{}
	for name := range w.imports {
		module[firstPart(name)] = true
	}
	for _, e := range w.file.Exports {
		module[e.Name] = true
	}
	seen := make([]map[string]int, len(w.file.Funcs))
	for _, id := range w.idents {
		name := w.text(id)
		if !module[name] {
			continue
		}
		s, e := id.StartByte(), id.EndByte()
		fi := -1
		for j := len(defs) - 1; j >= 0; j-- {
			if defs[j].start <= s && e <= defs[j].end && !defs[j].class {
				fi = defs[j].fn
				break
			}
		}
		for _, r := range w.routeDeps {
			if fi < 0 && r.start <= s && e <= r.end {
				fi = r.fn
			}
		}
		if fi < 0 {
			fi = w.bindingFunc(s)
		}
		if fi < 0 || !w.isReference(id) {
			continue
		}
		ref := facts.Ref{Name: name, Pos: w.pos(id)}
		if p := id.Parent(); p != nil && p.Kind() == "attribute" && sameNode(p.ChildByFieldId(fieldObject), id) {
			ref.Member = w.text(p.ChildByFieldId(fieldAttribute))
		}
		if p := id.Parent(); ref.Member == "" && p != nil && p.Kind() == "call" && sameNode(p.ChildByFieldId(fieldFunction), id) {
			ref.Use = w.callUsePy(p, defs)
		}
		key := ref.Name + "\x00" + ref.Member
		if seen[fi] == nil {
			seen[fi] = map[string]int{}
		}
		if j, ok := seen[fi][key]; ok {
			if prev := &w.file.Funcs[fi].Refs[j]; stronger(ref.Use, prev.Use) {
				prev.Use = ref.Use
			}
			continue
		}
		seen[fi][key] = len(w.file.Funcs[fi].Refs)
		w.file.Funcs[fi].Refs = append(w.file.Funcs[fi].Refs, ref)
	}
}

// bindingFunc returns the module-level binding Func (app = FastAPI(…))
// whose extent holds byte offset off, or -1.
func (w *walker) bindingFunc(off uint) int {
	p := w.posAt(int(off))
	for i := range w.file.Funcs {
		fn := &w.file.Funcs[i]
		if fn.Callee != "" && !lessPos(p, fn.Pos) && !lessPos(fn.End, p) {
			return i
		}
	}
	return -1
}

// routeCallPy records route registrations made by calls:
// app.include_router(r, prefix=…), app.register_blueprint(bp, url_prefix=…),
// app.add_middleware(M), app.add_url_rule("/x", view_func=f), and Django's
// path()/re_path()/url() with a view or include().
func (w *walker) routeCallPy(n *sitter.Node) {
	fn := n.ChildByFieldId(fieldFunction)
	if fn == nil {
		return
	}
	pos, kw := w.keywordArgs(n)
	switch fn.Kind() {
	case "attribute":
		recv := w.dotted(fn.ChildByFieldId(fieldObject))
		method := w.text(fn.ChildByFieldId(fieldAttribute))
		if recv == "" {
			return
		}
		r := facts.Route{Recv: recv, Call: method, Pos: w.pos(n)}
		switch method {
		case "include_router", "register_blueprint":
			key := "prefix"
			if method == "register_blueprint" {
				key = "url_prefix"
			}
			if s, ok := w.literal(arg(pos, kw, key, -1)); ok {
				r.Path = s
			}
			if t := arg(pos, kw, "router", 0); t != nil {
				w.refArg(&r, t)
			}
		case "add_middleware":
			if t := arg(pos, kw, "middleware_class", 0); t != nil {
				w.refArg(&r, t)
			}
		case "init_app":
			// limiter.init_app(app) with Limiter(…, default_limits=[…]):
			// every route of the app is limited.
			app := arg(pos, kw, "app", 0)
			if app == nil || !w.defaultLimiter(recv) {
				return
			}
			r = facts.Route{Recv: w.dotted(app), Call: "use", Pos: w.pos(n)}
			w.refArg(&r, fn.ChildByFieldId(fieldObject))
		case "add_url_rule":
			s, ok := w.literal(arg(pos, kw, "rule", 0))
			if !ok {
				return
			}
			r.Path = s
			if m := arg(pos, kw, "methods", -1); m != nil {
				r.Methods = w.stringList(m)
			}
			if t := arg(pos, kw, "view_func", 2); t != nil {
				w.refArg(&r, t)
			}
		default:
			return
		}
		if len(r.Handlers) > 0 {
			w.file.Routes = append(w.file.Routes, r)
		}
	case "identifier":
		name := w.text(fn)
		q := w.imports[name]
		if app := arg(pos, kw, "app", -1); app != nil && w.limitsByDefault(n) {
			// Limiter(key, app=app, default_limits=[…]): every route of the app.
			r := facts.Route{Recv: w.dotted(app), Call: "use", Pos: w.pos(n)}
			w.refArg(&r, n)
			w.file.Routes = append(w.file.Routes, r)
			return
		}
		if name != "path" && name != "re_path" && name != "url" || !strings.HasPrefix(q, "django.") {
			return
		}
		r := facts.Route{Call: name, Pos: w.pos(n)}
		s, ok := w.literal(arg(pos, kw, "route", 0))
		if !ok {
			r.Dynamic = true
		}
		r.Path = s
		view := arg(pos, kw, "view", 1)
		if view == nil {
			return
		}
		if view.Kind() == "call" && w.dotted(view.ChildByFieldId(fieldFunction)) != "" {
			callee := w.dotted(view.ChildByFieldId(fieldFunction))
			if callee == "include" || w.imports[callee] == "django.urls.include" || w.imports[callee] == "django.conf.urls.include" {
				vpos, vkw := w.keywordArgs(view)
				target := arg(vpos, vkw, "arg", 0)
				if s, ok := w.literal(target); ok {
					r.Include = s
				} else if target != nil {
					w.refArg(&r, target) // include(other.urlpatterns), admin.site.urls
				}
				w.file.Routes = append(w.file.Routes, r)
				return
			}
		}
		w.refArg(&r, view)
		if len(r.Handlers) > 0 {
			w.file.Routes = append(w.file.Routes, r)
		}
	}
}

// refArg appends the Ref of a view or router argument: a name, a dotted
// name (views.index), or a call on one (Home.as_view()).
func (w *walker) refArg(r *facts.Route, n *sitter.Node) {
	call := false
	if n.Kind() == "call" {
		n, call = n.ChildByFieldId(fieldFunction), true
	}
	d := w.dotted(n)
	if d == "" {
		return
	}
	name, member, _ := strings.Cut(d, ".")
	if i := strings.IndexByte(member, '.'); i >= 0 {
		member = member[:i]
	}
	r.Handlers = append(r.Handlers, facts.Ref{Name: name, Member: member, Call: call, Pos: w.pos(n)})
}

// limitCallPy records `<limiter>.limit(id)` / `.block_until_ready(id, t)`.
func (w *walker) limitCallPy(n *sitter.Node, defs []defInfo) {
	fn := n.ChildByFieldId(fieldFunction)
	if fn == nil || fn.Kind() != "attribute" {
		return
	}
	method := w.text(fn.ChildByFieldId(fieldAttribute))
	if method != "limit" && method != "block_until_ready" {
		return
	}
	pos, kw := w.keywordArgs(n)
	id := arg(pos, kw, "identifier", 0)
	if id == nil || id.Kind() == "integer" {
		return
	}
	recv := w.dotted(fn.ChildByFieldId(fieldObject))
	if recv == "" {
		return
	}
	ok := false
	if c := w.clientByVar(recv); c != nil && c.Product == facts.Ratelimit {
		ok = true
	} else if w.importedLocal(firstPart(recv)) != "" {
		ok = true
	}
	for _, q := range w.imports {
		if strings.HasPrefix(q, "upstash_ratelimit") {
			ok = true
		}
	}
	if !ok {
		return
	}
	if p := n.Parent(); p != nil && p.Kind() == "decorator" {
		return // @limiter.limit("5/minute"): slowapi, not a call on the request path
	}
	lc := facts.LimitCall{Recv: recv, Method: method, Pos: w.pos(n)}
	lc.Result = w.limitResultPy(n, defs)
	lc.ID = w.identifierPy(id, 0)
	w.file.LimitCalls = append(w.file.LimitCalls, lc)
}

// limitResultPy classifies what is done with a limit call's response.
func (w *walker) limitResultPy(call *sitter.Node, defs []defInfo) facts.LimitResult {
	n := call
	p := n.Parent()
	for p != nil && (p.Kind() == "await" || p.Kind() == "parenthesized_expression") {
		n, p = p, p.Parent()
	}
	if p == nil {
		return facts.ResultUnknown
	}
	switch p.Kind() {
	case "attribute":
		if w.text(p.ChildByFieldId(fieldAttribute)) == "allowed" {
			return w.flagUsePy(p)
		}
		return facts.ResultIgnored
	case "assignment":
		l := p.ChildByFieldId(fieldLeft)
		if l == nil || l.Kind() != "identifier" {
			return facts.ResultUnknown
		}
		return w.usesAfter(call, defs, w.text(l), func(id *sitter.Node) facts.LimitResult {
			if q := id.Parent(); q != nil && q.Kind() == "attribute" && sameNode(q.ChildByFieldId(fieldObject), id) {
				if w.text(q.ChildByFieldId(fieldAttribute)) == "allowed" {
					return w.flagUsePy(q)
				}
				return facts.ResultIgnored
			}
			if escapes(id) {
				return facts.ResultPassed
			}
			return facts.ResultIgnored
		})
	case "return_statement", "argument_list", "keyword_argument":
		return facts.ResultPassed
	case "expression_statement":
		return facts.ResultIgnored
	}
	return facts.ResultUnknown
}

// callUsePy classifies what is done with the value call returns (a
// limiter helper's `return result.allowed` or `return result.allowed,
// result.reset`): used in a condition, directly or through a variable or
// the first name of a tuple unpacking; returned or passed on; discarded.
func (w *walker) callUsePy(call *sitter.Node, defs []defInfo) facts.LimitResult {
	n, p := call, call.Parent()
	for p != nil && (p.Kind() == "await" || p.Kind() == "parenthesized_expression") {
		n, p = p, p.Parent()
	}
	if p == nil {
		return facts.ResultUnknown
	}
	switch p.Kind() {
	case "expression_statement":
		return facts.ResultIgnored
	case "return_statement", "argument_list", "keyword_argument":
		return facts.ResultPassed
	case "attribute":
		if w.text(p.ChildByFieldId(fieldAttribute)) == "allowed" {
			return w.flagUsePy(p)
		}
		return facts.ResultUnknown
	case "assignment":
		l := p.ChildByFieldId(fieldLeft)
		if l == nil || !sameNode(p.ChildByFieldId(fieldRight), n) {
			return facts.ResultUnknown
		}
		if l.Kind() == "pattern_list" || l.Kind() == "tuple_pattern" {
			l = l.NamedChild(0)
		}
		if l == nil || l.Kind() != "identifier" {
			return facts.ResultUnknown
		}
		return w.usesAfter(call, defs, w.text(l), func(id *sitter.Node) facts.LimitResult {
			if q := id.Parent(); q != nil && q.Kind() == "attribute" && sameNode(q.ChildByFieldId(fieldObject), id) {
				if w.text(q.ChildByFieldId(fieldAttribute)) == "allowed" {
					return w.flagUsePy(q)
				}
				return facts.ResultUnknown
			}
			return w.flagUsePy(id)
		})
	}
	return w.flagUsePy(n)
}

// usesAfter is the strongest use (stronger) among the reads of variable
// name after call, up to the end of the function call is in (defs), each
// classified by use; ResultIgnored when there is none.
func (w *walker) usesAfter(call *sitter.Node, defs []defInfo, name string, use func(id *sitter.Node) facts.LimitResult) facts.LimitResult {
	lo, hi := call.EndByte(), ^uint(0)
	for j := len(defs) - 1; j >= 0; j-- {
		if defs[j].start <= call.StartByte() && call.EndByte() <= defs[j].end && !defs[j].class {
			hi = defs[j].end
			break
		}
	}
	best := facts.ResultIgnored
	for _, id := range w.idents {
		if s := id.StartByte(); s < lo || s >= hi || w.text(id) != name {
			continue
		}
		if r := use(id); stronger(r, best) {
			best = r
		}
	}
	return best
}

// stronger reports whether a is stronger evidence that a result is
// enforced than b: checked, then passed on, then unknown, then ignored.
func stronger(a, b facts.LimitResult) bool {
	rank := map[facts.LimitResult]int{facts.ResultChecked: 3, facts.ResultPassed: 2, facts.ResultUnknown: 1}
	return rank[a] > rank[b]
}

// flagUsePy classifies a read of `.allowed`: in a condition, returned or
// passed on, or neither.
func (w *walker) flagUsePy(n *sitter.Node) facts.LimitResult {
	for i := 0; i < 16; i++ {
		p := n.Parent()
		if p == nil {
			return facts.ResultIgnored
		}
		switch p.Kind() {
		case "not_operator", "parenthesized_expression", "boolean_operator", "comparison_operator", "await":
			n = p
			continue
		case "expression_list", "tuple":
			// return result.allowed, result.reset: the flag is handed back
			if q := p.Parent(); q != nil && q.Kind() == "return_statement" {
				return facts.ResultPassed
			}
			return facts.ResultIgnored
		case "if_statement", "elif_clause", "while_statement":
			if sameNode(p.ChildByFieldId(fieldCondition), n) {
				return facts.ResultChecked
			}
			return facts.ResultIgnored
		case "conditional_expression", "assert_statement":
			return facts.ResultChecked
		case "return_statement", "argument_list":
			return facts.ResultPassed
		}
		return facts.ResultIgnored
	}
	return facts.ResultIgnored
}

// identifierPy classifies a limit identifier expression.
func (w *walker) identifierPy(n *sitter.Node, depth int) facts.Identifier {
	n = w.unwrap(n)
	if n == nil || depth > 6 {
		return facts.Identifier{}
	}
	if s, ok := w.literal(n); ok {
		if len(s) > 64 {
			s = s[:64]
		}
		return facts.Identifier{Kind: facts.IDConstant, Value: s}
	}
	switch n.Kind() {
	case "string": // an f-string: classify its interpolations
		for i := uint(0); i < n.NamedChildCount(); i++ {
			if c := n.NamedChild(i); c.Kind() == "interpolation" && c.NamedChildCount() > 0 {
				if id := w.identifierPy(c.NamedChild(0), depth+1); id.Kind != facts.IDConstant {
					return id
				}
			}
		}
	case "boolean_operator":
		id := w.identifierPy(n.ChildByFieldId(fieldLeft), depth+1)
		if r := w.identifierPy(n.ChildByFieldId(fieldRight), depth+1); r.Kind == facts.IDConstant {
			id.Fallback = true
		} else if id.Kind == facts.IDUnknown {
			id = r
		}
		return id
	case "identifier":
		if b := w.bindingBefore(w.text(n), n); b != nil {
			return w.identifierPy(b, depth+1)
		}
	case "attribute":
		switch d := w.dotted(n); {
		case strings.HasSuffix(d, ".client.host"), strings.HasSuffix(d, ".remote_addr"):
			return facts.Identifier{Kind: facts.IDAddress}
		}
	case "subscript":
		if s, ok := w.literal(n.ChildByFieldId(fieldSubscript)); ok {
			return headerIDPy(s)
		}
	case "call":
		fn := n.ChildByFieldId(fieldFunction)
		d := w.dotted(fn)
		pos, _ := w.keywordArgs(n)
		if strings.HasSuffix(d, ".get") && len(pos) > 0 && strings.Contains(strings.ToLower(d), "header") || strings.HasSuffix(d, "META.get") {
			if s, ok := w.literal(pos[0]); ok {
				return headerIDPy(s)
			}
		}
		last := d[strings.LastIndexByte(d, '.')+1:]
		switch last {
		case "get_remote_address", "get_ipaddr", "get_client_ip":
			return facts.Identifier{Kind: facts.IDAddress}
		case "split", "strip":
			if fn != nil && fn.Kind() == "attribute" {
				return w.identifierPy(fn.ChildByFieldId(fieldObject), depth+1)
			}
		}
	}
	return facts.Identifier{}
}

// headerIDPy classifies a header (or Django META key) identifier.
func headerIDPy(name string) facts.Identifier {
	n := strings.ToLower(strings.TrimSpace(name))
	if strings.HasPrefix(n, "http_") {
		n = strings.ReplaceAll(strings.TrimPrefix(n, "http_"), "_", "-")
	}
	switch n {
	case "x-forwarded-for", "x-real-ip", "forwarded", "x-client-ip":
		return facts.Identifier{Kind: facts.IDHeader, Value: n}
	case "remote_addr", "cf-connecting-ip", "true-client-ip", "fly-client-ip", "x-vercel-forwarded-for":
		return facts.Identifier{Kind: facts.IDAddress}
	}
	return facts.Identifier{}
}

// limitsByDefault reports whether call n builds a Flask-Limiter Limiter
// with default (or application-wide) limits: once attached to an app, they
// apply to every route.
func (w *walker) limitsByDefault(n *sitter.Node) bool {
	fn := n.ChildByFieldId(fieldFunction)
	if fn == nil || !strings.HasPrefix(w.imports[w.dotted(fn)], "flask_limiter") {
		return false
	}
	pos, kw := w.keywordArgs(n)
	for _, k := range []string{"default_limits", "application_limits"} {
		if l := arg(pos, kw, k, -1); l != nil && l.Kind() == "list" && l.NamedChildCount() > 0 {
			return true
		}
	}
	return false
}

// defaultLimiter reports whether the module-level name is bound to a
// Flask-Limiter Limiter with default limits.
func (w *walker) defaultLimiter(name string) bool {
	for _, a := range w.assigns {
		left, right := a.ChildByFieldId(fieldLeft), w.unwrap(a.ChildByFieldId(fieldRight))
		if left != nil && w.text(left) == name && right != nil && right.Kind() == "call" && w.limitsByDefault(right) {
			return true
		}
	}
	return false
}
