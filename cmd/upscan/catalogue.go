package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
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
				t := tablewriter.NewTable(stdout)
				t.Header("ID", "Name", "Severity", "Practice", "Summary")
				for _, r := range rules.All() {
					if err := t.Append(r.ID, r.Name, r.Severity.String(), practice(r.Practice), r.Short); err != nil {
						return err
					}
				}
				return t.Render()
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

func newExplainCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Explain a rule: why it matters, how to fix it, examples",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			r := rules.Lookup(args[0])
			if r == nil {
				return fmt.Errorf("explain: unknown rule ID %s (see upscan rules)", rules.Quote(args[0]))
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s %s (%s)\n%s.\n\n", r.ID, r.Name, r.Severity, r.Short)
			if r.Practice > 0 {
				fmt.Fprintf(&b, "Upstash best practice #%d: %s\n", r.Practice, rules.Practices[r.Practice])
			}
			if len(r.CWE) > 0 {
				fmt.Fprintf(&b, "CWE: %s\n", cweList(r.CWE))
			}
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Help))
			_, err := io.WriteString(stdout, b.String())
			return err
		},
	}
}

func cweList(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("CWE-%d", id)
	}
	return strings.Join(parts, ", ")
}
