//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/upstash"
)

// Kinds of a literal token value that analyzers/secrets does not decode as a
// credential (rules.Redacted.Kind in facts.Value.Secret).
const (
	// KindPlaceholder is a stand-in such as "your-token" or "dev-token"
	// (upstash.IsPlaceholder).
	KindPlaceholder = "placeholder"
	// KindUnrecognised is a literal that is neither a decodable Upstash
	// credential nor a placeholder: maybe an ACL token, maybe junk.
	KindUnrecognised = "unrecognised-token"
)

// classify returns the credential kind of a literal value as
// upstash.Classify decodes it (redis-rest-token, redis-read-only-token,
// qstash-token, qstash-signing-key, vector-search-token…), KindPlaceholder or
// KindUnrecognised, and whether the credential is read-only (Upstash allows
// exposing read-only tokens, so they rate low).
func classify(v string) (kind string, readOnly bool) {
	if c, ok := upstash.Classify(v); ok {
		return c.Kind, c.ReadOnly
	}
	if upstash.IsPlaceholder(v) {
		return KindPlaceholder, false
	}
	return KindUnrecognised, false
}

// credentialKind reports whether a redacted literal is a decoded credential
// (not a placeholder or an unrecognised string).
func credentialKind(kind string) bool {
	return kind != "" && kind != KindPlaceholder && kind != KindUnrecognised
}
