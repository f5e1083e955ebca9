package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/upscan/upscan/rules"
)

// markdownLimit is GitHub's cap on a PR comment: 65,536 characters. The
// markdown format counts bytes (never fewer than characters) and stays
// below it, listing as many findings, coverage rows, skipped files and
// errors as fit and counting the rest.
const markdownLimit = 65536

// markdownCoverageShare is how many bytes the findings table leaves for the
// coverage table when there is one; the coverage gets whatever else is left.
const markdownCoverageShare = 10000

// markdownTailReserve is how many bytes the findings and coverage tables
// leave for the skipped files, the errors and the closing line.
const markdownTailReserve = 3000

// markdownFooterReserve is how many bytes the skipped files and errors
// leave for the closing line.
const markdownFooterReserve = 300

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// markdownHeading opens every markdown report.
const markdownHeading = "## upscan: Upstash security findings"

// markdownEscaper backslash-escapes the characters that carry meaning in
// GitHub-flavoured markdown inline text and table cells. CommonMark allows a
// backslash before any ASCII punctuation, so the escapes render as the
// character itself.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`, `#`, `\#`, `!`, `\!`, `&`, `\&`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// markdownText escapes s for a markdown table cell or paragraph: one line,
// no markup, no raw control characters.
func markdownText(s string) string {
	return sanitize(markdownEscaper.Replace(s))
}

// markdownCode renders s as a code span. The fence is one backtick longer than
// the longest backtick run in s, pipes are escaped for GFM tables, and line
// breaks become spaces.
func markdownCode(s string) string {
	s = sanitize(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "|", `\|`) + pad + fence
}

// writeMarkdown renders a PR comment: a heading, the summary line, a table of
// findings (severity, rule, location, message), skipped files and errors.
func writeMarkdown(w io.Writer, r *Report, opt Options) error {
	buf := bufio.NewWriter(w)
	bw := &countingWriter{w: buf}
	fs := sortedFindings(r.Findings)
	fmt.Fprintf(bw, "%s\n\n", markdownHeading)

	if len(fs) == 0 {
		summary := "Scanned " + scanSummary(r.Stats)
		if r.Posture != nil {
			summary = "Checked " + subjectSummary(r)
		}
		if r.Suppressed > 0 {
			summary += fmt.Sprintf("; %d suppressed", r.Suppressed)
		}
		fmt.Fprintf(bw, "No Upstash security findings.\n\n%s.\n", markdownText(summary))
	} else {
		fmt.Fprintf(bw, "%s.\n", markdownText(findingsSummary(fs, r)))
	}
	if opt.FailOn > rules.Info && len(fs) > 0 {
		fmt.Fprintf(bw, "%s at or above `--fail-on %s`.\n", plural(countAtOrAbove(fs, opt.FailOn), "finding"), opt.FailOn)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "\n> **Warning:** %s\n", markdownText(n))
	}

	if r.Posture != nil {
		writePostureMarkdown(bw, r.Posture)
	}

	if len(fs) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "| Severity | Rule | Location | Message |")
		fmt.Fprintln(bw, "|---|---|---|---|")
		budget := markdownLimit - markdownTailReserve - bw.n
		if r.Coverage != nil && len(r.Coverage.Endpoints) > 0 {
			budget -= markdownCoverageShare
		}
		used := 0
		for i, f := range fs {
			row := markdownRow(f)
			if used+len(row) > budget {
				fmt.Fprintf(bw, "\n… and %s more not shown; run upscan locally or use `--format sarif` for the full list.\n",
					plural(len(fs)-i, "finding"))
				break
			}
			used += len(row)
			io.WriteString(bw, row)
		}
	}

	if r.Coverage != nil && len(r.Coverage.Endpoints) > 0 { // no section when nothing was found
		writeCoverageMarkdown(bw, r.Coverage, opt.Coverage, markdownLimit-markdownTailReserve-bw.n)
	}

	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(bw, "\n**%s:**\n\n", skippedHeading(r.Skipped))
		writeMarkdownProblems(bw, r.Skipped, maxSkippedListed)
	}
	if n := len(r.Errors); n > 0 {
		fmt.Fprintf(bw, "\n**%s, so the scan is incomplete:**\n\n", plural(n, "error"))
		writeMarkdownProblems(bw, r.Errors, n)
	}

	if r.Tool.Name != "" {
		fmt.Fprintln(bw)
		tool := r.Tool.Name
		if r.Tool.Version != "" {
			tool += " " + r.Tool.Version
		}
		fmt.Fprintf(bw, "<sub>Reported by %s.</sub>\n", markdownText(tool))
	}
	return buf.Flush()
}

// writeMarkdownProblems lists up to limit problems as list items, while
// they fit under markdownLimit, and counts the rest.
func writeMarkdownProblems(w *countingWriter, ps []Problem, limit int) {
	for i, pr := range ps {
		item := "- " + markdownProblem(pr) + "\n"
		if i >= limit || w.n+len(item) > markdownLimit-markdownFooterReserve {
			fmt.Fprintf(w, "- … and %d more\n", len(ps)-i)
			return
		}
		io.WriteString(w, item)
	}
}

// markdownRow renders one finding as a table row, ending in a newline.
func markdownRow(f rules.Finding) string {
	msg := markdownText(messageWithID(f))
	if v := verificationText(f.Verification); v != "" {
		msg += " (" + markdownText(v) + ")"
	}
	if !f.Secret.IsZero() {
		msg += "<br>secret: " + markdownCode(f.Secret.String())
	}
	if c := commitText(f.Commit); c != "" {
		msg += "<br>" + markdownText(c)
	}
	for _, rel := range f.Related {
		msg += "<br>related: " + markdownCode(location(cmp.Or(rel.Path, f.Path), rel.Line, rel.Col))
		if rel.Message != "" {
			msg += " " + markdownText(rel.Message)
		}
	}
	return fmt.Sprintf("| %s | %s | %s | %s |\n",
		clampSeverity(f.Severity), markdownText(ruleTitle(f.RuleID)), markdownCode(findingPlace(f)), msg)
}

// markdownProblem renders a skipped file or error as a list item's text.
func markdownProblem(pr Problem) string {
	switch {
	case pr.Path == "":
		return markdownText(pr.Message)
	case pr.Message == "":
		return markdownCode(pr.Path)
	default:
		return markdownCode(pr.Path) + ": " + markdownText(pr.Message)
	}
}
