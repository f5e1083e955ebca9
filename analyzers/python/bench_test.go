package python

import (
	"os"
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
