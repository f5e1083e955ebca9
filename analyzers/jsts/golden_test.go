//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/internal/golden"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestFixtureApps analyzes every file of each fixture app under
// testdata/apps (Next.js app router, Vite, SvelteKit, a Worker, Astro/Vue
// components) and compares the facts and findings with <app>.golden.
// Regenerate with `go test ./analyzers/jsts -run TestFixtureApps -update`
// and read the diff.
func TestFixtureApps(t *testing.T) {
	a := newTestAnalyzer(t)
	apps, err := os.ReadDir("testdata/apps")
	if err != nil {
		t.Fatal(err)
	}
	for _, app := range apps {
		if !app.IsDir() {
			continue
		}
		t.Run(app.Name(), func(t *testing.T) {
			root := filepath.Join("testdata", "apps", app.Name())
			var paths []string
			err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(root, p)
					paths = append(paths, filepath.ToSlash(rel))
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(paths)
			var b strings.Builder
			for _, p := range paths {
				if !Handles(p) {
					continue
				}
				data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
				if err != nil {
					t.Fatal(err)
				}
				f, fs := analyzeFile(a, p, data)
				checkBounds(t, p, data, f, fs)
				b.WriteString(renderFacts(f))
				b.WriteString(renderFindings(fs))
				b.WriteString("\n")
			}
			golden.Check(t, filepath.Join("testdata", "apps", app.Name()+".golden"), []byte(b.String()))
		})
	}
}
