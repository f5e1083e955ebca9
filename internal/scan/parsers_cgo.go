//go:build cgo

package scan

import (
	"github.com/upscan/upscan/analyzers/jsts"
	"github.com/upscan/upscan/analyzers/python"
)

// newParsers builds the tree-sitter front-ends: JavaScript/TypeScript and
// Python.
func newParsers() (js, py codeAnalyzer, err error) {
	j, err := jsts.New()
	if err != nil {
		return nil, nil, err
	}
	p, err := python.New()
	if err != nil {
		return nil, nil, err
	}
	return j, p, nil
}
