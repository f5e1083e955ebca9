package golang_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/upscan/upscan/analyzers/golang"
	"github.com/upscan/upscan/analyzers/secrets"
)

// credential returns the credential analyzer with upscan's detector, as
// upscan and upscan-vet run it.
func credential(t *testing.T) *analysis.Analyzer {
	t.Helper()
	return golang.NewCredential(detector(t))
}

func detector(t *testing.T) *secrets.Detector {
	t.Helper()
	d, err := secrets.New()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Each analysistest run loads its packages and the standard library they
// import from source, which takes long under the race detector; the tests
// that do so run in parallel.
func TestCredential(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), credential(t), "credential/a")
}

// TestCredentialNoDetector checks the analyzer the golangci-lint plugin
// runs: values passed to Upstash clients only, dev values excepted.
func TestCredentialNoDetector(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), golang.Credential, "credential/nodetector")
}

func TestCredentialGenerated(t *testing.T) {
	t.Parallel()
	for _, r := range analysistest.Run(t, analysistest.TestData(), credential(t), "credential/gen") {
		if len(r.Diagnostics) == 0 {
			t.Error("generated file: no finding")
		}
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("generated file: fix offered for %s", d.Category)
			}
		}
	}
}

func TestTLS(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), golang.TLS, "transport/tls")
}

func TestSkipVerify(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), golang.SkipVerify, "transport/skipverify")
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), golang.RateLimit,
		"ratelimit/nethttp", "ratelimit/frameworks", "ratelimit/cross/api", "ratelimit/plain", "ratelimit/callers")
}

func TestQStashVerify(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), golang.QStashVerify, "qstash/a", "qstash/b")
}
