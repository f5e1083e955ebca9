//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/upstash"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// The rate-limit facts (facts.Func, Route, Limiter, LimitCall, Matcher):
// what analyzers/project needs to find a module's endpoints, follow a
// handler to the Upstash clients it reaches and prove that a limit runs on
// its path (UPSTASH.md §4). Everything here reads the mirror tree that
// collect() already indexed: a few linear passes over its nodes, no parse.

// serverFramework reports whether the module specifier is a web framework
// whose route registrations the analyzer records in any receiver's name.
func serverFramework(spec string) bool {
	_, ok := upstash.FrameworkOf(upstash.JS, pkgOf(spec))
	return ok
}

// routeReceivers are the receiver names accepted for a route registration
// in a module that imports no server framework (a router passed in as a
// parameter).
var routeReceivers = map[string]bool{
	"app": true, "router": true, "server": true, "api": true, "routes": true, "fastify": true, "instance": true, "r": true,
}

// verbMethods maps a route method name to the HTTP method it registers; ""
// for every method.
var verbMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "del": "DELETE",
	"options": "OPTIONS", "head": "HEAD", "all": "", "any": "",
}

// pkgOf returns the package name of a module specifier: "@scope/name" or "name".
func pkgOf(spec string) string {
	s := normSpec(spec)
	if strings.HasPrefix(s, "@") {
		if parts := strings.SplitN(s, "/", 3); len(parts) >= 2 {
			return parts[0] + "/" + parts[1]
		}
		return s
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}

// rateState is the working state of the rate-limit pass.
type rateState struct {
	funcOf    []int32          // node → index of its innermost Func in File.Funcs, -1 outside
	funcNode  []int32          // Func index → its node
	module    map[string]bool  // module-level names: imports, top-level declarations
	framework bool             // the module imports a server framework
	ratelimit bool             // the module imports @upstash/ratelimit
	refSeen   []map[string]int // per Func: "name\x00member" → index of its Ref
}

// collectRateFacts fills File.Funcs, Routes, Limiters, LimitCalls and
// Matchers.
func (an *analysis) collectRateFacts() {
	tr := an.tr
	st := &rateState{module: map[string]bool{}}
	for local, b := range an.bindings {
		st.module[local] = true
		if serverFramework(b.spec) {
			st.framework = true
		}
		if familyOf(b.norm) == famRatelimit {
			st.ratelimit = true
		}
	}
	an.funcs(st)
	an.refs(st)
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kCall:
			an.routeCall(st, i)
			an.limitCall(st, i)
			an.unverifiedServe(i)
			an.counterLimit(st, i)
			an.libraryLimit(i)
			an.callerCall(st, i)
			an.trpcRouter(i)
		case kNew:
			an.trpcAuthError(i)
		case kThrow:
			an.trpcCtxCheck(i)
		case kBinary:
			an.secretCompare(st, i)
		case kExportStmt:
			an.matcher(i)
		}
	}
	for _, c := range an.clients {
		if c.c.Product != facts.Ratelimit {
			continue
		}
		l := facts.Limiter{Var: c.c.Var, Pos: c.c.Pos, End: an.lastPos(st, c.node)}
		if c.opts >= 0 {
			_, l.EphemeralCache = an.pairs(c.opts)["ephemeralCache"]
		}
		l.Kept = an.keptLimiter(c.node)
		an.f.Limiters = append(an.f.Limiters, l)
	}
}

// lastPos is the position of node i's last byte.
func (an *analysis) lastPos(st *rateState, i int32) facts.Pos {
	n := &an.tr.nodes[i]
	return an.tr.lineIndex().End(int(n.start), int(n.end))
}

// funcs records every function and every module-level binding initialised
// by a call, and indexes each node's innermost Func. Nodes are in
// pre-order, so a node's parent is indexed before it.
func (an *analysis) funcs(st *rateState) {
	tr := an.tr
	st.funcOf = make([]int32, len(tr.nodes))
	pending := map[int32]facts.Func{} // a call that is the extent of a binding Func
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		parent := int32(-1)
		if p := tr.nodes[i].parent; p >= 0 {
			parent = st.funcOf[p]
		}
		st.funcOf[i] = parent
		fn, ok := pending[i]
		if !ok {
			fn, ok = an.funcAt(st, i, parent, pending)
		}
		if !ok {
			continue
		}
		fn.Parent = int(parent)
		fn.Pos, fn.End = an.pos(i), an.lastPos(st, i)
		st.funcOf[i] = int32(len(an.f.Funcs))
		st.funcNode = append(st.funcNode, i)
		an.f.Funcs = append(an.f.Funcs, fn)
	}
	st.refSeen = make([]map[string]int, len(an.f.Funcs))
}

// funcAt returns the Func that node i starts, if any, and records the
// module-level names i declares. A binding whose extent is a descendant
// (`export default wrap(…)`) is put in pending under that node.
func (an *analysis) funcAt(st *rateState, i, parent int32, pending map[int32]facts.Func) (facts.Func, bool) {
	tr := an.tr
	var fn facts.Func
	topLevel := parent < 0 && !an.inFunction(i)
	switch tr.nodes[i].kind {
	case kFunction, kArrow, kMethodDef:
		if topLevel && tr.nodes[i].kind == kFunction {
			if n := tr.child(i, fName); n >= 0 {
				st.module[tr.text(n)] = true
			}
		}
		an.nameFunc(&fn, i)
		if body := tr.child(i, fBody); tr.kindOf(body) == kBlock {
			fn.UseServer = an.blockDirective(body) == "use server"
			fn.DevOnly = an.productionGuard(body)
		}
		return fn, true
	case kClass:
		if topLevel {
			if n := tr.child(i, fName); n >= 0 {
				st.module[tr.text(n)] = true
			}
		}
	case kDeclarator:
		if !topLevel {
			return fn, false
		}
		name := tr.child(i, fName)
		var names []string
		switch tr.kindOf(name) {
		case kIdent:
			names = []string{tr.text(name)}
		case kObjectPattern:
			for _, id := range an.patternNames(name) {
				names = append(names, tr.text(id))
			}
		}
		for _, n := range names {
			st.module[n] = true
		}
		val := an.unwrap(tr.child(i, fValue))
		if len(names) == 0 || !an.bindingCall(val) {
			return fn, false
		}
		// The Func spans the whole declarator, so that the position of a
		// destructured export (`export const { POST } = serve(…)`) falls
		// inside it.
		fn.Name = strings.Join(names, ",")
		fn.Callee = an.calleeText(val)
		an.prefixDecl(fn.Name, val)
		return fn, true
	case kExportStmt:
		if !topLevel || tr.firstOfKind(i, kDefaultKw) < 0 {
			return fn, false
		}
		v := an.unwrap(tr.child(i, fValue))
		switch {
		case an.bindingCall(v):
			pending[v] = facts.Func{Export: "default", Callee: an.calleeText(v)}
		case tr.kindOf(v) == kObject:
			an.defaultObject(v, pending)
		}
	case kAssign:
		if !topLevel {
			return fn, false
		}
		v := an.unwrap(tr.child(i, fRight))
		if exp := an.exportTarget(tr.child(i, fLeft)); exp != "" && an.bindingCall(v) {
			pending[v] = facts.Func{Export: exp, Callee: an.calleeText(v)}
		}
	}
	return fn, false
}

