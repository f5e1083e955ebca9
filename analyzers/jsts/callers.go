//go:build cgo

package jsts

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// Caller checks (File.Checks): the auth guards and verifiers of
// upstash.Guards a module calls, the local functions whose names say they
// authenticate (upstash.GuardByName), and request values compared with a
// secret env variable, each with whether a failure stops the request. The
// rate-limit pass decides the caller tier from them.

// localSpec reports whether an import specifier names the project's own
// code rather than a package: relative, or a usual path alias.
func localSpec(spec string) bool {
	return strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/") ||
		strings.HasPrefix(spec, "#") || strings.HasPrefix(spec, "$lib") || strings.HasPrefix(spec, "src/")
}

// callerCall records call i when it is an auth guard or a verifier.
func (an *analysis) callerCall(st *rateState, i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	var g upstash.Guard
	found, byName := false, false
	switch tr.kindOf(callee) {
	case kIdent:
		name := tr.text(callee)
		if b, ok := an.bindings[name]; ok {
			g, found = upstash.GuardOf(upstash.JS, b.spec, b.imported)
			if !found && localSpec(b.spec) && (name == "auth" || upstash.GuardByName(name)) {
				found, byName = true, true // Auth.js v5 `auth` from "@/auth", requireUser from "@/lib/session"
			}
		} else if upstash.GuardByName(name) {
			found, byName = true, true
		}
		if byName {
			g = upstash.Guard{Caller: upstash.SignedIn, Label: name + "()", Wraps: strings.HasPrefix(strings.ToLower(name), "with")}
		}
		if b, ok := an.bindings[name]; !found && (!ok || localSpec(b.spec)) && upstash.VerifierByName(name) {
			// if (!verifySignature(body, sig)) return 401: trusted by the
			// pass only when the helper's body verifies.
			if rejects, _ := an.guardResult(st, i); rejects {
				an.f.Checks = append(an.f.Checks, facts.Check{Caller: upstash.Verified, What: name + "()", ByName: true, Rejects: true, Pos: an.pos(i)})
			}
			return
		}
	case kMember:
		text := strings.Join(strings.Fields(tr.text(callee)), "")
		root := callee
		for tr.kindOf(root) == kMember {
			root = an.unwrap(tr.child(root, fObject))
		}
		if tr.kindOf(root) == kIdent {
			if b, ok := an.bindings[tr.text(root)]; ok && (b.imported == "default" || b.imported == "*") {
				g, found = upstash.GuardOf(upstash.JS, b.spec, strings.TrimPrefix(text, tr.text(root)+"."))
			}
		}
		if !found {
			g, found = upstash.GuardOfPath(upstash.JS, text)
		}
		if !found {
			method := tr.text(tr.child(callee, fProperty))
			for _, b := range an.bindings {
				if gm, ok := upstash.GuardMethodOf(upstash.JS, b.spec, b.imported, method); ok {
					g, found = gm, true
					break
				}
			}
		}
	}
	if !found {
		return
	}
	c := facts.Check{Caller: g.Caller, What: g.Label, ByName: byName, Wraps: g.Wraps, Pos: an.pos(i)}
	if c.Wraps && !byName {
		c.Rejects = true
	} else if c.Wraps {
		c.Rejects = an.hasFunctionArg(i)
		if !c.Rejects {
			c.Wraps = false
		}
	}
	if !c.Wraps {
		if g.Throws || byName && (an.discarded(i) || throwsByName(tr.text(callee))) {
			// A throwing check stops the request unless it runs only
			// under a condition (`if (token) jwt.verify(…)`); a named
			// guard whose result is dropped (`await requireAdmin()`)
			// throws or redirects by convention.
			c.Rejects = !an.conditional(st, i)
		}
		if !c.Rejects {
			c.Rejects, c.Passed = an.guardResult(st, i)
		}
	}
	an.f.Checks = append(an.f.Checks, c)
}

