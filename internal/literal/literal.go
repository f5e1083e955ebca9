// Package literal finds a fixed set of literal strings in text, fast: the
// scan's code keyword prefilter, analyzers/slice and the credential rules'
// prefilter (analyzers/secrets) run it over every file. Each literal of
// four bytes or more is anchored on four of its bytes, those that the
// fewest other literals share (so that `from flask import` is found by
// "flas", not by "from" or "port", which every import line has); a table
// of one bit per hash of an anchor (8 KiB) is tested at every offset, and
// only where a bit is set are the literals compared. Shorter literals are
// anchored on their first two bytes the same way. A literal is compared
// byte for byte, or with its ASCII letters in either case (Lit.Fold).
package literal

import "unsafe"

// Lit is a literal to find.
type Lit struct {
	Text string
	// Fold compares the ASCII letters of Text in either case.
	Fold bool
}

// Set is a set of literals to find. It is safe for concurrent use.
type Set struct {
	lits    []Lit
	anchors []uint32 // the four anchor bytes of each literal of four or more, folded (fold4)
	offsets []int    // where they are in the literal
	masks   []uint32 // the bytes of the anchor a literal has (three-byte literals: the first three)
	short3  []int32  // the three-byte literals, checked apart at the end of a text
	// long has bit hash(fold4(w)) set when a literal of four bytes or
	// more has the anchor w; byHash lists them by that hash.
	long   [1 << 16 / 64]uint64
	byHash index
	// short has bit fold2(b0 | b1<<8) set when a literal of two bytes is
	// b0 b1; byPair lists them.
	short    [1 << 16 / 64]uint64
	byPair   index
	hasShort bool
	// single lists the literals of one byte, by that byte (both cases of
	// a letter when folded).
	single    [256][]int32
	hasSingle bool
}

// index lists literal numbers by a 16-bit key.
type index struct {
	start []uint32
	list  []int32
}

// newIndex builds the index of keyed, literal numbers (in order) with
// their keys.
func newIndex(keyed []keyedLit) index {
	x := index{start: make([]uint32, 1<<16+1)}
	for _, kl := range keyed {
		x.start[kl.key+1]++
	}
	for k := 0; k < 1<<16; k++ {
		x.start[k+1] += x.start[k]
	}
	x.list = make([]int32, len(keyed))
	next := append([]uint32(nil), x.start[:1<<16]...)
	for _, kl := range keyed {
		x.list[next[kl.key]] = kl.lit
		next[kl.key]++
	}
	return x
}

type keyedLit struct {
	lit int32
	key uint32
}

func (x index) of(k uint32) []int32 { return x.list[x.start[k]:x.start[k+1]] }

// New builds the set of lits, compared byte for byte. Empty literals are
// ignored.
func New(lits []string) *Set {
	ls := make([]Lit, len(lits))
	for i, l := range lits {
		ls[i] = Lit{Text: l}
	}
	return NewSet(ls)
}

// NewSet builds the set of lits. Empty literals are ignored.
func NewSet(lits []Lit) *Set {
	s := &Set{}
	var longKeys, shortKeys []keyedLit
	shared := map[string]int{} // literals that hold each (folded) four-byte window
	for _, l := range lits {
		seen := map[string]bool{}
		t := lower(l.Text)
		for j := 0; j+4 <= len(t); j++ {
			if w := t[j : j+4]; !seen[w] {
				seen[w] = true
				shared[w]++
			}
		}
	}
	for _, l := range lits {
		t := l.Text
		if t == "" {
			continue
		}
		i := int32(len(s.lits))
		s.lits = append(s.lits, l)
		s.anchors, s.offsets, s.masks = append(s.anchors, 0), append(s.offsets, 0), append(s.masks, 0)
		switch {
		case len(t) == 1:
			s.hasSingle = true
			c := t[0]
			s.single[c] = append(s.single[c], i)
			if lc := c | 0x20; l.Fold && lc >= 'a' && lc <= 'z' {
				s.single[c^0x20] = append(s.single[c^0x20], i)
			}
		case len(t) == 3:
			// Anchored on its three bytes and whatever byte follows: one
			// bit for each of the 256 (the last bytes of a text are
			// checked apart, in the tail).
			a := fold4(uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16)
			s.anchors[i], s.masks[i] = a&0x00ffffff, 0x00ffffff
			seen := map[uint32]bool{}
			for c := range 256 {
				k := hash(fold4(a&0x00ffffff | uint32(c)<<24))
				if !seen[k] {
					seen[k] = true
					s.long[k>>6] |= 1 << (k & 63)
					longKeys = append(longKeys, keyedLit{i, k})
				}
			}
			s.short3 = append(s.short3, i)
		case len(t) == 2:
			k := fold2(pair(t[0], t[1]))
			s.short[k>>6] |= 1 << (k & 63)
			shortKeys = append(shortKeys, keyedLit{i, k})
			s.hasShort = true
		default:
			lt := lower(t)
			best := len(t) - 4
			for j := best - 1; j >= 0; j-- {
				if shared[lt[j:j+4]] < shared[lt[best:best+4]] {
					best = j
				}
			}
			w := fold4(word(t[best:]))
			s.anchors[i], s.offsets[i], s.masks[i] = w, best, 0xffffffff
			k := hash(w)
			s.long[k>>6] |= 1 << (k & 63)
			longKeys = append(longKeys, keyedLit{i, k})
		}
	}
	s.byHash, s.byPair = newIndex(longKeys), newIndex(shortKeys)
	return s
}

