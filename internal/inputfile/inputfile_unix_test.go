//go:build unix

package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadSpecial covers what a repository can commit or a user can pass in
// place of a file: a symbolic link to /dev/zero (endless), a FIFO (an open
// for reading would wait for a writer), a device. Each is refused unread;
// the test would hang or run out of memory if one were read.
func TestReadSpecial(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "fifo-link")
	if err := os.Symlink("fifo", fifoLink); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{fifo, "is a FIFO, not a regular file"},
		{fifoLink, "is a symbolic link to a FIFO (fifo), not a regular file"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		zero := filepath.Join(dir, "zero")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		tests = append(tests,
			struct{ path, want string }{"/dev/zero", "is a device, not a regular file"},
			struct{ path, want string }{zero, "is a symbolic link to a device (/dev/zero), not a regular file"})
	}
	for _, tt := range tests {
		_, err := Read(tt.path, 1<<20)
		if !errors.Is(err, ErrNotRegular) || err.Error() != tt.want {
			t.Errorf("Read(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
}

// TestOpenFIFONonBlocking: the descriptor check does not wait for a writer
// either (a FIFO swapped in after the first check).
func TestOpenFIFONonBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := openNonBlocking(fifo)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := check(fifo, fi, 100); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("check = %v", err)
	}
}
