package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/upscan/upscan/rules"
)

// Posture is the database-posture part of a report, as `upscan db` fills it:
// one row per Upstash Redis database with a status per check, its 0–100 score
// and letter grade. It is a neutral shape so that the report package needs
// no import of analyzers/dbposture (which computes it); docs/posture.md
// explains checks, weights and grades. The failed checks themselves are also
// Report.Findings, with Finding.Logical naming the database.
type Posture struct {
	Checks    []PostureCheck // the table's columns, in order
	Databases []PostureRow   // in the order the user named them, else the account's order
	// Manual lists the practices no API field shows, one line each, e.g.
	// "UPS614 (shop-prod): no API field shows Credential Protection: …".
	Manual []string
	// Account holds the account-wide results, e.g. the UPS615 look across
	// database names; empty when only some databases were checked.
	Account []string
}

// PostureCheck is one posture check: a column of the table.
type PostureCheck struct {
	RuleID string // "UPS601"
	Title  string // short column title, e.g. "TLS"
}

// The statuses of a check on a database (PostureRow.Statuses); the same
// words as dbposture.Status.
const (
	StatusPass          = "pass"
	StatusFail          = "fail"
	StatusUnknown       = "unknown"
	StatusManual        = "manual"
	StatusNotApplicable = "n/a"
)

// PostureRow is one database's posture.
type PostureRow struct {
	Name   string // database name; may be empty when the input had none
	ID     string // database ID; may be empty
	Points int    // 0–100
	Grade  string // "A"…"F"
	Capped bool   // a failed high-severity check capped Points (docs/posture.md)
	// Statuses holds one status per Posture.Checks entry, in the same order:
	// StatusPass, StatusFail, StatusUnknown, StatusManual or StatusNotApplicable.
	Statuses []string
	// Top lists the checks that cost points, costliest first, as
	// "UPS601 TLS −30.6" lines.
	Top []string
}

// Label names the database for people: its name, else its ID.
func (r PostureRow) Label() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.ID != "":
		return r.ID
	default:
		return "(unnamed)"
	}
}

// postureSymbol is the table cell of a status.
func postureSymbol(status string) string {
	switch status {
	case StatusPass:
		return "✓"
	case StatusFail:
		return "✗"
	case StatusUnknown:
		return "?"
	case StatusManual:
		return "m"
	case StatusNotApplicable:
		return "-"
	default:
		return " "
	}
}

// postureLegend explains the table's symbols.
const postureLegend = "✓ pass  ✗ fail  ? unknown (costs half the weight)  m manual check  - not applicable"

// checkColumn is a check's column header: the rule number without "UPS",
// which keeps fifteen columns within a terminal's width.
func checkColumn(id string) string {
	return strings.TrimPrefix(id, "UPS")
}

// checkLegend renders "601 TLS · 603 IP allow-list · …".
func checkLegend(checks []PostureCheck) string {
	parts := make([]string, len(checks))
	for i, c := range checks {
		parts[i] = checkColumn(c.RuleID) + " " + c.Title
	}
	return strings.Join(parts, " · ")
}

// scoreLine renders "shop-prod: 95/100 (A)" with the capping note and the
// checks that cost the most.
func scoreLine(row PostureRow) string {
	s := fmt.Sprintf("%s: %d/100 (%s)", row.Label(), row.Points, row.Grade)
	if row.Capped {
		s += ", capped by a failed high-severity check"
	}
	if len(row.Top) > 0 {
		s += "; costs: " + strings.Join(row.Top, ", ")
	}
	return s
}

