//go:build cgo

package jsts

import (
	"slices"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// transportFacts extracts the facts analyzers/transport decides UPS301–
// UPS303 from: the URLs to Upstash hosts in string literals, template
// literals and concatenations; the options that turn TLS verification off,
// with the client or call they belong to and the evidence of Upstash next
// to them; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; and the TCP
// clients (ioredis, node-redis) configured by host.
func (an *analysis) transportFacts() {
	tr := an.tr
	withClient := map[int32]bool{} // options recorded with their client
	for k, c := range an.clients {
		an.clientTLS(k, c, withClient)
	}
	done := map[int32]bool{} // strings read as part of a concatenation
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kBinary:
			an.concatURLs(i, done)
		case kString, kTemplate:
			if !done[i] {
				an.literalURLs(i)
			}
		case kPair, kMethodDef:
			if !withClient[i] {
				an.weakOption(i)
			}
		case kAssign:
			an.processTLSEnv(i)
		case kCall:
			an.helperURLs(i)
		case kNew:
			an.bullmqConnection(i)
		}
	}
	for _, c := range an.clients {
		an.tcpClient(c)
	}
}

// isPlus reports whether node i is a binary + expression.
func (an *analysis) isPlus(i int32) bool {
	tr := an.tr
	if tr.kindOf(i) != kBinary {
		return false
	}
	op := tr.child(i, fOperator)
	return op >= 0 && tr.textEq(op, "+")
}

// concatURLs reads a + chain (the outermost one) as one text, strings and
// template fragments as its literal parts and everything else as holes,
// and records the Upstash URLs it holds.
func (an *analysis) concatURLs(i int32, done map[int32]bool) {
	if !an.isPlus(i) {
		return
	}
	tr := an.tr
	p := tr.parentOf(i)
	for tr.kindOf(p) == kParen {
		p = tr.parentOf(p)
	}
	if an.isPlus(p) {
		return // inside a longer chain, read with it
	}
	if n := &tr.nodes[i]; !upstash.MentionsUpstashBytes(tr.src[n.start:n.end]) {
		return
	}
	var t upstash.Text
	strs := 0
	var flatten func(j int32, depth int)
	flatten = func(j int32, depth int) {
		for tr.kindOf(j) == kParen {
			j = tr.firstNamed(j)
		}
		switch {
		case depth < 64 && an.isPlus(j):
			flatten(tr.child(j, fLeft), depth+1)
			flatten(tr.child(j, fRight), depth+1)
		case tr.kindOf(j) == kString || tr.kindOf(j) == kTemplate:
			done[j] = true
			strs++
			an.appendString(&t, j)
		default:
			an.appendValue(&t, j)
		}
	}
	flatten(i, 0)
	if strs > 0 {
		an.recordURLs(&t, i)
	}
}

// literalURLs records the Upstash URLs of a string or template literal
// that is not part of a concatenation. Module specifiers are not URLs.
func (an *analysis) literalURLs(i int32) {
	tr := an.tr
	if p := tr.parentOf(i); p >= 0 && (tr.nodes[p].kind == kImportStmt || tr.nodes[p].kind == kExportStmt) {
		return
	}
	if n := &tr.nodes[i]; !upstash.MentionsUpstashBytes(tr.src[n.start:n.end]) {
		return
	}
	var t upstash.Text
	an.appendString(&t, i)
	an.recordURLs(&t, i)
}

// appendString appends a string or template literal to t: its fragments
// as literal parts (escape sequences decoded), substitutions as holes.
func (an *analysis) appendString(t *upstash.Text, i int32) {
	tr := an.tr
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kStringFragment:
			t.Lit(tr.text(c), int(tr.nodes[c].start), true)
		case kEscape:
			t.Lit(unescape(tr.text(c)), int(tr.nodes[c].start), false)
		case kTemplateSubst:
			an.appendValue(t, tr.firstNamed(c))
		}
	}
}

