// Package golang holds upscan's Go analyzers, built on
// golang.org/x/tools/go/analysis: hardcoded Upstash credentials with a fix
// (UPS101–UPS109), plaintext and unverified TLS transport to Upstash
// (UPS301–UPS303), HTTP endpoints that reach Upstash with no rate limit
// (UPS401) and QStash webhooks that never verify the signature (UPS504).
//
// The analyzers run three ways: under "upscan ./..." through Run, which
// loads packages with go/packages and falls back to a syntax-only mode when
// they cannot be type-checked; under "go vet -vettool" (cmd/upscan-vet);
// and as a golangci-lint module plugin (plugin/golangci). Diagnostics carry
// the rule ID as their category and message prefix ("UPS401: …").
//
// For transport the package is the Go front-end of analyzers/transport:
// Transport extracts the same facts the other front-ends extract (from the
// type-checked AST when it loads, syntax-only otherwise) and runs the same
// pass, and TLS and SkipVerify turn its findings into diagnostics, so the
// CLI, go vet and golangci-lint give every Go file the answer upscan gives
// the same shape in any language.
package golang

import "golang.org/x/tools/go/analysis"

// New returns the reporting analyzers, in rule order, with the credential
// analyzer using d (nil: values passed to Upstash clients only, see
// NewCredential). Their prerequisites (Index, Reach, Transport) are found through
// Requires, as every driver does.
func New(d Detector) []*analysis.Analyzer {
	return []*analysis.Analyzer{NewCredential(d), TLS, SkipVerify, RateLimit, QStashVerify}
}

// Analyzers returns the reporting analyzers without a credential Detector:
// New(nil). The golangci-lint plugin uses it.
func Analyzers() []*analysis.Analyzer { return New(nil) }
