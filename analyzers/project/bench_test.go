package project

import (
	"fmt"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
)

// synthetic builds the facts of an n-module Next.js-like app: a tenth are
// "use client" components importing three library modules through the @/
// alias, libraries import each other in chains (with cycles), every
// twentieth builds a Redis client (some with a public token, some exported
// and read elsewhere), every fiftieth is a QStash route, plus env files.
func synthetic(n int) ([]string, []*facts.File) {
	files := []*facts.File{file("tsconfig.json", tsconfig("", "", "@/*=./*")), file("package.json")}
	libs := n * 6 / 10
	for i := 0; i < libs; i++ {
		opts := []func(*facts.File){
			imports(fmt.Sprintf("./mod%d", (i+1)%libs), "next"),
			imports(fmt.Sprintf("@/lib/mod%d", (i*7+3)%libs), "other"),
			imports("react", "useState"),
		}
		switch {
		case i%20 == 0 && i%40 == 0:
			opts = append(opts, redisClient("redis", pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"), "get"))
		case i%20 == 0:
			opts = append(opts, redisClient("redis", srvEnv("UPSTASH_REDIS_REST_TOKEN"), "get", "hgetall"), exports("redis"))
		case i%20 == 1:
			opts = append(opts, imports(fmt.Sprintf("./mod%d", i-1), "redis"), uses("redis", "zrange"))
		}
		files = append(files, file(fmt.Sprintf("lib/mod%d.ts", i), opts...))
	}
	for i := 0; i < n/10; i++ {
		files = append(files, file(fmt.Sprintf("components/C%d.tsx", i), useClient,
			imports(fmt.Sprintf("@/lib/mod%d", (i*13)%libs), "a"),
			imports(fmt.Sprintf("../lib/mod%d", (i*17+5)%libs), "b"),
			imports(fmt.Sprintf("@/lib/mod%d.js", (i*19+11)%libs), "c")))
	}
	for i := 0; len(files) < n; i++ {
		opts := []func(*facts.File){imports(fmt.Sprintf("@/lib/mod%d", i%libs), "x")}
		if i%5 == 0 {
			opts = append(opts, header("Upstash-Signature"))
		}
		files = append(files, file(fmt.Sprintf("app/r%d/route.ts", i), opts...))
	}
	files = append(files,
		file(".env.development", envVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
		file(".env.production", envVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")))
	paths := make([]string, 0, len(files)*2)
	for _, f := range files {
		paths = append(paths, f.Path, f.Path+".map") // unparsed neighbours, as a real tree has
	}
	return paths, files
}

// BenchmarkAnalyze measures index building plus every analysis. Compare the
// ns/op of the sizes: the work must grow about linearly with the facts.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		paths, files := synthetic(n)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			found := 0
			for b.Loop() {
				out, err := AnalyzeIndex(NewIndex(paths, files), files)
				if err != nil {
					b.Fatal(err)
				}
				found = len(out)
			}
			b.ReportMetric(float64(found), "findings")
		})
	}
}

// BenchmarkWanted measures one Wanted round on the same trees.
func BenchmarkWanted(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		paths, files := synthetic(n)
		idx := NewIndex(paths, files)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for b.Loop() {
				Wanted(files, idx)
			}
		})
	}
}

// TestSyntheticFindings keeps the benchmark honest: the synthetic tree
// yields findings of every cross-file rule.
func TestSyntheticFindings(t *testing.T) {
	_, files := synthetic(1000)
	seen := map[string]int{}
	for _, f := range Analyze(files) {
		seen[f.RuleID]++
	}
	for _, id := range []string{"UPS202", "UPS501", "UPS502", "UPS504"} {
		if seen[id] == 0 {
			t.Errorf("no %s finding on the synthetic tree (got %v)", id, seen)
		}
	}
}
