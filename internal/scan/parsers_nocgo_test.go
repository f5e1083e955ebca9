//go:build !cgo

package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPureGoNote: without cgo the JS/TS and Python files are not parsed,
// and the result says so in one note naming their languages; the other
// files are still analysed.
func TestPureGoNote(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"a.ts":        "export const a = 1;\n",
		"b.tsx":       "export const b = <div />;\n",
		"c.py":        "import os\n",
		"README.md":   "nothing\n",
		"vercel.json": "{}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 {
		t.Fatalf("notes = %q, want one", res.Notes)
	}
	for _, want := range []string{"cannot analyse Python and TypeScript", "1 Python file", "2 TypeScript files"} {
		if !strings.Contains(res.Notes[0], want) {
			t.Errorf("note %q does not say %q", res.Notes[0], want)
		}
	}
}
