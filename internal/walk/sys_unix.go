//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package walk

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// openDir opens a directory for listing without following a symlink in its
// last component (O_NOFOLLOW): a directory swapped for a symlink after its
// parent was listed is not followed out of the root.
func openDir(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_DIRECTORY, 0)
}

// replacedReason names what became of a directory the walk listed when
// opening it failed with err because it changed since (removed, or swapped
// for a symlink or a file), or returns "".
func replacedReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return RemovedNote
	case errors.Is(err, syscall.ELOOP):
		return "replaced by a symlink while scanning; not followed"
	case errors.Is(err, syscall.ENOTDIR):
		return "replaced by a file while scanning; not read"
	}
	return ""
}

// dirID identifies a directory on its file system (device and inode).
type dirID struct{ dev, ino uint64 }

// idOf returns the identity of an open directory, ok false if unknown.
func idOf(fi fs.FileInfo) (dirID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return dirID{}, false
	}
	return dirID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true //nolint:unconvert // field types differ by platform
}
