//go:build cgo

package jsts

import (
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// queueMethods start a command queue whose chained or later calls are
// commands too: redis.pipeline().get("a").set("b", 1).exec().
var queueMethods = map[string]bool{"pipeline": true, "multi": true}

// chain is a method call split into its receiver root and member path:
// this.redis.json.get(…) is root "this.redis", path ["json", "get"].
type chain struct {
	root  string
	path  []string
	last  int32 // the method name node
	inner int32 // the call the chain starts from (x.pipeline().get()), or -1
}

// chainOf splits the callee of call i. ok is false for calls that are not
// method calls.
func (an *analysis) chainOf(i int32) (chain, bool) {
	tr := an.tr
	m := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(m) != kMember {
		return chain{}, false
	}
	ch := chain{last: tr.child(m, fProperty), inner: -1}
	for tr.kindOf(m) == kMember {
		ch.path = append(ch.path, tr.text(tr.child(m, fProperty)))
		m = an.unwrap(tr.child(m, fObject))
	}
	for l, r := 0, len(ch.path)-1; l < r; l, r = l+1, r-1 {
		ch.path[l], ch.path[r] = ch.path[r], ch.path[l]
	}
	switch tr.kindOf(m) {
	case kIdent:
		ch.root = tr.text(m)
	case kThis:
		if len(ch.path) < 2 {
			return chain{}, false
		}
		ch.root, ch.path = "this."+ch.path[0], ch.path[1:]
	case kCall:
		ch.inner = m
	default:
		return chain{}, false
	}
	return ch, true
}

// clientFor returns the client bound to name that is visible at node i:
// the one whose scope contains i, innermost first; -1 when none.
func (an *analysis) clientFor(name string, i int32) int {
	best, bestSize := -1, uint32(0)
	for k, c := range an.clients {
		if c.c.Var != name {
			continue
		}
		size := ^uint32(0) // the module scope: visible everywhere
		if c.scope != fileScope {
			if c.scope < 0 || !an.tr.contains(c.scope, i) {
				continue
			}
			size = an.tr.nodes[c.scope].end - an.tr.nodes[c.scope].start
		}
		if best < 0 || size <= bestSize {
			best, bestSize = k, size
		}
	}
	return best
}

// target is what a method call is called on: a client of this file, or a
// binding imported from a module that is not an SDK.
type target struct {
	client int    // index into an.clients, or -1
	local  string // the imported local binding, when client < 0
}

func (t target) ok() bool { return t.client >= 0 || t.local != "" }

var noTarget = target{client: -1}

// targetOf resolves a receiver name at node i.
func (an *analysis) targetOf(name string, i int32) target {
	if t, ok := an.aliases[name]; ok {
		return t
	}
	if k := an.clientFor(name, i); k >= 0 {
		return target{client: k}
	}
	if t, ok := an.results[name]; ok {
		return t
	}
	if b, ok := an.bindings[name]; ok && familyOf(b.norm) == famNone && !wellKnownPackage(b.norm) {
		return target{client: -1, local: name}
	}
	return noTarget
}

// wellKnownPackage reports module specifiers that are never a project's own
// module holding an Upstash client: Node built-ins and the frameworks every
// file imports. Their calls are not recorded as Uses, to keep facts small.
func wellKnownPackage(spec string) bool {
	if strings.HasPrefix(spec, "node:") {
		return true
	}
	pkg := spec
	if i := strings.IndexByte(pkg, '/'); i >= 0 && !strings.HasPrefix(pkg, "@") {
		pkg = pkg[:i]
	} else if strings.HasPrefix(pkg, "@") {
		if parts := strings.SplitN(pkg, "/", 3); len(parts) >= 2 {
			pkg = parts[0] + "/" + parts[1]
		}
	}
	switch pkg {
	case "react", "react-dom", "react-native", "next", "vue", "svelte", "zod", "hono", "express", "fastify", "ai",
		"fs", "path", "crypto", "http", "https", "url", "os", "util", "stream", "events", "buffer", "child_process",
		"@sveltejs/kit", "@remix-run/node", "@remix-run/react", "@vercel/functions", "@cloudflare/workers-types",
		"vite", "astro", "nuxt", "@sveltejs/adapter-auto", "@sveltejs/adapter-vercel", "@sveltejs/adapter-node", "@sveltejs/vite-plugin-svelte",
		"@vitejs/plugin-react", "@vitejs/plugin-vue", "@astrojs/vercel", "@astrojs/react", "tailwindcss", "@tailwindcss/vite":
		return true
	}
	return false
}

// callTarget resolves call i to what it is a method of. queued reports that
// the call sits on a pipeline/multi queue.
func (an *analysis) callTarget(i int32, depth int) (t target, ch chain, queued bool) {
	ch, ok := an.chainOf(i)
	if !ok || depth > 64 {
		return noTarget, ch, false
	}
	if ch.inner >= 0 {
		if t, ok := an.resultOf(ch.inner); ok {
			return t, ch, false // getRedis().get(k)
		}
		t, inner, q := an.callTarget(ch.inner, depth+1)
		if !t.ok() {
			return noTarget, ch, false
		}
		if q || len(inner.path) > 0 && queueMethods[inner.path[len(inner.path)-1]] {
			return t, ch, true
		}
		return noTarget, ch, false
	}
	if t, ok := an.aliases[ch.root]; ok {
		return t, ch, true
	}
	return an.targetOf(ch.root, i), ch, false
}

// collectCommands attributes every method call to the client it is called
// on (Client.Commands) or to the imported binding it is called on
// (File.Uses), then records the other uses of those names (Escaped).
func (an *analysis) collectCommands() {
	tr := an.tr
	uses := map[string]*facts.Use{}
	var order []string
	addUse := func(local string, cmd facts.Command) {
		u, ok := uses[local]
		if !ok {
			u = &facts.Use{Local: local}
			uses[local] = u
			order = append(order, local)
		}
		u.Commands = append(u.Commands, cmd)
	}
	factories, returns := an.findFactories()
	an.factories = factories
	an.collectResults(addUse)
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		if tr.nodes[i].kind != kCall {
			continue
		}
		t, ch, queued := an.callTarget(i, 0)
		if !t.ok() || t.client >= 0 && t.client == an.clientAtNode(i) {
			continue
		}
		path := ch.path
		if t.local != "" && !queued && an.bindings[t.local].imported == "*" && len(path) < 2 {
			continue // ns.fn(): a function of the module, not a client method
		}
		name := strings.Join(path, ".")
		if queued {
			name = path[len(path)-1]
			if name == "exec" {
				continue
			}
		}
		cmd := facts.Command{Name: name, Pos: an.pos(ch.last)}
		if t.client >= 0 {
			c := an.clients[t.client]
			c.c.Commands = append(c.c.Commands, cmd)
		} else {
			addUse(t.local, cmd)
		}
		if !queued && queueMethods[path[len(path)-1]] {
			// const p = redis.pipeline(): later p.set() calls are queued.
			if up := an.climb(i); tr.kindOf(up) == kDeclarator {
				if n := tr.child(up, fName); tr.kindOf(n) == kIdent {
					an.aliases[tr.text(n)] = t
				}
			}
		}
	}
	an.collectEscapes(addUse)
	for _, c := range an.clients {
		if c.c.Factory != "" {
			c.c.Commands = dropReturns(c.c.Commands, returns)
		}
		sortCommands(c.c.Commands)
	}
	for _, local := range order {
		sortCommands(uses[local].Commands)
		an.f.Uses = append(an.f.Uses, *uses[local])
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

func sortCommands(cs []facts.Command) {
	sort.SliceStable(cs, func(a, b int) bool {
		pa, pb := cs[a].Pos, cs[b].Pos
		return pa.Line < pb.Line || pa.Line == pb.Line && pa.Col < pb.Col
	})
}

// clientAtNode returns the client constructed by node i, or -1.
func (an *analysis) clientAtNode(i int32) int {
	for k, c := range an.clients {
		if c.node == i {
			return k
		}
	}
	return -1
}

// collectEscapes records a facts.Escaped command for every reference to a
// client variable or an imported (non-SDK) binding that is not a method
// call: passed as an argument or option, returned, assigned to another
// name. Declarations, imports, exports, parameters and type positions are
// not uses.
func (an *analysis) collectEscapes(addUse func(string, facts.Command)) {
	tr := an.tr
	names := map[string]bool{}
	this := map[string]bool{}
	for _, c := range an.clients {
		if strings.HasPrefix(c.c.Var, "this.") {
			this[strings.TrimPrefix(c.c.Var, "this.")] = true
		} else if c.c.Var != "" && c.c.Var != "default" {
			names[c.c.Var] = true
		}
	}
	for name, b := range an.bindings {
		if familyOf(b.norm) == famNone && !wellKnownPackage(b.norm) {
			names[name] = true
		}
	}
	for name := range an.results {
		names[name] = true
	}
	if len(names) == 0 && len(this) == 0 {
		return
	}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		var name string
		switch tr.nodes[i].kind {
		case kIdent, kShorthandProp:
			n := &tr.nodes[i]
			if !names[string(tr.src[n.start:n.end])] { // no allocation for the lookup
				continue
			}
			name = tr.text(i)
		case kMember:
			obj, prop := tr.child(i, fObject), tr.child(i, fProperty)
			if tr.kindOf(obj) != kThis || !this[tr.text(prop)] {
				continue
			}
			name = "this." + tr.text(prop)
		default:
			continue
		}
		path, escaped := an.refUse(i)
		if !escaped {
			continue
		}
		t := an.targetOf(name, i)
		if t.client >= 0 && an.clients[t.client].node == i {
			continue
		}
		if _, alias := an.aliases[name]; alias || !t.ok() {
			continue
		}
		cmd := facts.Command{Name: facts.Escaped, Pos: an.pos(i)}
		if t.client >= 0 {
			c := an.clients[t.client]
			c.c.Commands = append(c.c.Commands, cmd)
			continue
		}
		if an.bindings[t.local].imported == "*" {
			if len(path) == 0 {
				continue // the namespace itself: its members are followed where used
			}
			cmd.Name = path[0] + "." + facts.Escaped
		}
		addUse(t.local, cmd)
	}
}

// refUse classifies the reference at node i: escaped is true when it is a
// use other than a method call, a declaration, an import/export or a type
// position. path is the member path read from the reference.
func (an *analysis) refUse(i int32) (path []string, escaped bool) {
	tr := an.tr
	cur := i
	for {
		p := tr.parentOf(cur)
		if p < 0 {
			return path, true
		}
		f := tr.nodes[cur].field
		switch tr.nodes[p].kind {
		case kMember:
			if f != fObject {
				return path, false // x.redis: another object's property
			}
			path = append(path, tr.text(tr.child(p, fProperty)))
			cur = p
			continue
		case kAwait, kParen, kNonNull, kAs, kSatisfies:
			cur = p
			continue
		case kCall:
			if f == fFunction {
				return path, false // a call: counted by collectCommands
			}
			return path, true // an argument
		case kDeclarator:
			return path, f != fName
		case kImportSpec, kImportClause, kNamespaceImport, kImportStmt, kImportRequire,
			kExportSpec, kParams, kParam, kTypeQuery, kPairPattern, kObjectPattern, kFunction, kClass, kMethodDef, kJSXTag:
			return path, false
		case kExportStmt:
			return path, false // export default redis
		case kAssign:
			if f == fLeft {
				return path, false // (re)assignment of the binding
			}
			if an.isExportTarget(tr.child(p, fLeft)) {
				return path, false // module.exports = redis
			}
			return path, true
		case kShorthandProp, kPair, kObject:
			// { redis } or { redis: redis }: an option, unless the object
			// is what module.exports is set to.
			if obj := an.enclosingObject(p); obj >= 0 {
				if a := tr.parentOf(obj); tr.kindOf(a) == kAssign && an.isExportTarget(tr.child(a, fLeft)) {
					return path, false
				}
			}
			return path, true
		case kUnary:
			if op := tr.child(p, fOperator); op >= 0 && tr.textEq(op, "typeof") {
				return path, false
			}
			return path, true
		}
		return path, true
	}
}

// enclosingObject returns the object literal node at or above i, or -1.
func (an *analysis) enclosingObject(i int32) int32 {
	tr := an.tr
	for ; i >= 0; i = tr.nodes[i].parent {
		switch tr.nodes[i].kind {
		case kObject:
			return i
		case kPair, kShorthandProp:
			continue
		}
		return -1
	}
	return -1
}

// isExportTarget reports whether i is module.exports, module.exports.x or
// exports.x.
func (an *analysis) isExportTarget(i int32) bool {
	tr := an.tr
	if an.isModuleExports(i) {
		return true
	}
	if tr.kindOf(i) != kMember {
		return false
	}
	obj := tr.child(i, fObject)
	return tr.kindOf(obj) == kIdent && tr.textEq(obj, "exports") || an.isModuleExports(obj)
}
