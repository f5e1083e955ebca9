package literal

import (
	"cmp"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	ahocorasick "github.com/BobuSumisu/aho-corasick"

	"github.com/upscan/upscan/upstash"
)

type hit struct{ pos, lit int }

// sorted orders hits by offset, then literal (Each gives the literals at
// one offset in no particular order).
func sorted(h []hit) []hit {
	slices.SortFunc(h, func(a, b hit) int { return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.lit, b.lit)) })
	return h
}

// naive finds every occurrence of every literal by comparing at every
// offset (folded literals with strings.EqualFold, which the test inputs
// keep to ASCII).
func naive(lits []Lit, b []byte) []hit {
	var out []hit
	for i := range b {
		for j, l := range lits {
			if len(l.Text) > len(b)-i {
				continue
			}
			if l.Fold && asciiEqualFold(string(b[i:i+len(l.Text)]), l.Text) || !l.Fold && strings.HasPrefix(string(b[i:]), l.Text) {
				out = append(out, hit{i, j})
			}
		}
	}
	return out
}

func asciiEqualFold(a, b string) bool {
	for k := range len(a) {
		c, d := a[k], b[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if d >= 'A' && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// lits reads a test list: "~" before a literal folds it; empty ones are
// dropped (the Set ignores them).
func lits(list []string) (all, kept []Lit) {
	for _, l := range list {
		x := Lit{Text: strings.TrimPrefix(l, "~"), Fold: strings.HasPrefix(l, "~")}
		all = append(all, x)
		if x.Text != "" {
			kept = append(kept, x)
		}
	}
	return all, kept
}

func TestEachMatchesNaive(t *testing.T) {
	all, kept := lits([]string{"redis", "re", "@upstash/redis", "x", "upstash", "\"h3\"", "from flask import", "", "ee", "~bearer", "~q", "~Ab"})
	for _, src := range []string{
		"", "r", "re", "import { Redis } from \"@upstash/redis\"; const r = redis;",
		"xx eee from flask import x", "\"h3\" and h3 and upstashupstash", "BEARER Bearer q Q aB`b",
	} {
		s := NewSet(all)
		var got []hit
		s.Each([]byte(src), func(pos, lit int) bool { got = append(got, hit{pos, lit}); return true })
		want := naive(kept, []byte(src))
		got = sorted(got)
		if len(got) != len(want) {
			t.Fatalf("%q: got %v, want %v", src, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: got %v, want %v", src, got, want)
			}
		}
		if s.Contains([]byte(src)) != (len(want) > 0) {
			t.Errorf("%q: Contains disagrees with Each", src)
		}
	}
}

// FuzzSet compares Each with a naive search on random literals and input.
func FuzzSet(f *testing.F) {
	f.Add([]byte("import redis\nfrom upstash_redis import Redis"), "redis,Redis,from upstash")
	f.Add([]byte("Authorization: BEARER x; bearer y"), "~bearer,~B,-u ")
	f.Fuzz(func(t *testing.T, src []byte, list string) {
		all, kept := lits(strings.Split(list, ","))
		var got []hit
		NewSet(all).Each(src, func(pos, lit int) bool { got = append(got, hit{pos, lit}); return true })
		want := naive(kept, src)
		got = sorted(got)
		if len(got) != len(want) {
			t.Fatalf("got %d hits, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("hit %d: got %v, want %v", i, got[i], want[i])
			}
		}
	})
}

// benchInput is code-like text with the keywords rare, as in real files.
func benchInput() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"return", "const", "function", "export", "import", "from", "await", "response", "request", "render", "value", "items", "map", "filter", "=>", "{", "}", "(", ")", ";", "\n", "  "}
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(' ')
	}
	return []byte(b.String())
}

// BenchmarkCodeKeywords compares the Set with the Aho-Corasick automaton
// it replaced, on the code keywords, over generated code-like text or
// over the file $LITERAL_BENCH_FILE names.
func BenchmarkCodeKeywords(b *testing.B) {
	in := benchInput()
	if name := os.Getenv("LITERAL_BENCH_FILE"); name != "" {
		var err error
		if in, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	}
	kws := upstash.CodeKeywords()
	b.Run("literal", func(b *testing.B) {
		s := New(kws)
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			s.Each(in, func(int, int) bool { return true })
		}
	})
	b.Run("aho-corasick", func(b *testing.B) {
		tr := ahocorasick.NewTrieBuilder().AddStrings(kws).Build()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			tr.Match(in)
		}
	})
}
