//go:build unix

package source

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without blocking on a FIFO that
// replaced the file since the walk listed it (O_NONBLOCK: open(2) on a FIFO
// would otherwise wait for a writer forever). Reads of regular files ignore
// the flag.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
