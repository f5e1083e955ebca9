//go:build cgo

package jsts

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// deliveryMethods are the QStash SDK methods that send a message to an
// HTTP endpoint, with the option that names it: Client.publish*,
// queue.enqueue*, batch*, schedules.create and the Workflow client's
// trigger (UPSTASH.md §7).
var deliveryMethods = map[string]string{
	"publish": "url", "publishJSON": "url", "enqueue": "url", "enqueueJSON": "url",
	"batch": "url", "batchJSON": "url", "trigger": "url", "create": "destination",
}

// collectQStash records the QStash deliveries the module sends
// (File.Deliveries) and the signature checks it makes (File.Verifies).
func (an *analysis) collectQStash() {
	tr := an.tr
	sdk := false // the module imports the QStash or Workflow SDK
	for _, b := range an.bindings {
		if f := familyOf(b.norm); f == famQStash || f == famWorkflow {
			sdk = true
			break
		}
	}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		if tr.nodes[i].kind != kCall {
			continue
		}
		callee := an.unwrap(tr.child(i, fFunction))
		switch tr.kindOf(callee) {
		case kIdent:
			an.verifyWrapper(i, callee)
		case kMember:
			ch, ok := an.chainOf(i)
			if !ok || len(ch.path) == 0 {
				continue
			}
			m := ch.path[len(ch.path)-1]
			if m == "verify" {
				an.verifyCall(i, sdk)
				continue
			}
			opt, ok := deliveryMethods[m]
			if !ok || m == "create" && (len(ch.path) < 2 || ch.path[len(ch.path)-2] != "schedules") {
				continue
			}
			if !sdk && !an.qstashTarget(i) {
				continue
			}
			call := m
			if m == "create" {
				call = "schedules.create"
			}
			an.delivery(i, call, opt)
		}
	}
}

// qstashTarget reports whether method call i is made on a QStash client
// of the module or on a binding imported from another module (a shared
// client).
func (an *analysis) qstashTarget(i int32) bool {
	t, _, _ := an.callTarget(i, 0)
	if t.client >= 0 {
		p := an.clients[t.client].c.Product
		return p == facts.QStash
	}
	return t.local != ""
}

// delivery records the endpoint paths of the delivery call i, whose
// options (or, for a batch, each element's options) name the URL in opt.
func (an *analysis) delivery(i int32, call, opt string) {
	tr := an.tr
	args := an.argList(tr.child(i, fArguments))
	if len(args) == 0 {
		return
	}
	objs := []int32{an.resolveObject(args[0])}
	if tr.kindOf(objs[0]) == kArray {
		objs = objs[:0]
		for c := tr.nodes[an.resolveObject(args[0])].first; c >= 0; c = tr.nodes[c].next {
			if o := an.resolveObject(c); tr.kindOf(o) == kObject {
				objs = append(objs, o)
			}
		}
	}
	for _, o := range objs {
		if tr.kindOf(o) != kObject {
			continue
		}
		v, ok := an.pairs(o)[opt]
		if !ok {
			continue
		}
		if p, ok := an.urlPath(v); ok {
			an.f.Deliveries = append(an.f.Deliveries, facts.Delivery{Call: call, Path: p, Pos: an.pos(i)})
		}
	}
}

// urlPath reads the path of the URL expression v: a string or template
// literal, a + concatenation or a const initialised with one, its
// substitutions as holes. ok is false when nothing constant is known.
func (an *analysis) urlPath(v int32) (string, bool) {
	tr := an.tr
	var b strings.Builder
	known := false
	var walk func(j int32, depth int)
	walk = func(j int32, depth int) {
		j = an.unwrap(j)
		switch {
		case depth > 8:
			b.WriteByte(0)
		case an.isPlus(j):
			walk(tr.child(j, fLeft), depth+1)
			walk(tr.child(j, fRight), depth+1)
		case tr.kindOf(j) == kString || tr.kindOf(j) == kTemplate:
			known = true
			b.WriteString(an.templateText(j))
		case tr.kindOf(j) == kIdent:
			if d, ok := an.decls[tr.text(j)]; ok && d != j {
				walk(d, depth+1)
				return
			}
			b.WriteByte(0)
		default:
			b.WriteByte(0)
		}
	}
	walk(v, 0)
	if !known {
		return "", false
	}
	return upstash.URLPath(b.String())
}

// verifyCall records receiver.verify({ signature, body, url }) at call i:
// a call whose options name the signature, made where the QStash SDK is
// imported (sdk), or with the body too on a QStash Receiver of the module,
// on a Receiver imported from another module (a shared receiver), or in a
// module that reads the Upstash-Signature header.
func (an *analysis) verifyCall(i int32, sdk bool) {
	tr := an.tr
	args := an.argList(tr.child(i, fArguments))
	if len(args) != 1 {
		return
	}
	o := an.resolveObject(args[0])
	if tr.kindOf(o) != kObject {
		return
	}
	p := an.pairs(o)
	if _, ok := p["signature"]; !ok {
		return
	}
	if _, ok := p["body"]; !ok && !sdk {
		return
	}
	if !sdk && !an.qstashVerifier(i) {
		return
	}
	v := facts.Verify{Call: "Receiver.verify", Known: true, Pos: an.pos(i)}
	if u, ok := p["url"]; ok && tr.kindOf(an.unwrap(u)) != kUndefined {
		v.URL = true
	}
	for c := tr.nodes[o].first; c >= 0; c = tr.nodes[c].next {
		if strings.HasPrefix(tr.text(c), "...") {
			v.Known = false
		}
	}
	an.f.Verifies = append(an.f.Verifies, v)
}

// qstashVerifier reports whether the verify call i is made on a QStash
// Receiver of the module or on an imported binding, or the module reads
// the Upstash-Signature header.
func (an *analysis) qstashVerifier(i int32) bool {
	t, _, _ := an.callTarget(i, 0)
	if t.client >= 0 {
		return an.clients[t.client].c.Product == facts.QStashReceiver
	}
	if t.local != "" {
		return true
	}
	for _, h := range an.f.Headers {
		if h.Name == "upstash-signature" {
			return true
		}
	}
	return false
}

// verifyWrapper records a call of a verifySignature* wrapper imported from
// the QStash SDK (verifySignatureAppRouter(handler, config)).
func (an *analysis) verifyWrapper(i, callee int32) {
	b, ok := an.bindings[an.tr.text(callee)]
	if !ok || familyOf(b.norm) != famQStash || !strings.HasPrefix(b.imported, "verifySignature") {
		return
	}
	an.f.Verifies = append(an.f.Verifies, facts.Verify{Call: b.imported, Wrapper: true, Known: true, Pos: an.pos(i)})
}
