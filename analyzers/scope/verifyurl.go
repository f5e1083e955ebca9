package scope

import (
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// VerifyURL decides UPS505 from one module's QStash signature checks
// (facts.Verify): a Receiver.verify call whose options are all known and
// name no `url`, and a verifySignature* wrapper of @upstash/qstash. QStash
// puts the URL a message was sent to in the signature's `sub` claim, and
// Receiver.verify checks it only when given `url`; the wrappers never pass
// it (their `url` option is ignored; the SDK's h3 wrapper says so in its
// documentation). A signature QStash made for another endpoint of the same
// account (a user-configured webhook, another app) then verifies here.
// Test files and installed dependencies (the SDK's own wrappers) are
// skipped.
func VerifyURL(f *facts.File) []rules.Finding {
	if modgraph.IsTestPath(f.Path) || upstash.IsInstalledPath(f.Path) {
		return nil
	}
	var out []rules.Finding
	for _, v := range f.Verifies {
		fd := rules.Finding{RuleID: string(rules.QStashVerifyWithoutURL), Severity: rules.Low, Path: f.Path, Line: v.Pos.Line, Col: v.Pos.Col}
		switch {
		case v.Wrapper:
			fd.Message = v.Call + " checks the QStash signature but never the URL it was signed for (the SDK's " +
				"wrappers do not pass url to Receiver.verify): a delivery signed for another endpoint of the same " +
				"QStash account is accepted here; verify with Receiver.verify({ signature, body, url }) and this " +
				"endpoint's public URL"
		case v.Known && !v.URL:
			fd.Message = v.Call + " is called without url, so the signature's sub claim (the endpoint the message " +
				"was signed for) is never checked: a delivery signed for another endpoint of the same QStash account " +
				"is accepted here; pass url: this endpoint's public URL"
		default:
			continue
		}
		fd.SetKey("qstash verify without url " + v.Call)
		out = append(out, fd)
	}
	return out
}