// lower lower-cases the ASCII letters of t.
func lower(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func pair(a, b byte) uint32 { return uint32(a) | uint32(b)<<8 }

func word(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// fold4 and fold2 set bit 5 of every byte: the two cases of an ASCII
// letter become one value (and some other bytes share a value, which only
// makes a candidate more).
func fold4(w uint32) uint32 { return w | 0x20202020 }
func fold2(p uint32) uint32 { return p | 0x2020 }

func hash(w uint32) uint32 { return (w ^ w>>15 ^ w>>23) & 0xffff }

// Literal returns literal i of the set, as Each numbers them: the
// non-empty literals New or NewSet was given, in order.
func (s *Set) Literal(i int) Lit { return s.lits[i] }

// Len returns the number of literals in the set.
func (s *Set) Len() int { return len(s.lits) }

// Contains reports whether b contains any literal of the set.
func (s *Set) Contains(b []byte) bool {
	found := false
	each(s, b, func(int, int) bool { found = true; return false })
	return found
}

// Each calls fn with the offset and the index of every occurrence of a
// literal in b, overlapping ones included, in about the order of their
// offsets (a literal is found where its anchor is), until fn returns
// false.
func (s *Set) Each(b []byte, fn func(pos, lit int) bool) { each(s, b, fn) }

// EachString is Each for a string.
func (s *Set) EachString(str string, fn func(pos, lit int) bool) {
	// The bytes are only read: no copy of a large text is needed.
	each(s, unsafe.Slice(unsafe.StringData(str), len(str)), fn)
}

func each(s *Set, b []byte, fn func(pos, lit int) bool) {
	if s.hasSingle {
		for i := 0; i < len(b); i++ {
			for _, l := range s.single[b[i]] {
				if !fn(i, int(l)) {
					return
				}
			}
		}
	}
	n := len(b)
	i := 0
	if n >= 4 {
		// w is b[i:i+4] as a little-endian word, rolled one byte on.
		w := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		for {
			f := fold4(w)
			if k := hash(f); s.long[k>>6]&(1<<(k&63)) != 0 && !longAt(s, b, i, f, fn) {
				return
			}
			if s.hasShort {
				if k := f & 0xffff; s.short[k>>6]&(1<<(k&63)) != 0 && !shortAt(s, b, i, k, fn) {
					return
				}
			}
			if i+4 >= n {
				break
			}
			w = w>>8 | uint32(b[i+4])<<24
			i++
		}
		i++
	}
	if n >= 3 {
		for _, l := range s.short3 { // at the very end: no fourth byte to hash
			if at(s, b, n-3, l) && !fn(n-3, int(l)) {
				return
			}
		}
	}
	for ; i+2 <= n && s.hasShort; i++ {
		if k := fold2(pair(b[i], b[i+1])); s.short[k>>6]&(1<<(k&63)) != 0 && !shortAt(s, b, i, k, fn) {
			return
		}
	}
}

// longAt compares the literals anchored on the (folded) four bytes w at
// offset i; it returns false when fn asks to stop.
func longAt(s *Set, b []byte, i int, w uint32, fn func(pos, lit int) bool) bool {
	for _, l := range s.byHash.of(hash(w)) {
		start := i - s.offsets[l]
		if s.anchors[l] == w&s.masks[l] && start >= 0 && at(s, b, start, l) && !fn(start, int(l)) {
			return false
		}
	}
	return true
}

// shortAt compares the literals of two or three bytes that start with the
// (folded) pair k at offset i; it returns false when fn asks to stop.
func shortAt(s *Set, b []byte, i int, k uint32, fn func(pos, lit int) bool) bool {
	for _, l := range s.byPair.of(k) {
		if at(s, b, i, l) && !fn(i, int(l)) {
			return false
		}
	}
	return true
}

// at reports whether literal l of s occurs at b[i:].
func at(s *Set, b []byte, i int, l int32) bool {
	t := s.lits[l].Text
	if i+len(t) > len(b) {
		return false
	}
	fold := s.lits[l].Fold
	for k := 0; k < len(t); k++ {
		c, d := b[i+k], t[k]
		if c == d {
			continue
		}
		if lc := c | 0x20; !fold || lc != d|0x20 || lc < 'a' || lc > 'z' {
			return false
		}
	}
	return true
}
