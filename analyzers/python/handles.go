package python

import (
	"path"
	"strings"
)

// This file builds with and without cgo: the scan asks Handles about every
// file even in a build that has no tree-sitter parser (see nocgo.go).

// Handles reports whether the analyzer reads the file at path (a slash- or
// OS-separated path; only the name matters): Python sources ending in .py
// or .pyw. Type stubs (.pyi) hold no code and are skipped.
func Handles(p string) bool {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(p, "\\", "/"))) {
	case ".py", ".pyw":
		return true
	}
	return false
}

// Language is the name a report gives the files Handles accepts.
const Language = "Python"
