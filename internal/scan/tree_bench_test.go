package scan

import (
	"context"
	"os"
	"strings"
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

// BenchmarkScanTreeCredentials is BenchmarkScanTree with only the
// credential rules enabled (upscan --enable UPS101,…,UPS109): no file is
// parsed, so it measures the credential path (source reading and the
// secrets detector) alone.
func BenchmarkScanTreeCredentials(b *testing.B) {
	dir := os.Getenv("UPSCAN_BENCH_TREE")
	if dir == "" {
		b.Skip("UPSCAN_BENCH_TREE is not set")
	}
	credentials := func(id string) bool { return strings.HasPrefix(id, "UPS1") }
	for b.Loop() {
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: credentials})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(res.Bytes)
	}
}
