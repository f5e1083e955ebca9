// Package golden compares test output with golden files and rewrites them
// under `go test -update`: the one golden-file helper of every package's
// tests. Read the diff of a rewritten file before committing it.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite golden files with the output of the tests (read the diff before committing)")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path (slash or OS separators,
// relative to the package directory). Under -update it writes got to path,
// creating its directory, and passes. A missing file or a difference fails
// t with a -want +got diff and the command that regenerates it.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	path = filepath.FromSlash(path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run the test with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s\nrerun with -update if the change is intended, and read the diff", path, diff)
	}
}
