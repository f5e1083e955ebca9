package secrets

import "slices"

// gitleaks runs a rule on a fragment only when one of the rule's keywords
// occurs in strings.ToLower(fragment) (detect.DetectContext, v8.30.1), and
// it finds that out by lowering a copy of the fragment and walking an
// Aho-Corasick automaton over it: most of the credential rules' CPU on a
// tree. The prefilter answers the same question for every fragment of a
// file in one pass over the file's bytes, without a copy, so that gitleaks
// only sees the fragments where some rule of its detector can run, and
// returns exactly what it returned before.
//
// The pass folds ASCII letters. strings.ToLower also turns two non-ASCII
// runes into ASCII letters (U+0130 'İ' → "i", U+212A KELVIN SIGN → "k");
// a fragment holding one of them is given every rule, as if each keyword
// occurred in it.

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
	// bits has the bit hash3(c0 c1 c2) set for the first three bytes of
	// every word (every third byte after a two-byte word): the test at
	// each offset.
	bits   [1 << 16 / 64]uint64
	pairs  [1 << 16]uint16 // the first two lower-case bytes of a word → 1 + index in groups
	groups [][]word
}

// word is one literal the prefilter looks for and the patterns it enables.
type word struct {
	text    string // lower case, at least two bytes
	mask    ruleMask
	mention bool // one of upstash.MentionWords
}

// newPrefilter builds a prefilter for the keywords (lower case, at least
// two bytes each; keywords[w] is the mask a match of w adds to its
// fragment) and the mention words. The fold runes are added with allRules.
func newPrefilter(keywords map[string]ruleMask, mentions []string) *prefilter {
	p := &prefilter{}
	for c := range 256 {
		p.lower[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			p.lower[c] = byte(c) + 'a' - 'A'
		}
	}
	all := map[string]ruleMask{}
	for w, m := range keywords {
		all[w] |= m
	}
	for _, w := range mentions {
		all[w] |= 0
	}
	for _, r := range foldRunes {
		all[string(r)] = allRules
	}
	// Sorted for a deterministic layout (the result does not depend on it).
	keys := make([]string, 0, len(all))
	for w := range all {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	for _, w := range keys {
		if len(w) < 2 || w != asciiLower(w) {
			panic("secrets: prefilter word must be lower case and at least two bytes: " + w)
		}
		k := uint16(w[0])<<8 | uint16(w[1])
		if p.pairs[k] == 0 {
			p.groups = append(p.groups, nil)
			p.pairs[k] = uint16(len(p.groups))
		}
		g := p.pairs[k] - 1
		p.groups[g] = append(p.groups[g], word{text: w, mask: all[w], mention: slices.Contains(mentions, w)})
		for c := range 256 {
			if len(w) > 2 {
				c = int(w[2])
			}
			h := hash3(uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(c))
			p.bits[h>>6] |= 1 << (h & 63)
			if len(w) > 2 {
				break
			}
		}
	}
	return p
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
	// Each offset's three bytes, folded with |0x20 (which keeps every
	// spelling of a word's start on one value), are hashed into bits; a
	// set bit is a candidate, checked exactly by at.
	w := uint32(s[0])<<8 | uint32(s[1])
	for j := 2; j < len(s); j++ {
		w = w<<8 | uint32(s[j])
		if h := hash3(w); p.bits[h>>6]&(1<<(h&63)) != 0 {
			p.at(s, j-2, &m)
		}
	}
	p.at(s, len(s)-2, &m) // a two-byte word at the very end
	return m.masks, m.mention
}

// hash3 hashes the low three bytes of w, ASCII letters folded.
func hash3(w uint32) uint32 {
	f := (w | 0x202020) & 0xffffff
	return (f ^ f>>9) & 0xffff
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
		if !p.matchAt(s, i, w.text) {
			continue
		}
		if w.mention && m.mention < 0 {
			m.mention = i
		}
		for m.lo < len(m.frags) && m.frags[m.lo].end <= i {
			m.lo++
		}
		for j := m.lo; j < len(m.frags) && m.frags[j].start <= i; j++ {
			if i+len(w.text) <= m.frags[j].end {
				m.masks[j] |= w.mask
			}
		}
	}
}

// matchAt reports whether w (lower case) occurs at s[i:], ASCII letters
// compared case-insensitively; the first two bytes are known to match.
func (p *prefilter) matchAt(s string, i int, w string) bool {
	if i+len(w) > len(s) {
		return false
	}
	for k := 2; k < len(w); k++ {
		if p.lower[s[i+k]] != w[k] {
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
