package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/upscan/upscan/rules"
)

// severityTrees are the fixture trees whose findings must carry a severity
// their rule's catalogue entry lists (rules.Rule.Allows).
var severityTrees = []string{
	"../../testdata/consistency",
	"../../analyzers/configs/testdata",
	"../../analyzers/exposure/testdata",
	"../../analyzers/jsts/testdata",
	"../../analyzers/python/testdata",
	"../../analyzers/ratelimit/testdata",
	"../../analyzers/secrets/testdata",
}

// TestSeveritiesMatchCatalogue keeps the catalogue the truth about
// severities: every finding of the rules' samples and of the fixture trees
// carries its rule's default severity or one of the cases the catalogue
// documents (rules/severities.go), so docs/rules.md never says critical
// where a report says high.
func TestSeveritiesMatchCatalogue(t *testing.T) {
	check := func(where string, fs []rules.Finding) {
		t.Helper()
		for _, f := range fs {
			r := rules.Lookup(f.RuleID)
			if r == nil {
				t.Errorf("%s: %s:%d: finding of unknown rule %s", where, f.Path, f.Line, f.RuleID)
				continue
			}
			if !r.Allows(f.Severity) {
				t.Errorf("%s: %s:%d: %s reported %s, but the catalogue says %s", where, f.Path, f.Line, f.RuleID, f.Severity, r.SeverityText())
			}
		}
	}
	for _, r := range rules.All() {
		for _, ex := range r.Bad {
			if ex.Path == rules.DatabaseExamplePath {
				continue
			}
			dir := writeTree(t, map[string]string{ex.Path: ex.Content})
			res, err := Run(context.Background(), Options{Paths: []string{dir}})
			if err != nil {
				t.Fatalf("%s sample %s: %v", r.ID, ex.Path, err)
			}
			check(string(r.ID)+" sample", res.Findings)
		}
	}
	for _, tree := range severityTrees {
		if _, err := os.Stat(tree); err != nil {
			t.Fatalf("fixture tree %s: %v", tree, err)
		}
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(tree)); err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), Options{Paths: []string{dir}, NoIgnore: true})
		if err != nil {
			t.Fatalf("%s: %v", tree, err)
		}
		check(filepath.Base(filepath.Dir(tree)), res.Findings)
	}
}
