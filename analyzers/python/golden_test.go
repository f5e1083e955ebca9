package python

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

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
		f, fs := analyze(a, filepath.ToSlash(rel), data)
		b.WriteString(render(f, fs))
		for _, x := range fs {
			assertNoSecret(t, rel, x.Message)
		}
	}
	got := b.String()
	golden := filepath.Join("testdata", "fastapi.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update once): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("fixture output differs from %s (-want +got):\n%s", golden, diff)
	}
}
