// Package report renders a scan's findings for people and machines: text for
// a terminal, JSON, SARIF 2.1.0 for code scanning, GitHub workflow commands
// and markdown for PR comments. It also owns the baseline file format.
// Every writer is deterministic and never prints a secret value: a finding
// carries only its redaction (kind, first 4 characters, length).
package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/upscan/upscan/rules"
)

// Format names an output format, as given to the CLI's --format flag.
type Format string

// The output formats. docs/output-formats.md describes each one.
const (
	Text     Format = "text"     // grouped by file, a summary table and a one-line summary
	JSON     Format = "json"     // the schema in DESIGN.md, version 1
	SARIF    Format = "sarif"    // SARIF 2.1.0 as GitHub code scanning reads it
	GitHub   Format = "github"   // GitHub Actions workflow commands (::error file=…::)
	Markdown Format = "markdown" // a PR comment: summary line and a findings table
	// GitLab is a GitLab secret detection report (gl-secret-detection-report.json):
	// the credential and exposure findings.
	GitLab Format = "gitlab"
	// GitLabSAST is a GitLab SAST report (gl-sast-report.json): every other finding.
	GitLabSAST Format = "gitlab-sast"
)

// Formats lists every accepted format, in the order help text shows them.
var Formats = []Format{Text, JSON, SARIF, GitHub, Markdown, GitLab, GitLabSAST}

// ParseFormat parses a --format value (case-insensitive, surrounding spaces
// ignored). For anything else it returns an error that names the accepted values.
func ParseFormat(s string) (Format, error) {
	want := Format(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Formats, want) {
		return want, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %s (want one of %s)", rules.Quote(s), strings.Join(names, ", "))
}

// Tool identifies the program that produced a report. Version is printed as
// given ("1.4.0", "v1.4.0" or "(devel)"); SARIF puts it in semanticVersion
// only when it is a semantic version. InformationURI is the project's home page
// (an absolute URL) or empty.
type Tool struct {
	Name, Version, InformationURI string
}

// Problem is a file the scan could not read (an error) or chose not to scan
// (a skip note: too large, binary, FIFO, symlink…). Path is slash-separated and
// relative to the scan root, or empty for a problem that concerns no file.
// Message never contains a secret.
type Problem struct {
	Path    string
	Message string
}

// Stats describes the work a scan did: files scanned, their total size in
// bytes, how many of them a language analyzer parsed, and the wall-clock
// duration. A zero Duration or Parsed is left out of reports.
type Stats struct {
	Files    int
	Bytes    int64
	Parsed   int
	Duration time.Duration
}

// Report is everything a writer renders. Writers sort a copy of Findings with
// rules.Less and never modify the Report.
type Report struct {
	Tool       Tool
	Findings   []rules.Finding
	Errors     []Problem // runtime errors: the scan is incomplete
	Skipped    []Problem // files deliberately not scanned
	Stats      Stats
	Suppressed int // findings hidden by inline ignores, the allowlist or the baseline
	// BaselineUnmatched is the number of baseline entries that matched no
	// finding of the scan (Baseline.Unmatched); nil when no baseline was
	// given.
	BaselineUnmatched *int
	// Started is when the scan began; the GitLab format requires it (as
	// scan.start_time, with Stats.Duration giving end_time). Zero means
	// the time the report is written.
	Started time.Time
	// Coverage is the rate-limit coverage table of a code scan (every
	// endpoint, the Upstash work it reaches, what limits it); nil when the
	// scan did not compute one. Text, JSON and markdown render it.
	Coverage *Coverage
	// Posture is the database posture of `upscan db`; nil for a code scan.
	// Writers then describe databases instead of files and render the
	// posture table (see Posture).
	Posture *Posture
	// Notes are warnings about the scan as a whole that no single file
	// explains, one sentence each ("shallow clone: …"): every format shows
	// them prominently (text and markdown beside the summary, JSON in
	// notes, SARIF as warning notifications, GitHub as ::warning, GitLab
	// as warn messages). They never contain a secret.
	Notes []string
}

// Options tunes a writer. Color turns on ANSI colours in the text format (the
// CLI sets it only for a terminal without NO_COLOR). FailOn is the --fail-on
// threshold: the text and markdown summaries count the findings at or above
// it when it is above Info (at Info every finding counts, so the count would
// repeat the total). Coverage selects the rows of the text and markdown
// coverage tables (CoverageNone drops the coverage from every format;
// JSON otherwise lists every endpoint). Width is the text format's line
// width (0 means DefaultWidth); the coverage table fits within it. Quiet
// leaves only the findings (and errors) in the text format: no summary,
// coverage table, notes or skipped files.
type Options struct {
	Color    bool
	FailOn   rules.Severity
	Coverage CoverageMode
	Width    int
	Quiet    bool
}

// Write renders r to w in format f. It returns an error for an unknown format,
// a nil report, or a failed write (wrapped with %w).
func Write(w io.Writer, f Format, r *Report, opt Options) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	if opt.Coverage == CoverageNone && r.Coverage != nil {
		without := *r
		without.Coverage = nil
		r = &without
	}
	var err error
	switch f {
	case Text:
		err = writeText(w, r, opt)
	case JSON:
		err = writeJSON(w, r)
	case SARIF:
		err = writeSARIF(w, r, githubLimits)
	case GitHub:
		err = writeGitHub(w, r)
	case Markdown:
		err = writeMarkdown(w, r, opt)
	case GitLab:
		err = writeGitLab(w, r)
	case GitLabSAST:
		err = writeGitLabSAST(w, r)
	default:
		_, perr := ParseFormat(string(f))
		return fmt.Errorf("report: %w", perr)
	}
	if err != nil {
		return fmt.Errorf("report: write %s: %w", f, err)
	}
	return nil
}

