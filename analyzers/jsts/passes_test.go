package jsts

import (
	"slices"

	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/transport"
	"github.com/upscan/upscan/rules"
)

// analyzeFile runs a.Analyze and then the per-file rule passes on its facts
// (exposure: UPS201–UPS203, transport: UPS301–UPS303), as internal/scan
// does: the findings are the front-end's and the passes', sorted.
func analyzeFile(a *Analyzer, p string, data []byte) (*facts.File, []rules.Finding) {
	f, fs := a.Analyze(p, data)
	fs = append(fs, exposure.File(f)...)
	fs = append(fs, transport.Check(f)...)
	slices.SortStableFunc(fs, rules.Compare)
	return f, fs
}
