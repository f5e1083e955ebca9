//go:build cgo

package jsts

import (
	"regexp"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// tRPC routers (facts.Procedure): `createTRPCRouter({ hello:
// publicProcedure.input(schema).query(fn), post: postRouter })`,
// `t.router({…})`, `router({…})`, `mergeRouters(a, b)`; and the
// UNAUTHORIZED check of an auth middleware (`if (!ctx.session) throw new
// TRPCError({ code: "UNAUTHORIZED" })`).

// procedureKinds are the methods that end a procedure chain.
var procedureKinds = map[string]bool{"query": true, "mutation": true, "subscription": true}

// routerCallee reports whether a callee as written builds a tRPC router:
// createTRPCRouter, t.router, router, createRouter.
func routerCallee(text string) bool {
	last := text[strings.LastIndexByte(text, '.')+1:]
	switch last {
	case "Router":
		return false // express.Router, Router from express or koa-router
	case "mergeRouters":
		return true
	}
	return strings.HasSuffix(strings.ToLower(last), "router")
}

// trpcRouter records the entries of the router literal built by call i,
// unless the call is itself an entry of an enclosing router (recorded
// with it, under a dotted key).
func (an *analysis) trpcRouter(i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	if k := tr.kindOf(callee); k != kIdent && k != kMember || !routerCallee(strings.Join(strings.Fields(tr.text(callee)), "")) {
		return
	}
	p := tr.parentOf(i)
	for p >= 0 {
		switch tr.kindOf(p) {
		case kAwait, kParen, kAs, kSatisfies, kNonNull:
			p = tr.parentOf(p)
			continue
		}
		break
	}
	if k := tr.kindOf(p); k == kPair || k == kArguments && an.routerArgs(tr.parentOf(p)) {
		return // an entry of the enclosing router
	}
	name := ""
	if tr.kindOf(p) == kDeclarator {
		if n := tr.child(p, fName); tr.kindOf(n) == kIdent {
			name = tr.text(n)
		}
	}
	var out []facts.Procedure
	if !an.routerEntries(i, name, "", &out, 0) {
		return
	}
	an.f.Procedures = append(an.f.Procedures, out...)
}

// routerArgs reports whether call c builds a router (its arguments are
// router entries).
func (an *analysis) routerArgs(c int32) bool {
	tr := an.tr
	if tr.kindOf(c) != kCall {
		return false
	}
	callee := an.unwrap(tr.child(c, fFunction))
	return routerCallee(strings.Join(strings.Fields(tr.text(callee)), ""))
}

// routerEntries appends the entries of router call i to out, keys under
// prefix. It reports whether the call is a tRPC router: an object
// argument with a procedure, or only sub-routers by name.
func (an *analysis) routerEntries(i int32, router, prefix string, out *[]facts.Procedure, depth int) bool {
	tr := an.tr
	if depth > 8 {
		return false
	}
	args := an.argList(tr.child(i, fArguments))
	found, subs := false, 0
	for _, a := range args {
		a = an.unwrap(a)
		switch tr.kindOf(a) {
		case kIdent: // mergeRouters(userRouter, postRouter)
			*out = append(*out, facts.Procedure{Router: router, Key: prefix, Sub: tr.text(a), Pos: an.pos(a)})
			subs++
		case kCall:
			if an.routerArgs(a) && an.routerEntries(a, router, prefix, out, depth+1) {
				found = true
			}
		case kObject:
			for c := tr.nodes[a].first; c >= 0; c = tr.nodes[c].next {
				var key string
				var v int32
				switch tr.kindOf(c) {
				case kPair:
					key, v = an.keyName(c), an.unwrap(tr.child(c, fValue))
				case kShorthandProp:
					key, v = tr.text(c), c
				default:
					continue
				}
				if key == "" {
					continue
				}
				full := key
				if prefix != "" {
					full = prefix + "." + key
				}
				switch tr.kindOf(v) {
				case kIdent, kShorthandProp:
					*out = append(*out, facts.Procedure{Router: router, Key: full, Sub: tr.text(v), Pos: an.pos(c)})
					subs++
				case kCall:
					if pr, ok := an.procedure(v); ok {
						pr.Router, pr.Key, pr.Pos = router, full, an.pos(c)
						*out = append(*out, pr)
						found = true
					} else if an.routerArgs(v) && an.routerEntries(v, router, full, out, depth+1) {
						found = true
					}
				}
			}
		}
	}
	if !found && subs == 0 {
		return false
	}
	if !found {
		// Only sub-routers: a tRPC router when the file speaks tRPC (an
		// import from @trpc/*) or the callee says so.
		callee := strings.ToLower(tr.text(an.unwrap(tr.child(i, fFunction))))
		if !strings.Contains(callee, "trpc") && !an.importsTRPC() && !strings.HasSuffix(callee, "mergerouters") {
			callee = ""
		}
		if callee == "" && !an.localRouterCallee(i) {
			return false
		}
	}
	return true
}

// importsTRPC reports whether the file imports a @trpc/* package.
func (an *analysis) importsTRPC() bool {
	for _, b := range an.bindings {
		if strings.HasPrefix(b.spec, "@trpc/") {
			return true
		}
	}
	return false
}

// localRouterCallee reports whether call i's callee is imported from a
// local module (`import { createTRPCRouter } from "~/server/api/trpc"`):
// a project's own router factory.
func (an *analysis) localRouterCallee(i int32) bool {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	for tr.kindOf(callee) == kMember {
		callee = an.unwrap(tr.child(callee, fObject))
	}
	if tr.kindOf(callee) != kIdent {
		return false
	}
	b, ok := an.bindings[tr.text(callee)]
	return ok && localSpec(b.spec)
}

// procedure reads a procedure chain ending at call v:
// `builder.use(mw).input(schema).mutation(handler)`.
func (an *analysis) procedure(v int32) (facts.Procedure, bool) {
	tr := an.tr
	callee := an.unwrap(tr.child(v, fFunction))
	if tr.kindOf(callee) != kMember {
		return facts.Procedure{}, false
	}
	kind := tr.text(tr.child(callee, fProperty))
	if !procedureKinds[kind] {
		return facts.Procedure{}, false
	}
	pr := facts.Procedure{Kind: kind}
	if args := an.argList(tr.child(v, fArguments)); len(args) > 0 {
		pr.Handler = an.fnRef(args[0])
	}
	var uses []facts.Ref
	obj := an.unwrap(tr.child(callee, fObject))
	for n := 0; n < 32 && tr.kindOf(obj) == kCall; n++ {
		c := an.unwrap(tr.child(obj, fFunction))
		if tr.kindOf(c) != kMember {
			if tr.kindOf(c) == kIdent {
				pr.Builder = tr.text(c) // procedure() from a factory
			}
			obj = -1
			break
		}
		if tr.textEq(tr.child(c, fProperty), "use") {
			for _, a := range an.argList(tr.child(obj, fArguments)) {
				if r := an.fnRef(a); r.Name != "" || r.Pos.Line > 0 {
					uses = append(uses, r)
				}
			}
		}
		obj = an.unwrap(tr.child(c, fObject))
	}
	if k := tr.kindOf(obj); k == kIdent || k == kMember {
		pr.Builder = strings.Join(strings.Fields(tr.text(obj)), "")
	}
	// The chain is read from its end: list .use() in the order they run.
	for l, r := 0, len(uses)-1; l < r; l, r = l+1, r-1 {
		uses[l], uses[r] = uses[r], uses[l]
	}
	pr.Uses = uses
	return pr, true
}

// fnRef describes a function argument: a name (`listPosts`,
// `rateLimit(10)` calls rateLimit), or {Pos} of an inline function.
func (an *analysis) fnRef(a int32) facts.Ref {
	tr := an.tr
	a = an.unwrap(a)
	switch tr.kindOf(a) {
	case kIdent:
		return facts.Ref{Name: tr.text(a), Pos: an.pos(a)}
	case kMember:
		if r, ok := an.memberRef(a); ok {
			return r
		}
	case kArrow, kFunction:
		return facts.Ref{Pos: an.pos(a)}
	case kCall:
		c := an.unwrap(tr.child(a, fFunction))
		switch tr.kindOf(c) {
		case kIdent:
			return facts.Ref{Name: tr.text(c), Call: true, Pos: an.pos(a)}
		case kMember:
			if r, ok := an.memberRef(c); ok {
				r.Call = true
				return r
			}
		}
	}
	return facts.Ref{}
}

// trpcAuthError records `throw new TRPCError({ code: "UNAUTHORIZED" })`
// at new-expression i under an if: a tRPC middleware or
// resolver that stops callers who are not signed in.
func (an *analysis) trpcAuthError(i int32) {
	tr := an.tr
	c := an.unwrap(tr.child(i, fConstructor))
	if tr.kindOf(c) != kIdent {
		return
	}
	b, ok := an.bindings[tr.text(c)]
	if !ok || !strings.HasPrefix(b.spec, "@trpc/") || b.imported != "TRPCError" {
		return
	}
	args := an.argList(tr.child(i, fArguments))
	if len(args) == 0 {
		return
	}
	code, ok := an.str(get(an.pairs(an.unwrap(args[0])), "code"))
	if !ok || code != "UNAUTHORIZED" {
		return
	}
	p := tr.parentOf(i)
	if tr.kindOf(p) != kThrow {
		return
	}
	for q := tr.parentOf(p); q >= 0; q = tr.parentOf(q) {
		switch tr.kindOf(q) {
		case kIf:
			at := an.pos(p)
			for _, c := range an.f.Checks {
				if c.Pos == at {
					return // the context check of the same throw (trpcCtxCheck)
				}
			}
			an.f.Checks = append(an.f.Checks, facts.Check{Caller: upstash.SignedIn, What: "tRPC " + code + " check", Rejects: true, Pos: at})
			return
		case kArrow, kFunction, kMethodDef:
			return
		}
	}
}

// ctxGuard matches the condition of a tRPC middleware's auth check: a
// negated session or user on the context (`!ctx.session?.user`,
// `!ctx.user || !ctx.clerkId`, `!opts.ctx.isAdmin`).
var ctxGuard = regexp.MustCompile(`!\s*\(?\s*(?:[A-Za-z_$][\w$]*\.)?ctx\??\.(?:session|user|userId|auth|isAdmin|isAuthed|clerkId|apiKey)\b`)

// trpcCtxCheck records a throw under an if whose condition says the
// context has no session or user, in a module that imports @trpc/*: the
// auth check of a tRPC middleware or resolver, whatever it throws.
func (an *analysis) trpcCtxCheck(i int32) {
	tr := an.tr
	if !an.importsTRPC() {
		return
	}
	for q := tr.parentOf(i); q >= 0; q = tr.parentOf(q) {
		switch tr.kindOf(q) {
		case kIf:
			if cond := tr.child(q, fCondition); cond >= 0 && ctxGuard.MatchString(tr.text(cond)) {
				an.f.Checks = append(an.f.Checks, facts.Check{Caller: upstash.SignedIn, What: "tRPC context auth check", Rejects: true, Pos: an.pos(i)})
			}
			return
		case kArrow, kFunction, kMethodDef:
			return
		}
	}
}

// identityTerm matches one term of a condition that holds when the caller
// said who they are: `session`, `session?.user?.id`, `ctx.user`, `apiKey`.
var identityTerm = regexp.MustCompile(`^(?:[A-Za-z_$][\w$]*\??\.)*(?:session|user|userId|apiKey|api_key|token|authToken|authorization|currentUser|clerkId)(?:\??\.[A-Za-z_$][\w$]*)*$`)

// identityCond reports whether an if condition holds only for callers who
// identify themselves: identity terms joined by &&, none negated.
func identityCond(text string) bool {
	text = strings.Join(strings.Fields(text), "")
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	for _, t := range strings.Split(text, "&&") {
		if !identityTerm.MatchString(t) {
			return false
		}
	}
	return text != ""
}

// anonymousSkip reports whether limit call i runs only under an if on the
// caller's identity whose other path nothing stops, in a function that
// after the if calls a function parameter (the wrapped handler, next())
// or the project's own code: anonymous callers run it without the limit.
func (an *analysis) anonymousSkip(i int32) bool {
	tr := an.tr
	ifNode, fn := int32(-1), int32(-1)
	for cur := i; cur >= 0; cur = tr.parentOf(cur) {
		p := tr.parentOf(cur)
		if p < 0 {
			return false
		}
		if k := tr.kindOf(p); k == kArrow || k == kFunction || k == kMethodDef {
			fn = p
			break
		}
		if ifNode < 0 && tr.kindOf(p) == kIf && tr.nodes[cur].field == fConsequence {
			ifNode = p
		}
	}
	if ifNode < 0 || fn < 0 || !identityCond(tr.text(tr.child(ifNode, fCondition))) {
		return false
	}
	if alt := tr.child(ifNode, fAlternative); alt >= 0 && an.stops(alt) {
		return false
	}
	// Parameters of the function and of up to two enclosing ones (the
	// wrapper that returns it).
	params := map[string]bool{}
	for f, depth := fn, 0; f >= 0 && depth < 3; depth++ {
		body := tr.child(f, fBody)
		for c := tr.nodes[f].first; c >= 0; c = tr.nodes[c].next {
			if c == body {
				continue
			}
			for j, end := c, an.subtreeEnd(c); j < end; j++ {
				if k := tr.kindOf(j); k == kIdent || k == kShorthandPattern {
					params[tr.text(j)] = true
				}
			}
		}
		for f = tr.parentOf(f); f >= 0; f = tr.parentOf(f) {
			if k := tr.kindOf(f); k == kArrow || k == kFunction || k == kMethodDef {
				break
			}
		}
	}
	for j, end := an.subtreeEnd(ifNode), an.subtreeEnd(fn); j < end; j++ {
		if tr.kindOf(j) != kCall {
			continue
		}
		c := an.unwrap(tr.child(j, fFunction))
		if tr.kindOf(c) == kIdent && params[tr.text(c)] {
			return true
		}
		if an.projectCall(c, j) {
			return true // the handler's own work: redis.incr(…), a helper of the project
		}
	}
	return false
}

// projectCall reports whether callee c (of call j) is the project's own
// code or an Upstash client: a name imported from a local module, or a
// member of an Upstash client or of such an import (`redis.incr`).
func (an *analysis) projectCall(c, j int32) bool {
	tr := an.tr
	root := c
	for tr.kindOf(root) == kMember {
		root = an.unwrap(tr.child(root, fObject))
	}
	if tr.kindOf(root) != kIdent {
		return false
	}
	name := tr.text(root)
	if b, ok := an.bindings[name]; ok {
		return localSpec(b.spec) || familyOf(b.norm) != famNone
	}
	if k := an.clientFor(name, j); k >= 0 && an.clients[k].c.Product != facts.Ratelimit {
		return true
	}
	return false
}