// inFunction reports whether node i sits inside a function or class body.
// The answer for every node is computed once, in one pass over the nodes
// (a parent's index is below its children's), so that asking it for each
// node stays linear in the size of the tree, whatever its depth.
func (an *analysis) inFunction(i int32) bool {
	tr := an.tr
	if an.inFn == nil {
		an.inFn = make([]bool, len(tr.nodes))
		for j := range tr.nodes {
			if p := tr.nodes[j].parent; p >= 0 {
				switch tr.nodes[p].kind {
				case kFunction, kArrow, kMethodDef, kClassBody:
					an.inFn[j] = true
				default:
					an.inFn[j] = an.inFn[p]
				}
			}
		}
	}
	return an.inFn[i]
}

// bindingCall reports whether v is a call or new expression that may
// produce a handler, an app or a limiter: not require()/import(), not an
// Upstash client construction (those are Clients).
func (an *analysis) bindingCall(v int32) bool {
	tr := an.tr
	switch tr.kindOf(v) {
	case kCall:
		callee := an.unwrap(tr.child(v, fFunction))
		if tr.kindOf(callee) == kImportKw || tr.kindOf(callee) == kIdent && tr.textEq(callee, "require") {
			return false
		}
	case kNew:
	default:
		return false
	}
	return an.clientAtNode(v) < 0
}

// calleeText is the callee of call or new expression v as written ("new "
// first for a constructor), at most 80 bytes.
func (an *analysis) calleeText(v int32) string {
	tr := an.tr
	var s string
	if tr.kindOf(v) == kNew {
		s = "new " + tr.text(an.unwrap(tr.child(v, fConstructor)))
	} else {
		s = tr.text(an.unwrap(tr.child(v, fFunction)))
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:80]
	}
	return s
}

// nameFunc names function node i from where it stands.
func (an *analysis) nameFunc(fn *facts.Func, i int32) {
	tr := an.tr
	if n := tr.child(i, fName); n >= 0 && tr.nodes[i].kind == kFunction {
		fn.Name = tr.text(n)
	}
	cur := i
	up := tr.parentOf(cur)
	for tr.kindOf(up) == kParen || tr.kindOf(up) == kAs || tr.kindOf(up) == kSatisfies || tr.kindOf(up) == kNonNull {
		cur, up = up, tr.parentOf(up)
	}
	switch tr.kindOf(up) {
	case kDeclarator:
		if n := tr.child(up, fName); tr.kindOf(n) == kIdent && tr.child(up, fValue) == cur {
			fn.Name = tr.text(n)
		}
	case kPair:
		if tr.child(up, fValue) == cur {
			fn.Name = an.keyName(up)
			fn.Export = an.defaultKey(tr.parentOf(up), fn.Name)
		}
	case kClassBody, kObject:
		if tr.nodes[i].kind == kMethodDef {
			name := tr.text(tr.child(i, fName))
			fn.Name = name
			if tr.kindOf(up) == kClassBody {
				if cls := tr.parentOf(up); tr.child(cls, fName) >= 0 {
					fn.Name = tr.text(tr.child(cls, fName)) + "." + name
				}
			} else {
				fn.Export = an.defaultKey(up, name)
			}
		}
	case kAssign:
		if tr.child(up, fRight) == cur {
			left := tr.child(up, fLeft)
			if tr.kindOf(left) == kIdent {
				fn.Name = tr.text(left)
			} else if e := an.exportTarget(left); e != "" {
				fn.Export = e
			}
		}
	case kExportStmt:
		if tr.firstOfKind(up, kDefaultKw) >= 0 {
			fn.Export = "default"
		}
	}
}

// defaultKey returns "default.<key>" when obj is the object of `export
// default { … }`, "<name>.<key>" when it is the value of `export const
// <name> = { … }` (SvelteKit's actions); "" otherwise.
func (an *analysis) defaultKey(obj int32, key string) string {
	tr := an.tr
	if tr.kindOf(obj) != kObject || key == "" {
		return ""
	}
	cur, up := obj, tr.parentOf(obj)
	for tr.kindOf(up) == kParen || tr.kindOf(up) == kAs || tr.kindOf(up) == kSatisfies {
		cur, up = up, tr.parentOf(up)
	}
	switch tr.kindOf(up) {
	case kExportStmt:
		if tr.firstOfKind(up, kDefaultKw) >= 0 {
			return "default." + key
		}
	case kDeclarator:
		name := tr.child(up, fName)
		if tr.kindOf(name) == kIdent && tr.child(up, fValue) == cur && tr.kindOf(tr.parentOf(tr.parentOf(up))) == kExportStmt {
			return tr.text(name) + "." + key
		}
	}
	return ""
}

