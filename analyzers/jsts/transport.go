package jsts

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// finding builds a finding at node i (start and end positions).
func (an *analysis) finding(id string, sev rules.Severity, i int32, msg string) rules.Finding {
	n := &an.tr.nodes[i]
	f := rules.Finding{RuleID: id, Severity: sev, Path: an.path, Line: int(n.row) + 1, Col: int(n.col) + 1, Message: msg}
	f.EndLine, f.EndCol = an.endPos(n.start, n.end, f.Line, f.Col)
	return f
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

// loc is a related location at node i.
func (an *analysis) loc(i int32, msg string) rules.Location {
	n := &an.tr.nodes[i]
	return rules.Location{Path: an.path, Line: int(n.row) + 1, Col: int(n.col) + 1, Message: msg}
}

// locAt is a related location at a fact position.
func (an *analysis) locAt(p facts.Pos, msg string) rules.Location {
	return rules.Location{Path: an.path, Line: p.Line, Col: p.Col, Message: msg}
}

// add appends a finding with its fingerprint from content (or the secret).
func (an *analysis) add(f rules.Finding, content string) {
	f.SetKey(content)
	an.findings = append(an.findings, f)
}

// transport reports UPS301–UPS303 in code.
func (an *analysis) transport() {
	tr := an.tr
	reported := map[int32]bool{} // pairs already reported with a client
	for k, c := range an.clients {
		an.insecureOptions(k, c, reported)
	}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kString, kTemplate:
			an.plaintextURL(i)
		case kPair, kMethodDef:
			if !reported[i] {
				an.insecurePair(i)
			}
		case kAssign:
			an.tlsRejectEnv(i)
		}
	}
	for _, c := range an.clients {
		an.tcpWithoutTLS(c)
	}
}

// plaintextURL reports redis:// and http:// URLs to Upstash hosts in a
// string or template literal (UPS301). Fly.io's private fly-* hosts are
// plaintext by design.
func (an *analysis) plaintextURL(i int32) {
	tr := an.tr
	if p := tr.parentOf(i); p >= 0 && (tr.nodes[p].kind == kImportStmt || tr.nodes[p].kind == kExportStmt) {
		return
	}
	var text string
	if s, ok := an.str(i); ok {
		text = s
	} else if tr.nodes[i].kind == kTemplate {
		text = an.templateText(i)
	} else {
		return
	}
	if !strings.Contains(text, "upstash.io") && !strings.Contains(strings.ToLower(text), "upstash.io") {
		return
	}
	lower := strings.ToLower(text)
	for _, scheme := range []string{"redis://", "http://"} {
		for off := 0; ; {
			j := strings.Index(lower[off:], scheme)
			if j < 0 {
				break
			}
			j += off
			off = j + len(scheme)
			end := off
			for end < len(text) && !strings.ContainsRune(" \t\r\n'\"`<>", rune(text[end])) {
				end++
			}
			if j > 0 && isURLChar(lower[j-1]) {
				continue // rediss://, xhttp://
			}
			sch, host := splitURL(text[j:end])
			if !upstashHost(host) || sch+"://" != scheme || webHost(host) {
				continue
			}
			f := an.finding("UPS301", rules.High, i, "")
			an.placeAt(&f, i, scheme)
			if scheme == "redis://" {
				f.Message = fmt.Sprintf("Plaintext redis:// URL to Upstash host %s: the password and every command travel unencrypted; use rediss:// (TLS)", host)
			} else {
				f.Message = fmt.Sprintf("Plaintext http:// URL to Upstash host %s: the REST token in the Authorization header travels unencrypted; use https://", host)
			}
			an.add(f, scheme+host)
		}
	}
}

// isURLChar reports whether c can precede a scheme inside a longer scheme.
func isURLChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// webHost reports Upstash's web hosts (console, docs), which are links, not
// database endpoints.
func webHost(host string) bool {
	for _, p := range []string{"console.", "docs.", "www.", "status.", "blog.", "auth."} {
		if strings.HasPrefix(host, p) {
			return true
		}
	}
	return false
}

