// Package literal finds a fixed set of literal strings in bytes, fast: the
// scan's code keyword prefilter and analyzers/slice run it over every
// JavaScript, TypeScript and Python file. Each literal of four bytes or
// more is anchored on four of its bytes, those that the fewest other
// literals share (so that `from flask import` is found by "flas", not by
// "from" or "port", which every import line has); a table of one bit per
// hash of an anchor (8 KiB) is tested at every offset, and only where a
// bit is set are the literals compared. Shorter literals are anchored on
// their first two bytes the same way.
package literal

import (
	"bytes"
	"encoding/binary"
)

// Set is a set of literals to find. It is safe for concurrent use.
type Set struct {
	lits    [][]byte
	anchors []uint32 // the four anchor bytes of each literal of four or more
	offsets []int    // where they are in the literal
	// long has bit hash(w) set when a literal of four bytes or more ends
	// with the four bytes w; byHash lists them by that hash.
	long   [1 << 16 / 64]uint64
	byHash index
	// short has bit (b0 | b1<<8) set when a literal of two or three bytes
	// starts with b0 b1; byPair lists them.
	short    [1 << 16 / 64]uint64
	byPair   index
	hasShort bool
	// single lists the literals of one byte, by that byte.
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

// New builds the set. Empty literals are ignored.
func New(lits []string) *Set {
	s := &Set{}
	var longKeys, shortKeys []keyedLit
	shared := map[string]int{} // literals that hold each four-byte window
	for _, l := range lits {
		seen := map[string]bool{}
		for j := 0; j+4 <= len(l); j++ {
			if w := l[j : j+4]; !seen[w] {
				seen[w] = true
				shared[w]++
			}
		}
	}
	for _, l := range lits {
		if l == "" {
			continue
		}
		i := int32(len(s.lits))
		s.lits = append(s.lits, []byte(l))
		s.anchors, s.offsets = append(s.anchors, 0), append(s.offsets, 0)
		switch {
		case len(l) == 1:
			s.single[l[0]] = append(s.single[l[0]], i)
			s.hasSingle = true
		case len(l) < 4:
			k := pair(l[0], l[1])
			s.short[k>>6] |= 1 << (k & 63)
			shortKeys = append(shortKeys, keyedLit{i, k})
			s.hasShort = true
		default:
			best := len(l) - 4
			for j := best - 1; j >= 0; j-- {
				if shared[l[j:j+4]] < shared[l[best:best+4]] {
					best = j
				}
			}
			w := word(l[best:])
			s.anchors[i], s.offsets[i] = w, best
			k := hash(w)
			s.long[k>>6] |= 1 << (k & 63)
			longKeys = append(longKeys, keyedLit{i, k})
		}
	}
	s.byHash, s.byPair = newIndex(longKeys), newIndex(shortKeys)
	return s
}

func pair(a, b byte) uint32 { return uint32(a) | uint32(b)<<8 }

func word(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func hash(w uint32) uint32 { return (w * 0x9E3779B1) >> 16 }

// Literal returns literal i of the set, as Each numbers them: the
// non-empty literals New was given, in order.
func (s *Set) Literal(i int) string { return string(s.lits[i]) }

// Len returns the number of literals in the set.
func (s *Set) Len() int { return len(s.lits) }

// Contains reports whether b contains any literal of the set.
func (s *Set) Contains(b []byte) bool {
	found := false
	s.each(b, func(int, int) bool { found = true; return false })
	return found
}

// Each calls fn with the offset and the index of every occurrence of a
// literal in b, overlapping ones included, in no particular order.
func (s *Set) Each(b []byte, fn func(pos, lit int)) {
	s.each(b, func(pos, lit int) bool { fn(pos, lit); return true })
}

func (s *Set) each(b []byte, fn func(pos, lit int) bool) {
	if s.hasSingle {
		for i, c := range b {
			for _, l := range s.single[c] {
				if !fn(i, int(l)) {
					return
				}
			}
		}
	}
	n := len(b)
	i := 0
	for ; i+4 <= n; i++ {
		w := binary.LittleEndian.Uint32(b[i:])
		if k := hash(w); s.long[k>>6]&(1<<(k&63)) != 0 && !s.longAt(b, i, w, fn) {
			return
		}
		if k := w & 0xffff; s.hasShort && s.short[k>>6]&(1<<(k&63)) != 0 && !s.shortAt(b, i, k, fn) {
			return
		}
	}
	for ; i+2 <= n && s.hasShort; i++ {
		if k := pair(b[i], b[i+1]); s.short[k>>6]&(1<<(k&63)) != 0 && !s.shortAt(b, i, k, fn) {
			return
		}
	}
}

// longAt compares the literals anchored on the four bytes w at offset i;
// it returns false when fn asks to stop.
func (s *Set) longAt(b []byte, i int, w uint32, fn func(pos, lit int) bool) bool {
	for _, l := range s.byHash.of(hash(w)) {
		start := i - s.offsets[l]
		if s.anchors[l] == w && start >= 0 && bytes.HasPrefix(b[start:], s.lits[l]) && !fn(start, int(l)) {
			return false
		}
	}
	return true
}

// shortAt compares the literals of two or three bytes that start with the
// pair k at offset i; it returns false when fn asks to stop.
func (s *Set) shortAt(b []byte, i int, k uint32, fn func(pos, lit int) bool) bool {
	for _, l := range s.byPair.of(k) {
		if bytes.HasPrefix(b[i:], s.lits[l]) && !fn(i, int(l)) {
			return false
		}
	}
	return true
}
