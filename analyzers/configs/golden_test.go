package configs

import (
	"github.com/upscan/upscan/internal/golden"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

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
		f, fs := analyzeFile(a, rel, data)
		b.WriteString(render(f, fs))
	}
	got := b.String()
	assertNoSecret(t, "fixture output", got)
	golden.Check(t, filepath.Join("testdata", "repo.golden"), []byte(got))
}
