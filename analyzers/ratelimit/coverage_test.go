//go:build cgo

package ratelimit

import (
	"github.com/upscan/upscan/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/modgraph"
)

// TestCoverageFixtures scans each fixture app under testdata the
// way the scanner does (keyword prefilter, then Wanted) and compares its
// coverage table and UPS4xx findings with <app>.golden. Regenerate with
// `go test ./analyzers/ratelimit -run TestCoverageFixtures -update` and read
// the diff.
func TestCoverageFixtures(t *testing.T) {
	apps, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, app := range apps {
		if !app.IsDir() {
			continue
		}
		t.Run(app.Name(), func(t *testing.T) {
			files, paths := scanTreeLikeScan(t, filepath.Join("testdata", app.Name()))
			rows, fs := Analyze(modgraph.New(modgraph.NewIndex(paths, files), files))
			got := renderCoverage(rows, fs)
			golden.Check(t, filepath.Join("testdata", app.Name()+".golden"), []byte(got))
			// An endpoint that reaches no Upstash is listed and never flagged.
			for _, e := range rows {
				if e.Verdict != VerdictNoUpstash {
					continue
				}
				for _, f := range fs {
					if f.RuleID == "UPS401" && f.Path == e.File && f.Line == e.Line {
						t.Errorf("%s %s (%s:%d) reaches no Upstash but has UPS401", e.Method, e.Path, e.File, e.Line)
					}
				}
				if len(e.Rules) > 0 || e.Upstash != "" {
					t.Errorf("%s %s (%s:%d): no-upstash row with %v %q", e.Method, e.Path, e.File, e.Line, e.Rules, e.Upstash)
				}
			}
			// Every UPS401 is at an endpoint row marked unprotected.
			for _, f := range fs {
				if f.RuleID != "UPS401" {
					continue
				}
				found := false
				for _, e := range rows {
					if e.File == f.Path && e.Line == f.Line && e.Verdict == VerdictUnprotected {
						found = true
					}
				}
				if !found {
					t.Errorf("UPS401 at %s:%d has no unprotected row", f.Path, f.Line)
				}
				if len(f.Related) == 0 && !strings.Contains(f.Message, "Workflow") {
					t.Errorf("UPS401 at %s:%d has no evidence chain", f.Path, f.Line)
				}
			}
		})
	}
}
