package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/upscan/upscan/rules"
)

// maxSkippedListed is how many skipped files the text and markdown formats
// name; the rest are only counted.
const maxSkippedListed = 5

// ANSI SGR sequences used when Options.Color is set.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

// severityColor is the ANSI colour of each severity's name in text output.
var severityColor = [...]string{
	rules.Info:     "\x1b[2m",    // dim
	rules.Low:      "\x1b[36m",   // cyan
	rules.Medium:   "\x1b[33m",   // yellow
	rules.High:     "\x1b[31m",   // red
	rules.Critical: "\x1b[1;31m", // bold red
}

// painter applies ANSI colours when enabled and is a no-op otherwise.
type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return code + s + ansiReset
}

// writeText renders the human format: findings grouped by file, a summary
// table by rule and severity, the one-line summary, skipped files and errors.
func writeText(w io.Writer, r *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	p := painter(opt.Color)
	fs := sortedFindings(r.Findings)

	if r.Posture != nil {
		if err := writePostureText(bw, r.Posture, p, textWidth(opt)); err != nil {
			return err
		}
	}

	posWidth := 0
	for _, f := range fs {
		posWidth = max(posWidth, len(textPosition(f)))
	}
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) && fs[j].Path == fs[i].Path && (fs[j].Path != "" || fs[j].Logical == fs[i].Logical) {
			j++
		}
		writeFileGroup(bw, p, fs[i:j], posWidth)
		i = j
	}

	if opt.Quiet {
		writeErrors(bw, p, r.Errors)
		return bw.Flush()
	}
	if len(fs) > 0 {
		if err := writeSummaryTable(bw, fs); err != nil {
			return err
		}
		fmt.Fprintln(bw)
	}

	if r.Coverage != nil && len(r.Coverage.Endpoints) > 0 { // no section when nothing was found
		if err := writeCoverageText(bw, r.Coverage, p, opt.Coverage, textWidth(opt)); err != nil {
			return err
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "%s %s\n", p.paint(severityColor[rules.Medium], "Warning:"), sanitize(n))
	}
	fmt.Fprintln(bw, p.paint(ansiBold, findingsSummary(fs, r)))
	if opt.FailOn > rules.Info && len(fs) > 0 {
		fmt.Fprintf(bw, "%s at or above --fail-on %s\n", plural(countAtOrAbove(fs, opt.FailOn), "finding"), opt.FailOn)
	}

	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(bw, "\n%s:\n", skippedHeading(r.Skipped))
		for _, s := range r.Skipped[:min(n, maxSkippedListed)] {
			fmt.Fprintf(bw, "  %s\n", problemLine(s))
		}
		if n > maxSkippedListed {
			fmt.Fprintf(bw, "  … and %d more\n", n-maxSkippedListed)
		}
	}
	writeErrors(bw, p, r.Errors)
	return bw.Flush()
}

// writeErrors lists the files that could not be scanned, nothing when there
// are none.
func writeErrors(w io.Writer, p painter, errs []Problem) {
	if n := len(errs); n > 0 {
		fmt.Fprintf(w, "\n%s (the scan is incomplete):\n", p.paint(severityColor[rules.Critical], plural(n, "error")))
		for _, e := range errs {
			fmt.Fprintf(w, "  %s\n", problemLine(e))
		}
	}
}

// textPosition is a finding's "line:col", or "-" for a finding about a whole file.
func textPosition(f rules.Finding) string {
	return cmp.Or(position(f.Line, f.Col), "-")
}

// writeFileGroup writes one file's header and its findings, which all share
// the same path (or, without a file, the same logical location) and are
// sorted. posWidth aligns the position column.
func writeFileGroup(w io.Writer, p painter, fs []rules.Finding, posWidth int) {
	path := fs[0].Path
	if path == "" {
		path = cmp.Or(fs[0].Logical, "(no file)")
	}
	fmt.Fprintln(w, p.paint(ansiBold, sanitize(path)))

	sevWidth := len(rules.Critical.String())
	indent := strings.Repeat(" ", 2+posWidth+2+sevWidth+2)

	for _, f := range fs {
		sev := clampSeverity(f.Severity)
		msg := messageWithID(f)
		if v := verificationText(f.Verification); v != "" {
			msg += " (" + v + ")"
		}
		fmt.Fprintf(w, "  %-*s  %s%s  %s\n",
			posWidth, textPosition(f),
			p.paint(severityColor[sev], sev.String()), strings.Repeat(" ", sevWidth-len(sev.String())),
			sanitize(msg))
		if !f.Secret.IsZero() {
			fmt.Fprintf(w, "%s%s %s\n", indent, p.paint(ansiDim, "secret:"), sanitize(f.Secret.String()))
		}
		if c := commitText(f.Commit); c != "" {
			fmt.Fprintf(w, "%s%s\n", indent, p.paint(ansiDim, sanitize(c)))
		}
		for _, rel := range f.Related {
			relPath := rel.Path
			if relPath == "" {
				relPath = f.Path
			}
			line := p.paint(ansiDim, "related:") + " " + sanitize(location(relPath, rel.Line, rel.Col))
			if rel.Message != "" {
				line += " " + sanitize(rel.Message)
			}
			fmt.Fprintln(w, indent+line)
		}
	}
	fmt.Fprintln(w)
}

// writeSummaryTable writes one row per (rule, severity) pair, most severe
// first, then by rule ID.
func writeSummaryTable(w io.Writer, fs []rules.Finding) error {
	type key struct {
		id  string
		sev rules.Severity
	}
	counts := map[key]int{}
	for _, f := range fs {
		counts[key{f.RuleID, clampSeverity(f.Severity)}]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.sev, a.sev), cmp.Compare(a.id, b.id))
	})

	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{
			PerColumn: []tw.Align{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignRight},
		}),
	)
	t.Header("Rule", "Name", "Severity", "Count")
	for _, k := range keys {
		name := ruleName(k.id)
		if name == "" {
			name = "-"
		}
		if err := t.Append(sanitize(k.id), name, k.sev.String(), fmt.Sprint(counts[k])); err != nil {
			return fmt.Errorf("summary table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("summary table: %w", err)
	}
	return nil
}

// problemLine renders a skipped file or an error as "path: message".
func problemLine(pr Problem) string {
	switch {
	case pr.Path == "":
		return sanitize(pr.Message)
	case pr.Message == "":
		return sanitize(pr.Path)
	default:
		return sanitize(pr.Path) + ": " + sanitize(pr.Message)
	}
}
