//go:build !cgo

package scan

// newParsers returns no front-end: this build (CGO_ENABLED=0) has no
// tree-sitter, so JavaScript, TypeScript and Python files are checked for
// credentials only, and the report says so once (code.unparsedNote).
func newParsers(int) (whole, sliced parsers, err error) { return parsers{}, parsers{}, nil }
