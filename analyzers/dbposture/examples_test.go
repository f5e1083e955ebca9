package dbposture

import (
	"testing"

	"github.com/upscan/upscan/rules"
)

// TestCatalogueAPIExamples runs every posture rule example that is a
// Developer API database object (rules.DatabaseExamplePath) through
// DecodeDatabase and Check: a Bad example must fail the rule, a Good one pass
// it. The Terraform examples (main.tf) are run by analyzers/terraform.
func TestCatalogueAPIExamples(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		if r.Family != rules.Posture {
			continue
		}
		for i, ex := range append(append([]rules.Example{}, r.Bad...), r.Good...) {
			if ex.Path != rules.DatabaseExamplePath {
				continue
			}
			n++
			bad := i < len(r.Bad)
			db, err := DecodeDatabase([]byte(ex.Content))
			if err != nil {
				t.Errorf("%s example %d: %v", r.ID, i, err)
				continue
			}
			want := StatusPass
			if bad {
				want = StatusFail
			}
			if got := resultOf(t, Check(db), string(r.ID)); got.Status != want {
				t.Errorf("%s example %d (bad=%v): status %v, want %v: %s", r.ID, i, bad, got.Status, want, got.Message)
			}
		}
	}
	if n < 10 { // UPS605–UPS609, a Bad and a Good each
		t.Errorf("only %d database-object examples; want UPS605–UPS609's", n)
	}
}

// TestFindingsLogical: posture findings name their database as a logical
// location, which reports use instead of a file.
func TestFindingsLogical(t *testing.T) {
	db := hardened()
	db.TLS = Off
	for _, f := range Findings(db, Check(db)) {
		if f.Path != "" || f.Logical != "upstash/redis/shop-prod" {
			t.Errorf("%s: Path %q, Logical %q", f.RuleID, f.Path, f.Logical)
		}
	}
}
