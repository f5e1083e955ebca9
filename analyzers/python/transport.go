//go:build cgo

package python

import (
	"slices"
	"strings"

	"github.com/upscan/upscan/analyzers/treesitter"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// transportFacts extracts the facts analyzers/transport decides UPS301–
// UPS303 from: the URLs to Upstash hosts in strings, f-strings and
// concatenations (docstrings excepted); the options that turn TLS
// verification off (redis-py ssl_cert_reqs / ssl_check_hostname, verify=False
// on any call) with the evidence of Upstash next to them; and the redis-py
// and aioredis clients configured by host, with their TLS state.
func (w *walker) transportFacts() {
	done := map[uintptr]bool{} // strings read as part of a longer expression
	for _, n := range w.binops {
		w.concatURLs(n, done)
	}
	for _, n := range w.concats {
		if done[n.Id()] || !w.mentionsUpstash(n) {
			continue
		}
		var t upstash.Text
		w.appendString(&t, n, done)
		w.recordURLs(&t, n)
	}
	for _, n := range w.strs {
		if done[n.Id()] || !w.mentionsUpstash(n) || isDocstring(n) {
			continue
		}
		var t upstash.Text
		w.appendString(&t, n, done)
		w.recordURLs(&t, n)
	}
	for _, n := range w.calls {
		w.helperURLs(n)
	}
	for _, c := range w.clients {
		w.clientTLS(c)
		w.tcpClient(c)
	}
	clients := map[uintptr]bool{}
	for _, c := range w.clients {
		clients[c.call.Id()] = true
	}
	for _, n := range w.calls {
		if !clients[n.Id()] {
			w.verifyFalse(n)
		}
	}
}

// mentionsUpstash reports whether n's source text names Upstash: a cheap
// test before its strings are decoded and searched for URLs.
func (w *walker) mentionsUpstash(n *sitter.Node) bool {
	return upstash.MentionsUpstashBytes(w.src[n.StartByte():n.EndByte()])
}

// isDocstring reports whether a string node is a bare string statement
// (a docstring or a no-op): text there documents, it does not connect.
func isDocstring(n *sitter.Node) bool {
	p := n.Parent()
	return p != nil && p.Kind() == "expression_statement" && p.NamedChildCount() == 1
}

// isPlus reports whether n is a binary + expression.
func (w *walker) isPlus(n *sitter.Node) bool {
	if n == nil || n.Kind() != "binary_operator" {
		return false
	}
	op := n.ChildByFieldId(fieldOperator)
	return op != nil && w.text(op) == "+"
}

// concatURLs reads the outermost + chain at n as one text, its strings as
// literal parts and everything else as holes, and records its Upstash URLs.
func (w *walker) concatURLs(n *sitter.Node, done map[uintptr]bool) {
	// w.binops are in document order, so the top of a chain comes before
	// the + nodes inside it, which flatten marks done: every node of a
	// chain is read once, whatever its length (no walk up to the parent,
	// which tree-sitter answers by descending from the root).
	if done[n.Id()] || !w.isPlus(n) {
		return
	}
	var t upstash.Text
	strs := 0
	var flatten func(m *sitter.Node, depth int)
	flatten = func(m *sitter.Node, depth int) {
		for m != nil && m.Kind() == "parenthesized_expression" && m.NamedChildCount() == 1 {
			m = m.NamedChild(0)
		}
		switch {
		case m == nil:
			t.Hole()
		case depth < 64 && w.isPlus(m):
			done[m.Id()] = true
			flatten(m.ChildByFieldId(fieldLeft), depth+1)
			flatten(m.ChildByFieldId(fieldRight), depth+1)
		case m.Kind() == "string" || m.Kind() == "concatenated_string":
			strs++
			w.appendString(&t, m, done)
		default:
			w.appendValue(&t, m)
		}
	}
	flatten(n, 0)
	if strs > 0 && upstash.MentionsUpstash(t.String()) {
		w.recordURLs(&t, n)
	}
}

// appendString appends a string (or an implicit concatenation of strings)
// to t: its contents as literal parts, exact unless they hold an escape,
// interpolations as holes. It marks the strings done.
func (w *walker) appendString(t *upstash.Text, n *sitter.Node, done map[uintptr]bool) {
	done[n.Id()] = true
	if n.Kind() == "concatenated_string" {
		for i := uint(0); i < n.NamedChildCount(); i++ {
			if ch := n.NamedChild(i); ch.Kind() == "string" {
				w.appendString(t, ch, done)
			}
		}
		return
	}
	raw := false
	for i := uint(0); i < n.ChildCount(); i++ {
		ch := n.Child(i)
		switch ch.Kind() {
		case "string_start":
			raw = strings.ContainsAny(w.text(ch), "rR")
		case "string_content":
			s := w.text(ch)
			exact := raw || !strings.Contains(s, `\`)
			t.Lit(unescape(s, raw), int(ch.StartByte()), exact)
		case "interpolation":
			w.appendValue(t, ch.ChildByFieldId(fieldExpression))
		}
	}
}

// appendValue appends expression n, a part of a concatenation or an
// f-string interpolation that is not itself a literal: the value of a
// string constant of the module (constString) or, while a helper function
// is expanded (helperURLs), of the parameter it names; a hole otherwise.
func (w *walker) appendValue(t *upstash.Text, n *sitter.Node) {
	n = w.unwrap(n)
	if n != nil && n.Kind() == "identifier" {
		if v, ok := w.subst[w.text(n)]; ok {
			if v.known {
				t.Ref(v.s, int(n.StartByte()))
			} else {
				t.Hole()
			}
			return
		}
	}
	if s, ok := w.constString(n); ok {
		t.Ref(s, int(n.StartByte()))
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

// constString returns the value of identifier n when it names a string
// constant: a name assigned once in the file, a plain string literal, and
// not a parameter of a function around n.
func (w *walker) constString(n *sitter.Node) (string, bool) {
	if n == nil || n.Kind() != "identifier" {
		return "", false
	}
	name := w.text(n)
	bs := w.bindings[name]
	if len(bs) != 1 {
		return "", false
	}
	s, ok := w.literal(bs[0])
	if !ok {
		return "", false
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if k := p.Kind(); k == "function_definition" || k == "lambda" {
			if slices.Contains(w.paramNames(p), name) {
				return "", false
			}
		}
	}
	return s, true
}

// paramNames returns the parameter names of a function definition or
// lambda, "" for a parameter that is not a plain name (*args, patterns).
func (w *walker) paramNames(fn *sitter.Node) []string {
	ps := fn.ChildByFieldId(fieldParameters)
	if ps == nil {
		return nil
	}
	var out []string
	for i := uint(0); i < ps.NamedChildCount(); i++ {
		p := ps.NamedChild(i)
		switch p.Kind() {
		case "identifier":
			out = append(out, w.text(p))
		case "default_parameter", "typed_default_parameter":
			if nm := p.ChildByFieldId(fieldName); nm != nil && nm.Kind() == "identifier" {
				out = append(out, w.text(nm))
			} else {
				out = append(out, "")
			}
		case "typed_parameter":
			if nm := p.NamedChild(0); nm != nil && nm.Kind() == "identifier" {
				out = append(out, w.text(nm))
			} else {
				out = append(out, "")
			}
		default:
			out = append(out, "")
		}
	}
	return out
}

// helperMaxParams bounds the parameters of a helper function expanded at
// its calls (helperURLs).
const helperMaxParams = 8

// helperURLs expands a call of a function of this module that returns a
// string assembled from its parameters (def redis_url(host): return
// f"redis://default:{pw}@{host}:6379"): when the positional arguments are
// string literals or constants, the URL the call returns is read as if
// written at the call, and its Upstash URLs are recorded there. A
// function whose returned expression already names an Upstash URL without
// its arguments is reported where it is written, not at each call.
func (w *walker) helperURLs(call *sitter.Node) {
	fn := call.ChildByFieldId(fieldFunction)
	args := call.ChildByFieldId(fieldArguments)
	if fn == nil || fn.Kind() != "identifier" || args == nil || args.Kind() != "argument_list" || w.subst != nil {
		return
	}
	if n := args.NamedChildCount(); n == 0 || n > helperMaxParams || !w.mentionsUpstash(args) {
		return
	}
	def := w.localDef(w.text(fn))
	if def == nil {
		return
	}
	ret := w.returned(def)
	params := w.paramNames(def)
	if ret == nil || len(params) > helperMaxParams {
		return
	}
	subst := map[string]substValue{}
	for k, name := range params {
		if name == "" {
			continue
		}
		v := substValue{}
		if k < int(args.NamedChildCount()) {
			a := w.unwrap(args.NamedChild(uint(k)))
			if a != nil && a.Kind() == "keyword_argument" {
				break // keyword arguments: not matched to parameters
			}
			if s, ok := w.literal(a); ok {
				v = substValue{s, true}
			} else if s, ok := w.constString(a); ok {
				v = substValue{s, true}
			}
		}
		subst[name] = v
	}
	var bare upstash.Text
	w.appendExpr(&bare, ret)
	if len(upstash.FindURLs(bare.String())) > 0 {
		return // the helper names the URL itself: reported there
	}
	w.subst = subst
	var t upstash.Text
	w.appendExpr(&t, ret)
	w.subst = nil
	// Every part of the expansion is placed at the call.
	var at upstash.Text
	at.Lit(t.String(), int(call.StartByte()), false)
	w.recordURLs(&at, call)
}

// appendExpr appends a string-valued expression to t: a string, a + chain,
// or anything appendValue reads. Nothing is marked done.
func (w *walker) appendExpr(t *upstash.Text, n *sitter.Node) {
	var walk func(m *sitter.Node, depth int)
	walk = func(m *sitter.Node, depth int) {
		for m != nil && m.Kind() == "parenthesized_expression" && m.NamedChildCount() == 1 {
			m = m.NamedChild(0)
		}
		switch {
		case m == nil:
			t.Hole()
		case depth < 64 && w.isPlus(m):
			walk(m.ChildByFieldId(fieldLeft), depth+1)
			walk(m.ChildByFieldId(fieldRight), depth+1)
		case m.Kind() == "string" || m.Kind() == "concatenated_string":
			w.appendString(t, m, map[uintptr]bool{})
		default:
			w.appendValue(t, m)
		}
	}
	walk(n, 0)
}

// localDef returns the function of this module named name, when it is
// defined once (methods excepted); nil otherwise.
func (w *walker) localDef(name string) *sitter.Node {
	var found *sitter.Node
	for _, d := range w.defs {
		if d.Kind() != "function_definition" {
			continue
		}
		if nm := d.ChildByFieldId(fieldName); nm != nil && w.text(nm) == name {
			if found != nil {
				return nil
			}
			found = d
		}
	}
	if found != nil {
		if p := found.Parent(); p != nil && p.Kind() == "block" {
			if gp := p.Parent(); gp != nil && gp.Kind() == "class_definition" {
				return nil
			}
		}
	}
	return found
}

// returned returns the expression a function returns when its body ends
// with its only top-level return statement; nil otherwise.
func (w *walker) returned(def *sitter.Node) *sitter.Node {
	body := def.ChildByFieldId(fieldBody)
	if body == nil {
		return nil
	}
	var ret *sitter.Node
	n := body.NamedChildCount()
	for i := uint(0); i < n; i++ {
		st := body.NamedChild(i)
		if st.Kind() == "return_statement" {
			if ret != nil || i != n-1 {
				return nil
			}
			ret = st
		}
	}
	if ret == nil || ret.NamedChildCount() != 1 {
		return nil
	}
	return ret.NamedChild(0)
}

// recordURLs adds a URL fact for each Upstash URL in t, read from node n.
func (w *walker) recordURLs(t *upstash.Text, n *sitter.Node) {
	w.file.URLs = append(w.file.URLs, facts.URLsIn(t, w.posAt, w.endPos(n))...)
}

// library names a TCP client's library for the transport facts.
func library(c *client) string {
	if c.SDK == "aioredis" {
		return upstash.LibAioredis
	}
	return upstash.LibRedisPy
}

// clientTLS records the keyword options of a TCP client that turn
// certificate verification off, with the client's host as evidence. A
// ssl_cert_reqs=none in the URL's query is the URL fact's.
func (w *walker) clientTLS(c *client) {
	for _, o := range c.insecure {
		if k := o.node.Kind(); k == "string" || k == "concatenated_string" {
			continue
		}
		ev := clientEvidence(c)
		if ev.Host == "" && !upstash.IsUpstashEnvName(ev.Env) {
			// Nothing or a generic env name (REDIS_URL): an Upstash host or
			// env read in the arguments, else a comment there naming Upstash.
			switch found := w.upstashEvidence(c.call.ChildByFieldId(fieldArguments)); {
			case found.Comment:
				ev.Comment, ev.Pos = true, found.Pos
			case found != (facts.Evidence{}) && ev.Env == "":
				ev = found
			}
		}
		w.file.WeakTLS = append(w.file.WeakTLS, facts.WeakTLS{Option: o.text, On: library(c), Evidence: ev,
			Pos: w.pos(o.node), End: w.endPos(o.node)})
	}
}

// clientEvidence says where a client connects: its literal host, or the
// env variable its host or URL comes from.
func clientEvidence(c *client) facts.Evidence {
	for _, v := range []facts.Value{c.hostV, c.URL} {
		switch {
		case v.Origin == facts.Literal && v.Host != "":
			return facts.Evidence{Host: v.Host, Pos: v.Pos}
		case v.Origin == facts.FromEnv:
			return facts.Evidence{Env: v.Env, Pos: v.Pos}
		}
	}
	return facts.Evidence{}
}

// tcpClient records a redis-py or aioredis client configured with a host:
// its host value and TLS state (ssl=… or the library default, plaintext).
func (w *walker) tcpClient(c *client) {
	if (c.style != styleTCPHost && c.style != styleTCPAddr) || c.hostV.Origin == facts.Absent {
		return
	}
	t := facts.TCPClient{Library: library(c), Host: c.hostV, Pos: c.Pos, End: w.endPos(c.call), Client: c.Pos}
	switch {
	case c.tls == tlsOn:
		t.TLS = facts.TLSOn
	case c.tls == tlsUnknown:
		t.TLS = facts.TLSUnknown
	case c.sslFalse != nil:
		t.TLS = facts.TLSOff
		t.Pos, t.End = w.pos(c.sslFalse), w.endPos(c.sslFalse)
	}
	w.file.TCP = append(w.file.TCP, t)
}

// verifyFalse records verify=False (requests, httpx) or ssl=False (aiohttp)
// passed to a call other than a Redis client constructor (where ssl=False
// means no TLS at all: the TCP client fact), with the first evidence of
// Upstash in the call's arguments.
func (w *walker) verifyFalse(call *sitter.Node) {
	_, kw := w.keywordArgs(call)
	for _, key := range []string{"verify", "ssl"} {
		k, ok := kw[key]
		if !ok {
			continue
		}
		if v := w.unwrap(k.ChildByFieldId(fieldValue)); v == nil || v.Kind() != "false" {
			continue
		}
		on := w.dotted(call.ChildByFieldId(fieldFunction))
		if len(on) > 64 {
			on = ""
		}
		w.file.WeakTLS = append(w.file.WeakTLS, facts.WeakTLS{Option: key + "=False", On: on,
			Evidence: w.upstashEvidence(call.ChildByFieldId(fieldArguments)), Pos: w.pos(k), End: w.endPos(k)})
	}
}

// upstashEvidence returns the first evidence of Upstash under n: a string
// naming an Upstash host (a URL or a bare host name), or a read of an env
// variable whose name says Upstash; else a comment that names Upstash.
// The zero value when there is none.
func (w *walker) upstashEvidence(n *sitter.Node) facts.Evidence {
	var ev, comment facts.Evidence
	if n == nil {
		return ev
	}
	found := false
	treesitter.Walk(n, w.maxNodes, func(m *sitter.Node) bool {
		switch m.Kind() {
		case "comment":
			if !comment.Comment && w.mentionsUpstash(m) {
				comment = facts.Evidence{Comment: true, Pos: w.pos(m)}
			}
		case "string":
			var t upstash.Text
			w.appendString(&t, m, map[uintptr]bool{})
			s := t.String()
			if ms := upstash.FindURLs(s); len(ms) > 0 {
				ev, found = facts.Evidence{Host: ms[0].Host, Pos: w.pos(m)}, true
			} else if h := strings.ToLower(strings.TrimSpace(s)); upstash.IsUpstashHost(h) && upstash.IsHostName(h) {
				ev, found = facts.Evidence{Host: h, Pos: w.pos(m)}, true
			}
		case "subscript", "call":
			if name, ok := w.envRead(m); ok && upstash.IsUpstashEnvName(name) {
				ev, found = facts.Evidence{Env: name, Pos: w.pos(m)}, true
			}
		case "attribute":
			// settings.UPSTASH_REDIS_URL, settings.upstash_redis_url: settings
			// objects (pydantic, django) mirror the environment.
			if a := m.ChildByFieldId(fieldAttribute); a != nil {
				if name := strings.ToUpper(w.text(a)); upstash.IsUpstashEnvName(name) {
					ev, found = facts.Evidence{Env: name, Pos: w.pos(m)}, true
				}
			}
		}
		return !found
	})
	if !found {
		return comment
	}
	return ev
}
