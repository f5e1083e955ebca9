// Package passes runs the language-neutral rule passes that decide from one
// file's facts alone: exposure (UPS201–UPS203), transport (UPS301–UPS303)
// QStash dev mode (UPS503) and QStash signatures checked without the endpoint URL (UPS505). The scan and the front-ends' tests call it,
// so that both see the same findings for a file.
package passes

import (
	"slices"

	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/scope"
	"github.com/upscan/upscan/analyzers/transport"
	"github.com/upscan/upscan/rules"
)

// PerFile returns the findings of every per-file pass on f, sorted by
// rules.Compare; nil for nil facts.
func PerFile(f *facts.File) []rules.Finding {
	if f == nil {
		return nil
	}
	var out []rules.Finding
	out = append(out, exposure.File(f)...)
	out = append(out, transport.Check(f)...)
	out = append(out, scope.DevMode(f)...)
	out = append(out, scope.VerifyURL(f)...)
	slices.SortStableFunc(out, rules.Compare)
	return out
}
