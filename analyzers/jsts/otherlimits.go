//go:build cgo

package jsts

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// Rate limits that are not @upstash/ratelimit (facts.OtherLimit): a
// hand-rolled INCR counter or Lua script, a Cloudflare rate-limit binding,
// and the limiters of other libraries with where they keep their counters
// (UPSTASH.md §4, best practice #5).

// cloudflareLimit records a Cloudflare rate-limit binding call at call i,
// `env.MY_LIMITER.limit({ key })` (obj is the receiver, arg the first
// argument), when its result decides something. It reports whether the
// call has the binding's shape: such a call is never an Upstash limit.
func (an *analysis) cloudflareLimit(st *rateState, i, obj, arg int32) bool {
	tr := an.tr
	if tr.kindOf(obj) != kMember || tr.kindOf(an.unwrap(arg)) != kObject {
		return false
	}
	if _, ok := an.pairs(an.unwrap(arg))["key"]; !ok {
		return false
	}
	env := an.unwrap(tr.child(obj, fObject))
	switch tr.kindOf(env) {
	case kIdent:
		if !tr.textEq(env, "env") {
			return false
		}
	case kMember:
		if !tr.textEq(tr.child(env, fProperty), "env") {
			return false
		}
	default:
		return false
	}
	if an.limitResult(st, i) != facts.ResultIgnored {
		an.f.OtherLimits = append(an.f.OtherLimits, facts.OtherLimit{What: facts.OtherBinding, Pos: an.pos(i)})
	}
	return true
}

// returnedObject reports whether the object literal obj is returned (or is
// an arrow function's body): `return { success, remaining }` hands the flag
// to the caller.
func (an *analysis) returnedObject(obj int32) bool {
	tr := an.tr
	if tr.kindOf(obj) != kObject {
		return false
	}
	up := an.climb(obj)
	return tr.kindOf(up) == kReturn || tr.kindOf(up) == kArrow
}

// counterMethods are the Redis commands a hand-rolled limiter counts with;
// scriptMethods run a Lua script.
var (
	counterMethods = map[string]bool{"incr": true, "incrby": true}
	scriptMethods  = map[string]bool{"eval": true, "evalsha": true, "evalRo": true}
	expireMethods  = map[string]bool{"expire": true, "pexpire": true, "expireat": true, "pexpireat": true}
)

// counterLimit records a hand-rolled counter at call i: `redis.incr(key)`
// with an expiry set in the same function (or chain), or `redis.eval(script,
// …)` whose script increments and expires, keyed by something that is not
// a constant, with the count compared against a threshold in a condition
// that rejects (returns or throws), or the comparison returned to the
// caller. A counter nobody compares is statistics, not a limit.
func (an *analysis) counterLimit(st *rateState, i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(callee) != kMember {
		return
	}
	method := strings.ToLower(tr.text(tr.child(callee, fProperty)))
	args := an.argList(tr.child(i, fArguments))
	if len(args) == 0 {
		return
	}
	what := facts.OtherCounter
	switch {
	case counterMethods[method]:
		if an.constant(args[0]) {
			return
		}
	case scriptMethods[method]:
		script := strings.ToUpper(an.scriptText(args[0]))
		if !strings.Contains(script, "INCR") || !strings.Contains(script, "EXPIRE") {
			return
		}
		keyed := false
		for _, a := range args[1:] {
			keyed = keyed || !an.constant(a)
		}
		if !keyed {
			return
		}
		what = facts.OtherScript
	default:
		return
	}
	// The expression whose value holds the count: the call itself, or
	// the whole chain it is in (`redis.multi().incr(k).expire(k, 60).exec()`).
	top := i
	chained := false
	for {
		up := an.climb(top)
		if tr.kindOf(up) == kMember && tr.child(up, fObject) == an.below(up, top) {
			if c := tr.parentOf(up); tr.kindOf(c) == kCall {
				top, chained = c, true
				continue
			}
		}
		break
	}
	first, end := an.scopeRange(st, i)
	if what == facts.OtherCounter && !(chained && strings.Contains(strings.ToLower(tr.text(top)), "expire")) && !an.callsIn(first, end, expireMethods) {
		return
	}
	if an.thresholdUse(st, top, 0) || what == facts.OtherCounter && an.readCountCompared(st, first, end, args[0]) {
		an.f.OtherLimits = append(an.f.OtherLimits, facts.OtherLimit{What: what, Pos: an.pos(i)})
	}
}

