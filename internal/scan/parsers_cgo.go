//go:build cgo

package scan

import (
	"github.com/upscan/upscan/analyzers/jsts"
	"github.com/upscan/upscan/analyzers/python"
)

// newParsers builds the tree-sitter front-ends, JavaScript/TypeScript and
// Python: whole parses every file whole; sliced parses files of sliceMin
// bytes or more sliced (analyzers/slice; 0: whole too).
func newParsers(sliceMin int) (whole, sliced parsers, err error) {
	j, err := jsts.New()
	if err != nil {
		return parsers{}, parsers{}, err
	}
	p, err := python.New()
	if err != nil {
		return parsers{}, parsers{}, err
	}
	return parsers{j, p}, parsers{j.WithSlicing(sliceMin), p.WithSlicing(sliceMin)}, nil
}
