//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
)

// counterLimitPy records a hand-rolled counter at call n (facts.OtherLimit,
// UPSTASH.md §4): `count = r.incr(key)` keyed by something that is not a
// constant, with an expiry set in the same function, and the count
// compared against a threshold in a condition whose branch returns,
// raises or aborts (or the comparison returned). A counter nobody
// compares is statistics, not a limit.
func (w *walker) counterLimitPy(n *sitter.Node, defs []defInfo) {
	fn := n.ChildByFieldName("function")
	if fn == nil || fn.Kind() != "attribute" {
		return
	}
	switch strings.ToLower(w.text(fn.ChildByFieldName("attribute"))) {
	case "incr", "incrby":
	default:
		return
	}
	pos, kw := w.keywordArgs(n)
	key := arg(pos, kw, "key", 0)
	if key == nil || w.constantPy(key) {
		return
	}
	lo, hi := n.StartByte(), n.EndByte()
	for j := len(defs) - 1; j >= 0; j-- {
		if defs[j].start <= lo && hi <= defs[j].end && !defs[j].class {
			lo, hi = defs[j].start, defs[j].end
			break
		}
	}
	expires := false
	for _, c := range w.calls {
		if c.StartByte() < lo || c.EndByte() > hi {
			continue
		}
		if f := c.ChildByFieldName("function"); f != nil && f.Kind() == "attribute" {
			switch strings.ToLower(w.text(f.ChildByFieldName("attribute"))) {
			case "expire", "pexpire", "expireat", "pexpireat":
				expires = true
			}
		}
	}
	if !expires {
		return
	}
	if w.thresholdPy(n, lo, hi, 0) {
		w.file.OtherLimits = append(w.file.OtherLimits, facts.OtherLimit{What: facts.OtherCounter, Pos: w.pos(n)})
	}
}

// constantPy reports whether n is a literal: a string with no
// interpolation, a number.
func (w *walker) constantPy(n *sitter.Node) bool {
	switch n.Kind() {
	case "integer", "float":
		return true
	case "string":
		for i := uint(0); i < n.NamedChildCount(); i++ {
			if n.NamedChild(i).Kind() == "interpolation" {
				return false
			}
		}
		return true
	}
	return false
}

// thresholdPy reports whether the count at n (the call, or a name holding
// it) is compared with a threshold that rejects, within bytes [lo, hi).
func (w *walker) thresholdPy(n *sitter.Node, lo, hi uint, depth int) bool {
	compared := false
	for i := 0; i < 16; i++ {
		p := n.Parent()
		if p == nil {
			return false
		}
		switch p.Kind() {
		case "await", "parenthesized_expression", "not_operator", "boolean_operator":
			n = p
			continue
		case "comparison_operator":
			op := ""
			for c := uint(0); c < p.ChildCount(); c++ {
				if t := p.Child(c); !t.IsNamed() {
					op = w.text(t)
				}
			}
			switch op {
			case ">", ">=", "<", "<=":
				compared = true
			default:
				return false
			}
			n = p
			continue
		case "if_statement", "elif_clause", "while_statement":
			if !compared || !sameNode(p.ChildByFieldName("condition"), n) {
				return false
			}
			body := p.ChildByFieldName("consequence")
			if body == nil {
				return false
			}
			t := w.text(body)
			return strings.Contains(t, "return") || strings.Contains(t, "raise") || strings.Contains(t, "abort(")
		case "return_statement":
			return compared
		case "assignment":
			l := p.ChildByFieldName("left")
			if compared || depth > 1 || l == nil || l.Kind() != "identifier" || !sameNode(w.unwrap(p.ChildByFieldName("right")), w.unwrap(n)) && !sameNode(p.ChildByFieldName("right"), n) {
				return false
			}
			name := w.text(l)
			for _, id := range w.idents {
				if s := id.StartByte(); s > p.EndByte() && s >= lo && s < hi && w.text(id) == name && w.thresholdPy(id, lo, hi, depth+1) {
					return true
				}
			}
			return false
		}
		return false
	}
	return false
}