// readCountCompared reports whether, among nodes [first, end), the count
// under key is read with `get(key)` and the value compared against a
// threshold that rejects: the check-then-increment shape (`const count =
// (await redis.get(key)) || 0; if (count >= 5) return …; await
// redis.incr(key)`).
func (an *analysis) readCountCompared(st *rateState, first, end, key int32) bool {
	tr := an.tr
	want := tr.text(an.unwrap(key))
	for j := first; j < end; j++ {
		if tr.nodes[j].kind != kCall {
			continue
		}
		c := an.unwrap(tr.child(j, fFunction))
		if tr.kindOf(c) != kMember || !strings.EqualFold(tr.text(tr.child(c, fProperty)), "get") {
			continue
		}
		args := an.argList(tr.child(j, fArguments))
		if len(args) == 1 && tr.text(an.unwrap(args[0])) == want && an.thresholdUse(st, j, 0) {
			return true
		}
	}
	return false
}

// scriptText returns the text of a script argument: a literal, or the
// literal a module-level or local constant is declared with.
func (an *analysis) scriptText(a int32) string {
	a = an.unwrap(a)
	if an.tr.kindOf(a) == kIdent {
		if v, ok := an.decls[an.tr.text(a)]; ok {
			a = an.unwrap(v)
		}
	}
	switch an.tr.kindOf(a) {
	case kString, kTemplate:
		return an.tr.text(a)
	}
	return ""
}

// constant reports whether expression a is made of literals only: a
// string, number, template with no substitution, or an array of them.
func (an *analysis) constant(a int32) bool {
	tr := an.tr
	a = an.unwrap(a)
	switch tr.kindOf(a) {
	case kString, kNumber:
		return true
	case kTemplate:
		return tr.firstOfKind(a, kTemplateSubst) < 0
	case kArray:
		for c := tr.nodes[a].first; c >= 0; c = tr.nodes[c].next {
			if k := tr.nodes[c].kind; k != kOther && k != kComment && !an.constant(c) {
				return false
			}
		}
		return true
	}
	return false
}

// callsIn reports whether a call of one of the methods is among nodes
// [first, end).
func (an *analysis) callsIn(first, end int32, methods map[string]bool) bool {
	tr := an.tr
	for j := first; j < end; j++ {
		if tr.nodes[j].kind != kCall {
			continue
		}
		if c := an.unwrap(tr.child(j, fFunction)); tr.kindOf(c) == kMember && methods[strings.ToLower(tr.text(tr.child(c, fProperty)))] {
			return true
		}
	}
	return false
}

// thresholdUse reports whether the count at node v (a call, or a use of a
// variable holding it) is compared against a threshold that rejects: the
// comparison decides a condition whose branch returns or throws, or is
// returned. A declaration passes the question on to the uses of the
// names it binds (`const count = …`, `const [count] = …`).
func (an *analysis) thresholdUse(st *rateState, v int32, depth int) bool {
	tr := an.tr
	if depth > 2 {
		return false
	}
	cur := v
	compared := false
	for {
		p := tr.parentOf(cur)
		if p < 0 {
			return false
		}
		if compared && tr.nodes[cur].field == fCondition {
			return an.rejects(tr.child(p, fConsequence))
		}
		switch tr.nodes[p].kind {
		case kAwait, kParen, kNonNull, kAs, kUnary, kSubscript:
			if tr.kindOf(p) == kSubscript && tr.child(p, fObject) != cur {
				return false
			}
			cur = p
			continue
		case kBinary:
			op := tr.text(tr.child(p, fOperator))
			switch op {
			case ">", ">=", "<", "<=":
				compared = true
			case "&&", "||":
			default:
				return false
			}
			cur = p
			continue
		case kReturn:
			return compared
		case kDeclarator:
			if compared || tr.child(p, fValue) != cur {
				return false
			}
			return an.boundThreshold(st, v, tr.child(p, fName), depth)
		}
		return false
	}
}