// defaultObject records `export default { fetch: handler }` and `{ fetch:
// app.fetch }` as exports "default.fetch" of the local binding, and `{
// fetch: serve(…) }` as a binding Func exported as "default.fetch".
func (an *analysis) defaultObject(obj int32, pending map[int32]facts.Func) {
	tr := an.tr
	for c := tr.nodes[obj].first; c >= 0; c = tr.nodes[c].next {
		var key string
		var v int32
		switch tr.nodes[c].kind {
		case kPair:
			key, v = an.keyName(c), an.unwrap(tr.child(c, fValue))
		case kShorthandProp:
			key, v = tr.text(c), c
		default:
			continue
		}
		if key != "" && an.bindingCall(v) {
			pending[v] = facts.Func{Export: "default." + key, Callee: an.calleeText(v)}
			continue
		}
		for tr.kindOf(v) == kMember {
			v = an.unwrap(tr.child(v, fObject))
		}
		if key == "" || tr.kindOf(v) != kIdent && tr.kindOf(v) != kShorthandProp {
			continue
		}
		an.addExport("default."+key, tr.text(v), c)
	}
}

// exportTarget returns the export name an assignment target stands for:
// "default" for module.exports, "x" for exports.x and module.exports.x.
func (an *analysis) exportTarget(left int32) string {
	tr := an.tr
	if an.isModuleExports(left) {
		return "default"
	}
	if tr.kindOf(left) != kMember {
		return ""
	}
	obj := tr.child(left, fObject)
	if tr.kindOf(obj) == kIdent && tr.textEq(obj, "exports") || an.isModuleExports(obj) {
		return tr.text(tr.child(left, fProperty))
	}
	return ""
}

// blockDirective returns the directive ("use server", "use client") that
// opens a function body, or "".
func (an *analysis) blockDirective(body int32) string {
	tr := an.tr
	for c := tr.nodes[body].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kComment:
			continue
		case kExprStmt:
			if s := tr.firstNamed(c); tr.kindOf(s) == kString {
				v, _ := an.str(s)
				return v
			}
		}
		return ""
	}
	return ""
}

// productionGuard reports whether a function body opens (after directives
// and comments) with `if (process.env.NODE_ENV === "production")` (or
// `!== "development"`) whose branch returns or throws.
func (an *analysis) productionGuard(body int32) bool {
	tr := an.tr
	for c := tr.nodes[body].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kComment:
			continue
		case kExprStmt:
			if tr.kindOf(tr.firstNamed(c)) == kString {
				continue // a directive
			}
			return false
		}
		cond := tr.child(c, fCondition)
		if cond < 0 {
			return false
		}
		t := conditionFolder.Replace(tr.text(cond))
		switch t {
		case `process.env.NODE_ENV==="production"`, `process.env.NODE_ENV=="production"`, `"production"===process.env.NODE_ENV`,
			`process.env.NODE_ENV!=="development"`, `process.env.NODE_ENV!="development"`:
		default:
			return false
		}
		then := tr.child(c, fConsequence)
		if tr.kindOf(then) == kBlock {
			then = tr.firstNamed(then)
		}
		return tr.kindOf(then) == kReturn || strings.HasPrefix(tr.text(then), "throw")
	}
	return false
}

// prefixDecl records the declarations that give a router a prefix:
// `new Router({ prefix: "/api" })` (Koa) and `new Hono().basePath("/api")`.
func (an *analysis) prefixDecl(name string, v int32) {
	tr := an.tr
	if strings.Contains(name, ",") {
		return
	}
	switch tr.kindOf(v) {
	case kNew:
		args := an.argList(tr.child(v, fArguments))
		if len(args) == 0 {
			return
		}
		if o := an.resolveObject(args[0]); tr.kindOf(o) == kObject {
			if p, ok := an.str(an.resolveObject(get(an.pairs(o), "prefix"))); ok {
				an.f.Routes = append(an.f.Routes, facts.Route{Recv: name, Call: "Router", Path: p, Pos: an.pos(v)})
			}
		}
	case kCall:
		callee := an.unwrap(tr.child(v, fFunction))
		if tr.kindOf(callee) != kMember || !tr.textEq(tr.child(callee, fProperty), "basePath") {
			return
		}
		if args := an.argList(tr.child(v, fArguments)); len(args) > 0 {
			if p, ok := an.str(an.resolveObject(args[0])); ok {
				an.f.Routes = append(an.f.Routes, facts.Route{Recv: name, Call: "basePath", Path: p, Pos: an.pos(v)})
			}
		}
	}
}

// refs records, for every Func, the module-level names its body refers to.
func (an *analysis) refs(st *rateState) {
	tr := an.tr
	if len(an.f.Funcs) == 0 {
		return
	}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		k := tr.nodes[i].kind
		if k != kIdent && k != kShorthandProp {
			continue
		}
		fi := st.funcOf[i]
		if fi < 0 {
			continue
		}
		n := &tr.nodes[i]
		if !st.module[string(tr.src[n.start:n.end])] || !an.isRef(i) {
			continue
		}
		ref := facts.Ref{Name: tr.text(i), Pos: an.pos(i)}
		if p := tr.parentOf(i); tr.kindOf(p) == kMember && tr.child(p, fObject) == i {
			ref.Member = tr.text(tr.child(p, fProperty))
		}
		if ref.Member == "" {
			p := tr.parentOf(i)
			// A call, or a JSX element (<Data />: rendering runs it), is
			// no value use.
			ref.Value = !(tr.kindOf(p) == kCall && tr.child(p, fFunction) == i) && tr.kindOf(p) != kJSXTag
			if tr.kindOf(p) == kCall && tr.child(p, fFunction) == i {
				ref.Use = an.callUse(st, p)
			}
		}
		key := ref.Name + "\x00" + ref.Member
		seen := st.refSeen[fi]
		if seen == nil {
			seen = map[string]int{}
			st.refSeen[fi] = seen
		}
		if j, ok := seen[key]; ok {
			prev := &an.f.Funcs[fi].Refs[j]
			if ref.Value {
				prev.Value = true
			}
			if ref.Use != facts.ResultUnknown {
				prev.Use = betterResult(prev.Use, ref.Use)
			}
			continue
		}
		seen[key] = len(an.f.Funcs[fi].Refs)
		an.f.Funcs[fi].Refs = append(an.f.Funcs[fi].Refs, ref)
	}
}

// isRef reports whether identifier i reads a name (rather than declaring
// it, naming a parameter, or standing in an import, export or type).
func (an *analysis) isRef(i int32) bool {
	tr := an.tr
	p := tr.parentOf(i)
	f := tr.nodes[i].field
	switch tr.kindOf(p) {
	case kDeclarator, kFunction, kClass:
		return f != fName
	case kAssign:
		return f != fLeft
	case kParams, kParam, kImportSpec, kImportClause, kNamespaceImport, kImportRequire, kExportSpec, kTypeQuery, kPairPattern, kObjectPattern:
		return false
	}
	return true
}

