//go:build !unix

package inputfile

import "os"

// openNonBlocking opens path for reading; this platform has no FIFOs that
// block an open.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
