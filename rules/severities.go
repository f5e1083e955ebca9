package rules

import "strings"

// SeverityCase is a severity other than its rule's default that some
// findings of the rule carry, and when they do.
type SeverityCase struct {
	Severity Severity
	When     string // a clause: "the token is read-only"
}

// severityCases is the one place that says when a finding's severity
// differs from its rule's default: Register attaches each rule's cases,
// docs/rules.md and `upscan explain` show them, and a test in
// internal/scan fails when a pass reports a severity its rule does not
// list here. A rule absent from this table always reports its default.
var severityCases = map[ID][]SeverityCase{
	"UPS103": {{Low, "the password in the URL is a read-only one"}},
	"UPS106": {{Low, "the index token is a read-only one"}},
	"UPS201": {
		{Medium, "the variable holds a read-only QStash token (it still reads messages and logs)"},
		{Low, "the variable holds a read-only Redis or index token, which Upstash allows exposing"},
	},
	"UPS202": {
		{High, "the token is of no known kind (a public variable whose name says token but not which, or a literal of no known format), a Vector/Search client is built from the default variables in client code, or the hardcoded credential is a QStash signing key"},
		{Medium, "a public-prefixed variable holding a token (by its name, or by the value an env file of the scan sets) is read in a module that no client-side code of the scan imports (a route handler, an API route, a server library, a script): not in a bundle yet, but one client import away"},
		{Low, "the token is a read-only one (by its name, its decoded value, or the value every env file of the scan sets)"},
	},
	"UPS203": {
		{High, "the setting exposes the whole environment or every variable rather than one token (`env: process.env`, Vite `envPrefix: ''`, SvelteKit `publicPrefix: ''`)"},
		{Low, "the exposed token is a read-only one"},
	},
	"UPS204": {
		{High, "the credential is a QStash signing key (its own severity, UPS105)"},
		{Medium, "the string is of no known format (UPS109)"},
		{Low, "the credential is a read-only one"},
	},
	"UPS302": {{Medium, "the code is a development or test file, or only an env variable's name says the host is Upstash's"}},
	"UPS303": {{Medium, "only an env variable's name says the host is Upstash's (no literal host)"}},
	"UPS401": {{Low, "the endpoint is an AWS Lambda function, checks a signed-in user first, or checks the sender only after it reaches Upstash"}},
	"UPS404": {{Low, "a limiter is built on every call without an ephemeral cache (the check itself is on the request path)"}},
	"UPS501": {{Info, "the client is shared with modules upscan did not read, which may write with it"}},
	"UPS502": {{Low, "none of the environments sharing the database is production"}},
	"UPS503": {{Medium, "the production value is the dev server's token, which only works against a local dev server"}},
	"UPS602": {{Info, "the database is on the free plan, where Prod Pack is unavailable"}},
	"UPS603": {
		{High, "the allow-list admits every address (`0.0.0.0/0`)"},
		{Info, "the database is on the free plan, where the allow-list is unavailable"},
	},
	"UPS604": {{Info, "the database is on the free plan"}},
	"UPS607": {{Info, "the database is on the free plan"}},
	"UPS608": {{Info, "the database is on the free plan"}},
	"UPS610": {{Info, "the database is on the free plan"}},
	"UPS611": {{Info, "the database is on the free plan, which has hard limits and no charges"}},
	"UPS614": {{Info, "the database is on the free plan"}},
}

// Allows reports whether a finding of r may carry severity s: r's default
// or one of its severity cases.
func (r *Rule) Allows(s Severity) bool {
	if s == r.Severity {
		return true
	}
	for _, c := range r.Cases {
		if c.Severity == s {
			return true
		}
	}
	return false
}

// SeverityText describes r's severities in one line: "critical", or
// "critical by default; low when the token is a read-only one; …".
func (r *Rule) SeverityText() string {
	if len(r.Cases) == 0 {
		return r.Severity.String()
	}
	var b strings.Builder
	b.WriteString(r.Severity.String() + " by default")
	for _, c := range r.Cases {
		b.WriteString("; " + c.Severity.String() + " when " + c.When)
	}
	return b.String()
}