// routeCall records a route registration at call i.
func (an *analysis) routeCall(st *rateState, i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	args := an.argList(tr.child(i, fArguments))
	switch tr.kindOf(callee) {
	case kIdent:
		an.plainRouteCall(i, callee, args)
		return
	case kMember:
	default:
		return
	}
	obj, method := an.unwrap(tr.child(callee, fObject)), tr.text(tr.child(callee, fProperty))
	r := facts.Route{Call: method, Pos: an.pos(i)}
	var inherited bool
	switch tr.kindOf(obj) {
	case kIdent:
		r.Recv = tr.text(obj)
	case kMember:
		r.Recv = tr.text(obj) // this.app, c.req: kept as written
		if strings.ContainsAny(r.Recv, "\n()") || len(r.Recv) > 60 {
			return
		}
	case kCall:
		// Express's app.route("/book").get(h).post(h): the path comes from
		// the innermost route() call; chained verbs share it.
		inner := obj
		if method == "openapi" {
			// app.openapi(r1, h1).openapi(r2, h2): the app is the chain's root.
			for tr.kindOf(inner) == kCall {
				ic := an.unwrap(tr.child(inner, fFunction))
				if tr.kindOf(ic) != kMember || !tr.textEq(tr.child(ic, fProperty), "openapi") {
					return
				}
				inner = an.unwrap(tr.child(ic, fObject))
			}
			if tr.kindOf(inner) != kIdent {
				return
			}
			r.Recv = tr.text(inner)
			break
		}
		for tr.kindOf(inner) == kCall {
			ic := an.unwrap(tr.child(inner, fFunction))
			if tr.kindOf(ic) != kMember {
				return
			}
			if tr.textEq(tr.child(ic, fProperty), "route") {
				ia := an.argList(tr.child(inner, fArguments))
				if len(ia) == 0 {
					return
				}
				if s, ok := an.str(an.resolveObject(ia[0])); ok {
					r.Path = s
				} else {
					r.Dynamic = true
				}
				if ro := an.unwrap(tr.child(ic, fObject)); tr.kindOf(ro) == kIdent {
					r.Recv = tr.text(ro)
				}
				inherited = true
				r.Pos = an.pos(tr.child(callee, fProperty)) // the .get/.post of the chain
				break
			}
			inner = an.unwrap(tr.child(ic, fObject))
		}
		if !inherited || r.Recv == "" {
			return
		}
	default:
		return
	}
	recvOK := st.framework || routeReceivers[r.Recv]
	if b, ok := an.bindings[r.Recv]; ok && serverFramework(b.spec) {
		recvOK = true
	}
	switch {
	case method == "serve" && (r.Recv == "Deno" || r.Recv == "Bun"):
		for _, a := range args {
			an.handlerArgs(&r, a, true)
		}
		an.f.Routes = append(an.f.Routes, r)
		return
	case method == "http" && an.importedFrom(r.Recv, "@azure/functions", "@google-cloud/functions-framework"):
		an.cloudFunction(&r, args)
		return
	case method == "addEventListener" && len(args) >= 2:
		if s, ok := an.str(args[0]); ok && s == "fetch" {
			r.Call = "addEventListener"
			an.handlerArgs(&r, args[1], false)
			an.f.Routes = append(an.f.Routes, r)
		}
		return
	}
	if !recvOK {
		return
	}
	verb, isVerb := verbMethods[method]
	switch {
	case isVerb:
		if verb != "" {
			r.Methods = []string{verb}
		}
		if !inherited {
			if len(args) < 2 || !an.routePath(&r, args[0]) {
				return
			}
			args = args[1:]
		} else if len(args) < 1 {
			return
		}
	case method == "openapi" && len(args) >= 2: // @hono/zod-openapi app.openapi(createRoute({…}), h)
		an.openAPIRoute(&r, args[0])
		args = args[1:]
	case method == "on" && len(args) >= 3: // Hono app.on("GET", "/x", h)
		r.Methods = an.methodList(args[0])
		if len(r.Methods) == 0 || !an.routePath(&r, args[1]) {
			return
		}
		args = args[2:]
	case method == "use" || method == "route" || method == "register" || method == "addHook" || method == "mount":
		if len(args) == 0 {
			return
		}
		if method == "addHook" {
			args = args[1:] // the hook name
		} else if an.routePath(&r, args[0]) {
			args = args[1:]
		}
		if method == "register" && len(args) > 1 {
			// fastify.register(plugin, { prefix: "/v1" })
			if o := an.resolveObject(args[1]); tr.kindOf(o) == kObject {
				if p, ok := an.str(an.resolveObject(get(an.pairs(o), "prefix"))); ok {
					r.Path = p
				}
			}
			args = args[:1]
		}
		if method == "route" && len(args) == 1 {
			if o := an.resolveObject(args[0]); tr.kindOf(o) == kObject {
				an.fastifyRoute(&r, o) // fastify.route({ method, url, handler })
				return
			}
		}
	default:
		return
	}
	for _, a := range args {
		an.handlerArgs(&r, a, true)
	}
	if len(r.Handlers) == 0 && method != "use" {
		return
	}
	an.f.Routes = append(an.f.Routes, r)
}

// plainRouteCall records calls of a bare function: addEventListener("fetch",
// h) (Workers, Fastly) and serve(h) imported from Deno's std/http.
func (an *analysis) plainRouteCall(i, callee int32, args []int32) {
	tr := an.tr
	name := tr.text(callee)
	r := facts.Route{Call: name, Pos: an.pos(i)}
	switch name {
	case "addEventListener":
		if len(args) < 2 {
			return
		}
		if s, ok := an.str(args[0]); !ok || s != "fetch" {
			return
		}
		an.handlerArgs(&r, args[1], false)
	case "serve":
		b, ok := an.bindings[name]
		if !ok || !strings.Contains(b.spec, "/http/server") && !strings.Contains(b.spec, "/http") {
			return
		}
		if len(args) == 0 {
			return
		}
		an.handlerArgs(&r, args[0], true)
	default:
		return
	}
	if len(r.Handlers) > 0 {
		an.f.Routes = append(an.f.Routes, r)
	}
}

