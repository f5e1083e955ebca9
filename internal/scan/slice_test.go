//go:build cgo

package scan

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The padding TestSlicedSameResult adds to every JavaScript/TypeScript
// and Python file: code that uses nothing imported, which the slice drops.
const (
	padJS = "\nfunction upscanPadSum(n) {\n  let s = 0\n  for (let i = 0; i < n; i++) { s += i * 2 }\n  return s\n}\n" +
		"const upscanPadTable = [1, 2, 3].map((x) => x * 3)\n" +
		"class UpscanPadShape {\n  area(w, h) { return w * h / 2 }\n}\n"
	padPy = "\n\ndef upscan_pad_sum(n):\n    s = 0\n    for i in range(n):\n        s += i * 2\n    return s\n\n\n" +
		"UPSCAN_PAD_TABLE = [x * 3 for x in (1, 2, 3)]\n\n\nclass UpscanPadShape:\n    def area(self, w, h):\n        return w * h / 2\n"
)

// TestSlicedSameResult scans every fixture project of the front-ends and
// passes (and Upstash's example apps, when $UPSCAN_REALWORLD or
// ../shared/realworld has them, and the projects under the directories
// $UPSCAN_SLICE_CORPUS lists) with every file parsed whole and with every
// file parsed sliced (analyzers/slice), as they are and with unrelated code
// added before and after each file's own: the findings, the coverage table
// and the problems must be identical. The slice must drop only what no rule
// reads, and the cross-file passes must ask for a file whole when they
// follow calls into it.
func TestSlicedSameResult(t *testing.T) {
	projects, err := filepath.Glob("testdata/sliced-*")
	if err != nil {
		t.Fatal(err)
	}
	projects = append(projects, "../../testdata/consistency", "../../analyzers/jsts/testdata", "../../analyzers/python/testdata")
	for _, parent := range []string{"../../analyzers/ratelimit/testdata", "../../analyzers/exposure/testdata"} {
		ents, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.IsDir() {
				projects = append(projects, filepath.Join(parent, e.Name()))
			}
		}
	}
	rw := os.Getenv("UPSCAN_REALWORLD")
	if rw == "" {
		rw = "../../../shared/realworld"
	}
	// UPSCAN_SLICE_CORPUS names more parent directories (separated by the
	// OS list separator) whose subdirectories are projects to compare.
	parents := append([]string{rw}, filepath.SplitList(os.Getenv("UPSCAN_SLICE_CORPUS"))...)
	for _, parent := range parents {
		ents, err := os.ReadDir(parent)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if e.IsDir() {
				projects = append(projects, filepath.Join(parent, e.Name()))
			}
		}
	}
	sliced := 0
	for _, p := range projects {
		for _, pad := range []bool{false, true} {
			dir := t.TempDir()
			copyTree(t, p, dir, pad)
			whole, _ := scanJSON(t, dir, -1)
			got, n := scanJSON(t, dir, 1)
			sliced += n
			if d := cmp.Diff(whole, got); d != "" {
				t.Errorf("%s (padded: %v): sliced parse differs from whole parse (-whole +sliced):\n%s", p, pad, d)
			}
		}
	}
	if sliced < 100 {
		t.Errorf("only %d files were parsed sliced: the comparison is too weak", sliced)
	}
}

// copyTree copies the project at src to dst; with pad, every JS/TS and
// Python file gets unrelated code before and after its own.
func copyTree(t *testing.T, src, dst string, pad bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "node_modules" || d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(out, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if pad {
			switch strings.ToLower(filepath.Ext(p)) {
			case ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts":
				data = []byte(padJS + string(data) + "\n" + padJS)
			case ".py":
				data = []byte(padPy + "\n" + string(data) + "\n" + padPy)
			}
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// scanJSON scans dir with the given slice size (see Options.sliceMin) and
// returns what the comparison reads, and how many files were parsed sliced.
func scanJSON(t *testing.T, dir string, sliceMin int) (string, int) {
	t.Helper()
	res, err := Run(context.Background(), Options{Paths: []string{dir}, sliceMin: sliceMin, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(struct {
		F, E, S, C any
		N          []string
		P          int
	}{res.Findings, res.Errors, res.Skipped, res.Endpoints, res.Notes, res.Parsed}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), dir, "DIR"), res.sliced
}
