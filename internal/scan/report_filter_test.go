package scan

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReportFilter checks how Options.Report's paths meet the walk's
// display paths: relative to the current directory when the project lies
// inside it, else relative to the project; directories match what is
// under them; a path without a file is always reported.
func TestReportFilter(t *testing.T) {
	top := t.TempDir()
	for _, d := range []string{"app", "lib", "other"} {
		if err := os.MkdirAll(filepath.Join(top, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, cwd, root string
		report          []string
		yes, no         []string
	}{
		{"project is the cwd", ".", ".", []string{"lib/redis.ts", "app"},
			[]string{"lib/redis.ts", "app/page.tsx", "app/x/y.ts", ""}, []string{"lib/other.ts", "lib", "appendix.ts"}},
		{"project above the cwd", "app", "..", []string{"../lib/redis.ts", "page.tsx"},
			[]string{"lib/redis.ts", "app/page.tsx"}, []string{"page.tsx", "lib/other.ts"}},
		{"absolute report paths", ".", ".", []string{filepath.Join(top, "lib")},
			[]string{"lib/redis.ts"}, []string{"app/page.tsx"}},
		{"the whole project", ".", ".", []string{"."}, []string{"lib/redis.ts", "other/x"}, nil},
		{"nil reports everything", ".", ".", nil, []string{"a", "lib/b"}, nil},
		{"outside the project", "app", ".", []string{"../lib/redis.ts"}, nil, []string{"lib/redis.ts", "../lib/redis.ts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(filepath.Join(top, tc.cwd))
			in := reportFilter(tc.report, tc.root)
			for _, p := range tc.yes {
				if !in(p) {
					t.Errorf("%q not reported", p)
				}
			}
			for _, p := range tc.no {
				if in(p) {
					t.Errorf("%q reported", p)
				}
			}
		})
	}
}