// importedFrom reports whether local is bound by an import of one of specs.
func (an *analysis) importedFrom(local string, specs ...string) bool {
	b, ok := an.bindings[local]
	if !ok {
		return false
	}
	for _, s := range specs {
		if pkgOf(b.spec) == s {
			return true
		}
	}
	return false
}

// cloudFunction records Azure `app.http(name, { methods, authLevel, route,
// handler })` (path /api/<route or name>) and Google Cloud
// `functions.http(name, handler)`.
func (an *analysis) cloudFunction(r *facts.Route, args []int32) {
	tr := an.tr
	if len(args) < 2 {
		return
	}
	name, _ := an.str(an.resolveObject(args[0]))
	b := an.bindings[r.Recv]
	if pkgOf(b.spec) == "@google-cloud/functions-framework" {
		r.Path = name
		an.handlerArgs(r, args[1], false)
		an.f.Routes = append(an.f.Routes, *r)
		return
	}
	o := an.resolveObject(args[1])
	if tr.kindOf(o) != kObject {
		return
	}
	p := an.pairs(o)
	route := name
	if s, ok := an.str(an.resolveObject(get(p, "route"))); ok {
		route = s
	}
	r.Path = "/api/" + strings.TrimPrefix(route, "/")
	r.Methods = an.methodList(get(p, "methods"))
	r.Auth = "function" // Azure's default authLevel
	if s, ok := an.str(an.resolveObject(get(p, "authLevel"))); ok {
		r.Auth = s
	} else if get(p, "authLevel") >= 0 {
		r.Auth = "" // an expression: unknown, count it public
	}
	if r.Auth == "anonymous" {
		r.Auth = ""
	}
	if h := get(p, "handler"); h >= 0 {
		an.handlerArgs(r, h, false)
	}
	if len(r.Handlers) > 0 {
		an.f.Routes = append(an.f.Routes, *r)
	}
}

// routePath reads a route path argument into r: a string or a template
// literal. It reports whether a was a path.
func (an *analysis) routePath(r *facts.Route, a int32) bool {
	tr := an.tr
	a = an.unwrap(a)
	if s, ok := an.str(an.resolveObject(a)); ok {
		if s == "" || !strings.HasPrefix(s, "/") && s != "*" && !strings.HasPrefix(s, "*") {
			return false
		}
		r.Path = s
		return true
	}
	if tr.kindOf(a) == kTemplate {
		r.Dynamic = true
		r.Path = an.templateText(a)
		r.Path = strings.ReplaceAll(r.Path, "\x00", "*")
		return true
	}
	return false
}

// openAPIRoute reads the route of @hono/zod-openapi's app.openapi(route,
// handler): createRoute({ method: "get", path: "/users/{id}" }) written in
// place or bound to a name in the module. The path's {id} parameters become
// :id. A route defined elsewhere is Dynamic, with every method.
func (an *analysis) openAPIRoute(r *facts.Route, a int32) {
	tr := an.tr
	c := an.resolveObject(a)
	if tr.kindOf(c) == kCall {
		if args := an.argList(tr.child(c, fArguments)); len(args) > 0 {
			c = an.resolveObject(args[0])
		}
	}
	if tr.kindOf(c) != kObject {
		r.Dynamic = true
		return
	}
	p := an.pairs(c)
	if m, ok := an.str(an.resolveObject(get(p, "method"))); ok && m != "" {
		r.Methods = []string{strings.ToUpper(m)}
	}
	s, ok := an.str(an.resolveObject(get(p, "path")))
	if !ok || !strings.HasPrefix(s, "/") {
		r.Dynamic = true
		return
	}
	r.Path = openAPIPath(s)
}

// openAPIPath maps OpenAPI path parameters to the router's: /users/{id} is
// /users/:id.
func openAPIPath(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s, '}')
		if i < 0 || j < i {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(":" + s[i+1:j])
		s = s[j+1:]
	}
}

// methodList reads "GET" or ["GET", "POST"] as upper-case methods.
func (an *analysis) methodList(a int32) []string {
	tr := an.tr
	a = an.resolveObject(a)
	if s, ok := an.str(a); ok {
		return []string{strings.ToUpper(s)}
	}
	var out []string
	if tr.kindOf(a) == kArray {
		for c := tr.nodes[a].first; c >= 0; c = tr.nodes[c].next {
			if s, ok := an.str(c); ok {
				out = append(out, strings.ToUpper(s))
			}
		}
	}
	return out
}

// fastifyRoute reads fastify.route({ method, url, handler, preHandler, onRequest }).
func (an *analysis) fastifyRoute(r *facts.Route, o int32) {
	p := an.pairs(o)
	u := get(p, "url")
	if u < 0 {
		u = get(p, "path")
	}
	if u < 0 || !an.routePath(r, u) {
		return
	}
	r.Methods = an.methodList(get(p, "method"))
	an.handlerArgs(r, o, true)
	if len(r.Handlers) > 0 {
		an.f.Routes = append(an.f.Routes, *r)
	}
}

// handlerArgs appends the Refs of a handler or middleware argument:
// identifiers, member paths, inline functions, calls (the callee and its
// arguments), arrays of them, and the handler keys of an options object.
func (an *analysis) handlerArgs(r *facts.Route, a int32, options bool) {
	tr := an.tr
	a = an.unwrap(a)
	switch tr.kindOf(a) {
	case kIdent, kShorthandProp:
		r.Handlers = append(r.Handlers, facts.Ref{Name: tr.text(a), Pos: an.pos(a)})
	case kMember:
		if ref, ok := an.memberRef(a); ok {
			r.Handlers = append(r.Handlers, ref)
		}
	case kFunction, kArrow, kMethodDef:
		r.Handlers = append(r.Handlers, facts.Ref{Pos: an.pos(a)})
	case kCall:
		callee := an.unwrap(tr.child(a, fFunction))
		switch tr.kindOf(callee) {
		case kIdent:
			r.Handlers = append(r.Handlers, facts.Ref{Name: tr.text(callee), Call: true, Pos: an.pos(a)})
		case kMember:
			if ref, ok := an.memberRef(callee); ok {
				ref.Call, ref.Pos = true, an.pos(a)
				r.Handlers = append(r.Handlers, ref)
			}
		}
		for _, x := range an.argList(tr.child(a, fArguments)) {
			switch tr.kindOf(an.unwrap(x)) {
			case kIdent, kFunction, kArrow:
				an.handlerArgs(r, x, false)
			}
		}
	case kArray:
		for c := tr.nodes[a].first; c >= 0; c = tr.nodes[c].next {
			if tr.nodes[c].kind != kComment {
				an.handlerArgs(r, c, false)
			}
		}
	case kObject:
		if !options {
			return
		}
		p := an.pairs(a)
		for _, k := range []string{"onRequest", "preHandler", "preValidation", "beforeHandle", "fetch", "handler"} {
			if v := get(p, k); v >= 0 {
				an.handlerArgs(r, v, false)
			}
		}
	}
}

