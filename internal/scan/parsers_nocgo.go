//go:build !cgo

package scan

// newParsers returns no front-end: this build (CGO_ENABLED=0) has no
// tree-sitter, so JavaScript, TypeScript and Python files are checked for
// credentials only, and the report says so once (code.unparsedNote).
func newParsers() (js, py codeAnalyzer, err error) { return nil, nil, nil }
