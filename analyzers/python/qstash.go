//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// deliveryMethods are the qstash (upstash-qstash) methods that send a
// message to an HTTP endpoint, with the keyword that names it:
// client.message.publish*/enqueue*/batch*, client.schedule.create.
var deliveryMethods = map[string]string{
	"publish": "url", "publish_json": "url", "enqueue": "url", "enqueue_json": "url",
	"batch": "url", "batch_json": "url", "create": "destination",
}

// importsQStash reports whether the module imports the QStash SDK.
func (w *walker) importsQStash() bool {
	for _, d := range w.imports {
		if d == "qstash" || strings.HasPrefix(d, "qstash.") || strings.HasPrefix(d, "upstash_qstash") {
			return true
		}
	}
	return false
}

// qstashFacts records the module's QStash deliveries (File.Deliveries)
// and Receiver.verify calls (File.Verifies).
func (w *walker) qstashFacts() {
	sdk := w.importsQStash()
	for _, n := range w.calls {
		fn := n.ChildByFieldId(fieldFunction)
		if fn == nil || fn.Kind() != "attribute" {
			continue
		}
		method := w.text(fn.ChildByFieldId(fieldAttribute))
		obj := w.dotted(w.unwrap(fn.ChildByFieldId(fieldObject)))
		c := w.clientByVar(obj)
		receiver := c != nil && c.Product == facts.QStashReceiver
		if !sdk && !receiver {
			continue
		}
		pos, kw := w.keywordArgs(n)
		if method == "verify" {
			if _, ok := kw["signature"]; !ok {
				continue
			}
			v := facts.Verify{Call: "Receiver.verify", Known: !hasSplat(n), Pos: w.pos(n)}
			if u := arg(pos, kw, "url", -1); u != nil && w.text(u) != "None" {
				v.URL = true
			}
			w.file.Verifies = append(w.file.Verifies, v)
			continue
		}
		opt, ok := deliveryMethods[method]
		if !ok || method == "create" && !strings.HasSuffix(obj, "schedule") && !strings.HasSuffix(obj, "schedules") {
			continue
		}
		call := method
		if method == "create" {
			call = "schedule.create"
		}
		var targets []*sitter.Node
		if u := arg(pos, kw, opt, -1); u != nil {
			targets = append(targets, u)
		}
		if strings.HasPrefix(method, "batch") && len(pos) > 0 && pos[0].Kind() == "list" {
			for i := uint(0); i < pos[0].NamedChildCount(); i++ {
				if e := pos[0].NamedChild(i); e.Kind() == "call" {
					_, ekw := w.keywordArgs(e)
					if u := arg(nil, ekw, opt, -1); u != nil {
						targets = append(targets, u)
					}
				}
			}
		}
		for _, u := range targets {
			if p, ok := w.urlPath(u); ok {
				w.file.Deliveries = append(w.file.Deliveries, facts.Delivery{Call: call, Path: p, Pos: w.pos(n)})
			}
		}
	}
}

// hasSplat reports whether call n passes *args or **kwargs.
func hasSplat(n *sitter.Node) bool {
	args := n.ChildByFieldId(fieldArguments)
	if args == nil {
		return false
	}
	for i := uint(0); i < args.NamedChildCount(); i++ {
		if k := args.NamedChild(i).Kind(); k == "list_splat" || k == "dictionary_splat" {
			return true
		}
	}
	return false
}

// urlPath reads the path of a URL expression: a string, an f-string (its
// interpolations as holes) or a + concatenation of them.
func (w *walker) urlPath(n *sitter.Node) (string, bool) {
	var b strings.Builder
	known := false
	var walk func(m *sitter.Node, depth int)
	walk = func(m *sitter.Node, depth int) {
		m = w.unwrap(m)
		switch {
		case m == nil || depth > 8:
			b.WriteByte(upstash.Hole)
		case m.Kind() == "binary_operator" && w.text(m.ChildByFieldId(fieldOperator)) == "+":
			walk(m.ChildByFieldId(fieldLeft), depth+1)
			walk(m.ChildByFieldId(fieldRight), depth+1)
		case m.Kind() == "string":
			known = true
			if s, ok := w.stringValue(m); ok {
				b.WriteString(s)
				return
			}
			b.WriteString(strings.ReplaceAll(w.template(m), interpMark, string(upstash.Hole)))
		default:
			b.WriteByte(upstash.Hole)
		}
	}
	walk(n, 0)
	if !known {
		return "", false
	}
	return upstash.URLPath(b.String())
}