// writePostureText writes the posture table (one row per database, a column
// per check, score and grade), the legends, each database's costliest checks,
// the manual checks and the account-wide results, within width columns: a
// table too wide for it is split into several, each with a share of the
// check columns, and long lines wrap.
func writePostureText(w *bufio.Writer, p *Posture, pt painter, width int) error {
	fmt.Fprintln(w, pt.paint(ansiBold, fitWidth("Database posture ("+plural(len(p.Databases), "database")+")", width)))
	if len(p.Databases) > 0 {
		labels := make([]string, len(p.Databases))
		for i, row := range p.Databases {
			labels[i] = sanitize(row.Label())
		}
		per := max(len(p.Checks), 1)
		table, err := postureTable(p, labels, 0, min(per, len(p.Checks)))
		for err == nil && per > 1 && maxLineWidth(table) > width {
			per--
			table, err = postureTable(p, labels, 0, per)
		}
		if err == nil && maxLineWidth(table) > width {
			// One check column is still too wide: the labels give way.
			cut := max(runewidth.StringWidth(labels[0])-(maxLineWidth(table)-width), minColumn)
			for i, l := range labels {
				labels[i] = fitWidth(l, cut)
			}
		}
		if err != nil {
			return err
		}
		if n := len(p.Checks); n > 0 {
			parts := (n + per - 1) / per
			per = (n + parts - 1) / parts // as even as the split allows
		}
		for lo := 0; ; lo += per {
			hi := min(lo+per, len(p.Checks))
			table, err := postureTable(p, labels, lo, hi)
			if err != nil {
				return err
			}
			w.WriteString(table)
			if hi >= len(p.Checks) {
				break
			}
		}
		writeItems(w, strings.Split(sanitize(checkLegend(p.Checks)), " · "), " · ", width)
		writeItems(w, strings.Split(postureLegend, "  "), "  ", width)
		fmt.Fprintln(w)
		for _, row := range p.Databases {
			writeWrapped(w, "", "  ", sanitize(scoreLine(row)), width)
		}
	}
	writeLines(w, "Manual checks", p.Manual, width)
	writeLines(w, "Account", p.Account, width)
	fmt.Fprintln(w)
	return nil
}

// postureTable renders the posture table with the check columns lo to hi
// (exclusive) and the databases under labels.
func postureTable(p *Posture, labels []string, lo, hi int) (string, error) {
	var b strings.Builder
	header := []any{"Database", "Score", "Grade"}
	align := []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignCenter}
	for _, c := range p.Checks[lo:hi] {
		header = append(header, checkColumn(c.RuleID))
		align = append(align, tw.AlignCenter)
	}
	t := tablewriter.NewTable(&b,
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
	t.Header(header...)
	for r, row := range p.Databases {
		cells := []any{labels[r], fmt.Sprint(row.Points), row.Grade}
		for i := lo; i < hi; i++ {
			st := ""
			if i < len(row.Statuses) {
				st = row.Statuses[i]
			}
			cells = append(cells, postureSymbol(st))
		}
		if err := t.Append(cells...); err != nil {
			return "", fmt.Errorf("posture table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return "", fmt.Errorf("posture table: %w", err)
	}
	return b.String(), nil
}

// maxLineWidth is the display width of the widest line of s.
func maxLineWidth(s string) int {
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n = max(n, runewidth.StringWidth(line))
	}
	return n
}

// writeWrapped writes s wrapped within width columns: the first line
// starts with first, the others with rest.
func writeWrapped(w io.Writer, first, rest, s string, width int) {
	for i, line := range wrapCell(s, max(width-runewidth.StringWidth(rest), minColumn)) {
		if i == 0 {
			fmt.Fprintln(w, first+line)
		} else {
			fmt.Fprintln(w, rest+line)
		}
	}
}

// writeItems writes items joined by sep, starting a new line rather than
// cutting an item when the next one does not fit in width.
func writeItems(w io.Writer, items []string, sep string, width int) {
	line := ""
	for _, it := range items {
		switch {
		case line == "":
			line = it
		case runewidth.StringWidth(line+sep+it) <= width:
			line += sep + it
		default:
			writeWrapped(w, "", "", line, width)
			line = it
		}
	}
	if line != "" {
		writeWrapped(w, "", "", line, width)
	}
}

// writeLines writes a titled list of lines wrapped within width, nothing
// when lines is empty.
func writeLines(w io.Writer, title string, lines []string, width int) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, l := range lines {
		writeWrapped(w, "  ", "    ", sanitize(l), width)
	}
}