// throwsByName reports whether a guard's name says it throws or redirects
// when the caller is not allowed: requireUser, ensureAdmin, assertAuth.
func throwsByName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "require") || strings.HasPrefix(n, "ensure") || strings.HasPrefix(n, "assert")
}

// hasFunctionArg reports whether call i has a function or a name among its
// arguments: `withTeam(async (req) => …)`, `withAuth(handler)`.
func (an *analysis) hasFunctionArg(i int32) bool {
	tr := an.tr
	for _, a := range an.argList(tr.child(i, fArguments)) {
		switch tr.kindOf(an.unwrap(a)) {
		case kArrow, kFunction, kIdent:
			return true
		}
	}
	return false
}

// discarded reports whether the value of call i is dropped: an expression
// statement of its own (`await requireAdmin();`).
func (an *analysis) discarded(i int32) bool {
	return an.tr.kindOf(an.climb(i)) == kExprStmt
}

// conditional reports whether node i runs only under an if inside its
// function.
func (an *analysis) conditional(st *rateState, i int32) bool {
	tr := an.tr
	first, _ := an.scopeRange(st, i)
	for p := tr.parentOf(i); p >= 0 && p > first; p = tr.parentOf(p) {
		if tr.kindOf(p) == kIf || tr.kindOf(p) == kTernary {
			return true
		}
	}
	return false
}

// guardResult classifies what the code does with the result of guard call
// i: whether it decides a condition whose branch stops the request
// (rejects), or is returned or handed on (passed).
func (an *analysis) guardResult(st *rateState, i int32) (rejects, passed bool) {
	tr := an.tr
	if an.condRejects(i) {
		return true, false
	}
	up := an.climb(i)
	for tr.kindOf(up) == kBinary || tr.kindOf(up) == kParen {
		// return a.length === b.length && timingSafeEqual(a, b)
		if op := tr.child(up, fOperator); tr.kindOf(up) == kBinary && (op < 0 || !tr.textEq(op, "&&")) {
			break
		}
		up = an.climb(up)
	}
	var names []string
	switch tr.kindOf(up) {
	case kReturn, kArrow:
		return false, true
	case kMember:
		// (await auth()).userId: follow the member read.
		if d := tr.parentOf(up); tr.kindOf(d) == kDeclarator && tr.kindOf(tr.child(d, fName)) == kIdent {
			names = append(names, tr.text(tr.child(d, fName)))
		}
	case kDeclarator:
		name := tr.child(up, fName)
		switch tr.kindOf(name) {
		case kIdent:
			names = append(names, tr.text(name))
		case kObjectPattern:
			end := an.subtreeEnd(name)
			for j := name + 1; j < end; j++ {
				k := tr.nodes[j].kind
				if k == kShorthandPattern || k == kIdent && tr.nodes[j].field == fValue {
					names = append(names, tr.text(j))
				}
			}
		}
	}
	if len(names) == 0 {
		return false, false
	}
	first, end := an.scopeRange(st, i)
	for j := first; j < end; j++ {
		if tr.nodes[j].kind != kIdent || tr.nodes[j].start <= tr.nodes[i].start {
			continue
		}
		for _, n := range names {
			if !tr.textEq(j, n) {
				continue
			}
			if an.condRejects(j) {
				return true, false
			}
			if k := tr.kindOf(tr.parentOf(j)); k == kReturn || k == kShorthandProp && tr.kindOf(tr.parentOf(tr.parentOf(j))) == kReturn {
				passed = true
			}
		}
	}
	return false, passed
}

