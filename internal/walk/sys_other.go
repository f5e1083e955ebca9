//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package walk

import (
	"errors"
	"io/fs"
	"os"
)

// openDir opens a directory for listing.
func openDir(path string) (*os.File, error) {
	return os.Open(path)
}

// replacedReason names what became of a directory the walk listed when
// opening it failed with err because it was removed since, or returns "".
func replacedReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return RemovedNote
	}
	return ""
}

// dirID identifies a directory; unknown on this platform.
type dirID struct{}

// idOf reports that directory identities are unknown here; symlinks to
// directories are never followed, so the walk still cannot loop.
func idOf(fs.FileInfo) (dirID, bool) { return dirID{}, false }
