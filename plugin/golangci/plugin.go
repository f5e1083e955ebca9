// Package golangci is a golangci-lint module plugin that runs upscan's Go
// analyzers (analyzers/golang) as the linter "upscan". Build a custom
// golangci-lint with it from a .custom-gcl.yml (see docs/go.md):
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/upscan/upscan
//	    import: github.com/upscan/upscan/plugin/golangci
//	    version: v0.1.0
//
// and enable it in .golangci.yml under linters.settings.custom.upscan with
// type: module.
package golangci

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/analyzers/golang"
)

func init() { register.Plugin("upscan", New) }

// Settings are the plugin's settings (linters.settings.custom.upscan.settings
// in .golangci.yml). Unknown keys are an error.
type Settings struct {
	// Analyzers, when not empty, names the analyzers to run
	// (upstashcredential, upstashtls, upstashskipverify, upstashratelimit,
	// qstashverify); by default all run.
	Analyzers []string `json:"analyzers"`
	// DisableRules lists rule IDs ("UPS401") whose diagnostics are dropped.
	DisableRules []string `json:"disable-rules"`
}

// Plugin is the upscan linter plugin.
type Plugin struct{ settings Settings }

// New decodes the settings and returns the plugin; the error names the bad
// setting.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("upscan plugin settings: %w", err)
	}
	known := map[string]bool{}
	for _, a := range golang.Analyzers() {
		known[a.Name] = true
	}
	for _, name := range s.Analyzers {
		if !known[name] {
			return nil, fmt.Errorf("upscan plugin settings: unknown analyzer %q", name)
		}
	}
	for i, id := range s.DisableRules {
		s.DisableRules[i] = strings.ToUpper(strings.TrimSpace(id))
	}
	return &Plugin{settings: s}, nil
}

// BuildAnalyzers returns the analyzers the settings select. With
// DisableRules, each is wrapped so that diagnostics of those rules are
// dropped (the wrapper keeps the analyzer's name, requirements and facts).
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range golang.Analyzers() {
		if len(p.settings.Analyzers) > 0 && !slices.Contains(p.settings.Analyzers, a.Name) {
			continue
		}
		if len(p.settings.DisableRules) > 0 {
			a = p.filtered(a)
		}
		out = append(out, a)
	}
	return out, nil
}

func (p *Plugin) filtered(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if !slices.Contains(p.settings.DisableRules, d.Category) {
				report(d)
			}
		}
		return run(pass)
	}
	return &w
}

// GetLoadMode asks golangci-lint for type information: the analyzers
// resolve calls through it.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
