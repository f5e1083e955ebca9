package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/upscan/upscan/rules"
)

// Coverage is the rate-limit coverage table of a code scan: every public
// endpoint found, what Upstash work it reaches and what limits it
// (docs/ratelimit.md). The text, JSON and markdown formats render it; SARIF,
// GitHub and GitLab carry only its findings (UPS401–UPS404).
type Coverage struct {
	Endpoints []Endpoint
}

// Endpoint is one row of the coverage table. Its fields match
// analyzers/ratelimit.Endpoint one for one, so a row converts with
// report.Endpoint(e).
type Endpoint struct {
	Method    string // "GET", "GET,POST"; "ANY" for every method
	Path      string // public path; "" when it cannot be known (server actions, Lambda)
	Kind      string // route, page, form-action, server-action, middleware, worker, server, function
	Framework string // next, sveltekit, express, fastapi, …
	Handler   string // the handler's name; "(inline)" for an anonymous function
	File      string // slash-separated, relative to the scan root
	Line      int    // 1-based
	Upstash   string // Upstash work reached: "Redis (incr)"; "" for none
	// Chain is the evidence path from the handler to the first client.
	Chain   []rules.Location
	Limited string   // what limits it and where; "" for nothing
	Verdict string   // limited, limited-other, unprotected, not-enforced, qstash-signed, key-required, disabled-in-production, no-upstash
	Rules   []string // the UPS4xx rules reported about it
}

// Summary is the coverage's one-line summary: "12 endpoints, 9 use
// Upstash, 5 rate limited" (limited by Upstash or by another library).
func (c *Coverage) Summary() string {
	uses, limited := 0, 0
	for _, e := range c.Endpoints {
		if e.Upstash != "" {
			uses++
		}
		if e.Verdict == "limited" || e.Verdict == "limited-other" {
			limited++
		}
	}
	verb := "use"
	if uses == 1 {
		verb = "uses"
	}
	return fmt.Sprintf("%s, %d %s Upstash, %d rate limited", plural(len(c.Endpoints), "endpoint"), uses, verb, limited)
}

// sortedEndpoints returns the rows sorted by file, line, method and path.
func (c *Coverage) sortedEndpoints() []Endpoint {
	out := slices.Clone(c.Endpoints)
	slices.SortStableFunc(out, func(a, b Endpoint) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			strings.Compare(a.Method, b.Method), strings.Compare(a.Path, b.Path))
	})
	return out
}

// verdictText renders a verdict for people, with the rules reported.
func verdictText(e Endpoint) string {
	var s string
	switch e.Verdict {
	case "limited":
		s = "limited"
	case "limited-other":
		s = "limited (not by Upstash)"
	case "unprotected":
		s = "NOT LIMITED"
	case "not-enforced":
		s = "limit not enforced"
	case "qstash-signed":
		s = "QStash-signed only"
	case "key-required":
		s = "key required"
	case "no-upstash":
		s = "no Upstash"
	case "disabled-in-production":
		s = "disabled in production"
	default:
		s = e.Verdict
	}
	if len(e.Rules) > 0 {
		s += " (" + strings.Join(e.Rules, ", ") + ")"
	}
	return s
}

// endpointPath renders a row's path, or what stands for an unknown one.
func endpointPath(e Endpoint) string {
	if e.Path != "" {
		return e.Path
	}
	switch e.Kind {
	case "server-action":
		return "(server action " + e.Handler + ")"
	case "function":
		return "(function " + e.Handler + ")"
	}
	return "(unknown)"
}

// writeCoverageText renders the coverage as a table and its summary line;
// the caller leaves the section out when no endpoint was found.
func writeCoverageText(w io.Writer, c *Coverage, p painter) error {
	fmt.Fprintln(w, p.paint(ansiBold, "Rate-limit coverage"))
	rows := c.sortedEndpoints()
	t := tablewriter.NewTable(w, tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft))
	t.Header("Method", "Path", "Location", "Upstash", "Limited by", "Verdict")
	for _, e := range rows {
		if err := t.Append(sanitize(e.Method), sanitize(endpointPath(e)), sanitize(location(e.File, e.Line, 0)),
			sanitize(cmp.Or(e.Upstash, "-")), sanitize(cmp.Or(e.Limited, "-")), verdictText(e)); err != nil {
			return fmt.Errorf("coverage table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("coverage table: %w", err)
	}
	fmt.Fprintf(w, "%s\n\n", c.Summary())
	return nil
}

// markdownCoverageBudget is how many bytes of coverage rows a markdown
// report holds, on top of the findings' budget, within GitHub's comment cap.
const markdownCoverageBudget = 8000

// writeCoverageMarkdown renders the coverage as a PR-comment table; the
// caller leaves the section out when no endpoint was found.
func writeCoverageMarkdown(w io.Writer, c *Coverage) {
	fmt.Fprintf(w, "\n### Rate-limit coverage\n\n%s.\n", markdownText(c.Summary()))
	rows := c.sortedEndpoints()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Method | Path | Location | Upstash | Limited by | Verdict |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	used := 0
	for i, e := range rows {
		row := fmt.Sprintf("| %s | %s | %s | %s | %s | %s |\n", markdownText(e.Method), markdownCode(endpointPath(e)),
			markdownCode(location(e.File, e.Line, 0)), markdownText(cmp.Or(e.Upstash, "-")),
			markdownText(cmp.Or(e.Limited, "-")), markdownText(verdictText(e)))
		if used+len(row) > markdownCoverageBudget {
			fmt.Fprintf(w, "\n… and %s more not shown; run upscan locally for the whole table.\n", plural(len(rows)-i, "endpoint"))
			break
		}
		used += len(row)
		io.WriteString(w, row)
	}
}

// jsonEndpoint is one coverage row in the JSON format.
type jsonEndpoint struct {
	Method    string         `json:"method"`
	Path      string         `json:"path"`
	Kind      string         `json:"kind"`
	Framework string         `json:"framework"`
	Handler   string         `json:"handler"`
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Upstash   string         `json:"upstash"`
	Chain     []jsonLocation `json:"chain"`
	Limited   string         `json:"limited"`
	Verdict   string         `json:"verdict"`
	Rules     []string       `json:"rules"`
}

// jsonEndpoints converts the coverage, sorted; nil for no coverage (a
// database posture report), empty for a scan that found no endpoint.
func jsonEndpoints(c *Coverage) []jsonEndpoint {
	if c == nil {
		return nil
	}
	out := make([]jsonEndpoint, 0, len(c.Endpoints))
	for _, e := range c.sortedEndpoints() {
		je := jsonEndpoint{Method: e.Method, Path: e.Path, Kind: e.Kind, Framework: e.Framework, Handler: e.Handler,
			File: e.File, Line: e.Line, Upstash: e.Upstash, Limited: e.Limited, Verdict: e.Verdict,
			Chain: []jsonLocation{}, Rules: append([]string{}, e.Rules...)}
		for _, l := range e.Chain {
			je.Chain = append(je.Chain, jsonLocation{Path: cmp.Or(l.Path, e.File), Line: l.Line, Column: l.Col,
				EndLine: l.EndLine, EndColumn: l.EndCol, Message: l.Message})
		}
		out = append(out, je)
	}
	return out
}
