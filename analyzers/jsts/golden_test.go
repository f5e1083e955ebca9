package jsts

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/apps")

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
				f, fs := analyze(a, p, data)
				checkBounds(t, p, data, f, fs)
				b.WriteString(renderFacts(f))
				b.WriteString(renderFindings(fs))
				b.WriteString("\n")
			}
			golden := filepath.Join("testdata", "apps", app.Name()+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("%s differs from the analysis (run with -update and read the diff):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
			if len(out) > 20 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