// boundThreshold reports whether a name bound by pattern (an identifier
// or array pattern) is compared against a threshold after node at.
func (an *analysis) boundThreshold(st *rateState, at, pattern int32, depth int) bool {
	tr := an.tr
	var names []string
	switch tr.kindOf(pattern) {
	case kIdent:
		names = []string{tr.text(pattern)}
	case kArray, kOther:
		for c := tr.nodes[pattern].first; c >= 0; c = tr.nodes[c].next {
			if tr.kindOf(c) == kIdent {
				names = append(names, tr.text(c))
			}
		}
	}
	first, end := an.scopeRange(st, at)
	for _, name := range names {
		for j := first; j < end; j++ {
			if tr.nodes[j].kind == kIdent && tr.nodes[j].start > tr.nodes[at].end && tr.textEq(j, name) && an.thresholdUse(st, j, depth+1) {
				return true
			}
		}
	}
	return false
}

// rejects reports whether the branch b returns or throws.
func (an *analysis) rejects(b int32) bool {
	if b < 0 {
		return false
	}
	tr := an.tr
	if tr.kindOf(b) == kReturn || tr.firstOfKind(b, kReturn) >= 0 {
		return true
	}
	t := tr.text(b)
	return strings.HasPrefix(t, "throw") || strings.Contains(t, "throw ") || strings.Contains(t, "429")
}

// libraryLimit records a limiter of another library built at call i
// (`rateLimit({ windowMs, limit })`), with
// whether it keeps its counters in process memory: the library's default
// store and no store option given.
func (an *analysis) libraryLimit(i int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(callee) != kIdent {
		return
	}
	b, ok := an.bindings[tr.text(callee)]
	if !ok {
		return
	}
	l, ok := upstash.OtherLimiterOf(pkgOf(b.spec))
	if !ok || l.Lang != upstash.JS || l.Store == "" {
		return
	}
	memory := true
	if args := an.argList(tr.child(i, fArguments)); len(args) > 0 {
		o := an.resolveObject(args[0])
		if tr.kindOf(o) != kObject {
			memory = false // options upscan cannot read
		} else if _, set := an.pairs(o)[l.Store]; set {
			memory = false
		}
	}
	an.f.OtherLimits = append(an.f.OtherLimits, facts.OtherLimit{What: l.Module, Pos: an.pos(i), Memory: memory})
}

// keptLimiter reports whether the limiter construction at node n is kept
// beyond the call that builds it: assigned to an existing variable or
// property (`cached = new Ratelimit(…)`, `limiters[key] ??= …`) or stored
// in a map (`cache.set(key, new Ratelimit(…))`), the lazy singleton of a
// factory.
func (an *analysis) keptLimiter(n int32) bool {
	tr := an.tr
	up := an.climb(n)
	switch tr.kindOf(up) {
	case kAssign:
		return true
	case kArguments:
		c := an.unwrap(tr.child(tr.parentOf(up), fFunction))
		return tr.kindOf(c) == kMember && tr.textEq(tr.child(c, fProperty), "set")
	case kOther:
		return strings.Contains(tr.text(up), "??=") || strings.Contains(tr.text(up), "||=")
	}
	return false
}

// recvText renders a limit call's receiver with the arguments of the calls
// in it elided: `ratelimit(…)`, `getLimiter()`, `limiters.api`.
func (an *analysis) recvText(n int32) string {
	tr := an.tr
	n = an.unwrap(n)
	switch tr.kindOf(n) {
	case kMember:
		return an.recvText(tr.child(n, fObject)) + "." + tr.text(tr.child(n, fProperty))
	case kCall:
		if len(an.argList(tr.child(n, fArguments))) == 0 {
			return an.recvText(tr.child(n, fFunction)) + "()"
		}
		return an.recvText(tr.child(n, fFunction)) + "(…)"
	}
	return strings.Join(strings.Fields(tr.text(n)), "")
}
