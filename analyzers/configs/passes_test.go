package configs

import (
	"slices"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/transport"
	"github.com/upscan/upscan/rules"
)

// withPasses adds to an analyzer's findings those of the per-file rule
// passes on its facts (transport: UPS301–UPS303), as internal/scan does.
func withPasses(f *facts.File, fs []rules.Finding) (*facts.File, []rules.Finding) {
	fs = append(fs, transport.Check(f)...)
	slices.SortStableFunc(fs, rules.Compare)
	return f, fs
}
