package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// failingWriter accepts limit bytes, then fails every write.
type failingWriter struct{ limit int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n := f.limit
		f.limit = 0
		return n, syscall.ENOSPC
	}
	f.limit -= len(p)
	return len(p), nil
}

// careless writes like a writer that never checks its errors.
func careless(w io.Writer) error {
	fmt.Fprintf(w, "first line\n")
	fmt.Fprintf(w, "second line\n")
	return nil
}

// TestCheckedWrite: an error a writer dropped still fails the write, so no
// report is lost silently (issue 15 row 10).
func TestCheckedWrite(t *testing.T) {
	err := checkedWrite(&failingWriter{limit: 5}, careless)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	want := errors.New("the writer's own error")
	if err := checkedWrite(&failingWriter{limit: 5}, func(io.Writer) error { return want }); err != want {
		t.Fatalf("err = %v, want the write function's", err)
	}
	if err := checkedWrite(io.Discard, careless); err != nil {
		t.Fatalf("err = %v", err)
	}
}

// TestRunOutputLost: run exits 2 when standard output fails, even where the
// command ignored the error, and says why on standard error.
func TestRunOutputLost(t *testing.T) {
	for _, args := range [][]string{{"rules"}, {"explain", "UPS101"}, {"version"}, {"--help"}} {
		var stderr strings.Builder
		if code := run(args, &failingWriter{limit: 10}, &stderr); code != exitError {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(stderr.String(), "writing standard output: no space left on device") {
			t.Errorf("%v: stderr = %q", args, stderr.String())
		}
	}
	// Lost diagnostics exit 2 as well.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join(dir, "a.ts"), []byte("export const x = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"init"}, io.Discard, &failingWriter{}); code != exitError {
		t.Errorf("init with stderr lost: exit %d, want 2", code)
	}
}
