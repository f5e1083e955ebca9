//go:build !cgo

package scan

import "testing"

// requireParsers skips a test that needs the JS/TS or Python front-ends:
// this build (CGO_ENABLED=0) has no tree-sitter.
func requireParsers(t testing.TB) {
	t.Helper()
	t.Skip("needs the tree-sitter front-ends (JS/TS, Python); this build has CGO_ENABLED=0")
}
