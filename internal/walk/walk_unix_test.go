//go:build unix

package walk

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestWalkSpecialFiles covers symlinks of every sort and a FIFO.
func TestWalkSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	writeFiles(t, dir, map[string]string{
		"outside.txt":                    "x",
		"proj/a.txt":                     "x",
		"proj/sub/b.txt":                 "x",
		"proj/node_modules/pkg/index.js": "x",
	})
	links := map[string]string{
		"proj/link-a":     "a.txt",                           // a file walked anyway: yielded once, as a.txt
		"proj/sub/link-a": "../a.txt",                        // same target again
		"proj/link-dep":   "node_modules/pkg/index.js",       // a file the walk skips: yielded as the link
		"proj/dangling":   "no-such-file",                    // note
		"proj/loop":       ".",                               // dir symlink to its own dir: note, no loop
		"proj/sub/up":     "..",                              // dir symlink to the parent: note
		"proj/self":       "self",                            // link to itself: note
		"proj/out":        "../outside.txt",                  // outside the root: note
		"proj/outdir":     "..",                              // directory outside the root: note
		"proj/abs-out":    filepath.Join(dir, "outside.txt"), // absolute, outside: note
	}
	for p, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(proj, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(proj)

	type result struct {
		got   []string
		notes []Note
	}
	done := make(chan result, 1)
	go func() {
		got, notes := collect(t, []string{"."}, Options{})
		done <- result{got, notes}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Walk hung (FIFO opened or symlink loop followed?)")
	}
	if diff := cmp.Diff([]string{"a.txt", "link-dep", "sub/b.txt"}, r.got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	wantNotes := []string{
		"abs-out: symlink points outside the root; not followed",
		"dangling: dangling symlink",
		"fifo: named pipe (FIFO); not opened",
		"loop: symlink to a directory; not followed",
		"out: symlink points outside the root; not followed",
		"outdir: symlink points outside the root; not followed",
		"self: symlink not resolved: too many levels of symbolic links",
		"sub/up: symlink to a directory; not followed",
	}
	if diff := cmp.Diff(wantNotes, noteStrings(r.notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}

	// With --no-ignore the dependency file is walked itself; its link is a
	// duplicate and is not yielded again.
	got, _ := collect(t, []string{"."}, Options{NoIgnore: true})
	if diff := cmp.Diff([]string{"a.txt", "node_modules/pkg/index.js", "sub/b.txt"}, got); diff != "" {
		t.Errorf("no-ignore entries (-want +got):\n%s", diff)
	}

	// A FIFO given as a root is noted, never opened.
	got, notes := collect(t, []string{"fifo"}, Options{})
	if len(got) != 0 || len(notes) != 1 || notes[0].Reason != "named pipe (FIFO); not opened" {
		t.Errorf("FIFO root: entries %q, notes %q", got, noteStrings(notes))
	}
}

// TestWalkSymlinkedRoot: a root reached through a symlink is followed (the
// user named it) and its files are yielded once with the given display path.
func TestWalkSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real/a.txt": "x"})
	if err := os.Symlink("real", filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	got, _ := collect(t, []string{"alias", "real"}, Options{})
	if diff := cmp.Diff([]string{"alias/a.txt"}, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestWalkUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not restrict root")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"locked/a.txt": "x", "ok.txt": "x"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	t.Chdir(dir)
	got, notes := collect(t, []string{"."}, Options{})
	if diff := cmp.Diff([]string{"ok.txt"}, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"locked: ERROR unreadable directory"}, noteStrings(notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestListOnce: a directory met twice (as through a bind mount) is listed
// once and noted the second time, so even such loops end.
func TestListOnce(t *testing.T) {
	dir := t.TempDir()
	w := &walker{dirs: map[dirID]struct{}{}}
	ds := dirState{rt: &root{real: dir}, abs: dir}
	if _, ok := w.list(ds); !ok {
		t.Fatalf("first list of %s refused; notes %q", dir, noteStrings(w.notes))
	}
	if _, ok := w.list(ds); ok {
		t.Fatal("second list of the same directory not refused")
	}
	if diff := cmp.Diff([]string{".: directory already walked (bind mount or loop); not entered again"}, noteStrings(w.notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}
