package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/upscan/upscan/rules"
)

func newRulesCmd(stdout io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: ID, name, severity, best practice, summary",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			switch format {
			case "text":
				return writeRulesText(stdout, outputWidth(stdout))
			case "json":
				return writeRulesJSON(stdout)
			case "markdown":
				return rules.WriteMarkdown(stdout)
			default:
				return fmt.Errorf("--format %s: want text, json or markdown", rules.Quote(format))
			}
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, json or markdown (the markdown is docs/rules.md)")
	return cmd
}

// writeRulesText lists the rules within width columns (at least 40): a
// line with the ID, name, severity and best practice (cut with "…" when
// too long), then the summary wrapped and indented under it.
func writeRulesText(w io.Writer, width int) error {
	width = max(width, 40)
	var b strings.Builder
	nameWidth, sevWidth := 0, 0
	all := rules.All()
	for _, r := range all {
		nameWidth = max(nameWidth, len(r.Name))
		sevWidth = max(sevWidth, len(r.Severity.String()))
	}
	const indent = "        "
	// The name column gives way first, down to 12 columns.
	nameWidth = max(min(nameWidth, width-(6+2+2+sevWidth+2+len("PRACTICE"))), 12)
	row := func(id, name, sev, practice string) {
		if runewidth.StringWidth(name) > nameWidth {
			name = runewidth.Truncate(name, nameWidth, "…")
		}
		line := fmt.Sprintf("%-6s  %-*s  %-*s  %s", id, nameWidth, name, sevWidth, sev, practice)
		if runewidth.StringWidth(line) > width {
			line = runewidth.Truncate(line, width, "…")
		}
		b.WriteString(line + "\n")
	}
	row("ID", "NAME", "SEVERITY", "PRACTICE")
	for _, r := range all {
		row(string(r.ID), r.Name, r.Severity.String(), practice(r.Practice))
		for _, line := range wrapWords(r.Short, width-len(indent)) {
			fmt.Fprintf(&b, "%s%s\n", indent, line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrapWords breaks s into lines of at most width bytes at spaces; a word
// longer than width is cut.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for len(word) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines, word = append(lines, word[:width]), word[width:]
		}
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func practice(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("#%d", n)
}

func writeRulesJSON(w io.Writer) error {
	type rule struct {
		ID       string `json:"id"`
		Family   string `json:"family"`
		Name     string `json:"name"`
		Severity string `json:"severity"`
		Practice int    `json:"practice,omitempty"`
		CWE      []int  `json:"cwe,omitempty"`
		Short    string `json:"short"`
		Help     string `json:"help"`
	}
	var out []rule
	for _, r := range rules.All() {
		out = append(out, rule{string(r.ID), r.Family.String(), r.Name, r.Severity.String(), r.Practice, r.CWE, r.Short, r.Help})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func cweList(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("CWE-%d", id)
	}
	return strings.Join(parts, ", ")
}
