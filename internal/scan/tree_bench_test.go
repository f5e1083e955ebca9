package scan

import (
	"context"
	"os"
	"testing"
)

// BenchmarkScanTree scans the tree named by $UPSCAN_BENCH_TREE (for example
// one written by `bin/bench gen` (make bin/bench)) as `upscan DIR` does; it is
// skipped when the variable is unset. `make bench` runs it with
// -cpuprofile for the profile in docs/performance.md.
func BenchmarkScanTree(b *testing.B) {
	dir := os.Getenv("UPSCAN_BENCH_TREE")
	if dir == "" {
		b.Skip("UPSCAN_BENCH_TREE is not set")
	}
	for b.Loop() {
		res, err := Run(context.Background(), Options{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(res.Bytes)
	}
}
