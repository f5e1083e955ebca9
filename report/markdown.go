package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/upscan/upscan/rules"
)

// markdownBudget is how many bytes of table rows a markdown report holds
// before it stops listing findings. GitHub caps a PR comment at 65,536
// characters; the budget leaves room for the summary and the errors.
const markdownBudget = 55000

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
	bw := bufio.NewWriter(w)
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

	if r.Posture != nil {
		writePostureMarkdown(bw, r.Posture)
	}

	if len(fs) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "| Severity | Rule | Location | Message |")
		fmt.Fprintln(bw, "|---|---|---|---|")
		used := 0
		for i, f := range fs {
			row := markdownRow(f)
			if used+len(row) > markdownBudget {
				fmt.Fprintf(bw, "\n… and %s more not shown; run upscan locally or use `--format sarif` for the full list.\n",
					plural(len(fs)-i, "finding"))
				break
			}
			used += len(row)
			bw.WriteString(row)
		}
	}

	if r.Coverage != nil && len(r.Coverage.Endpoints) > 0 { // no section when nothing was found
		writeCoverageMarkdown(bw, r.Coverage)
	}

	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(bw, "\n**%s:**\n\n", skippedHeading(r.Skipped))
		for _, s := range r.Skipped[:min(n, maxSkippedListed)] {
			fmt.Fprintf(bw, "- %s\n", markdownProblem(s))
		}
		if n > maxSkippedListed {
			fmt.Fprintf(bw, "- … and %d more\n", n-maxSkippedListed)
		}
	}
	if n := len(r.Errors); n > 0 {
		fmt.Fprintf(bw, "\n**%s, so the scan is incomplete:**\n\n", plural(n, "error"))
		for _, e := range r.Errors {
			fmt.Fprintf(bw, "- %s\n", markdownProblem(e))
		}
	}

	if r.Tool.Name != "" {
		fmt.Fprintln(bw)
		tool := r.Tool.Name
		if r.Tool.Version != "" {
			tool += " " + r.Tool.Version
		}
		fmt.Fprintf(bw, "<sub>Reported by %s.</sub>\n", markdownText(tool))
	}
	return bw.Flush()
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
