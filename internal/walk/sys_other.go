//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package walk

import (
	"io/fs"
	"os"
)

// openDir opens a directory for listing.
func openDir(path string) (*os.File, error) {
	return os.Open(path)
}

// dirID identifies a directory; unknown on this platform.
type dirID struct{}

// idOf reports that directory identities are unknown here; symlinks to
// directories are never followed, so the walk still cannot loop.
func idOf(fs.FileInfo) (dirID, bool) { return dirID{}, false }
