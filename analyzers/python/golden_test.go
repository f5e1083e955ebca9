//go:build cgo

package python

import (
	"github.com/upscan/upscan/internal/golden"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestFastAPIFixture runs the analyzer over the FastAPI fixture app and
// compares facts and findings with testdata/fastapi.golden (regenerate
// with go test -update, then read the diff).
func TestFastAPIFixture(t *testing.T) {
	a := newAnalyzer(t)
	root := filepath.Join("testdata", "fastapi")
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && Handles(p) {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		f, fs := analyzeFile(a, filepath.ToSlash(rel), data)
		b.WriteString(render(f, fs))
		for _, x := range fs {
			assertNoSecret(t, rel, x.Message)
		}
	}
	got := b.String()
	golden.Check(t, filepath.Join("testdata", "fastapi.golden"), []byte(got))
}
