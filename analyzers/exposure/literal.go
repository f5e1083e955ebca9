package exposure

import (
	"fmt"

	"github.com/upscan/upscan/rules"
)

// literalRules are the credential rules whose findings are decoded
// Upstash credentials: a token, a password, a signing key, an index or
// Developer API key (not a Kafka credential, not an undecoded guess).
var literalRules = map[string]bool{"UPS101": true, "UPS102": true, "UPS103": true, "UPS104": true, "UPS105": true, "UPS106": true, "UPS107": true}

// Literals reports UPS202 for the hardcoded credentials (fs: the
// credential findings of the scan) that sit in code running in the
// browser or on the user's device: client maps such a file to why
// (ClientFiles). The credential finding stays; UPS202 says that the
// credential also ships to every visitor, at its severity. A file whose
// UPS202 already carries the same credential (a client built with it,
// File or Reached) is not reported twice; existing holds the scan's UPS202
// findings.
func Literals(client map[string]string, fs, existing []rules.Finding) []rules.Finding {
	type key struct {
		path   string
		secret rules.Redacted
	}
	done := map[key]bool{}
	for _, fd := range existing {
		if fd.RuleID == ruleClientCode && !fd.Secret.IsZero() {
			done[key{fd.Path, fd.Secret}] = true
		}
	}
	var out []rules.Finding
	for _, fd := range fs {
		why, ok := client[fd.Path]
		if !ok || !literalRules[fd.RuleID] || fd.Secret.IsZero() || done[key{fd.Path, fd.Secret}] {
			continue
		}
		done[key{fd.Path, fd.Secret}] = true
		x := rules.Finding{RuleID: ruleClientCode, Severity: fd.Severity, Path: fd.Path, Line: fd.Line, Col: fd.Col, EndLine: fd.EndLine, EndCol: fd.EndCol,
			Message: fmt.Sprintf("Hardcoded Upstash credential (%s) in code that runs in the browser or on the user's device (%s): every visitor or app user gets it from the bundle; move the Upstash calls to a server endpoint and rotate the credential", fd.Secret.Kind, why),
			Secret:  fd.Secret}
		x.Related = []rules.Location{{Path: fd.Path, Line: fd.Line, Col: fd.Col, Message: "credential (" + fd.RuleID + ")"}}
		x.SetKey("")
		out = append(out, x)
	}
	return out
}
