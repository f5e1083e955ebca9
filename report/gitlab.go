package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/upscan/upscan/rules"
)

// The GitLab formats are GitLab security reports, following GitLab's
// security report schemas (gitlab-org/security-products/security-report-schemas,
// dist/secret-detection-report-format.json and dist/sast-report-format.json).
// The findings are split between two reports as GitLab's own analyzers split
// them: hardcoded credentials and credentials that reach the browser
// (gitlabSecretFinding) go to the secret detection report GitLab CI reads
// from `artifacts: reports: secret_detection:` (format gitlab), every other
// finding to the SAST report it reads from `artifacts: reports: sast:`
// (format gitlab-sast). Each report says in a scan message how many findings
// the other one holds. GitLab validates a report against the MAJOR.MINOR
// version it declares and falls back to the newest PATCH it knows; 15.0 is
// accepted by every GitLab release since 15.0.

// GitLabSchemaVersion is the security report schema version the GitLab
// format declares.
const GitLabSchemaVersion = "15.0.7"

// gitlabNoCommit is the commit SHA of a finding that no commit is known for
// (a work-tree or staged scan); the schema requires location.commit.sha, and
// GitLab's own secret detection analyzer writes this value there.
const gitlabNoCommit = "0000000"

// gitlabTimeLayout is the schema's date-time pattern for scan.start_time
// and scan.end_time (no zone: UTC).
const gitlabTimeLayout = "2006-01-02T15:04:05"

type gitlabReport struct {
	Version         string                `json:"version"`
	Scan            gitlabScan            `json:"scan"`
	Vulnerabilities []gitlabVulnerability `json:"vulnerabilities"`
}

type gitlabScan struct {
	Analyzer  gitlabComponent `json:"analyzer"`
	Scanner   gitlabComponent `json:"scanner"`
	Type      string          `json:"type"`
	StartTime string          `json:"start_time"`
	EndTime   string          `json:"end_time"`
	Status    string          `json:"status"`
	Messages  []gitlabMessage `json:"messages,omitempty"`
}

type gitlabComponent struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	URL     string       `json:"url,omitempty"`
	Version string       `json:"version"`
	Vendor  gitlabVendor `json:"vendor"`
}

type gitlabVendor struct {
	Name string `json:"name"`
}

// gitlabMessage is a scan message; level is info, warn or fatal.
type gitlabMessage struct {
	Level string `json:"level"`
	Value string `json:"value"`
}

type gitlabVulnerability struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Severity    string             `json:"severity"`
	Solution    string             `json:"solution,omitempty"`
	Identifiers []gitlabIdentifier `json:"identifiers"`
	Location    gitlabLocation     `json:"location"`
}

type gitlabIdentifier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

// gitlabLocation is a vulnerability's place. Commit is required in a secret
// detection report and absent from a SAST report.
type gitlabLocation struct {
	File      string        `json:"file"`
	StartLine int           `json:"start_line,omitempty"`
	EndLine   int           `json:"end_line,omitempty"`
	Commit    *gitlabCommit `json:"commit,omitempty"`
}

