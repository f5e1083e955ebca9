package scope

import (
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// DevMode decides UPS503 from the env variables of one env file or deploy
// config: QStash dev mode switched on (QSTASH_DEV=true), or the public
// QStash dev-server credentials (UPSTASH.md §1.3), in an assignment that
// reaches production (facts.EnvVar.Production). Elsewhere both are the
// documented local setup and no finding.
func DevMode(f *facts.File) []rules.Finding {
	var out []rules.Finding
	for i := range f.EnvVars {
		v := &f.EnvVars[i]
		if v.Production == "" {
			continue
		}
		fd := rules.Finding{RuleID: string(rules.QStashDevModeInProduction), Path: f.Path,
			Line: v.Pos.Line, Col: v.Pos.Col, EndLine: v.End.Line, EndCol: v.End.Col}
		switch {
		case v.DevFlag != "":
			fd.Severity = rules.Critical
			fd.Message = v.Name + "=" + v.DevFlag + " in " + v.Production + ": the QStash Receiver then accepts deliveries signed with the public dev-server keys, so anyone can forge webhooks; remove it from production"
			fd.SetKey(v.Name + "=true")
		case v.Credential.Dev && v.Credential.Kind == upstash.KindDevSigningKey:
			fd.Severity, fd.Secret = rules.Critical, v.Secret
			fd.Message = v.Name + " in " + v.Production + " is a " + v.Credential.Label + ", published by Upstash: anyone can sign deliveries that verify with it; set the signing keys from the QStash console"
			fd.SetKey("")
		case v.Credential.Dev:
			fd.Severity, fd.Secret = rules.Medium, v.Secret
			fd.Message = v.Name + " in " + v.Production + " is the " + v.Credential.Label + " (dev credentials in use): it only works against a local QStash dev server; set the production QStash token"
			fd.SetKey("")
		default:
			continue
		}
		if fd.EndLine == 0 {
			fd.EndLine, fd.EndCol = fd.Line, fd.Col
		}
		out = append(out, fd)
	}
	return out
}
