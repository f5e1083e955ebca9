//go:build cgo

package ratelimit

import (
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
)

// analyzeSample runs the per-file analyzers and the project analyses over
// one sample file, as the scanner does for a one-file tree. Only the
// findings of this pass and the per-file ones are returned.
func analyzeSample(t *testing.T, ex rules.Example) []rules.Finding {
	t.Helper()
	loadAnalyzers(t)
	var f *facts.File
	var per []rules.Finding
	switch {
	case jsAnalyzer != nil && isJSPath(ex.Path):
		f, per = jsAnalyzer.Analyze(ex.Path, []byte(ex.Content))
	default:
		f, per = pyAnalyzer.Analyze(ex.Path, []byte(ex.Content))
	}
	files := []*facts.File{f}
	_, cross := Analyze(modgraph.New(modgraph.NewIndex([]string{ex.Path}, files), files))
	return append(per, cross...)
}

func isJSPath(p string) bool {
	switch p[len(p)-3:] {
	case ".ts", "tsx", ".js", "jsx", "mjs":
		return true
	}
	return false
}

// TestRateLimitSamples runs the Bad and Good samples of UPS402–UPS404
// through the real analyzers: every Bad sample yields its rule, no Good
// sample does.
func TestRateLimitSamples(t *testing.T) {
	for _, id := range []string{"UPS402", "UPS403", "UPS404"} {
		r := rules.Lookup(id)
		if r == nil {
			t.Fatalf("%s not registered", id)
		}
		for i, ex := range r.Bad {
			if !hasRule(analyzeSample(t, ex), id) {
				t.Errorf("%s bad sample %d (%s): no finding", id, i, ex.Path)
			}
		}
		for i, ex := range r.Good {
			for _, f := range analyzeSample(t, ex) {
				if f.RuleID >= "UPS401" && f.RuleID <= "UPS404" {
					t.Errorf("%s good sample %d (%s): unexpected %s %s", id, i, ex.Path, f.RuleID, f.Message)
				}
			}
		}
	}
}

// TestUPS401JSSamples checks the JS/TS samples proposed for UPS401.
func TestUPS401JSSamples(t *testing.T) {
	bad := rules.Example{Path: "app/api/hits/route.ts", Content: "import { Redis } from \"@upstash/redis\";\n\n" +
		"const redis = Redis.fromEnv();\n\nexport async function POST() {\n" +
		"  const hits = await redis.incr(\"hits\");\n  return Response.json({ hits });\n}\n"}
	if !hasRule(analyzeSample(t, bad), "UPS401") {
		t.Error("bad sample: no UPS401")
	}
	good := rules.Lookup("UPS402").Good[0]
	for _, f := range analyzeSample(t, good) {
		if f.RuleID >= "UPS401" && f.RuleID <= "UPS404" {
			t.Errorf("good sample: unexpected %s %s", f.RuleID, f.Message)
		}
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
