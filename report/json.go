package report

import (
	"encoding/json"
	"io"

	"github.com/upscan/upscan/rules"
)

// JSONVersion is the version of the JSON output schema (DESIGN.md, documented
// in docs/output-formats.md). It changes only when a field changes meaning or
// goes away; new fields may be added within a version.
const JSONVersion = 1

// jsonReport is the top-level JSON document.
type jsonReport struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
	Errors   []jsonProblem `json:"errors"`
	Skipped  []jsonProblem `json:"skipped"`
	// Notes are the report's warnings about the scan as a whole
	// (Report.Notes); omitted when there are none.
	Notes []string `json:"notes,omitempty"`
	// Databases, Manual and Account are present only in `upscan db`
	// reports (Report.Posture): each database's score, grade and per-check
	// status, the manual checks and the account-wide results.
	Databases []jsonDatabase `json:"databases,omitzero"`
	Manual    []string       `json:"manual,omitzero"`
	Account   []string       `json:"account,omitzero"`
	// Endpoints is the rate-limit coverage table of a code scan
	// (Report.Coverage): present, possibly empty, when it was computed.
	Endpoints []jsonEndpoint `json:"endpoints,omitzero"`
}

// jsonFinding is one finding. Lines and columns are 1-based, columns count
// UTF-8 bytes, end_column is inclusive; 0 means unknown.
type jsonFinding struct {
	RuleID      string         `json:"rule_id"`
	RuleName    string         `json:"rule_name"`
	Severity    string         `json:"severity"`
	Path        string         `json:"path"`
	Line        int            `json:"line"`
	Column      int            `json:"column"`
	EndLine     int            `json:"end_line"`
	EndColumn   int            `json:"end_column"`
	Message     string         `json:"message"`
	Fingerprint string         `json:"fingerprint"`
	Secret      *jsonSecret    `json:"secret,omitempty"`
	Related     []jsonLocation `json:"related,omitempty"`
	// Logical names what a finding without a file is about, e.g.
	// "upstash/redis/shop-prod"; omitted for file findings.
	Logical string `json:"logical,omitempty"`
	// Verification is the --verify outcome; omitted when no check ran.
	Verification *jsonVerification `json:"verification,omitempty"`
	// Commit is the commit that introduced the finding (--history);
	// omitted otherwise.
	Commit *jsonCommit `json:"commit,omitempty"`
}

// jsonSecret is the redaction of a secret. It deliberately leaves out
// rules.Redacted.SHA256.
type jsonSecret struct {
	Kind   string `json:"kind"`
	Prefix string `json:"prefix"`
	Length int    `json:"length"`
}

// jsonLocation is a related location.
type jsonLocation struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

// jsonSummary holds the scan's totals.
type jsonSummary struct {
	Files      int            `json:"files"`
	Bytes      int64          `json:"bytes"`
	Parsed     int            `json:"parsed"`
	Findings   int            `json:"findings"`
	BySeverity jsonSeverities `json:"by_severity"`
	Suppressed int            `json:"suppressed"`
	// BaselineUnmatched counts the baseline entries that matched no
	// finding; omitted when no baseline was given.
	BaselineUnmatched *int `json:"baseline_unmatched,omitempty"`
}

// jsonSeverities counts findings per severity, always with all five keys,
// most severe first.
type jsonSeverities struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
}

// jsonProblem is an error or a skip note.
type jsonProblem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// writeJSON renders the JSON format: one indented document and a newline.
func writeJSON(w io.Writer, r *Report) error {
	fs := sortedFindings(r.Findings)
	doc := jsonReport{
		Version:  JSONVersion,
		Findings: make([]jsonFinding, 0, len(fs)),
		Summary: jsonSummary{
			Files:             r.Stats.Files,
			Bytes:             r.Stats.Bytes,
			Parsed:            r.Stats.Parsed,
			Findings:          len(fs),
			Suppressed:        r.Suppressed,
			BaselineUnmatched: r.BaselineUnmatched,
		},
		Errors:  jsonProblems(r.Errors),
		Skipped: jsonProblems(r.Skipped),
		Notes:   append([]string(nil), r.Notes...),
	}
	doc.Endpoints = jsonEndpoints(r.Coverage)
	if r.Posture != nil {
		doc.Databases = jsonDatabases(r.Posture)
		doc.Manual = append([]string{}, r.Posture.Manual...)
		doc.Account = append([]string{}, r.Posture.Account...)
	}
	n := severityCounts(fs)
	doc.Summary.BySeverity = jsonSeverities{
		Critical: n[rules.Critical], High: n[rules.High], Medium: n[rules.Medium], Low: n[rules.Low], Info: n[rules.Info],
	}
	for _, f := range fs {
		jf := jsonFinding{
			RuleID:      f.RuleID,
			RuleName:    ruleName(f.RuleID),
			Severity:    clampSeverity(f.Severity).String(),
			Path:        f.Path,
			Line:        f.Line,
			Column:      f.Col,
			EndLine:     f.EndLine,
			EndColumn:   f.EndCol,
			Message:     f.Message,
			Fingerprint: f.Fingerprint,
			Logical:     f.Logical,

			Verification: newJSONVerification(f.Verification),
			Commit:       newJSONCommit(f.Commit),
		}
		if !f.Secret.IsZero() {
			jf.Secret = &jsonSecret{Kind: f.Secret.Kind, Prefix: f.Secret.Prefix, Length: f.Secret.Length}
		}
		for _, l := range f.Related {
			p := l.Path
			if p == "" {
				p = f.Path
			}
			jf.Related = append(jf.Related, jsonLocation{
				Path: p, Line: l.Line, Column: l.Col, EndLine: l.EndLine, EndColumn: l.EndCol, Message: l.Message,
			})
		}
		doc.Findings = append(doc.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// jsonProblems converts problems, returning an empty (non-nil) slice for none.
func jsonProblems(ps []Problem) []jsonProblem {
	out := make([]jsonProblem, 0, len(ps))
	for _, p := range ps {
		out = append(out, jsonProblem(p))
	}
	return out
}
