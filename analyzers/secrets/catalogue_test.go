package secrets

import (
	"strconv"
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

// TestCatalogueExamples runs every credential rule's Bad and Good examples
// from the catalogue through the detector: each Bad example must produce a
// finding of its rule, each Good example none.
func TestCatalogueExamples(t *testing.T) {
	d := newDetector(t)
	n := 0
	for _, r := range rules.All() {
		if r.Family != rules.Credentials {
			continue
		}
		n++
		if len(r.Bad) == 0 || len(r.Good) == 0 {
			t.Errorf("%s: want Bad and Good examples", r.ID)
		}
		for i, ex := range r.Bad {
			if !hasRule(detectAll(d, ex.Path, []byte(ex.Content)), string(r.ID)) {
				t.Errorf("%s Bad[%d] (%s): no %s finding; got %v", r.ID, i, ex.Path, r.ID, summary(detectAll(d, ex.Path, []byte(ex.Content))))
			}
		}
		for i, ex := range r.Good {
			if got := detectAll(d, ex.Path, []byte(ex.Content)); hasRule(got, string(r.ID)) {
				t.Errorf("%s Good[%d] (%s): unexpected finding: %v", r.ID, i, ex.Path, summary(got))
			}
		}
	}
	if n != 9 {
		t.Errorf("catalogue has %d UPS1xx rules, want 9", n)
	}
}

func hasRule(fs []rules.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// summary renders findings without secret values: rule, position, Redacted.
func summary(fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.RuleID + "@" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Col) + " " + f.Secret.String() + "; ")
	}
	return b.String()
}