// condRejects reports whether the expression at node j is (part of) the
// condition of an if statement whose branch stops the request: it
// returns, throws, or calls redirect/notFound/unauthorized/forbidden.
func (an *analysis) condRejects(j int32) bool {
	tr := an.tr
	cur := j
	// truthy: the condition is a held value's truthiness, `if (session?.user)`.
	truthy := tr.kindOf(j) == kIdent
	for depth := 0; depth < 10; depth++ {
		p := tr.parentOf(cur)
		if p < 0 {
			return false
		}
		if tr.nodes[cur].field == fCondition {
			if tr.kindOf(p) != kIf {
				return false
			}
			if truthy {
				// The branch runs for a caller who passed: what stops the
				// others is the else branch, or the code after an if
				// whose branch always returns.
				if an.endsWithStop(tr.child(p, fAlternative)) {
					return true
				}
				next := tr.nodes[p].next
				for next >= 0 && tr.nodes[next].kind == kComment {
					next = tr.nodes[next].next
				}
				return an.endsWithStop(tr.child(p, fConsequence)) && an.stops(next)
			}
			return an.stops(tr.child(p, fConsequence))
		}
		switch tr.kindOf(p) {
		case kUnary, kBinary, kArguments, kCall, kSubscript:
			truthy = false
			cur = p
			continue
		case kParen, kNonNull, kAs, kAwait, kMember:
			cur = p
			continue
		}
		if tr.kindOf(p) == kOther && tr.nodes[cur].field == fNone {
			cur = p // optional chaining and other wrappers the mirror does not name
			continue
		}
		return false
	}
	return false
}

// endsWithStop reports whether statement n always ends in a return or a
// throw: it is one, or a block whose last statement is one.
func (an *analysis) endsWithStop(n int32) bool {
	tr := an.tr
	if n < 0 {
		return false
	}
	if k := tr.kindOf(n); k == kReturn || k == kThrow {
		return true
	}
	if tr.kindOf(n) == kOther {
		// else_clause: its statement.
		last := int32(-1)
		for c := tr.nodes[n].first; c >= 0; c = tr.nodes[c].next {
			if tr.nodes[c].kind != kComment {
				last = c
			}
		}
		if last < 0 || tr.kindOf(last) == kOther {
			return false
		}
		return an.endsWithStop(last)
	}
	if tr.kindOf(n) != kBlock {
		return false
	}
	last := int32(-1)
	for c := tr.nodes[n].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind != kComment && tr.nodes[c].kind != kOther {
			last = c
		}
	}
	return last >= 0 && (tr.kindOf(last) == kReturn || tr.kindOf(last) == kThrow)
}

// stopCalls are the calls that end a request by themselves.
var stopCalls = []string{"redirect", "notFound", "unauthorized", "forbidden", "permanentRedirect", "error"}

// stops reports whether the statement n returns, throws or calls a
// function that ends the request.
func (an *analysis) stops(n int32) bool {
	tr := an.tr
	if n < 0 {
		return false
	}
	end := an.subtreeEnd(n)
	for j := n; j < end; j++ {
		switch tr.nodes[j].kind {
		case kReturn, kThrow:
			return true
		case kCall:
			name := tr.text(an.unwrap(tr.child(j, fFunction)))
			if k := strings.LastIndexByte(name, '.'); k >= 0 {
				name = name[k+1:]
			}
			for _, s := range stopCalls {
				if name == s {
					return true
				}
			}
		}
	}
	return false
}