// appendValue appends expression i, a part of a concatenation or a
// template substitution that is not itself a literal: the value of a
// string constant of this file (constString) or, while a helper function
// is expanded (helperURLs), of the parameter it names; a hole otherwise.
func (an *analysis) appendValue(t *upstash.Text, i int32) {
	tr := an.tr
	i = an.unwrap(i)
	if tr.kindOf(i) == kIdent {
		if v, ok := an.subst[tr.text(i)]; ok {
			if v.known {
				t.Ref(v.s, int(tr.nodes[i].start))
			} else {
				t.Hole()
			}
			return
		}
	}
	if s, ok := an.constString(i); ok {
		t.Ref(s, int(tr.nodes[i].start))
		return
	}
	t.Hole()
}

// substValue is the value of a helper function's parameter while a call
// of it is expanded: the argument's string when it is a literal or a
// constant (known), a hole otherwise.
type substValue struct {
	s     string
	known bool
}

// constString returns the value of identifier i when it names a string
// constant of this file: bound once in the file (no parameter or other
// declaration shadows it), by a const declaration whose value is a string
// literal or a template without substitutions.
func (an *analysis) constString(i int32) (string, bool) {
	tr := an.tr
	if tr.kindOf(i) != kIdent {
		return "", false
	}
	name := tr.text(i)
	v, ok := an.decls[name]
	if !ok || an.bindCount(name) != 1 {
		return "", false
	}
	decl := tr.parentOf(v)
	if tr.kindOf(decl) != kDeclarator || tr.kindOf(tr.parentOf(decl)) != kLexicalDecl {
		return "", false
	}
	if lex := &tr.nodes[tr.parentOf(decl)]; !strings.HasPrefix(string(tr.src[lex.start:lex.end]), "const") {
		return "", false
	}
	return an.str(an.unwrap(v))
}

// bindCount returns how many times name is bound in the file: declared
// (const, let, var, destructuring) or a function parameter.
func (an *analysis) bindCount(name string) int {
	if an.binds == nil {
		tr := an.tr
		an.binds = map[string]int{}
		for j := int32(0); j < int32(len(tr.nodes)); j++ {
			switch tr.nodes[j].kind {
			case kIdent:
				p := tr.parentOf(j)
				switch tr.kindOf(p) {
				case kDeclarator:
					if tr.child(p, fName) != j {
						continue
					}
				case kParams, kParam:
				case kArrow:
					if tr.child(p, fBody) == j {
						continue
					}
				case kOther:
					// A default parameter (x = "…") or array pattern element.
					if tr.kindOf(tr.parentOf(p)) != kParams {
						continue
					}
				default:
					continue
				}
				an.binds[tr.text(j)]++
			case kShorthandPattern:
				an.binds[tr.text(j)]++
			}
		}
	}
	return an.binds[name]
}

// helperMaxParams bounds the parameters of a helper function expanded at
// its calls (helperURLs).
const helperMaxParams = 8

// helperURLs expands a call of a function of this file that returns a
// string assembled from its parameters (function redisURL(host) { return
// `redis://default:${pw}@${host}:6379` }): when the arguments are string
// literals or constants, the URL the call returns is read as if written at
// the call, and its Upstash URLs are recorded there. A function whose
// returned expression already names an Upstash URL without its arguments
// is reported where it is written, not at each call.
func (an *analysis) helperURLs(call int32) {
	tr := an.tr
	callee := an.unwrap(tr.child(call, fFunction))
	if tr.kindOf(callee) != kIdent || an.subst != nil {
		return
	}
	args := an.argList(tr.child(call, fArguments))
	if len(args) == 0 || len(args) > helperMaxParams {
		return
	}
	subst := map[string]substValue{}
	mentions := false
	for _, a := range args {
		a = an.unwrap(a)
		s, ok := an.str(a)
		if !ok {
			s, ok = an.constString(a)
		}
		if ok && upstash.MentionsUpstash(s) {
			mentions = true
		}
	}
	if !mentions {
		return
	}
	fn := an.localFunc(tr.text(callee))
	if fn < 0 {
		return
	}
	params, ret := an.helperShape(fn)
	if ret < 0 || len(params) < len(args) {
		return
	}
	for k, name := range params {
		v := substValue{}
		if k < len(args) && name != "" {
			a := an.unwrap(args[k])
			if s, ok := an.str(a); ok {
				v = substValue{s, true}
			} else if s, ok := an.constString(a); ok {
				v = substValue{s, true}
			}
		}
		if name != "" {
			subst[name] = v
		}
	}
	var bare upstash.Text
	an.appendExpr(&bare, ret)
	if len(upstash.FindURLs(bare.String())) > 0 {
		return // the helper names the URL itself: reported there
	}
	an.subst = subst
	var t upstash.Text
	an.appendExpr(&t, ret)
	an.subst = nil
	// Every part of the expansion is placed at the call.
	var at upstash.Text
	at.Lit(t.String(), int(tr.nodes[call].start), false)
	an.recordURLs(&at, call)
}

