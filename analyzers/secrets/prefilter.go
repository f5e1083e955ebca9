package secrets

import (
	"cmp"
	"slices"
	"strings"

	"github.com/upscan/upscan/internal/literal"
)

// gitleaks runs a rule on a fragment only when one of the rule's keywords
// occurs in strings.ToLower(fragment) (detect.DetectContext, v8.30.1), and
// it finds that out by lowering a copy of the fragment and walking an
// Aho-Corasick automaton over it: most of the credential rules' CPU on a
// tree. The prefilter finds, for every fragment of a file in one pass over
// the file's bytes and without a copy, the patterns that can match in it:
// those with a keyword in it (compared as gitleaks does), or, for a pattern
// with literals (patternSpec.literals), with one of the case-sensitive
// literals every match of its regex contains. gitleaks then only sees the
// fragments where some pattern of its detector can match, and returns
// exactly what it returned before.
//
// The pass folds ASCII letters. strings.ToLower also turns two non-ASCII
// runes into ASCII letters (U+0130 'İ' → "i", U+212A KELVIN SIGN → "k");
// a fragment holding one of them is given every pattern, as if each
// keyword occurred in it.

// ruleMask is a set of patterns, one bit per pattern (pattern.bit).
type ruleMask uint64

// allRules is the mask of a fragment whose lowering the pass cannot
// predict (foldRunes).
const allRules = ^ruleMask(0)

// foldRunes are the non-ASCII runes strings.ToLower maps to ASCII letters.
var foldRunes = []rune{'\u0130', '\u212A'}

// prefilter finds keywords, compared ASCII-case-insensitively, and exact
// literals in text (internal/literal).
type prefilter struct {
	set   *literal.Set
	words []word // by the set's literal index
}

// term is a string the prefilter looks for: at least two bytes, lower
// case unless exact.
type term struct {
	text  string
	exact bool // compared byte for byte, not ASCII-case-insensitively
}

// word is what a match of a term means.
type word struct {
	n       int      // its length
	mask    ruleMask // the patterns it enables in its fragment
	mention bool     // one of upstash.MentionWords
}

// newPrefilter builds a prefilter for the terms (terms[t] is the mask a
// match of t adds to its fragment) and the mention words (lower case).
// masks finds the fold runes itself.
func newPrefilter(terms map[term]ruleMask, mentions []string) *prefilter {
	all := map[term]ruleMask{}
	for t, m := range terms {
		all[t] |= m
	}
	for _, w := range mentions {
		all[term{text: w}] |= 0
	}
	// Sorted for a deterministic layout (the result does not depend on it).
	keys := make([]term, 0, len(all))
	for t := range all {
		keys = append(keys, t)
	}
	slices.SortFunc(keys, func(a, b term) int {
		if a.text != b.text {
			return strings.Compare(a.text, b.text)
		}
		return cmp.Compare(b2i(a.exact), b2i(b.exact))
	})
	p := &prefilter{}
	lits := make([]literal.Lit, 0, len(keys))
	for _, t := range keys {
		if len(t.text) < 3 || !t.exact && t.text != strings.ToLower(t.text) {
			panic("secrets: a prefilter word must be at least three bytes, and lower case unless exact: " + t.text)
		}
		lits = append(lits, literal.Lit{Text: t.text, Fold: !t.exact})
		p.words = append(p.words, word{n: len(t.text), mask: all[t], mention: !t.exact && slices.Contains(mentions, t.text)})
	}
	p.set = literal.NewSet(lits)
	return p
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// span is a fragment [start, end) of a file's text.
type span struct{ start, end int }

// masks returns, for each fragment of s (sorted by start, and so by end,
// as chunksOf makes them), the patterns whose keywords occur whole inside
// it, and the offset of the first match of a mention word in s, or -1.
func (p *prefilter) masks(s string, frags []span, out []ruleMask) (masks []ruleMask, mention int) {
	m := matches{frags: frags, masks: out[:0], mention: -1}
	for range frags {
		m.masks = append(m.masks, 0)
	}
	p.set.EachString(s, func(i, lit int) bool {
		w := p.words[lit]
		if w.mention && (m.mention < 0 || i < m.mention) {
			m.mention = i
		}
		m.add(i, w.n, w.mask)
		return true
	})
	// The fold runes are rare, and their first bytes easy to skip to.
	for _, r := range foldRunes {
		m.lo = 0
		for i := 0; ; i++ {
			k := strings.Index(s[i:], string(r))
			if k < 0 {
				break
			}
			i += k
			m.add(i, len(string(r)), allRules)
		}
	}
	return m.masks, m.mention
}

// matches is the state of one masks call.
type matches struct {
	frags   []span
	masks   []ruleMask
	mention int
	lo      int // the first fragment that ends after the last match's offset
}

// add records a match of n bytes at i in the fragments that hold it whole.
// Matches come in about the order of their offsets: lo moves a little.
func (m *matches) add(i, n int, mask ruleMask) {
	for m.lo > 0 && m.frags[m.lo-1].end > i {
		m.lo--
	}
	for m.lo < len(m.frags) && m.frags[m.lo].end <= i {
		m.lo++
	}
	for j := m.lo; j < len(m.frags) && m.frags[j].start <= i; j++ {
		if i+n <= m.frags[j].end {
			m.masks[j] |= mask
		}
	}
}

// chunksOf returns the fragments forEachChunk visits, in order.
func chunksOf(s string, out []span) []span {
	out = out[:0]
	forEachChunk(s, func(start, end int) { out = append(out, span{start, end}) })
	return out
}