// placeAt moves a finding at string node i to the first occurrence of
// needle (case-insensitive) in the node's source text.
func (an *analysis) placeAt(f *rules.Finding, i int32, needle string) {
	n := &an.tr.nodes[i]
	raw := strings.ToLower(string(an.tr.src[n.start:n.end]))
	j := strings.Index(raw, needle)
	if j < 0 {
		return
	}
	f.Line, f.Col = an.endPos(n.start, n.start+uint32(j)+1, int(n.row)+1, int(n.col)+1)
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

// insecureOptions records the TLS-disabling options inside a client's
// arguments (InsecureTLS) and reports them (UPS302).
func (an *analysis) insecureOptions(k int, c *clientRec, reported map[int32]bool) {
	tr := an.tr
	if c.args < 0 {
		return
	}
	for j := c.args + 1; j < int32(len(tr.nodes)) && an.descends(j, c.args); j++ {
		if tr.nodes[j].kind != kPair && tr.nodes[j].kind != kMethodDef {
			continue
		}
		// A nested client's own options are its own.
		if owner := an.ownerClient(j); owner != k {
			continue
		}
		if tr.nodes[j].kind == kPair && an.keyName(j) == "tls" && an.falsy(tr.child(j, fValue)) {
			c.c.InsecureTLS = append(c.c.InsecureTLS, an.pos(j))
			continue // no TLS at all: UPS303 reports it when the host is Upstash's
		}
		what, ok := an.tlsOff(j)
		if !ok {
			continue
		}
		c.c.InsecureTLS = append(c.c.InsecureTLS, an.pos(j))
		reported[j] = true
		f := an.finding("UPS302", rules.High, j, fmt.Sprintf("%s in the options of this %s client turns off TLS certificate verification: anyone on the network path can impersonate the server and read the credentials; remove it", what, productName(c.c.Product)))
		f.Related = []rules.Location{an.locAt(c.c.Pos, "client constructed here")}
		an.add(f, what+" "+string(c.c.Product))
	}
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

// insecurePair reports a TLS-disabling option outside a recognised client
// when an Upstash host or Upstash env variable is in the same options
// (UPS302): the object literal it is in, up to the call it is passed to.
func (an *analysis) insecurePair(i int32) {
	what, ok := an.tlsOff(i)
	if !ok {
		return
	}
	tr := an.tr
	top := i
	for p := tr.parentOf(i); p >= 0; p = tr.nodes[p].parent {
		k := tr.nodes[p].kind
		if k == kObject || k == kPair || k == kArray || k == kArguments || k == kNew || k == kCall {
			top = p
			if k == kNew || k == kCall {
				break
			}
			continue
		}
		break
	}
	evidence := an.upstashEvidence(top)
	if evidence < 0 {
		return
	}
	f := an.finding("UPS302", rules.High, i, fmt.Sprintf("%s next to an Upstash connection turns off TLS certificate verification: anyone on the network path can impersonate Upstash and read the credentials; remove it", what))
	f.Related = []rules.Location{an.loc(evidence, "Upstash host or credential in the same options")}
	an.add(f, what)
}

// upstashEvidence returns a node inside top that names Upstash: a string
// with an Upstash host, or a read of an Upstash env variable; -1 if none.
func (an *analysis) upstashEvidence(top int32) int32 {
	tr := an.tr
	for j := top; j < int32(len(tr.nodes)) && (j == top || an.descends(j, top)); j++ {
		switch tr.nodes[j].kind {
		case kString, kTemplate:
			if strings.Contains(strings.ToLower(string(tr.src[tr.nodes[j].start:tr.nodes[j].end])), ".upstash.io") {
				return j
			}
		case kMember, kSubscript:
			if name, _, ok := an.envAccess(j); ok && upstash.IsRedisEnvName(name) {
				return j
			}
		}
	}
	return -1
}

// tlsRejectEnv reports process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
// (UPS302): it turns certificate checks off for the whole process.
func (an *analysis) tlsRejectEnv(i int32) {
	tr := an.tr
	left := tr.child(i, fLeft)
	name, _, ok := an.envAccess(left)
	if !ok || name != "NODE_TLS_REJECT_UNAUTHORIZED" {
		return
	}
	right := an.unwrap(tr.child(i, fRight))
	if s, isStr := an.str(right); !(isStr && s == "0" || tr.kindOf(right) == kNumber && tr.textEq(right, "0")) {
		return
	}
	f := an.finding("UPS302", rules.High, i, `NODE_TLS_REJECT_UNAUTHORIZED = "0" turns off TLS certificate verification for every connection of the process, Upstash's included: anyone on the network path can read the tokens; remove it`)
	an.add(f, "NODE_TLS_REJECT_UNAUTHORIZED=0")
}

// tcpWithoutTLS reports a TCP Redis client (ioredis, node-redis) pointed at
// an Upstash host with no TLS option (UPS303). A redis:// URL literal is
// UPS301's (one finding per problem).
func (an *analysis) tcpWithoutTLS(c *clientRec) {
	if c.c.Product != facts.RedisTCP || c.tls == tlsOn {
		return
	}
	if c.c.URL.Origin == facts.Literal && c.c.URL.Scheme != "" {
		return // redis:// is UPS301, rediss:// is TLS
	}
	h := c.host
	lib := "ioredis"
	if familyOf(normSpec(c.c.SDK)) == famNodeRedis {
		lib = "node-redis"
	}
	fix := "add tls: {} to the options"
	if lib == "node-redis" {
		fix = "set socket.tls: true"
	}
	how := "without a tls option"
	if c.tls == tlsOff {
		how = "with TLS turned off"
	}
	var f rules.Finding
	switch {
	case h.Origin == facts.Literal && upstashHost(h.Host):
		f = an.finding("UPS303", rules.High, c.node, fmt.Sprintf("%s client connects to Upstash host %s %s: the password and every command travel unencrypted; %s", lib, h.Host, how, fix))
	case h.Origin == facts.FromEnv && strings.Contains(strings.ToUpper(h.Env), "UPSTASH"):
		f = an.finding("UPS303", rules.Medium, c.node, fmt.Sprintf("%s client connects to the host in %s (by its name, probably an Upstash database) %s: the password and every command would travel unencrypted; %s", lib, h.Env, how, fix))
	default:
		return
	}
	f.Related = []rules.Location{an.locAt(h.Pos, "host")}
	an.add(f, lib+" "+h.Host+h.Env)
}

// productName is a product's name in messages.
func productName(p facts.Product) string {
	switch p {
	case facts.Redis:
		return "Upstash Redis"
	case facts.RedisTCP:
		return "Redis"
	case facts.QStash:
		return "QStash"
	case facts.QStashReceiver:
		return "QStash receiver"
	case facts.Vector:
		return "Upstash Vector"
	case facts.Search:
		return "Upstash Search"
	case facts.Ratelimit:
		return "rate limiter"
	}
	return string(p)
}