// sortedFindings returns a sorted copy of the findings; the caller's slice is
// left untouched. Findings without a file are grouped by their logical
// location (the database) before rules.Less orders them.
func sortedFindings(fs []rules.Finding) []rules.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b rules.Finding) int {
		if a.Path == b.Path && a.Logical != b.Logical {
			return strings.Compare(a.Logical, b.Logical)
		}
		return rules.Compare(a, b)
	})
	return out
}

// ruleName returns the catalogue name of a rule ID, or "" when the rule is not
// in the catalogue.
func ruleName(id string) string {
	if r := rules.Lookup(id); r != nil {
		return r.Name
	}
	return ""
}

// ruleTitle is "UPS101 redis-rest-token", or just the ID for a rule the
// catalogue does not know.
func ruleTitle(id string) string {
	if n := ruleName(id); n != "" {
		return id + " " + n
	}
	return id
}

// severityCounts counts findings per severity, indexed by rules.Severity.
// Severities outside Info..Critical count as Info.
func severityCounts(fs []rules.Finding) [rules.Critical + 1]int {
	var n [rules.Critical + 1]int
	for _, f := range fs {
		n[clampSeverity(f.Severity)]++
	}
	return n
}

// clampSeverity maps out-of-range severities to the nearest valid one.
func clampSeverity(s rules.Severity) rules.Severity {
	return min(max(s, rules.Info), rules.Critical)
}

