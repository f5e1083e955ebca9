//go:build cgo

package scan

import "testing"

// requireParsers returns at once: this build has the tree-sitter front-ends.
func requireParsers(testing.TB) {}
