//go:build cgo

package jsts

import "github.com/upscan/upscan/analyzers/facts"

// callSuffix marks a Use (or a local result) of what a call returns:
// Commands on `getRedis()` are recorded under Local "getRedis()".
const callSuffix = "()"

// findFactories sets Client.Factory for every client that a module-level
// function returns (see facts.Client.Factory) and returns the factories by
// name, with the return arguments that hand each client out (not escapes).
func (an *analysis) findFactories() (byName map[string]int, returns map[facts.Pos]bool) {
	byName, returns = map[string]int{}, map[facts.Pos]bool{}
	for k, rec := range an.clients {
		name, rets := an.factoryOf(rec)
		if name == "" {
			continue
		}
		if _, dup := byName[name]; dup {
			continue
		}
		rec.c.Factory = name
		byName[name] = k
		for _, r := range rets {
			returns[an.pos(r)] = true
		}
	}
	return byName, returns
}

// factoryOf returns the name of the module-level function that returns the
// client rec constructs, and the `return v` arguments that return it
// through a variable; "" when no such function.
func (an *analysis) factoryOf(rec *clientRec) (string, []int32) {
	tr := an.tr
	memo := rec.c.Var
	cur := rec.node
	fn := int32(-1)
climb:
	for cur >= 0 {
		up := an.climb(cur)
		if up < 0 {
			break
		}
		switch tr.nodes[up].kind {
		case kBinary, kTernary:
			cur = up
		case kAssign, kAugAssign:
			if tr.child(up, fRight) != an.below(up, cur) {
				break climb
			}
			if l := tr.child(up, fLeft); tr.kindOf(l) == kIdent {
				memo = tr.text(l) // client ??= Redis.fromEnv()
			}
			cur = up
		case kReturn:
			fn = an.enclosingFunc(up)
			break climb
		case kArrow:
			if tr.child(up, fBody) == an.below(up, cur) {
				fn = up // () => new Redis(…)
			}
			break climb
		default:
			break climb
		}
	}
	var rets []int32
	if fn < 0 && memo != "" && memo != "default" {
		// let client; function getRedis() { if (!client) client = new
		// Redis(…); return client }
		fn = an.enclosingFunc(rec.node)
		if fn < 0 {
			return "", nil
		}
		rets = an.returnsOf(fn, memo)
		if len(rets) == 0 {
			return "", nil
		}
	}
	if fn < 0 {
		return "", nil
	}
	return an.moduleFuncName(fn), rets
}

// enclosingFunc returns the innermost function or arrow holding i, or -1.
func (an *analysis) enclosingFunc(i int32) int32 {
	tr := an.tr
	for p := tr.parentOf(i); p >= 0; p = tr.nodes[p].parent {
		switch tr.nodes[p].kind {
		case kFunction, kArrow:
			return p
		case kMethodDef, kClassBody:
			return -1
		}
	}
	return -1
}

// returnsOf returns the arguments of fn's own return statements that are
// the variable name.
func (an *analysis) returnsOf(fn int32, name string) []int32 {
	tr := an.tr
	var out []int32
	end := tr.nodes[fn].end
	for i := fn + 1; i < int32(len(tr.nodes)) && tr.nodes[i].start < end; i++ {
		if tr.nodes[i].kind != kReturn || an.enclosingFunc(i) != fn {
			continue
		}
		if a := an.unwrap(tr.firstNamed(i)); a >= 0 && tr.kindOf(a) == kIdent && tr.textEq(a, name) {
			out = append(out, a)
		}
	}
	return out
}

// moduleFuncName returns the name of fn when it is a module-level function
// (`function getRedis()`, `const getRedis = () => …`, exported or not);
// "" otherwise.
func (an *analysis) moduleFuncName(fn int32) string {
	tr := an.tr
	if n := tr.child(fn, fName); n >= 0 && tr.kindOf(fn) == kFunction {
		if an.scopeOf(fn, false) == fileScope || tr.kindOf(tr.parentOf(fn)) == kProgram {
			return tr.text(n)
		}
		return ""
	}
	up := an.climb(fn)
	if tr.kindOf(up) != kDeclarator || tr.child(up, fValue) != an.below(up, fn) {
		return ""
	}
	if n := tr.child(up, fName); tr.kindOf(n) == kIdent && an.scopeOf(up, false) == fileScope {
		return tr.text(n)
	}
	return ""
}

// resultOf returns what call i returns when it calls a factory of this
// file (its client) or a function imported from a project module (a Use
// of its name followed by "()").
func (an *analysis) resultOf(i int32) (target, bool) {
	tr := an.tr
	if tr.kindOf(i) != kCall {
		return noTarget, false
	}
	callee := an.unwrap(tr.child(i, fFunction))
	if tr.kindOf(callee) != kIdent {
		return noTarget, false
	}
	name := tr.text(callee)
	if k, ok := an.factories[name]; ok {
		return target{client: k}, true
	}
	if b, ok := an.bindings[name]; ok && b.imported != "*" && familyOf(b.norm) == famNone && !wellKnownPackage(b.norm) {
		return target{client: -1, local: name + callSuffix}, true
	}
	return noTarget, false
}

// collectResults binds every `const x = [await] f()` whose call resultOf
// knows to that target, and records an escape for a result used other
// than by calling a method on it or binding it to a name.
func (an *analysis) collectResults(addUse func(string, facts.Command)) {
	tr := an.tr
	escapedOnce := map[string]bool{}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		t, ok := an.resultOf(i)
		if !ok {
			continue
		}
		up := an.climb(i)
		switch tr.kindOf(up) {
		case kMember:
			if tr.child(up, fObject) == an.below(up, i) {
				continue // f().get(): a command, or a property read
			}
		case kDeclarator:
			if n := tr.child(up, fName); tr.kindOf(n) == kIdent && tr.child(up, fValue) == an.below(up, i) {
				if _, dup := an.results[tr.text(n)]; !dup {
					an.results[tr.text(n)] = t
				}
				continue
			}
		case kExprStmt:
			continue // result discarded
		}
		cmd := facts.Command{Name: facts.Escaped, Pos: an.pos(i)}
		if t.client >= 0 {
			c := an.clients[t.client]
			c.c.Commands = append(c.c.Commands, cmd)
			continue
		}
		if !escapedOnce[t.local] {
			escapedOnce[t.local] = true // one is enough: the result may run anything
			addUse(t.local, cmd)
		}
	}
}
