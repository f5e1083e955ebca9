//go:build cgo

package jsts

import (
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

// jstsRules are the rules decided from this analyzer's facts in one file:
// its own (UPS301–UPS303) and the exposure pass's (UPS202, UPS203).
var jstsRules = map[string]bool{"UPS202": true, "UPS203": true, "UPS301": true, "UPS302": true, "UPS303": true}

// TestCatalogueExamples runs every catalogue sample this analyzer reads,
// with the per-file passes: a Bad sample of one of its rules must produce
// that rule, a Good sample must not, and no sample may produce a rule that
// other facts decide (UPS201 from env files, UPS204 from built assets).
func TestCatalogueExamples(t *testing.T) {
	a := newTestAnalyzer(t)
	for _, r := range rules.All() {
		if !strings.HasPrefix(string(r.ID), "UPS2") && !strings.HasPrefix(string(r.ID), "UPS3") {
			continue
		}
		for _, set := range []struct {
			name string
			ex   []rules.Example
			want bool
		}{{"bad", r.Bad, true}, {"good", r.Good, false}} {
			for _, ex := range set.ex {
				if !Handles(ex.Path) {
					continue
				}
				f, fs := analyzeFile(a, ex.Path, []byte(ex.Content))
				checkBounds(t, ex.Path, []byte(ex.Content), f, fs)
				got := false
				for _, x := range fs {
					if x.RuleID == string(r.ID) {
						got = true
					}
					if x.RuleID == "UPS201" || x.RuleID == "UPS204" {
						t.Errorf("%s %s sample %s: jsts reported %s", r.ID, set.name, ex.Path, x.RuleID)
					}
				}
				if jstsRules[string(r.ID)] && got != set.want {
					t.Errorf("%s %s sample %s: reported=%v, want %v; findings: %v", r.ID, set.name, ex.Path, got, set.want, ruleIDs(fs))
				}
				if len(f.Notes) > 0 {
					t.Errorf("%s %s sample %s: notes %q", r.ID, set.name, ex.Path, f.Notes)
				}
			}
		}
	}
}

func ruleIDs(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+"@"+itoa(f.Line))
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
