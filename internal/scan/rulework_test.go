package scan

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// TestCredentialRulesParseNothing: with only the credential rules enabled
// (--enable UPS101,…,UPS109) no file is parsed and no cross-file analysis
// runs, and the credential findings are exactly those of a scan with every
// rule (issue 16: work follows the rules that run). The tree holds the Bad
// samples of every rule, so code that a full scan parses is there.
func TestCredentialRulesParseNothing(t *testing.T) {
	files := map[string]string{}
	var ids []string
	for i, r := range rules.All() {
		if r.Family == rules.Credentials {
			ids = append(ids, string(r.ID))
		}
		for j, ex := range r.Bad {
			if ex.Path == rules.DatabaseExamplePath {
				continue
			}
			files[fmt.Sprintf("ex%d-%d/%s", i, j, ex.Path)] = ex.Content
		}
	}
	dir := writeTree(t, files)
	all, err := Run(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	only := map[string]bool{}
	for _, id := range ids {
		only[id] = true
	}
	creds, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: func(id string) bool { return only[id] }})
	if err != nil {
		t.Fatal(err)
	}
	if all.Parsed == 0 {
		t.Fatal("the full scan parsed nothing: the tree does not exercise the parsers")
	}
	if creds.Parsed != 0 || creds.Endpoints != nil {
		t.Errorf("credential rules only: %d files parsed, endpoints %v; want none parsed and no cross-file analysis", creds.Parsed, creds.Endpoints)
	}
	type loc struct {
		Rule, Path string
		Line       int
	}
	var want, got []loc
	for _, f := range all.Findings {
		if only[f.RuleID] {
			want = append(want, loc{f.RuleID, f.Path, f.Line})
		}
	}
	for _, f := range creds.Findings {
		got = append(got, loc{f.RuleID, f.Path, f.Line})
	}
	if len(want) == 0 {
		t.Fatal("no credential findings in the full scan")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("credential findings differ with only credential rules enabled (-all +only):\n%s", diff)
	}
}
