package walk

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// makeTree writes a project of 5,000 files (50 packages × 10 directories ×
// 10 files) plus a node_modules tree and ignored build output, and returns
// its path.
func makeTree(b *testing.B, withGit bool) string {
	b.Helper()
	dir := b.TempDir()
	content := []byte("export const x = 1\n")
	write := func(p string) {
		abs := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(abs, content, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for p := range 50 {
		for d := range 10 {
			for f := range 10 {
				write(fmt.Sprintf("packages/p%02d/src/d%d/file%d.ts", p, d, f))
			}
		}
		write(fmt.Sprintf("packages/p%02d/dist/index.js", p))
		write(fmt.Sprintf("packages/p%02d/debug.log", p))
	}
	for i := range 500 {
		write(fmt.Sprintf("node_modules/m%d/index.js", i))
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("dist/\n*.log\nnode_modules/\ncoverage/\n.env*.local\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	if withGit {
		gitInit(b, dir)
		git(b, dir, "add", "-A")
	}
	return dir
}

func BenchmarkWalk(b *testing.B) {
	for _, withGit := range []bool{false, true} {
		b.Run(fmt.Sprintf("git=%v", withGit), func(b *testing.B) {
			dir := makeTree(b, withGit)
			b.ResetTimer()
			var n atomic.Int64
			for b.Loop() {
				n.Store(0)
				if _, err := Walk(context.Background(), []string{dir}, Options{}, func(Entry) { n.Add(1) }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n.Load()), "files/op")
		})
	}
}
