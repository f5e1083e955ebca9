package configs

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

// TestRepoFixture runs the analyzer over the fixture repository (env files
// per environment, workflows, deploy configs, tsconfigs, one broken
// workflow) and compares with testdata/repo.golden (go test -update, then
// read the diff).
func TestRepoFixture(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("testdata", "repo")
	var paths []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if Handles(filepath.ToSlash(rel)) {
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, rel := range paths {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		f, fs := withPasses(a.Analyze(rel, data))
		b.WriteString(render(f, fs))
	}
	got := b.String()
	assertNoSecret(t, "fixture output", got)
	golden := filepath.Join("testdata", "repo.golden")
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
