package inputfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.toml")
	if err := os.WriteFile(p, []byte("fail_on = \"high\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Read(p, 100)
	if err != nil || string(got) != "fail_on = \"high\"\n" {
		t.Fatalf("Read = %q, %v", got, err)
	}
	// A symbolic link to a regular file is read.
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink("a.toml", link); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(link, 100); err != nil || len(got) != 17 {
		t.Fatalf("Read(link) = %q, %v", got, err)
	}
	// Exactly at the cap is fine; one byte over is not.
	if _, err := Read(p, 17); err != nil {
		t.Fatalf("Read at the cap: %v", err)
	}
	_, err = Read(p, 16)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "is larger than 16 bytes" {
		t.Fatalf("Read over the cap: %v", err)
	}
}

func TestReadMissing(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "nope"), 100)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestReadDirectory(t *testing.T) {
	_, err := Read(t.TempDir(), 100)
	if !errors.Is(err, ErrNotRegular) || err.Error() != "is a directory, not a regular file" {
		t.Fatalf("err = %v", err)
	}
}

func TestReadFromBounded(t *testing.T) {
	if got, err := ReadFrom(strings.NewReader("abc"), 3); err != nil || string(got) != "abc" {
		t.Fatalf("ReadFrom = %q, %v", got, err)
	}
	// An endless reader stops one byte past the cap.
	_, err := ReadFrom(endless{}, 1<<10)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "is larger than 1 KiB" {
		t.Fatalf("err = %v", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(bytes.Repeat([]byte{0}, len(p))), nil }

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1 MiB", 32 << 20: "32 MiB", 64 << 10: "64 KiB", 1500: "1500 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
