package project

import (
	"errors"
	"fmt"
	"sort"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// Analyze runs every cross-file analysis (UPS202 transitive, UPS501, UPS502,
// UPS504, and the rate-limit rules UPS401–UPS404 for JS/TS and Python) over files, resolving imports against an Index of the files' own
// paths and TSConfigs. Findings are sorted by rules.Less; nil files and
// files with paths outside the scan root are ignored. Use AnalyzeIndex to
// resolve against every scanned path.
func Analyze(files []*facts.File) []rules.Finding {
	out, _ := AnalyzeIndex(NewIndex(nil, files), files)
	return out
}

// AnalyzeIndex is Analyze with an Index built by the caller, normally from
// every scanned path (NewIndex(paths, files)), so that a relative import
// resolves to the file it names even when that file has no facts. The work
// is linear in the number of facts (imports resolved once per directory and
// specifier). The error is non-nil only when an analysis failed on a bug
// (a recovered panic): it names the rule, and the findings of the other
// analyses are still returned.
func AnalyzeIndex(idx *Index, files []*facts.File) ([]rules.Finding, error) {
	if idx == nil {
		idx = NewIndex(nil, files)
	}
	g := newGraph(idx, files)
	var out []rules.Finding
	var errs []error
	for _, a := range []struct {
		rule string
		run  func() []rules.Finding
	}{
		{"UPS202", g.exposure},
		{"UPS501", g.readOnly},
		{"UPS502", g.environments},
		{"UPS504", g.webhooks},
		{"UPS401-UPS404", func() []rules.Finding { _, fs := g.rateLimit(); return fs }},
	} {
		fs, err := guarded(a.rule, a.run)
		if err != nil {
			errs = append(errs, err)
		}
		out = append(out, fs...)
	}
	sort.SliceStable(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	return out, errors.Join(errs...)
}

// guarded runs one analysis and turns a panic into an error naming its rule.
func guarded(rule string, run func() []rules.Finding) (out []rules.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("project analysis %s: internal error: %v", rule, r)
		}
	}()
	return run(), nil
}