type gitlabCommit struct {
	SHA    string `json:"sha"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
}

// gitlabSeverity maps a severity to the schema's enum.
func gitlabSeverity(s rules.Severity) string {
	switch clampSeverity(s) {
	case rules.Critical:
		return "Critical"
	case rules.High:
		return "High"
	case rules.Medium:
		return "Medium"
	case rules.Low:
		return "Low"
	}
	return "Info"
}

// gitlabReportType is one of the two GitLab report types upscan writes.
type gitlabReportType struct {
	scanType string // scan.type: secret_detection or sast
	format   Format // the format that writes it
	label    string // how a message names it
}

var (
	gitlabSecretDetection = gitlabReportType{"secret_detection", GitLab, "secret detection report"}
	gitlabSAST            = gitlabReportType{"sast", GitLabSAST, "SAST report"}
)

// gitlabSecretFinding reports whether f belongs in the secret detection
// report: a rule of the credentials or exposure family (UPS1xx, UPS2xx), or
// a finding of a rule outside the catalogue that carries a redacted secret.
// Every other finding belongs in the SAST report.
func gitlabSecretFinding(f rules.Finding) bool {
	if rule := rules.Lookup(f.RuleID); rule != nil {
		return rule.Family == rules.Credentials || rule.Family == rules.Exposure
	}
	return !f.Secret.IsZero()
}

// writeGitLab renders the GitLab secret detection report (format gitlab).
func writeGitLab(w io.Writer, r *Report) error {
	return writeGitLabReport(w, r, gitlabSecretDetection)
}

// writeGitLabSAST renders the GitLab SAST report (format gitlab-sast).
func writeGitLabSAST(w io.Writer, r *Report) error {
	return writeGitLabReport(w, r, gitlabSAST)
}

// writeGitLabReport renders the GitLab report of type kind with the
// findings that belong in it. Findings without a file (database posture)
// are left out with a scan message, and so are the findings that belong in
// the other report (counted in a message that names its format); an
// incomplete scan (errors) has status "failure". Times come from
// Report.Started and Stats.Duration (UTC); a zero Started means now.
func writeGitLabReport(w io.Writer, r *Report, kind gitlabReportType) error {
	other := gitlabSAST
	if kind == gitlabSAST {
		other = gitlabSecretDetection
	}
	fs := sortedFindings(r.Findings)
	start := r.Started
	if start.IsZero() {
		start = time.Now().Add(-r.Stats.Duration)
	}
	version := cmp.Or(r.Tool.Version, "unknown")
	tool := gitlabComponent{
		ID:      "upscan",
		Name:    cmp.Or(r.Tool.Name, "upscan"),
		URL:     cmp.Or(r.Tool.InformationURI, DefaultInformationURI),
		Version: version,
		Vendor:  gitlabVendor{Name: "upscan"},
	}
	doc := gitlabReport{
		Version: GitLabSchemaVersion,
		Scan: gitlabScan{
			Analyzer:  tool,
			Scanner:   tool,
			Type:      kind.scanType,
			StartTime: start.UTC().Format(gitlabTimeLayout),
			EndTime:   start.Add(r.Stats.Duration).UTC().Format(gitlabTimeLayout),
			Status:    "success",
		},
		Vulnerabilities: make([]gitlabVulnerability, 0, len(fs)),
	}
	withoutFile, elsewhere := 0, 0
	for _, f := range fs {
		if gitlabSecretFinding(f) != (kind == gitlabSecretDetection) {
			if f.Path != "" {
				elsewhere++ // a finding without a file is in neither report
			}
			continue
		}
		if f.Path == "" {
			withoutFile++
			continue
		}
		doc.Vulnerabilities = append(doc.Vulnerabilities, newGitLabVulnerability(f, kind))
	}
	if elsewhere > 0 {
		doc.Scan.Messages = append(doc.Scan.Messages, gitlabMessage{Level: "info",
			Value: fmt.Sprintf("%s in the GitLab %s (--format %s)", plural(elsewhere, "other finding"), other.label, other.format)})
	}
	if withoutFile > 0 {
		doc.Scan.Messages = append(doc.Scan.Messages, gitlabMessage{Level: "info",
			Value: plural(withoutFile, "finding") + " without a file (database posture) not included; use --format json"})
	}
	if len(r.Errors) > 0 {
		doc.Scan.Status = "failure"
		for _, e := range r.Errors {
			doc.Scan.Messages = append(doc.Scan.Messages, gitlabMessage{Level: "warn", Value: "could not scan " + problemText(e) + "; the scan is incomplete"})
		}
	}
	for _, n := range r.Notes {
		doc.Scan.Messages = append(doc.Scan.Messages, gitlabMessage{Level: "warn", Value: n})
	}
	if n := len(r.Skipped); n > 0 {
		msg := "skipped " + problemText(r.Skipped[0])
		if n > 1 {
			msg = fmt.Sprintf("skipped %s, the first: %s", plural(n, "file"), problemText(r.Skipped[0]))
		}
		doc.Scan.Messages = append(doc.Scan.Messages, gitlabMessage{Level: "info", Value: msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// newGitLabVulnerability converts one finding that has a file for a report
// of type kind. The description holds the message and the redaction, never
// the secret. Only a secret detection location has a commit.
func newGitLabVulnerability(f rules.Finding, kind gitlabReportType) gitlabVulnerability {
	rule := rules.Lookup(f.RuleID)
	name := f.RuleID
	desc := messageWithID(f)
	if !f.Secret.IsZero() {
		desc += "\n\nsecret: " + f.Secret.String()
	}
	if c := commitText(f.Commit); c != "" {
		desc += "\n\n" + strings.ToUpper(c[:1]) + c[1:] + "."
	}
	v := gitlabVulnerability{
		ID:          gitlabID(f),
		Description: desc,
		Severity:    gitlabSeverity(f.Severity),
		Identifiers: []gitlabIdentifier{{
			Type:  "upscan_rule_id",
			Name:  "upscan " + ruleTitle(f.RuleID),
			Value: f.RuleID,
			URL:   DefaultInformationURI + "/blob/main/docs/rules.md#" + strings.ToLower(f.RuleID),
		}},
		Location: gitlabLocation{File: f.Path},
	}
	if rule != nil {
		name = cmp.Or(rule.Short, rule.Name, f.RuleID)
		v.Solution = strings.TrimSpace(rule.Help)
		for _, cwe := range rule.CWE {
			n := strconv.Itoa(cwe)
			v.Identifiers = append(v.Identifiers, gitlabIdentifier{
				Type: "cwe", Name: "CWE-" + n, Value: n, URL: "https://cwe.mitre.org/data/definitions/" + n + ".html",
			})
		}
	}
	v.Name = name
	if f.Line > 0 {
		v.Location.StartLine = f.Line
		if f.EndLine >= f.Line {
			v.Location.EndLine = f.EndLine
		}
	}
	if kind != gitlabSecretDetection {
		return v
	}
	v.Location.Commit = &gitlabCommit{SHA: gitlabNoCommit}
	if c := f.Commit; c != nil && c.ID != "" {
		v.Location.Commit = &gitlabCommit{SHA: c.ID, Author: c.Author}
		if !c.Date.IsZero() {
			v.Location.Commit.Date = c.Date.UTC().Format(time.RFC3339)
		}
	}
	return v
}

// gitlabID is the vulnerability's stable ID: the finding's fingerprint, or
// a hash of its rule, path and position when it has none.
func gitlabID(f rules.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d\x00%d", f.RuleID, f.Path, f.Line, f.Col)))
	return hex.EncodeToString(sum[:16])
}