// memberRef turns `controller.create` into {Name: "controller", Member:
// "create"}; deeper chains keep their first member.
func (an *analysis) memberRef(m int32) (facts.Ref, bool) {
	tr := an.tr
	root := m
	member := ""
	for tr.kindOf(root) == kMember {
		member = tr.text(tr.child(root, fProperty))
		root = an.unwrap(tr.child(root, fObject))
	}
	if tr.kindOf(root) != kIdent {
		return facts.Ref{}, false
	}
	return facts.Ref{Name: tr.text(root), Member: member, Pos: an.pos(m)}, true
}

// limitCall records `<limiter>.limit(id)` / `.blockUntilReady(id, ms)` at
// call i, with how its result is used and what its identifier is.
func (an *analysis) limitCall(st *rateState, i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(callee) != kMember {
		return
	}
	method := tr.text(tr.child(callee, fProperty))
	if method != "limit" && method != "blockUntilReady" {
		return
	}
	args := an.argList(tr.child(i, fArguments))
	if len(args) == 0 || tr.kindOf(an.unwrap(args[0])) == kNumber {
		return // query.limit(10): a query builder
	}
	obj := an.unwrap(tr.child(callee, fObject))
	if an.cloudflareLimit(st, i, obj, args[0]) {
		return
	}
	// The receiver's root name: `limiter`, `limiters.api`, a factory's
	// result `ratelimit(10, "10 s")`, `getLimiter()`.
	root := obj
	for k := tr.kindOf(root); k == kMember || k == kSubscript || k == kCall; k = tr.kindOf(root) {
		if k == kCall {
			root = an.unwrap(tr.child(root, fFunction))
		} else {
			root = an.unwrap(tr.child(root, fObject))
		}
	}
	ok := st.ratelimit
	switch tr.kindOf(root) {
	case kIdent:
		name := tr.text(root)
		if k := an.clientFor(name, i); k >= 0 && an.clients[k].c.Product == facts.Ratelimit {
			ok = true
		} else if b, bound := an.bindings[name]; bound && familyOf(b.norm) == famNone && !wellKnownPackage(b.norm) {
			ok = true
		} else if an.importedCallInit(name) {
			ok = true // const limiter = ratelimit(20, "1 m"), the factory imported
		}
	case kThis:
	default:
		return
	}
	if !ok {
		return
	}
	recv := an.recvText(obj)
	if len(recv) > 60 {
		recv = recv[:60]
	}
	lc := facts.LimitCall{Recv: recv, Method: method, Pos: an.pos(i)}
	lc.Result = an.limitResult(st, i)
	lc.ID = an.identifier(args[0], 0)
	lc.Anonymous = an.anonymousSkip(i)
	an.f.LimitCalls = append(an.f.LimitCalls, lc)
}

// importedCallInit reports whether name is a module-level binding
// initialised by a call of an imported project function (`const limiter =
// ratelimit(20, "1 m")` with `ratelimit` imported from the project): its
// .limit() may be an @upstash/ratelimit limit, which the pass decides by
// following the import.
func (an *analysis) importedCallInit(name string) bool {
	for _, fn := range an.f.Funcs {
		if fn.Parent != -1 || fn.Name != name || fn.Callee == "" || strings.HasPrefix(fn.Callee, "new ") {
			continue
		}
		root := fn.Callee
		if i := strings.IndexAny(root, ".(["); i >= 0 {
			root = root[:i]
		}
		b, bound := an.bindings[root]
		return bound && familyOf(b.norm) == famNone && !wellKnownPackage(b.norm)
	}
	return false
}

// unverifiedServe records an Upstash Workflow serve(handler, { receiver:
// undefined }) at call i: signature verification turned off.
func (an *analysis) unverifiedServe(i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(callee) != kIdent {
		return
	}
	b, ok := an.bindings[tr.text(callee)]
	if !ok || !strings.HasPrefix(b.imported, "serve") || familyOf(b.norm) != famWorkflow && familyOf(b.norm) != famQStash {
		return
	}
	args := an.argList(tr.child(i, fArguments))
	if len(args) < 2 {
		return
	}
	o := an.resolveObject(args[1])
	if tr.kindOf(o) != kObject {
		return
	}
	v, ok := an.pairs(o)["receiver"]
	if !ok {
		return
	}
	switch v = an.unwrap(v); tr.kindOf(v) {
	case kUndefined, kNull, kFalse:
	case kIdent:
		if !tr.textEq(v, "undefined") {
			return
		}
	default:
		return
	}
	an.f.Unverified = append(an.f.Unverified, an.pos(i))
}

// scopeRange returns the node range [first, end) of the innermost function
// holding node i (the whole tree at module level).
func (an *analysis) scopeRange(st *rateState, i int32) (int32, int32) {
	tr := an.tr
	fi := st.funcOf[i]
	for fi >= 0 {
		n := st.funcNode[fi]
		if k := tr.nodes[n].kind; k == kFunction || k == kArrow || k == kMethodDef {
			return n, an.subtreeEnd(n)
		}
		fi = int32(an.f.Funcs[fi].Parent)
	}
	return 0, int32(len(tr.nodes))
}

// subtreeEnd returns the index after the last node of i's subtree.
func (an *analysis) subtreeEnd(i int32) int32 {
	tr := an.tr
	end := tr.nodes[i].end
	j := i + 1
	for j < int32(len(tr.nodes)) && tr.nodes[j].start < end {
		j++
	}
	return j
}