// appendExpr appends a string-valued expression to t: a literal, a +
// chain, or anything appendValue reads.
func (an *analysis) appendExpr(t *upstash.Text, i int32) {
	var walk func(j int32, depth int)
	walk = func(j int32, depth int) {
		j = an.unwrap(j)
		switch {
		case depth < 64 && an.isPlus(j):
			walk(an.tr.child(j, fLeft), depth+1)
			walk(an.tr.child(j, fRight), depth+1)
		case an.tr.kindOf(j) == kString || an.tr.kindOf(j) == kTemplate:
			an.appendString(t, j)
		default:
			an.appendValue(t, j)
		}
	}
	walk(i, 0)
}

// localFunc returns the function of this file named name: a function
// declaration or a const bound to a function or arrow expression, when the
// name is declared once; -1 otherwise.
func (an *analysis) localFunc(name string) int32 {
	tr := an.tr
	if v, ok := an.decls[name]; ok {
		v = an.unwrap(v)
		if k := tr.kindOf(v); (k == kArrow || k == kFunction) && an.bindCount(name) == 1 {
			return v
		}
		return -1
	}
	found := int32(-1)
	for j := int32(0); j < int32(len(tr.nodes)); j++ {
		if tr.nodes[j].kind != kFunction {
			continue
		}
		if n := tr.child(j, fName); n >= 0 && tr.textEq(n, name) {
			if found >= 0 {
				return -1
			}
			found = j
		}
	}
	return found
}

// helperShape returns the parameter names of function fn ("" for a
// parameter that is not a plain name) and the expression it returns: the
// body of an arrow function, or the value of a block's only return
// statement when it is the block's last statement; -1 when fn is not of
// that shape.
func (an *analysis) helperShape(fn int32) (params []string, ret int32) {
	tr := an.tr
	body := tr.child(fn, fBody)
	if ps := tr.firstOfKind(fn, kParams); ps >= 0 {
		for c := tr.nodes[ps].first; c >= 0; c = tr.nodes[c].next {
			switch tr.nodes[c].kind {
			case kComment:
				continue
			case kIdent:
				params = append(params, tr.text(c))
			case kParam:
				if n := tr.firstNamed(c); tr.kindOf(n) == kIdent {
					params = append(params, tr.text(n))
				} else {
					params = append(params, "")
				}
			default:
				if n := tr.firstNamed(c); tr.kindOf(n) == kIdent && tr.nodes[c].kind == kOther {
					params = append(params, tr.text(n)) // x = "default": the argument, when given
				} else {
					params = append(params, "")
				}
			}
		}
	} else if p := tr.firstNamed(fn); tr.kindOf(p) == kIdent && p != body {
		params = append(params, tr.text(p)) // host => `…`
	}
	if len(params) > helperMaxParams {
		return nil, -1
	}
	if tr.kindOf(body) != kBlock {
		return params, body
	}
	ret = -1
	for c := tr.nodes[body].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kComment:
		case kReturn:
			if ret >= 0 || tr.nodes[c].next >= 0 && tr.kindOf(tr.nodes[c].next) != kComment {
				return nil, -1
			}
			ret = tr.firstNamed(c)
		}
	}
	return params, ret
}

