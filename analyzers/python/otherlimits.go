//go:build cgo

package python

import (
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// counterLimitPy records a hand-rolled counter at call n (facts.OtherLimit,
// UPSTASH.md §4): `count = r.incr(key)` keyed by something that is not a
// constant, with an expiry set in the same function, and the count
// compared against a threshold in a condition whose branch returns,
// raises or aborts (or the comparison returned). A counter nobody
// compares is statistics, not a limit.
func (w *walker) counterLimitPy(n *sitter.Node, defs []defInfo) {
	fn := n.ChildByFieldId(fieldFunction)
	if fn == nil || fn.Kind() != "attribute" {
		return
	}
	switch strings.ToLower(w.text(fn.ChildByFieldId(fieldAttribute))) {
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
		if f := c.ChildByFieldId(fieldFunction); f != nil && f.Kind() == "attribute" {
			switch strings.ToLower(w.text(f.ChildByFieldId(fieldAttribute))) {
			case "expire", "pexpire", "expireat", "pexpireat":
				expires = true
			}
		}
	}
	if !expires {
		return
	}
	if w.thresholdPy(n, lo, hi, 0) || w.readCountComparedPy(key, lo, hi) {
		w.file.OtherLimits = append(w.file.OtherLimits, facts.OtherLimit{What: facts.OtherCounter, Pos: w.pos(n)})
	}
}

// readCountComparedPy reports whether, in bytes [lo, hi), the count under
// key is read with `get(key)` and compared against a threshold that
// rejects: check, then count (`count = int(r.get(key) or 0); if count >= 5:
// raise …; r.incr(key)`).
func (w *walker) readCountComparedPy(key *sitter.Node, lo, hi uint) bool {
	want := w.text(key)
	for _, c := range w.calls {
		if c.StartByte() < lo || c.EndByte() > hi {
			continue
		}
		f := c.ChildByFieldId(fieldFunction)
		if f == nil || f.Kind() != "attribute" || !strings.EqualFold(w.text(f.ChildByFieldId(fieldAttribute)), "get") {
			continue
		}
		pos, kw := w.keywordArgs(c)
		if k := arg(pos, kw, "key", 0); k == nil || w.text(k) != want || len(pos) != 1 {
			continue
		}
		// int(r.get(key) or 0): the read is wrapped before it is bound.
		n := c
		for p := n.Parent(); p != nil && (p.Kind() == "boolean_operator" || p.Kind() == "parenthesized_expression" ||
			p.Kind() == "argument_list" || p.Kind() == "call" && n.Kind() == "argument_list"); p = n.Parent() {
			n = p
		}
		if w.thresholdPy(n, lo, hi, 0) {
			return true
		}
	}
	return false
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
			if !compared || !sameNode(p.ChildByFieldId(fieldCondition), n) {
				return false
			}
			body := p.ChildByFieldId(fieldConsequence)
			if body == nil {
				return false
			}
			t := w.text(body)
			return strings.Contains(t, "return") || strings.Contains(t, "raise") || strings.Contains(t, "abort(")
		case "return_statement":
			return compared
		case "assignment":
			l := p.ChildByFieldId(fieldLeft)
			if compared || depth > 1 || l == nil || l.Kind() != "identifier" || !sameNode(w.unwrap(p.ChildByFieldId(fieldRight)), w.unwrap(n)) && !sameNode(p.ChildByFieldId(fieldRight), n) {
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

// libraryLimitPy records the construction at call n of a rate limiter of
// another library that keeps its counters in process memory unless given
// a shared store (upstash.Limiters with a Store option: slowapi's and
// Flask-Limiter's `Limiter(…)`, storage_uri): Memory is true when no
// storage_uri is passed, or a memory:// one, and the module does not set
// RATELIMIT_STORAGE_URI/URL itself.
func (w *walker) libraryLimitPy(n *sitter.Node) {
	fn := n.ChildByFieldId(fieldFunction)
	if fn == nil {
		return
	}
	target := w.imports[w.dotted(fn)]
	if !strings.HasSuffix(target, ".Limiter") {
		return
	}
	top, _, _ := strings.Cut(target, ".")
	l, ok := upstash.OtherLimiterOf(top)
	if !ok || l.Lang != upstash.Python || l.Store == "" {
		return
	}
	pos, kw := w.keywordArgs(n)
	memory := !strings.Contains(string(w.src), "RATELIMIT_STORAGE_UR")
	if s := arg(pos, kw, l.Store, -1); s != nil {
		v, lit := w.literal(s)
		memory = memory && lit && strings.HasPrefix(v, "memory://")
	}
	w.file.OtherLimits = append(w.file.OtherLimits, facts.OtherLimit{What: l.Module, Pos: w.pos(n), Memory: memory})
}
