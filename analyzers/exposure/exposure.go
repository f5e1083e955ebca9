// Package exposure is the rule pass of the client-exposure family: it
// decides UPS201–UPS204 from facts, whatever language or file format they
// were read from, and owns every message and severity of the family.
//
//   - UPS201, a credential in a public-prefixed env variable (env files, CI
//     and deploy configs): [File], from facts.EnvVar.
//   - UPS202, a token read or a client built in client-side code: [File] for
//     what one module shows (a "use client" module, a component, a static
//     script, a browser-only env prefix), [Reached] for a module that
//     client-side code imports (the module graph finds the chain).
//   - UPS203, a token exposed by a framework build config: [File], from
//     facts.ConfigExposure.
//   - UPS204, a credential inlined into a built asset: [BuildOutput], over
//     the credential findings of the file.
//
// The front-ends (analyzers/jsts, analyzers/configs) only extract the facts;
// the conventions behind them are UPSTASH.md §3.
package exposure

import (
	"fmt"
	"sort"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// Rule IDs of the family (rules/exposure.go).
const (
	rulePublicEnv   = "UPS201" // credential in a public-prefixed env variable
	ruleClientCode  = "UPS202" // token read or client built in client-side code
	ruleBuildConfig = "UPS203" // token exposed via a build config
	ruleBuildOutput = "UPS204" // credential in built assets
)

// File returns the UPS201–UPS203 findings that the facts of one file decide
// alone, sorted by rules.Less: public env variables holding a credential
// (UPS201), tokens read and clients built in client-side code (UPS202),
// build-config settings that expose tokens (UPS203). Paths and positions
// are the facts' own. A nil file has none.
func File(f *facts.File) []rules.Finding {
	if f == nil {
		return nil
	}
	var out []rules.Finding
	out = append(out, publicEnvVars(f)...)
	out = append(out, clientCode(f)...)
	out = append(out, buildConfig(f)...)
	sort.SliceStable(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	return out
}

// BuildOutput re-reports the credential findings of a built asset (dist/,
// .next/static, …: a file the walker classifies as build output) as
// UPS204: the credential ships to every browser that loads the bundle. The
// severity stays the credential's (a read-only token is low). Findings
// without a secret are returned unchanged; fs is modified in place and
// returned. When the catalogue has no UPS204 (a build without the rule),
// fs is returned as is.
func BuildOutput(fs []rules.Finding) []rules.Finding {
	if rules.Lookup(ruleBuildOutput) == nil {
		return fs
	}
	for i := range fs {
		if fs[i].Secret.IsZero() {
			continue
		}
		fs[i].RuleID = ruleBuildOutput
		fs[i].Message = fmt.Sprintf("Upstash credential (%s) is inlined into a built asset that ships to browsers; rotate it and keep it server-side", fs[i].Secret.Kind)
		fs[i].SetKey("")
	}
	return fs
}

// ServerBuildOutput marks the credential findings of server-side build
// output (.aws-sam/build, .serverless, .vercel/output/functions, a backend
// package's dist/: a file the walker classifies so) as build output: the
// rule and severity stay the credential's, since the output runs on a
// server and is not served to browsers (not UPS204), but the message says
// the token was built into a deployment artefact and must be rotated.
// Findings without a secret are returned unchanged; fs is modified in
// place and returned.
func ServerBuildOutput(fs []rules.Finding) []rules.Finding {
	for i := range fs {
		if fs[i].Secret.IsZero() {
			continue
		}
		fs[i].Message += " (in server-side build output: it was built into a deployment artefact, not served to browsers; rotate it, and find the source or env file that put it there)"
	}
	return fs
}

// finding starts a finding of rule id at [pos, end] of file f.
func finding(f *facts.File, id string, sev rules.Severity, pos, end facts.Pos, msg string) rules.Finding {
	if end.Line == 0 {
		end = pos
	}
	return rules.Finding{RuleID: id, Severity: sev, Path: f.Path, Line: pos.Line, Col: pos.Col, EndLine: end.Line, EndCol: end.Col, Message: msg}
}

// loc is a related location in file f.
func loc(f *facts.File, p facts.Pos, msg string) rules.Location {
	return rules.Location{Path: f.Path, Line: p.Line, Col: p.Col, Message: msg}
}
