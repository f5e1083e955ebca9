package python

import (
	"slices"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/transport"
	"github.com/upscan/upscan/rules"
)

// analyze runs the analyzer on one file and then the per-file rule passes
// on its facts (transport: UPS301–UPS303), as internal/scan does.
func analyze(a *Analyzer, path string, data []byte) (*facts.File, []rules.Finding) {
	f, fs := a.Analyze(path, data)
	fs = append(fs, transport.Check(f)...)
	slices.SortStableFunc(fs, rules.Compare)
	return f, fs
}
