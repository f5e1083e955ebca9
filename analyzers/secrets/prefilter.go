package secrets

import (
	"cmp"
	"slices"
	"strings"
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

// prefilter finds keywords, compared ASCII-case-insensitively, in text.
type prefilter struct {
	lower [256]byte // ASCII letters folded to lower case, other bytes as they are
	// bits has the bit hash4(c0 c1 c2 c3) set for the first four bytes of
	// every word (any fourth byte after a three-byte word): the test at
	// each offset.
	bits   [1 << 16 / 64]uint64
	pairs  [1 << 16]uint16 // the first two lower-case bytes of a word → 1 + index in groups
	groups [][]word
}

// term is a string the prefilter looks for: at least two bytes, lower
// case unless exact.
type term struct {
	text  string
	exact bool // compared byte for byte, not ASCII-case-insensitively
}

// word is one term and what a match of it means.
type word struct {
	term
	mask    ruleMask // the patterns it enables in its fragment
	mention bool     // one of upstash.MentionWords
}

// newPrefilter builds a prefilter for the terms (terms[t] is the mask a
// match of t adds to its fragment) and the mention words (lower case).
// masks finds the fold runes itself.
func newPrefilter(terms map[term]ruleMask, mentions []string) *prefilter {
	p := &prefilter{}
	for c := range 256 {
		p.lower[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			p.lower[c] = byte(c) + 'a' - 'A'
		}
	}
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
	for _, t := range keys {
		if len(t.text) < 3 || !t.exact && t.text != asciiLower(t.text) {
			panic("secrets: a prefilter word must be at least three bytes, and lower case unless exact: " + t.text)
		}
		w := asciiLower(t.text)
		k := uint16(w[0])<<8 | uint16(w[1])
		if p.pairs[k] == 0 {
			p.groups = append(p.groups, nil)
			p.pairs[k] = uint16(len(p.groups))
		}
		g := p.pairs[k] - 1
		p.groups[g] = append(p.groups[g], word{term: t, mask: all[t], mention: !t.exact && slices.Contains(mentions, t.text)})
		for c := range 256 {
			if len(w) > 3 {
				c = int(w[3])
			}
			h := hash4(uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(c))
			p.bits[h>>6] |= 1 << (h & 63)
			if len(w) > 3 {
				break
			}
		}
	}
	return p
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// asciiLower lower-cases the ASCII letters of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
	if len(s) < 2 {
		return m.masks, m.mention
	}
	// Each offset's four bytes, folded with |0x20 (which keeps every
	// spelling of a word's start on one value), are hashed into bits; a
	// set bit is a candidate, checked exactly by at.
	if len(s) >= 4 {
		w := uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2])
		for j := 3; j < len(s); j++ {
			w = w<<8 | uint32(s[j])
			if h := hash4(w); p.bits[h>>6]&(1<<(h&63)) != 0 {
				p.at(s, j-3, &m)
			}
		}
	}
	if len(s) >= 3 {
		p.at(s, len(s)-3, &m) // a three-byte word at the very end
	}
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

// hash4 hashes the four bytes of w, ASCII letters folded, into 16 bits.
func hash4(w uint32) uint32 {
	f := w | 0x20202020
	return (f ^ f>>15 ^ f>>23) & 0xffff
}

// matches is the state of one masks call.
type matches struct {
	frags   []span
	masks   []ruleMask
	mention int
	lo      int // first fragment that ends after the last match's offset
}

// at records the words that occur at s[i:].
func (p *prefilter) at(s string, i int, m *matches) {
	g := p.pairs[uint16(p.lower[s[i]])<<8|uint16(p.lower[s[i+1]])]
	if g == 0 {
		return
	}
	for _, w := range p.groups[g-1] {
		if !p.matchAt(s, i, w.term) {
			continue
		}
		if w.mention && m.mention < 0 {
			m.mention = i
		}
		m.add(i, len(w.text), w.mask)
	}
}

// add records a match of n bytes at i in the fragments that hold it whole.
func (m *matches) add(i, n int, mask ruleMask) {
	for m.lo < len(m.frags) && m.frags[m.lo].end <= i {
		m.lo++
	}
	for j := m.lo; j < len(m.frags) && m.frags[j].start <= i; j++ {
		if i+n <= m.frags[j].end {
			m.masks[j] |= mask
		}
	}
}

// matchAt reports whether t occurs at s[i:]; the first two bytes are known
// to match ASCII-case-insensitively.
func (p *prefilter) matchAt(s string, i int, t term) bool {
	if i+len(t.text) > len(s) {
		return false
	}
	if t.exact {
		return s[i:i+len(t.text)] == t.text
	}
	for k := 2; k < len(t.text); k++ {
		if p.lower[s[i+k]] != t.text[k] {
			return false
		}
	}
	return true
}

// chunksOf returns the fragments forEachChunk visits, in order.
func chunksOf(s string, out []span) []span {
	out = out[:0]
	forEachChunk(s, func(start, end int) { out = append(out, span{start, end}) })
	return out
}