// secretCompare records the comparison at binary node i when one side
// reads a secret env variable (the authorization header compared with
// "Bearer " + process.env.CRON_SECRET, `req.headers["x-api-key"] ===
// process.env.ADMIN_KEY`): only a caller holding the secret passes.
func (an *analysis) secretCompare(st *rateState, i int32) {
	tr := an.tr
	op := tr.child(i, fOperator)
	if op < 0 {
		return
	}
	switch tr.text(op) {
	case "===", "!==", "==", "!=":
	default:
		return
	}
	left, right := tr.child(i, fLeft), tr.child(i, fRight)
	envL, envR := an.secretEnvIn(left), an.secretEnvIn(right)
	env := envL
	if env == "" {
		env = envR
	}
	what := env + " header check"
	if env == "" {
		// auth !== "Bearer 3f9c…": a request header against a secret
		// written in the code, a shared secret all the same.
		switch {
		case an.secretLiteral(right) && an.readsHeader(left), an.secretLiteral(left) && an.readsHeader(right):
			what = "hardcoded secret header check"
		default:
			return
		}
	} else if envL != "" && envR != "" {
		return
	} else {
		other := right
		if envL == "" {
			other = left
		}
		switch tr.kindOf(an.unwrap(other)) {
		case kString, kUndefined, kNull, kNumber, kTrue, kFalse:
			return // process.env.CRON_SECRET !== undefined: a configuration test
		}
	}
	c := facts.Check{Caller: upstash.Verified, What: what, Pos: an.pos(i)}
	c.Rejects = an.condRejects(i)
	if !c.Rejects {
		// const ok = header === secret; if (!ok) return …
		if d := an.climb(i); tr.kindOf(d) == kDeclarator && tr.kindOf(tr.child(d, fName)) == kIdent {
			name := tr.text(tr.child(d, fName))
			first, end := an.scopeRange(st, i)
			for j := max(first, i); j < end && !c.Rejects; j++ {
				if tr.nodes[j].kind == kIdent && tr.nodes[j].start > tr.nodes[d].end && tr.textEq(j, name) {
					c.Rejects = an.condRejects(j)
				}
			}
		}
	}
	an.f.Checks = append(an.f.Checks, c)
}

// secretLiteral reports whether n is a string literal that looks like a
// secret token: at least 16 characters after an optional "Bearer " or
// "Basic " scheme, no spaces, letters and digits both.
func (an *analysis) secretLiteral(n int32) bool {
	tr := an.tr
	n = an.unwrap(n)
	if n < 0 || tr.kindOf(n) != kString && !(tr.kindOf(n) == kTemplate && tr.firstOfKind(n, kTemplateSubst) < 0) {
		return false
	}
	v := strings.Trim(tr.text(n), "\"'`")
	for _, scheme := range []string{"Bearer ", "Basic ", "Token "} {
		v = strings.TrimPrefix(v, scheme)
	}
	if len(v) < 16 || strings.ContainsAny(v, " \t") {
		return false
	}
	return strings.ContainsAny(v, "0123456789") && strings.ContainsAny(strings.ToLower(v), "abcdefghijklmnopqrstuvwxyz")
}

// readsHeader reports whether expression n reads a request header:
// `request.headers.get("authorization")`, `req.headers["x-key"]`,
// `req.get("x-key")`, `c.req.header("x-key")`, or a name declared from one.
func (an *analysis) readsHeader(n int32) bool {
	tr := an.tr
	n = an.unwrap(n)
	if n < 0 {
		return false
	}
	if tr.kindOf(n) == kIdent {
		if v, ok := an.decls[tr.text(n)]; ok && v >= 0 {
			n = an.unwrap(v)
		}
	}
	t := strings.ToLower(tr.text(n))
	return strings.Contains(t, "headers.get(") || strings.Contains(t, "headers[") || strings.Contains(t, ".header(") ||
		strings.Contains(t, "req.get(") || strings.Contains(t, "headers.authorization") || strings.Contains(t, "getheader(")
}

// secretEnvIn returns the name of a secret env variable read in the
// expression n, or in the declaration of the name n is (const expected
// built from process.env.CRON_SECRET); "" when none.
func (an *analysis) secretEnvIn(n int32) string {
	tr := an.tr
	if n < 0 {
		return ""
	}
	n = an.unwrap(n)
	if tr.kindOf(n) == kIdent {
		if v, ok := an.decls[tr.text(n)]; ok && v >= 0 {
			n = v
		}
	}
	start, end := tr.nodes[n].start, tr.nodes[n].end
	for _, e := range an.envs {
		if s := tr.nodes[e.node].start; s >= start && s < end && !e.Public && upstash.IsSharedSecretEnvName(e.Name) {
			return e.Name
		}
	}
	return ""
}
