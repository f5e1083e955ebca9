package golang

import (
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/rules"
)

// Rule IDs the analyzers report. The 1xx family is registered in
// rules/credentials.go; the others in rules/transport.go, rules/scope.go,
// rules/ratelimit.go.
const (
	ruleNoRateLimit = "UPS401" // public endpoint reaches Upstash with no rate limit
	ruleNoVerify    = "UPS504" // QStash webhook without signature verification
	ruleQStashToken = "UPS104"
	ruleSigningKey  = "UPS105"
	ruleVectorToken = "UPS106"
	ruleRedisPass   = "UPS103"
)

// severityOf is the catalogue's severity of rule id.
func severityOf(id string) rules.Severity {
	if r := rules.Lookup(id); r != nil {
		return r.Severity
	}
	return rules.Info
}

// Result is what every reporting analyzer returns: its findings with
// positions in the pass's file set, for drivers (Run, the syntax-only
// mode) that build rules.Finding values rather than print diagnostics.
type Result struct {
	Findings []Found
}

// Found is one finding of an analyzer. Message never contains a secret and
// does not carry the rule ID (diagnostics do: "UPS401: …").
type Found struct {
	Pos, End token.Pos
	RuleID   string
	Severity rules.Severity
	Message  string
	Secret   rules.Redacted // credentials only
	// Finding, when set, is the finding exactly as analyzers/secrets
	// reports it for the file (positions, fingerprint and related host);
	// Run then keeps it, with the path made relative.
	Finding *rules.Finding
	// Key, when set, is the content key a rule pass set
	// (rules.Finding.SetKey), which Run keeps instead of one made from the
	// source text; Related are the pass's related locations.
	Key     string
	Related []rules.Location
}

var resultType = reflect.TypeOf((*Result)(nil))

// report records f in res and reports it as a diagnostic whose message and
// category carry the rule ID.
func report(pass *analysis.Pass, res *Result, f Found, fixes []analysis.SuggestedFix) {
	if f.Severity == 0 && f.Finding == nil {
		f.Severity = severityOf(f.RuleID)
	}
	res.Findings = append(res.Findings, f)
	pass.Report(analysis.Diagnostic{
		Pos:            f.Pos,
		End:            f.End,
		Category:       f.RuleID,
		Message:        f.RuleID + ": " + f.Message,
		SuggestedFixes: fixes,
	})
}
