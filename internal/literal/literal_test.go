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
// offset.
func naive(lits []string, b []byte) []hit {
	var out []hit
	for i := range b {
		for j, l := range lits {
			if l != "" && strings.HasPrefix(string(b[i:]), l) {
				out = append(out, hit{i, j})
			}
		}
	}
	return out
}

func TestEachMatchesNaive(t *testing.T) {
	lits := []string{"redis", "re", "@upstash/redis", "x", "upstash", "\"h3\"", "from flask import", "", "ee"}
	for _, src := range []string{
		"", "r", "re", "import { Redis } from \"@upstash/redis\"; const r = redis;",
		"xx eee from flask import x", "\"h3\" and h3 and upstashupstash",
	} {
		s := New(lits)
		var got []hit
		s.Each([]byte(src), func(pos, lit int) { got = append(got, hit{pos, lit}) })
		// Each numbers the literals without the empty one.
		var kept []string
		for _, l := range lits {
			if l != "" {
				kept = append(kept, l)
			}
		}
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
	f.Fuzz(func(t *testing.T, src []byte, list string) {
		lits := strings.Split(list, ",")
		var kept []string
		for _, l := range lits {
			if l != "" {
				kept = append(kept, l)
			}
		}
		var got []hit
		New(lits).Each(src, func(pos, lit int) { got = append(got, hit{pos, lit}) })
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

func BenchmarkCodeKeywords(b *testing.B) {
	in := benchInput()
	kws := upstash.CodeKeywords()
	b.Run("literal", func(b *testing.B) {
		s := New(kws)
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			s.Each(in, func(int, int) {})
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

func BenchmarkFile(b *testing.B) {
	name := os.Getenv("LITERAL_BENCH_FILE")
	if name == "" {
		b.Skip("LITERAL_BENCH_FILE is not set")
	}
	in, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	kws := upstash.CodeKeywords()
	b.Run("literal", func(b *testing.B) {
		s := New(kws)
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			s.Each(in, func(int, int) {})
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
