//go:build unix

package source

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/internal/walk"
)

// TestWorkTreeUnreadable: a file that cannot be read is an error note and
// the scan goes on. As root, permissions do not stop a read, so the kernel's
// /proc/self/mem (reading offset 0 fails with EIO) stands in.
func TestWorkTreeUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.txt": "fine", "locked.txt": "secret-free"})
	t.Chdir(dir)
	roots := []string{"."}
	wantNote := "locked.txt: ERROR unreadable"
	if os.Geteuid() == 0 {
		roots = append(roots, "/proc/self/mem")
		wantNote = "mem: ERROR unreadable"
	} else if err := os.Chmod("locked.txt", 0); err != nil {
		t.Fatal(err)
	}
	res := each(t, WorkTree{Roots: roots}, 2)
	if _, ok := res.files["ok.txt"]; !ok {
		t.Errorf("ok.txt not read; files %v", res.files)
	}
	if diff := cmp.Diff([]string{wantNote}, res.notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestWorkTreeFIFO: a FIFO is never opened, so Each does not hang on it, and
// openNonBlocking does not hang either should one appear after the walk.
func TestWorkTreeFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "x"})
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	done := make(chan eachResult, 1)
	go func() { done <- each(t, WorkTree{}, 2) }()
	select {
	case res := <-done:
		if diff := cmp.Diff([]string{"pipe: named pipe (FIFO); not opened"}, res.notes); diff != "" {
			t.Errorf("notes (-want +got):\n%s", diff)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Each hung on a FIFO")
	}

	// The reader itself, given a FIFO (as after a swap): notes, no hang.
	opened := make(chan *walk.Note, 1)
	go func() {
		r := reader{cap: walk.DefaultMaxFileSize}
		_, n := r.read(walk.Entry{Path: "pipe", Abs: fifo})
		opened <- n
	}()
	select {
	case n := <-opened:
		if n == nil || n.Err != nil || n.Reason != "not a regular file; not read" {
			t.Errorf("read of a FIFO: note %+v", n)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reader hung opening a FIFO")
	}
}