// writePostureMarkdown writes the posture as a markdown table with its legend.
func writePostureMarkdown(w io.Writer, p *Posture) {
	fmt.Fprintf(w, "\n### Database posture\n\n")
	if len(p.Databases) == 0 {
		fmt.Fprintln(w, "No databases.")
	} else {
		var head, rule strings.Builder
		head.WriteString("| Database | Score | Grade |")
		rule.WriteString("|---|---:|:---:|")
		for _, c := range p.Checks {
			fmt.Fprintf(&head, " %s |", markdownText(checkColumn(c.RuleID)))
			rule.WriteString(":---:|")
		}
		fmt.Fprintln(w, head.String())
		fmt.Fprintln(w, rule.String())
		for _, row := range p.Databases {
			fmt.Fprintf(w, "| %s | %d | %s |", markdownText(row.Label()), row.Points, markdownText(row.Grade))
			for i := range p.Checks {
				st := ""
				if i < len(row.Statuses) {
					st = row.Statuses[i]
				}
				fmt.Fprintf(w, " %s |", postureSymbol(st))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\n%s.\n\n%s.\n\n", markdownText(checkLegend(p.Checks)), markdownText(postureLegend))
		for _, row := range p.Databases {
			fmt.Fprintf(w, "- %s\n", markdownText(scoreLine(row)))
		}
	}
	for _, sec := range []struct {
		title string
		lines []string
	}{{"Manual checks", p.Manual}, {"Account", p.Account}} {
		if len(sec.lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n**%s:**\n\n", sec.title)
		for _, l := range sec.lines {
			fmt.Fprintf(w, "- %s\n", markdownText(l))
		}
	}
}

// jsonDatabase is one database's posture in the JSON format.
type jsonDatabase struct {
	Name   string      `json:"name"`
	ID     string      `json:"id"`
	Points int         `json:"points"`
	Grade  string      `json:"grade"`
	Capped bool        `json:"capped"`
	Checks []jsonCheck `json:"checks"`
	Top    []string    `json:"top"`
}

// jsonCheck is one check's status on a database.
type jsonCheck struct {
	RuleID string `json:"rule_id"`
	Check  string `json:"check"`
	Status string `json:"status"`
}

// jsonDatabases converts the posture rows; empty (non-nil) for no database.
func jsonDatabases(p *Posture) []jsonDatabase {
	out := make([]jsonDatabase, 0, len(p.Databases))
	for _, row := range p.Databases {
		d := jsonDatabase{Name: row.Name, ID: row.ID, Points: row.Points, Grade: row.Grade, Capped: row.Capped,
			Checks: make([]jsonCheck, 0, len(p.Checks)), Top: append([]string{}, row.Top...)}
		for i, c := range p.Checks {
			st := StatusUnknown
			if i < len(row.Statuses) {
				st = row.Statuses[i]
			}
			d.Checks = append(d.Checks, jsonCheck{RuleID: c.RuleID, Check: c.Title, Status: st})
		}
		out = append(out, d)
	}
	return out
}

// verificationText describes a live-check outcome for people:
// "verified live", "rejected by Upstash: HTTP 401" or
// "live check inconclusive: timeout".
func verificationText(v *rules.Verification) string {
	if v == nil {
		return ""
	}
	var s string
	switch v.Status {
	case rules.Verified:
		s = "verified live"
	case rules.Invalid:
		s = "rejected by Upstash"
	default:
		s = "live check inconclusive"
	}
	if v.Reason != "" && v.Status != rules.Verified {
		s += ": " + v.Reason
	}
	return s
}

// jsonVerification is Finding.Verification in JSON and SARIF properties.
type jsonVerification struct {
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

func newJSONVerification(v *rules.Verification) *jsonVerification {
	if v == nil {
		return nil
	}
	return &jsonVerification{Status: string(v.Status), Reason: v.Reason}
}

// findingPlace is where a finding is for people: "path:line:col", or its
// logical location (a database) when it has no file.
func findingPlace(f rules.Finding) string {
	if f.Path == "" && f.Logical != "" {
		return f.Logical
	}
	return location(f.Path, f.Line, f.Col)
}
