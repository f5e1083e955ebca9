package scan

import (
	"fmt"
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// synthetic builds the facts of an n-module Next.js-like app: a tenth are
// "use client" components importing three library modules through the @/
// alias, libraries import each other in chains (with cycles), every
// twentieth builds a Redis client (some with a public token, some exported
// and read elsewhere), every fiftieth is a QStash route, plus env files.
func synthetic(n int) ([]string, []*facts.File) {
	files := []*facts.File{ft.File("tsconfig.json", ft.TSConfig("", "", "@/*=./*")), ft.File("package.json")}
	libs := n * 6 / 10
	for i := 0; i < libs; i++ {
		opts := []func(*facts.File){
			ft.Imports(fmt.Sprintf("./mod%d", (i+1)%libs), "next"),
			ft.Imports(fmt.Sprintf("@/lib/mod%d", (i*7+3)%libs), "other"),
			ft.Imports("react", "createContext"), // not a state hook: the module is not client-side by itself
		}
		switch {
		case i%20 == 0 && i%40 == 0:
			opts = append(opts, ft.RedisClient("redis", ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"), "get"))
		case i%20 == 0:
			opts = append(opts, ft.RedisClient("redis", ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN"), "get", "hgetall"), ft.Exports("redis"))
		case i%20 == 1:
			opts = append(opts, ft.Imports(fmt.Sprintf("./mod%d", i-1), "redis"), ft.Uses("redis", "zrange"))
		}
		files = append(files, ft.File(fmt.Sprintf("lib/mod%d.ts", i), opts...))
	}
	for i := 0; i < n/10; i++ {
		files = append(files, ft.File(fmt.Sprintf("components/C%d.tsx", i), ft.UseClient,
			ft.Imports(fmt.Sprintf("@/lib/mod%d", (i*13)%libs), "a"),
			ft.Imports(fmt.Sprintf("../lib/mod%d", (i*17+5)%libs), "b"),
			ft.Imports(fmt.Sprintf("@/lib/mod%d.js", (i*19+11)%libs), "c")))
	}
	for i := 0; len(files) < n; i++ {
		opts := []func(*facts.File){ft.Imports(fmt.Sprintf("@/lib/mod%d", i%libs), "x")}
		if i%5 == 0 {
			opts = append(opts, ft.Header("Upstash-Signature"))
		}
		files = append(files, ft.File(fmt.Sprintf("app/r%d/route.ts", i), opts...))
	}
	files = append(files,
		ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
		ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")))
	paths := make([]string, 0, len(files)*2)
	for _, f := range files {
		paths = append(paths, f.Path, f.Path+".map") // unparsed neighbours, as a real tree has
	}
	return paths, files
}

// BenchmarkPasses measures index building plus every analysis. Compare the
// ns/op of the sizes: the work must grow about linearly with the facts.
func BenchmarkPasses(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		paths, files := synthetic(n)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			found := 0
			for b.Loop() {
				out, _, err := runPasses(modgraph.New(modgraph.NewIndex(paths, files), files))
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
		idx := modgraph.NewIndex(paths, files)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for b.Loop() {
				wanted(modgraph.New(idx, files))
			}
		})
	}
}

// TestSyntheticFindings keeps the benchmark honest: the synthetic tree
// yields findings of every cross-file rule.
func TestSyntheticFindings(t *testing.T) {
	_, files := synthetic(1000)
	seen := map[string]int{}
	for _, f := range passFindings(t, files) {
		seen[f.RuleID]++
	}
	for _, id := range []string{"UPS202", "UPS501", "UPS502", "UPS504"} {
		if seen[id] == 0 {
			t.Errorf("no %s finding on the synthetic tree (got %v)", id, seen)
		}
	}
}