// limitResult classifies what is done with the result of limit call i.
func (an *analysis) limitResult(st *rateState, i int32) facts.LimitResult {
	tr := an.tr
	cur := i
	up := an.climb(cur)
	below := an.below(up, cur)
	switch tr.kindOf(up) {
	case kMember:
		if tr.child(up, fObject) == below && tr.textEq(tr.child(up, fProperty), "success") {
			return an.flagUse(st, up, 0)
		}
		return facts.ResultIgnored
	case kDeclarator:
		name := tr.child(up, fName)
		switch tr.kindOf(name) {
		case kIdent:
			return an.resultVar(st, i, tr.text(name))
		case kObjectPattern:
			keys, locals := an.patternKeys(name)
			for k, key := range keys {
				if key == "success" {
					return an.flagVar(st, i, tr.text(locals[k]), 0)
				}
			}
			return facts.ResultIgnored
		}
		return facts.ResultUnknown
	case kAssign:
		if left := tr.child(up, fLeft); tr.kindOf(left) == kIdent && tr.child(up, fRight) == below {
			return an.resultVar(st, i, tr.text(left))
		}
		return facts.ResultUnknown
	case kExprStmt:
		return facts.ResultIgnored
	case kReturn, kArguments, kArrow, kPair, kShorthandProp, kObject, kArray:
		return facts.ResultPassed
	}
	return facts.ResultUnknown
}

// resultVar classifies the uses of a variable holding a limit result:
// `res.success` in a condition, destructuring it, or passing it on.
func (an *analysis) resultVar(st *rateState, at int32, name string) facts.LimitResult {
	tr := an.tr
	first, end := an.scopeRange(st, at)
	best := facts.ResultIgnored
	for j := first; j < end; j++ {
		if tr.nodes[j].kind != kIdent || tr.nodes[j].start <= tr.nodes[at].start || !tr.textEq(j, name) {
			continue
		}
		r := facts.ResultIgnored
		p := tr.parentOf(j)
		switch {
		case tr.kindOf(p) == kMember && tr.child(p, fObject) == j:
			if tr.textEq(tr.child(p, fProperty), "success") {
				r = an.flagUse(st, p, 0)
			}
		case tr.kindOf(p) == kDeclarator && tr.kindOf(tr.child(p, fName)) == kObjectPattern:
			keys, locals := an.patternKeys(tr.child(p, fName))
			for k, key := range keys {
				if key == "success" {
					r = an.flagVar(st, at, tr.text(locals[k]), 0)
				}
			}
		default:
			r = an.flagUse(st, j, 0)
		}
		best = betterResult(best, r)
	}
	return best
}

// flagVar classifies the uses of a variable holding the success flag.
func (an *analysis) flagVar(st *rateState, at int32, name string, depth int) facts.LimitResult {
	tr := an.tr
	first, end := an.scopeRange(st, at)
	best := facts.ResultIgnored
	for j := first; j < end; j++ {
		if tr.nodes[j].kind != kIdent && tr.nodes[j].kind != kShorthandProp || tr.nodes[j].start <= tr.nodes[at].start || !tr.textEq(j, name) {
			continue
		}
		if tr.nodes[j].kind == kShorthandProp {
			if an.returnedObject(tr.parentOf(j)) {
				best = betterResult(best, facts.ResultPassed) // return { success }: the caller decides
			}
			continue // { success }: copied into an object
		}
		best = betterResult(best, an.flagUse(st, j, depth))
	}
	return best
}

// flagUse classifies one use of the success flag (or of the whole result)
// at node j: in a condition, passed on, or neither.
func (an *analysis) flagUse(st *rateState, j int32, depth int) facts.LimitResult {
	tr := an.tr
	cur := j
	logical := false
	for {
		p := tr.parentOf(cur)
		if p < 0 {
			return facts.ResultIgnored
		}
		if tr.nodes[cur].field == fCondition {
			return facts.ResultChecked
		}
		switch tr.nodes[p].kind {
		case kUnary, kParen, kNonNull, kAs, kAwait:
			cur = p
			continue
		case kBinary:
			if op := tr.child(p, fOperator); op >= 0 && (tr.textEq(op, "&&") || tr.textEq(op, "||")) {
				logical = true
			}
			cur = p
			continue
		case kExprStmt:
			if logical {
				return facts.ResultChecked // success || reject()
			}
			return facts.ResultIgnored
		case kReturn, kArguments:
			if tr.kindOf(p) == kArguments && an.bodyCall(p) {
				return facts.ResultIgnored // JSON.stringify(success)
			}
			return facts.ResultPassed
		case kArrow:
			return facts.ResultPassed
		case kDeclarator:
			if n := tr.child(p, fName); tr.kindOf(n) == kIdent && depth < 2 {
				return an.flagVar(st, j, tr.text(n), depth+1)
			}
			return facts.ResultIgnored
		}
		return facts.ResultIgnored
	}
}

// bodyCall reports whether the arguments node args belongs to a call that
// only serialises or logs its arguments: JSON.stringify, console.*, String.
func (an *analysis) bodyCall(args int32) bool {
	tr := an.tr
	callee := tr.text(an.unwrap(tr.child(tr.parentOf(args), fFunction)))
	return strings.HasPrefix(callee, "JSON.") || strings.HasPrefix(callee, "console.") || callee == "String"
}

// callUse is what the code does with the value call i returns, read the
// way a limit call's result is: its success flag or the value itself in a
// condition, returned or handed on, or discarded.
func (an *analysis) callUse(st *rateState, i int32) facts.LimitResult {
	tr := an.tr
	if up := an.climb(i); tr.kindOf(up) == kMember && !tr.textEq(tr.child(up, fProperty), "success") {
		return facts.ResultUnknown // checkLimit(ip).then(…): upscan does not follow it
	}
	return betterResult(an.limitResult(st, i), an.flagUse(st, i, 0))
}

