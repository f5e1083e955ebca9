package scan

import (
	"errors"
	"fmt"
	"slices"

	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/analyzers/ratelimit"
	"github.com/upscan/upscan/analyzers/scope"
	"github.com/upscan/upscan/rules"
)

// wanted returns the scanned code files without facts that a cross-file
// pass needs parsed: the modules client-side code bundles (UPS202), the
// modules QStash receivers import (UPS504), and endpoints and the modules
// they import (rate-limit coverage). Sorted, without duplicates.
func wanted(g *modgraph.Graph) []string {
	out := exposure.Wanted(g)
	out = append(out, scope.Wanted(g)...)
	out = append(out, ratelimit.Wanted(g)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// runPasses runs every cross-file pass over g: UPS202 transitive
// (analyzers/exposure), UPS501, UPS502 and UPS504 (analyzers/scope), and
// UPS401–UPS404 with the coverage table (analyzers/ratelimit). Findings are
// sorted by rules.Compare. The error is non-nil only when a pass failed on a
// bug (a recovered panic): it names the pass's rules, and the results of
// the other passes are still returned.
func runPasses(g *modgraph.Graph) ([]rules.Finding, []ratelimit.Endpoint, error) {
	var rows []ratelimit.Endpoint
	var out []rules.Finding
	var errs []error
	for _, p := range []struct {
		rules string
		run   func() []rules.Finding
	}{
		{"UPS202", func() []rules.Finding { return exposure.Imports(g) }},
		{"UPS501", func() []rules.Finding { return scope.ReadOnly(g) }},
		{"UPS502", func() []rules.Finding { return scope.Environments(g) }},
		{"UPS504", func() []rules.Finding { return scope.Webhooks(g) }},
		{"UPS401-UPS404", func() []rules.Finding {
			var fs []rules.Finding
			rows, fs = ratelimit.Analyze(g)
			return fs
		}},
	} {
		fs, err := guarded(p.rules, p.run)
		if err != nil {
			errs = append(errs, err)
		}
		out = append(out, fs...)
	}
	slices.SortStableFunc(out, rules.Compare)
	return out, rows, errors.Join(errs...)
}

// guarded runs one pass and turns a panic into an error naming its rules.
func guarded(ids string, run func() []rules.Finding) (out []rules.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cross-file pass %s: internal error: %v", ids, r)
		}
	}()
	return run(), nil
}