// severityBreakdown renders "2 critical, 1 low", highest first, leaving out
// severities with no findings.
func severityBreakdown(n [rules.Critical + 1]int) string {
	var parts []string
	for s := rules.Critical; s >= rules.Info; s-- {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

// countAtOrAbove counts the findings whose severity is at least s.
func countAtOrAbove(fs []rules.Finding, s rules.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= s {
			n++
		}
	}
	return n
}

// plural returns "1 finding" or "3 findings".
// PartlyRead starts the message of a Skipped problem about a file that was
// read, but not all of it (a syntax error region, a budget): the summary
// counts such files apart from the files not scanned at all.
const PartlyRead = "read partly: "

// skippedHeading counts the files of skipped: "Skipped 2 files, read 1
// file partly" (each file once, however many problems it has).
func skippedHeading(skipped []Problem) string {
	whole, partly := map[string]bool{}, map[string]bool{}
	for _, s := range skipped {
		if strings.HasPrefix(s.Message, PartlyRead) {
			partly[s.Path] = true
		} else {
			whole[s.Path] = true
		}
	}
	switch {
	case len(partly) == 0:
		return "Skipped " + plural(len(whole), "file")
	case len(whole) == 0:
		return "Read " + plural(len(partly), "file") + " partly"
	}
	return "Skipped " + plural(len(whole), "file") + ", read " + plural(len(partly), "file") + " partly"
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// formatBytes renders a size in decimal (SI) units: "512 B", "98.8 kB", "1.2 MB".
func formatBytes(b int64) string {
	const unit = 1000
	if b < unit {
		return fmt.Sprintf("%d B", b)
	}
	div, exp := int64(unit), 0
	for n := b / unit; n >= unit && exp < 4; n /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(b)/float64(div), "kMGTP"[exp])
}

// formatDuration renders a scan duration: "35ms" below a second, else "1.2s".
// It returns "" for zero or negative durations, which reports leave out.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds())
	default:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
}

// scanSummary renders "120 files (40 parsed), 1.2 MB, 0.4s" (the parsed
// count and the duration only when known).
func scanSummary(st Stats) string {
	s := plural(st.Files, "file")
	if st.Parsed > 0 {
		s += fmt.Sprintf(" (%d parsed)", st.Parsed)
	}
	s += ", " + formatBytes(st.Bytes)
	if d := formatDuration(st.Duration); d != "" {
		s += ", " + d
	}
	return s
}

// subjectSummary renders what was checked: "120 files, 1.2 MB, 0.4s", or
// "2 databases" for a posture report.
func subjectSummary(r *Report) string {
	if r.Posture != nil {
		return plural(len(r.Posture.Databases), "database")
	}
	return scanSummary(r.Stats)
}

// findingsSummary renders the one-line summary shared by text and markdown:
// "3 findings (2 critical, 1 low) in 120 files, 1.2 MB, 0.4s; 1 suppressed",
// "No findings in 42 files, 98.8 kB", or "… in 2 databases".
func findingsSummary(fs []rules.Finding, r *Report) string {
	var b strings.Builder
	if len(fs) == 0 {
		b.WriteString("No findings")
	} else {
		fmt.Fprintf(&b, "%s (%s)", plural(len(fs), "finding"), severityBreakdown(severityCounts(fs)))
	}
	b.WriteString(" in " + subjectSummary(r))
	if r.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed", r.Suppressed)
	}
	return b.String()
}

// messageWithID returns the finding's message ending with its rule ID in
// parentheses, as STYLE.md asks, unless the message already ends with the ID.
// An empty message falls back to the rule's short description.
func messageWithID(f rules.Finding) string {
	msg := strings.TrimSpace(f.Message)
	if msg == "" {
		if r := rules.Lookup(f.RuleID); r != nil {
			msg = r.Short
		}
	}
	if f.RuleID == "" || strings.HasSuffix(strings.TrimRight(msg, ".)"), f.RuleID) {
		return msg
	}
	if msg == "" {
		return "(" + f.RuleID + ")"
	}
	return msg + " (" + f.RuleID + ")"
}

// position renders "12:7", "12" when the column is unknown, or "" when the
// line is unknown.
func position(line, col int) string {
	switch {
	case line <= 0:
		return ""
	case col <= 0:
		return fmt.Sprint(line)
	default:
		return fmt.Sprintf("%d:%d", line, col)
	}
}

// location renders "path:12:7" (or just the path when the line is unknown).
func location(path string, line, col int) string {
	if p := position(line, col); p != "" {
		return path + ":" + p
	}
	return path
}

// Sanitize returns s with its control characters escaped, as every report
// format prints file names and messages (see sanitize).
func Sanitize(s string) string { return sanitize(s) }

// sanitize replaces control characters (C0, DEL, C1) with Go-style escapes so
// that a hostile file name or message cannot inject terminal escape sequences
// or break a line-oriented format.
func sanitize(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := fmt.Sprintf("%+q", string(r))
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl reports whether r is a C0 or C1 control character or DEL.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0)
}
