//go:build cgo

package jsts

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkAnalyze measures throughput (MB/s) over the fixture apps, or
// over every handled file under JSTS_BENCH_DIR when set (for example
// ../shared/realworld).
func BenchmarkAnalyze(b *testing.B) {
	a := newTestAnalyzer(b)
	inputs := fixtureInputs(b)
	if dir := os.Getenv("JSTS_BENCH_DIR"); dir != "" {
		inputs = nil
		_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if info.IsDir() && info.Name() == "node_modules" {
				return filepath.SkipDir
			}
			if !info.IsDir() && Handles(p) {
				data, err := os.ReadFile(p)
				if err == nil {
					inputs = append(inputs, input{path: filepath.ToSlash(p), data: data})
				}
			}
			return nil
		})
	}
	var total int64
	for _, in := range inputs {
		total += int64(len(in.data))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			a.Analyze(in.path, in.data)
		}
	}
}

// BenchmarkAnalyzeLarge measures one large generated TypeScript file.
func BenchmarkAnalyzeLarge(b *testing.B) {
	a := newTestAnalyzer(b)
	var buf bytes.Buffer
	buf.WriteString("import { Redis } from \"@upstash/redis\";\nconst redis = Redis.fromEnv();\n")
	for buf.Len() < 1<<20 {
		buf.WriteString("export async function handler(id: string): Promise<number> {\n  const v = await redis.get<number>(`k:${id}`);\n  return (v ?? 0) + [1, 2, 3].map((n) => n * 2).reduce((a, b) => a + b, 0);\n}\n")
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Analyze("large.ts", data)
	}
}

// BenchmarkLongChain analyses one `a+a+…` expression of 40k and 160k
// operands beside an Upstash import, the shape that was quadratic (issue
// 15 row 4: a walk to the root for every node). Compare the ns/op of the
// two sizes: linear analysis gives a ratio near 4.
func BenchmarkLongChain(b *testing.B) {
	a := newTestAnalyzer(b)
	for _, n := range []int{40_000, 160_000} {
		src := "import { Redis } from \"@upstash/redis\";\nconst x = " + strings.Repeat("a+", n) + "a;\n"
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				a.Analyze("chain.ts", []byte(src))
			}
		})
	}
}