// recordURLs adds a URL fact for each Upstash URL in t, which was read from
// expression node i.
func (an *analysis) recordURLs(t *upstash.Text, i int32) {
	n := &an.tr.nodes[i]
	var end facts.Pos
	end.Line, end.Col = an.endPos(n.start, n.end, int(n.row)+1, int(n.col)+1)
	an.f.URLs = append(an.f.URLs, facts.URLsIn(t, an.posOf, end)...)
}

// posOf converts a byte offset in the file to a 1-based position.
func (an *analysis) posOf(off int) facts.Pos {
	if an.lineStarts == nil {
		an.lineStarts = []int{0}
		for k, c := range an.tr.src {
			if c == '\n' {
				an.lineStarts = append(an.lineStarts, k+1)
			}
		}
	}
	lo, hi := 0, len(an.lineStarts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if an.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return facts.Pos{Line: lo + 1, Col: off - an.lineStarts[lo] + 1}
}

// falsy reports whether expression i is the literal false (or !1, 0).
func (an *analysis) falsy(i int32) bool {
	tr := an.tr
	i = an.unwrap(i)
	switch tr.kindOf(i) {
	case kFalse:
		return true
	case kNumber:
		return tr.textEq(i, "0")
	case kUnary:
		op, arg := tr.child(i, fOperator), tr.child(i, fArgument)
		return op >= 0 && tr.textEq(op, "!") && tr.kindOf(arg) == kNumber && !tr.textEq(arg, "0")
	}
	return false
}

// stub reports whether function i accepts every certificate: its body is
// empty, or returns nothing, undefined, null or a boolean.
func (an *analysis) stub(i int32) bool {
	tr := an.tr
	i = an.unwrap(i)
	switch tr.kindOf(i) {
	case kArrow, kFunction, kMethodDef:
	default:
		return false
	}
	body := tr.child(i, fBody)
	switch tr.kindOf(body) {
	case kUndefined, kNull, kTrue, kFalse:
		return true
	case kIdent:
		return tr.textEq(body, "undefined")
	case kBlock:
		stmt := tr.firstNamed(body)
		if stmt < 0 {
			return true
		}
		for s := tr.nodes[stmt].next; s >= 0; s = tr.nodes[s].next {
			if tr.nodes[s].kind != kComment {
				return false
			}
		}
		if tr.nodes[stmt].kind != kReturn {
			return tr.nodes[stmt].kind == kEmptyStmt
		}
		v := tr.firstNamed(stmt)
		if v < 0 {
			return true
		}
		switch tr.kindOf(v) {
		case kUndefined, kNull, kTrue, kFalse:
			return true
		case kIdent:
			return tr.textEq(v, "undefined")
		}
		return false
	}
	return false
}

// tlsOff reports whether property i (a pair or method) disables certificate
// verification: rejectUnauthorized: false or a checkServerIdentity stub.
func (an *analysis) tlsOff(i int32) (what string, ok bool) {
	tr := an.tr
	if tr.nodes[i].kind == kMethodDef {
		name := tr.child(i, fName)
		if name >= 0 && tr.textEq(name, "checkServerIdentity") && an.stub(i) {
			return "checkServerIdentity stub", true
		}
		return "", false
	}
	switch an.keyName(i) {
	case "rejectUnauthorized":
		if an.falsy(tr.child(i, fValue)) {
			return "rejectUnauthorized: false", true
		}
	case "checkServerIdentity":
		if an.stub(tr.child(i, fValue)) {
			return "checkServerIdentity stub", true
		}
	}
	return "", false
}

// ownerClient returns the innermost client whose arguments contain node j.
func (an *analysis) ownerClient(j int32) int {
	for p := an.tr.parentOf(j); p >= 0; p = an.tr.nodes[p].parent {
		if an.tr.nodes[p].kind == kNew || an.tr.nodes[p].kind == kCall {
			if k := an.clientAtNode(p); k >= 0 {
				return k
			}
		}
	}
	return -1
}

// descends reports whether j is a descendant of a.
func (an *analysis) descends(j, a int32) bool {
	for p := an.tr.parentOf(j); p >= 0; p = an.tr.nodes[p].parent {
		if p == a {
			return true
		}
		if p < a {
			return false
		}
	}
	return false
}

// libraryOf names a client's library for the transport facts: ioredis or
// node-redis for TCP clients, the SDK's module otherwise.
func libraryOf(c *clientRec) string {
	if c.c.Product == facts.RedisTCP {
		if familyOf(normSpec(c.c.SDK)) == famNodeRedis {
			return upstash.LibNodeRedis
		}
		return upstash.LibIORedis
	}
	return c.c.SDK
}

// clientTLS records the options inside a client's arguments that turn
// certificate verification off (WeakTLS, and the client's InsecureTLS),
// and tls: false (InsecureTLS only: the TCP client fact carries it).
func (an *analysis) clientTLS(k int, c *clientRec, withClient map[int32]bool) {
	if c.args < 0 {
		return
	}
	for _, root := range an.optionRoots(c.args) {
		an.rootTLS(k, c, root, withClient)
	}
}

// optionRoots returns the nodes a client's options are read from: its
// arguments node, and the object literals of this file that identifiers
// in it name (const tlsOptions = { rejectUnauthorized: false }; new
// Redis(url, { tls: tlsOptions })), two levels deep.
func (an *analysis) optionRoots(args int32) []int32 {
	tr := an.tr
	roots := []int32{args}
	for r := 0; r < len(roots) && r < 3; r++ {
		top := roots[r]
		for j := top + 1; j < int32(len(tr.nodes)) && an.descends(j, top); j++ {
			if tr.nodes[j].kind != kIdent && tr.nodes[j].kind != kShorthandProp {
				continue
			}
			if p := tr.parentOf(j); tr.kindOf(p) == kPair && tr.child(p, fKey) == j || tr.kindOf(p) == kMember {
				continue
			}
			if o := an.resolveObject(j); o != j && tr.kindOf(o) == kObject && !slices.Contains(roots, o) && !an.descends(o, args) {
				roots = append(roots, o)
			}
		}
	}
	return roots
}

// rootTLS is clientTLS for one root of a client's options.
func (an *analysis) rootTLS(k int, c *clientRec, root int32, withClient map[int32]bool) {
	tr := an.tr
	for j := root + 1; j < int32(len(tr.nodes)) && an.descends(j, root); j++ {
		if tr.nodes[j].kind != kPair && tr.nodes[j].kind != kMethodDef {
			continue
		}
		// A nested client's own options are its own.
		if owner := an.ownerClient(j); owner != k && (root == c.args || owner >= 0) {
			continue
		}
		if tr.nodes[j].kind == kPair && an.keyName(j) == "tls" && an.falsy(tr.child(j, fValue)) {
			c.c.InsecureTLS = append(c.c.InsecureTLS, an.pos(j))
			continue
		}
		what, ok := an.tlsOff(j)
		if !ok {
			continue
		}
		withClient[j] = true
		c.c.InsecureTLS = append(c.c.InsecureTLS, an.pos(j))
		an.f.WeakTLS = append(an.f.WeakTLS, facts.WeakTLS{Option: what, On: libraryOf(c), Evidence: an.clientEvidence(c),
			Pos: an.pos(j), End: an.endOf(j)})
	}
}

// clientEvidence says where a client connects: its literal host or the env
// variable its host or URL comes from, the Upstash SDK it is, or else an
// Upstash host or env read inside its arguments.
func (an *analysis) clientEvidence(c *clientRec) facts.Evidence {
	var ev facts.Evidence
	for _, v := range []facts.Value{c.host, c.c.URL} {
		switch {
		case v.Origin == facts.Literal && v.Host != "":
			ev.Host, ev.Pos = v.Host, v.Pos
		case v.Origin == facts.FromEnv:
			ev.Env, ev.Pos = v.Env, v.Pos
		default:
			continue
		}
		break
	}
	if c.c.Product != facts.RedisTCP && c.c.SDK != "" {
		ev.SDK = c.c.SDK
	}
	if ev.Host == "" && ev.SDK == "" && !upstash.IsUpstashEnvName(ev.Env) && c.args >= 0 {
		// Nothing or a generic env name (REDIS_URL): an Upstash host or env
		// read in the options, else a comment there that names Upstash.
		var found facts.Evidence
		for _, root := range an.optionRoots(c.args) {
			if found = an.upstashEvidence(root); found != (facts.Evidence{}) {
				break
			}
		}
		switch {
		case found.Comment:
			ev.Comment, ev.Pos = true, found.Pos
		case found != (facts.Evidence{}) && ev.Env == "":
			ev = found
		}
	}
	return ev
}

// weakOption records a TLS-disabling option outside a recognised client,
// with the evidence of Upstash in the options it is in, up to the call
// they are passed to (tls.connect, new https.Agent…).
func (an *analysis) weakOption(i int32) {
	what, ok := an.tlsOff(i)
	if !ok {
		return
	}
	tr := an.tr
	top, on := i, ""
	for p := tr.parentOf(i); p >= 0; p = tr.nodes[p].parent {
		k := tr.nodes[p].kind
		if k == kObject || k == kPair || k == kArray || k == kArguments || k == kNew || k == kCall {
			top = p
			if k == kNew || k == kCall {
				on = an.calleeName(p)
				break
			}
			continue
		}
		break
	}
	an.f.WeakTLS = append(an.f.WeakTLS, facts.WeakTLS{Option: what, On: on, Evidence: an.upstashEvidence(top),
		Pos: an.pos(i), End: an.endOf(i)})
}

// calleeName returns the callee of a call or new expression as written
// ("tls.connect", "new https.Agent") when it is a plain name or member
// chain, "" otherwise.
func (an *analysis) calleeName(i int32) string {
	tr := an.tr
	f, prefix := tr.child(i, fFunction), ""
	if tr.nodes[i].kind == kNew {
		f, prefix = tr.child(i, fConstructor), "new "
	}
	f = an.unwrap(f)
	for j := f; ; j = tr.child(j, fObject) {
		switch tr.kindOf(j) {
		case kIdent:
			if s := tr.text(f); len(s) <= 64 {
				return prefix + s
			}
			return ""
		case kMember:
			continue
		}
		return ""
	}
}

// upstashEvidence returns the first evidence of Upstash inside node top: a
// string or template naming an Upstash host (a URL or a bare host name),
// or a read of an env variable whose name says Upstash; else a comment
// that names Upstash. The zero value when there is none.
func (an *analysis) upstashEvidence(top int32) facts.Evidence {
	tr := an.tr
	var comment facts.Evidence
	for j := top; j < int32(len(tr.nodes)) && (j == top || an.descends(j, top)); j++ {
		switch tr.nodes[j].kind {
		case kComment:
			if n := &tr.nodes[j]; !comment.Comment && upstash.MentionsUpstashBytes(tr.src[n.start:n.end]) {
				comment = facts.Evidence{Comment: true, Pos: an.pos(j)}
			}
		case kString, kTemplate:
			var t upstash.Text
			an.appendString(&t, j)
			s := t.String()
			if ms := upstash.FindURLs(s); len(ms) > 0 {
				return facts.Evidence{Host: ms[0].Host, Pos: an.pos(j)}
			}
			if h := strings.ToLower(strings.TrimSpace(s)); upstash.IsUpstashHost(h) && hostName(h) {
				return facts.Evidence{Host: h, Pos: an.pos(j)}
			}
		case kMember, kSubscript:
			if name, _, ok := an.envAccess(j); ok && upstash.IsUpstashEnvName(name) {
				return facts.Evidence{Env: name, Pos: an.pos(j)}
			}
			if name := an.configEnvName(j); name != "" {
				return facts.Evidence{Env: name, Pos: an.pos(j)}
			}
		}
	}
	return comment
}

// configEnvName returns the name a config object's property reads when it
// is spelled as an Upstash env variable (config.UPSTASH_REDIS_URL,
// env.KV_URL): settings objects mirror the environment. "" otherwise, and
// for property names in camelCase (config.upstashUrl), which say less.
func (an *analysis) configEnvName(j int32) string {
	tr := an.tr
	if tr.kindOf(j) != kMember {
		return ""
	}
	name := tr.text(tr.child(j, fProperty))
	if name != strings.ToUpper(name) || !upstash.IsUpstashEnvName(name) {
		return ""
	}
	return name
}

// processTLSEnv records process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0":
// certificate checks off for the whole process.
func (an *analysis) processTLSEnv(i int32) {
	tr := an.tr
	name, _, ok := an.envAccess(tr.child(i, fLeft))
	if !ok || name != upstash.ProcessTLSOff {
		return
	}
	right := an.unwrap(tr.child(i, fRight))
	value, isStr := an.str(right)
	if !isStr && tr.kindOf(right) == kNumber {
		value = tr.text(right)
	}
	if !upstash.IsProcessTLSOff(name, value) {
		return
	}
	an.f.WeakTLS = append(an.f.WeakTLS, facts.WeakTLS{Option: upstash.ProcessTLSOff + "=0", Process: true, Pos: an.pos(i), End: an.endOf(i)})
}

// tcpClient records a TCP client (ioredis, node-redis) configured with a
// host: its host value and what its options say about TLS. A client
// configured by URL has a URL fact instead.
func (an *analysis) tcpClient(c *clientRec) {
	if c.c.Product != facts.RedisTCP || c.host.Origin == facts.Absent {
		return
	}
	if c.c.URL.Origin == facts.Literal && c.c.URL.Scheme != "" && c.c.URL.Scheme != "rediss" {
		return // redis://… given as the URL: the URL fact decides
	}
	t := facts.TCPClient{Library: libraryOf(c), Host: c.host, Pos: an.pos(c.node), End: an.endOf(c.node), Client: an.pos(c.node)}
	switch c.tls {
	case tlsOn:
		t.TLS = facts.TLSOn
	case tlsOff:
		t.TLS = facts.TLSOff
	case tlsUnknown:
		t.TLS = facts.TLSUnknown
	}
	an.f.TCP = append(an.f.TCP, t)
}

// bullmqClasses are the BullMQ classes whose connection option, when it is
// an options object rather than a client, is given to ioredis as is.
var bullmqClasses = map[string]bool{"Queue": true, "Worker": true, "QueueEvents": true, "FlowProducer": true, "QueueScheduler": true}

// bullmqConnection records the TCP client BullMQ builds from a connection
// options object (new Queue(name, { connection: { host, port, password } })):
// ioredis options, plaintext unless they set tls.
func (an *analysis) bullmqConnection(i int32) {
	tr := an.tr
	ctor := an.unwrap(tr.child(i, fConstructor))
	if tr.kindOf(ctor) != kIdent {
		return
	}
	b, ok := an.bindings[tr.text(ctor)]
	if !ok || b.spec != "bullmq" || !bullmqClasses[b.imported] {
		return
	}
	for _, a := range an.argList(tr.child(i, fArguments)) {
		o := an.resolveObject(a)
		if tr.kindOf(o) != kObject {
			continue
		}
		conn := an.resolveObject(get(an.pairs(o), "connection"))
		if tr.kindOf(conn) != kObject {
			continue
		}
		p := an.pairs(conn)
		h, ok := p["host"]
		if !ok {
			continue
		}
		t := facts.TCPClient{Library: upstash.LibIORedis, Host: an.hostValue(h), Pos: an.pos(i), End: an.endOf(i), Client: an.pos(i)}
		switch an.tlsOf(p, "tls") {
		case tlsOn:
			t.TLS = facts.TLSOn
		case tlsOff:
			t.TLS = facts.TLSOff
		default:
			if an.hasSpread(conn) {
				t.TLS = facts.TLSUnknown
			}
		}
		an.f.TCP = append(an.f.TCP, t)
	}
}

// endPos returns the 1-based line and column of the last byte of
// src[start:end], given the position of start.
func (an *analysis) endPos(start, end uint32, line, col int) (int, int) {
	if end <= start {
		return line, col
	}
	seg := an.tr.src[start : end-1]
	if nl := strings.Count(string(seg), "\n"); nl > 0 {
		last := strings.LastIndexByte(string(seg), '\n')
		return line + nl, len(seg) - last
	}
	return line, col + len(seg)
}