// betterResult keeps the strongest evidence: checked, then passed on.
func betterResult(a, b facts.LimitResult) facts.LimitResult {
	rank := func(r facts.LimitResult) int {
		switch r {
		case facts.ResultChecked:
			return 3
		case facts.ResultPassed:
			return 2
		case facts.ResultUnknown:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// clientHeaders are request headers a client can set unless a trusted proxy
// overwrites them; platformHeaders are set by the platform's edge.
var (
	clientHeaders   = map[string]bool{"x-forwarded-for": true, "x-real-ip": true, "forwarded": true, "x-client-ip": true, "x-cluster-client-ip": true}
	platformHeaders = map[string]bool{"cf-connecting-ip": true, "x-vercel-forwarded-for": true, "true-client-ip": true, "fly-client-ip": true, "x-nf-client-connection-ip": true, "x-appengine-user-ip": true}
)

// identifier classifies a limit identifier expression.
func (an *analysis) identifier(e int32, depth int) facts.Identifier {
	tr := an.tr
	e = an.unwrap(e)
	if depth > 6 {
		return facts.Identifier{}
	}
	switch tr.kindOf(e) {
	case kString, kTemplate:
		if s, ok := an.str(e); ok {
			if len(s) > 64 {
				s = s[:64]
			}
			return facts.Identifier{Kind: facts.IDConstant, Value: s}
		}
		for c := tr.nodes[e].first; c >= 0; c = tr.nodes[c].next {
			if tr.nodes[c].kind == kTemplateSubst {
				if id := an.identifier(tr.firstNamed(c), depth+1); id.Kind != facts.IDConstant {
					return id
				}
			}
		}
		return facts.Identifier{}
	case kBinary:
		op := tr.child(e, fOperator)
		l, r := tr.child(e, fLeft), tr.child(e, fRight)
		switch {
		case op >= 0 && (tr.textEq(op, "??") || tr.textEq(op, "||")):
			id := an.identifier(l, depth+1)
			if rid := an.identifier(r, depth+1); rid.Kind == facts.IDConstant {
				id.Fallback = true
			} else if id.Kind == facts.IDUnknown || id.Kind == facts.IDConstant {
				id = rid
			}
			return id
		case op >= 0 && tr.textEq(op, "+"):
			li, ri := an.identifier(l, depth+1), an.identifier(r, depth+1)
			if li.Kind == facts.IDConstant {
				if ri.Kind == facts.IDConstant {
					return facts.Identifier{Kind: facts.IDConstant, Value: li.Value + ri.Value}
				}
				return ri
			}
			return li
		}
	case kIdent:
		if v, ok := an.decls[tr.text(e)]; ok && v != e {
			return an.identifier(v, depth+1)
		}
	case kMember:
		prop := tr.text(tr.child(e, fProperty))
		switch prop {
		case "ip", "remoteAddress", "clientAddress":
			return facts.Identifier{Kind: facts.IDAddress}
		}
	case kSubscript:
		idx := an.unwrap(tr.child(e, fIndex))
		if s, ok := an.str(idx); ok {
			return headerID(s)
		}
		if tr.kindOf(idx) == kNumber {
			return an.identifier(tr.child(e, fObject), depth+1) // xff.split(",")[0]
		}
	case kCall:
		callee := an.unwrap(tr.child(e, fFunction))
		args := an.argList(tr.child(e, fArguments))
		if tr.kindOf(callee) == kMember {
			prop := tr.text(tr.child(callee, fProperty))
			obj := tr.child(callee, fObject)
			switch prop {
			case "get", "header", "getHeader":
				if len(args) > 0 && strings.Contains(strings.ToLower(tr.text(obj)), "header") || prop != "get" && len(args) > 0 {
					if s, ok := an.str(args[0]); ok {
						return headerID(s)
					}
				}
			case "split", "trim", "toString", "at", "toLowerCase", "shift":
				return an.identifier(obj, depth+1)
			}
			if ipName(prop) {
				return facts.Identifier{Kind: facts.IDAddress}
			}
		}
		if tr.kindOf(callee) == kIdent && ipName(tr.text(callee)) {
			return facts.Identifier{Kind: facts.IDAddress}
		}
	}
	return facts.Identifier{}
}

// headerID classifies an identifier read from request header name.
func headerID(name string) facts.Identifier {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case clientHeaders[n]:
		return facts.Identifier{Kind: facts.IDHeader, Value: n}
	case platformHeaders[n]:
		return facts.Identifier{Kind: facts.IDAddress}
	}
	return facts.Identifier{}
}

// ipName reports whether a function name says it returns the client's
// address: ipAddress, getClientIp, getIP, requestIp.
func ipName(n string) bool {
	l := strings.ToLower(n)
	return l == "ip" || l == "ipaddress" || strings.HasSuffix(l, "clientip") || l == "getip" || l == "getipaddress" || l == "requestip" || l == "getclientaddress"
}

// matcher records a middleware's `export const config = { matcher }`.
func (an *analysis) matcher(i int32) {
	tr := an.tr
	decl := tr.child(i, fDeclaration)
	if tr.kindOf(decl) != kLexicalDecl && tr.kindOf(decl) != kVarDecl {
		return
	}
	for d := tr.nodes[decl].first; d >= 0; d = tr.nodes[d].next {
		if tr.nodes[d].kind != kDeclarator || !tr.textEq(tr.child(d, fName), "config") {
			continue
		}
		o := an.resolveObject(tr.child(d, fValue))
		if tr.kindOf(o) != kObject {
			continue
		}
		m, ok := an.pairs(o)["matcher"]
		if !ok {
			continue
		}
		an.f.Matchers = []facts.Matcher{}
		m = an.resolveObject(m)
		switch tr.kindOf(m) {
		case kArray:
			for c := tr.nodes[m].first; c >= 0; c = tr.nodes[c].next {
				if tr.nodes[c].kind != kComment {
					an.f.Matchers = append(an.f.Matchers, an.matcherEntry(c))
				}
			}
		default:
			an.f.Matchers = append(an.f.Matchers, an.matcherEntry(m))
		}
	}
}

// matcherEntry reads one matcher: a string, or an object's source.
func (an *analysis) matcherEntry(c int32) facts.Matcher {
	tr := an.tr
	c = an.resolveObject(c)
	m := facts.Matcher{Pos: an.pos(c)}
	if tr.kindOf(c) == kObject {
		c = an.resolveObject(get(an.pairs(c), "source"))
	}
	if s, ok := an.str(c); ok {
		m.Pattern = s
	}
	return m
}

// conditionFolder normalises a condition's text (spacing, quotes,
// parentheses) before it is compared with the NODE_ENV checks.
var conditionFolder = strings.NewReplacer(" ", "", "\n", "", "\t", "", "'", "\"", "(", "", ")", "")
