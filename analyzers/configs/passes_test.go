package configs

import (
	"sort"

	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// analyzeFile runs a.Analyze and then the per-file rule passes on its facts,
// as the scan does: the findings are the front-end's and the passes',
// sorted by rules.Less.
func analyzeFile(a *Analyzer, p string, data []byte) (*facts.File, []rules.Finding) {
	f, fs := a.Analyze(p, data)
	fs = append(fs, exposure.File(f)...)
	sort.SliceStable(fs, func(i, j int) bool { return rules.Less(fs[i], fs[j]) })
	return f, fs
}
