// Package inputfile reads the files a user or a repository hands upscan: the
// configuration (.upscan.toml, --config), the baseline, the Developer API key
// file, `db --file` and an env file about to be updated. Each is read whole,
// so each must be a regular file under a size cap: a symbolic link to
// /dev/zero, a FIFO, a device or a directory is refused without being read,
// and opening never blocks.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Size caps of the files upscan reads (README "Guarantees").
const (
	// MaxConfig caps .upscan.toml and --config: a configuration is a few
	// hundred bytes; 1 MiB leaves room for a long allowlist.
	MaxConfig = 1 << 20
	// MaxKeyFile caps --api-key-file: a Developer API key is 36 characters.
	MaxKeyFile = 64 << 10
	// MaxBaseline caps --baseline: an entry is about 150 bytes, so 32 MiB
	// holds some 200,000 accepted findings.
	MaxBaseline = 32 << 20
	// MaxDatabases caps `upscan db --file`: a saved list of databases is a
	// few kB per database.
	MaxDatabases = 32 << 20
	// MaxEnvFile caps the env file that `db rotate --write-env` updates.
	MaxEnvFile = 1 << 20
)

// ErrNotRegular is wrapped by Read's error for anything but a regular file
// (a directory, a FIFO, a device, a socket), also behind a symbolic link.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by Read's and ReadFrom's error for input over the cap.
var ErrTooLarge = errors.New("too large")

// Error describes why a file was refused. Its text leaves out the path,
// which the caller names with the flag or role ("config .upscan.toml: is a
// FIFO, not a regular file").
type Error struct {
	Msg string
	Err error // ErrNotRegular or ErrTooLarge
}

// Error returns the description, without the path.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns ErrNotRegular or ErrTooLarge.
func (e *Error) Unwrap() error { return e.Err }

// Read returns the content of the regular file at path, at most limit bytes
// (limit > 0). A symbolic link is followed to its target, which must be a
// regular file too. Errors:
//   - the *fs.PathError of os.Stat or os.Open (fs.ErrNotExist, permission…);
//   - an *Error wrapping ErrNotRegular that names what the file is
//     ("is a directory", "is a symbolic link to a device (/dev/zero)");
//   - an *Error wrapping ErrTooLarge with the cap ("is larger than 1 MiB").
//
// The kind of file is checked before it is opened, and again on the open
// descriptor, which is opened non-blocking where the platform allows it, so
// a FIFO swapped in between is refused instead of waited on.
func Read(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(path, fi, limit); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(path, fi, limit); err != nil {
		return nil, err
	}
	return ReadFrom(f, limit)
}

// ReadFrom reads r to its end, at most limit bytes; more is an *Error
// wrapping ErrTooLarge. It bounds standard input (`--file -`).
func ReadFrom(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, nil
}

// check refuses what is not a regular file or is over the cap.
func check(path string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		what := "is " + Describe(fi.Mode())
		if lfi, err := os.Lstat(path); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			what = "is a symbolic link to " + Describe(fi.Mode())
			if target, err := os.Readlink(path); err == nil {
				what += " (" + clip(target, 80) + ")"
			}
		}
		return &Error{Msg: what + ", not a regular file", Err: ErrNotRegular}
	}
	if fi.Size() > limit {
		return tooLarge(limit)
	}
	return nil
}

func tooLarge(limit int64) error {
	return &Error{Msg: "is larger than " + Size(limit), Err: ErrTooLarge}
}

// Describe names a kind of file for messages: "a directory", "a FIFO",
// "a device", "a socket", "a regular file".
func Describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// Size renders a cap in bytes as "1 MiB", "64 KiB" or "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clip shortens s to about n bytes, on a rune boundary, with control
// characters replaced by '?'.
func clip(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= n {
			b.WriteString("…")
			break
		}
		if r < 0x20 || r == 0x7f {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
