//go:build cgo

package python

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// benchSource is a realistic module (the fixture's cache and routes)
// repeated to about 200 KB.
func benchSource(b *testing.B) []byte {
	var s strings.Builder
	for _, p := range []string{"testdata/fastapi/app/cache.py", "testdata/fastapi/app/main.py"} {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		s.Write(data)
	}
	unit := s.String()
	return []byte(strings.Repeat(unit, 200_000/len(unit)+1))
}

// BenchmarkAnalyze measures parse plus extraction; b.SetBytes makes
// go test -bench report MB/s.
func BenchmarkAnalyze(b *testing.B) {
	a := newAnalyzer(b)
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze("bench.py", src)
	}
}

// BenchmarkAnalyzeSmall measures the per-file overhead on a typical small
// module (parser creation, two walks).
func BenchmarkAnalyzeSmall(b *testing.B) {
	a := newAnalyzer(b)
	src, err := os.ReadFile("testdata/fastapi/app/main.py")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze("main.py", src)
	}
}

// BenchmarkLongChain analyses one `a + a + …` expression of 10k and 40k
// operands and many client constructions beside an Upstash import: the
// shapes that were quadratic (issue 15 row 4). Compare the ns/op of the
// sizes: linear analysis gives a ratio near 4.
func BenchmarkLongChain(b *testing.B) {
	a, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10_000, 40_000} {
		src := "import upstash_redis\nr = upstash_redis.Redis.from_env()\nx = " + strings.Repeat("a + ", n) + "a\n"
		for i := 0; i < n/10; i++ {
			src += "c = upstash_redis.Redis(url=\"https://fake-otter-12345.upstash.io\", token=t)\n"
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				a.Analyze("chain.py", []byte(src))
			}
		})
	}
}
