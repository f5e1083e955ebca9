//go:build cgo

package python

import (
	"slices"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/passes"
	"github.com/upscan/upscan/rules"
)

// analyzeFile runs a.Analyze and then the per-file rule passes on its
// facts, as internal/scan does: the findings are the front-end's and the
// passes', sorted.
func analyzeFile(a *Analyzer, p string, data []byte) (*facts.File, []rules.Finding) {
	f, fs := a.Analyze(p, data)
	fs = append(fs, passes.PerFile(f)...)
	slices.SortStableFunc(fs, rules.Compare)
	return f, fs
}
