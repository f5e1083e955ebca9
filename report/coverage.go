package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

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
	Kind      string // route, page, form-action, server-action, remote-function, procedure, middleware, worker, server, function
	Framework string // next, sveltekit, express, fastapi, …
	Handler   string // the handler's name; "(inline)" for an anonymous function
	File      string // slash-separated, relative to the scan root
	Line      int    // 1-based
	Upstash   string // Upstash work reached: "Redis (incr)"; "" for none
	// Chain is the evidence path from the handler to the first client.
	Chain   []rules.Location
	Limited string   // what limits it and where; "" for nothing
	Verdict string   // limited, limited-other, unprotected, qstash-unverified, not-enforced, qstash-signed, verified-caller, key-required, disabled-in-production, no-upstash
	Rules   []string // the UPS4xx rules reported about it
	Tier    string   // who can call it: public, signed-in, verified, internal; "" when not known
	Caller  string   // the check the tier rests on and where; "" for public
	// Baselined lists the rules of Rules whose finding about this row the
	// baseline suppressed: the row shows them as baselined.
	Baselined []string
	// Ignored lists the rules of Rules whose finding about this row an
	// inline ignore or the allowlist suppressed (set by internal/scan).
	Ignored []string
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

// CoverageMode is the --coverage value: which endpoints the text and
// markdown coverage tables list.
type CoverageMode string

// The coverage modes. The zero value means CoverageUpstash.
const (
	CoverageUpstash CoverageMode = "upstash" // endpoints that reach Upstash (the default)
	CoverageAll     CoverageMode = "all"     // every endpoint found
	CoverageNone    CoverageMode = "none"    // no coverage table (JSON leaves out "endpoints")
)

// CoverageModes lists every accepted --coverage value, in the order help
// text shows them.
var CoverageModes = []CoverageMode{CoverageUpstash, CoverageAll, CoverageNone}

// ParseCoverage parses a --coverage value (case-insensitive, surrounding
// spaces ignored). For anything else it returns an error that names the
// accepted values.
func ParseCoverage(s string) (CoverageMode, error) {
	want := CoverageMode(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(CoverageModes, want) {
		return want, nil
	}
	names := make([]string, len(CoverageModes))
	for i, m := range CoverageModes {
		names[i] = string(m)
	}
	return "", fmt.Errorf("unknown coverage mode %s (want one of %s)", rules.Quote(s), strings.Join(names, ", "))
}

// tierOrder is the order of caller tiers in the tables: the widest
// audience first; "" (not known) last.
var tierOrder = []string{"public", "signed-in", "verified", "internal", ""}

// statusOrder is the order of verdicts in the tables: what needs work
// first.
var statusOrder = []string{"unprotected", "qstash-unverified", "not-enforced", "disabled-in-production", "key-required", "qstash-signed", "verified-caller",
	"limited-other", "limited", "no-upstash"}

// rank is i's index in order, or len(order) for a value not in it.
func rank(order []string, v string) int {
	if i := slices.Index(order, v); i >= 0 {
		return i
	}
	return len(order)
}

// statusText renders a verdict for people, as a group heading says it.
func statusText(verdict string) string {
	switch verdict {
	case "limited":
		return "rate limited"
	case "limited-other":
		return "limited by a non-Upstash limiter"
	case "unprotected":
		return "no recognised rate limit"
	case "not-enforced":
		return "limit not enforced"
	case "qstash-signed":
		return "QStash-signed only"
	case "qstash-unverified":
		return "QStash receiver, signature unchecked"
	case "verified-caller":
		return "verified sender only"
	case "key-required":
		return "key required"
	case "no-upstash":
		return "no Upstash work"
	case "disabled-in-production":
		return "disabled in production"
	}
	return verdict
}

// tierText names a caller tier in a group heading; "" for not known.
func tierText(tier string) string {
	switch tier {
	case "public":
		return "public callers"
	case "signed-in":
		return "signed-in callers"
	case "verified":
		return "verified callers"
	case "internal":
		return "internal only"
	}
	return tier
}

// rulesText renders the rules reported about a row: "UPS401 (baselined),
// UPS403", "UPS401 (ignored)" for an inline ignore or the allowlist; "-"
// for none.
func rulesText(e Endpoint) string {
	if len(e.Rules) == 0 {
		return "-"
	}
	parts := make([]string, len(e.Rules))
	for i, id := range e.Rules {
		parts[i] = id
		switch {
		case slices.Contains(e.Baselined, id):
			parts[i] += " (baselined)"
		case slices.Contains(e.Ignored, id):
			parts[i] += " (ignored)"
		}
	}
	return strings.Join(parts, ", ")
}

// ruleOff reports whether a row's verdict belongs to a rule the scan did
// not run: an unprotected row that lists no UPS401 (--disable UPS401, or
// --enable without it). Such rows are never listed.
func ruleOff(e Endpoint) bool {
	return e.Verdict == "unprotected" && !slices.Contains(e.Rules, string(rules.EndpointWithoutRateLimit))
}

// endpointName renders a row's method and path: "GET /api/posts".
func endpointName(e Endpoint) string {
	return e.Method + " " + endpointPath(e)
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

// coverageGroup is the rows of one caller tier and status.
type coverageGroup struct {
	tier, verdict string
	rows          []Endpoint
}

// heading is the group's title: "Public callers, no recognised rate
// limit: 2 endpoints"; without a known tier "No recognised rate limit: 2
// endpoints".
func (g coverageGroup) heading() string {
	s := statusText(g.verdict)
	if t := tierText(g.tier); t != "" {
		s = t + ", " + s
	}
	return fmt.Sprintf("%s%s: %s", strings.ToUpper(s[:1]), s[1:], plural(len(g.rows), "endpoint"))
}

// coverageView is what the text and markdown tables show under a mode:
// the groups, in order, and notes on the rows left out.
type coverageView struct {
	groups []coverageGroup
	notes  []string // "3 endpoints without Upstash work not shown (--coverage all lists them)"
}

// view selects and groups the rows the text and markdown tables list
// under mode: by caller tier, then by verdict, then by file and line.
func (c *Coverage) view(mode CoverageMode) coverageView {
	var shown []Endpoint
	noUpstash, off := 0, 0
	for _, e := range c.sortedEndpoints() {
		switch {
		case ruleOff(e):
			off++
		case mode != CoverageAll && e.Upstash == "":
			noUpstash++
		default:
			shown = append(shown, e)
		}
	}
	slices.SortStableFunc(shown, func(a, b Endpoint) int {
		return cmp.Or(cmp.Compare(rank(tierOrder, a.Tier), rank(tierOrder, b.Tier)),
			cmp.Compare(rank(statusOrder, a.Verdict), rank(statusOrder, b.Verdict)), strings.Compare(a.Tier, b.Tier),
			strings.Compare(a.Verdict, b.Verdict))
	})
	var v coverageView
	for _, e := range shown {
		if n := len(v.groups); n > 0 && v.groups[n-1].tier == e.Tier && v.groups[n-1].verdict == e.Verdict {
			v.groups[n-1].rows = append(v.groups[n-1].rows, e)
			continue
		}
		v.groups = append(v.groups, coverageGroup{tier: e.Tier, verdict: e.Verdict, rows: []Endpoint{e}})
	}
	if noUpstash > 0 {
		v.notes = append(v.notes, fmt.Sprintf("%s without Upstash work not shown (--coverage all lists them)", plural(noUpstash, "endpoint")))
	}
	if off > 0 {
		v.notes = append(v.notes, fmt.Sprintf("%s with no recognised rate limit not shown (UPS401 is disabled)", plural(off, "endpoint")))
	}
	return v
}

// coverageColumns are the text and markdown tables' column titles.
var coverageColumns = []string{"Endpoint", "Location", "Upstash", "Limited by", "Rules"}

// coverageSoftWidths are the widths the text table narrows its columns to
// before it narrows any further (see columnWidths): what limits the
// endpoint and its location keep the most. Each group of rows has its own
// widths.
var coverageSoftWidths = []int{20, 24, 12, 24, 6}

// coverageCells renders a row's cells, in coverageColumns order, unescaped.
func coverageCells(e Endpoint) []string {
	return []string{endpointName(e), location(e.File, e.Line, 0), cmp.Or(e.Upstash, "-"), cmp.Or(e.Limited, "-"), rulesText(e)}
}

// writeCoverageText renders the coverage as one table per caller tier and
// status, within width columns, and its summary line; the caller leaves the
// section out when no endpoint was found.
func writeCoverageText(w io.Writer, c *Coverage, p painter, mode CoverageMode, width int) error {
	v := c.view(mode)
	title := "Rate-limit coverage: endpoints that reach Upstash"
	if mode == CoverageAll {
		title = "Rate-limit coverage: every endpoint found"
	}
	fmt.Fprintln(w, p.paint(ansiBold, fitWidth(title, width)))
	const indent = "  "
	for _, g := range v.groups {
		cells := make([][]string, len(g.rows))
		for i, e := range g.rows {
			cells[i] = coverageCells(e)
			for j := range cells[i] {
				cells[i][j] = sanitize(cells[i][j])
			}
		}
		ws := columnWidths(coverageColumns, cells, coverageSoftWidths, len(indent), width)
		fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, fitWidth(sanitize(g.heading()), width)))
		writeRow(w, indent, coverageColumns, ws, -1, width, func(s string) string { return p.paint(ansiDim, s) })
		for _, row := range cells {
			writeRow(w, indent, row, ws, 1, width, func(s string) string { return s })
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, fitWidth(c.Summary(), width))
	for _, n := range v.notes {
		fmt.Fprintln(w, fitWidth(n, width))
	}
	fmt.Fprintln(w)
	return nil
}

// writeCoverageMarkdown renders the coverage as one table per caller tier
// and status within budget bytes, with a count of the rows left out; the
// caller leaves the section out when no endpoint was found. It returns
// the bytes written.
func writeCoverageMarkdown(w io.Writer, c *Coverage, mode CoverageMode, budget int) int {
	v := c.view(mode)
	var b strings.Builder
	fmt.Fprintf(&b, "\n### Rate-limit coverage\n\n%s.", markdownText(c.Summary()))
	for _, n := range v.notes {
		fmt.Fprintf(&b, " %s.", markdownText(strings.ToUpper(n[:1])+n[1:]))
	}
	b.WriteString("\n")
	header := "| " + strings.Join(coverageColumns, " | ") + " |\n|" + strings.Repeat("---|", len(coverageColumns)) + "\n"
	left := 0
	for _, g := range v.groups {
		left += len(g.rows)
	}
	for _, g := range v.groups {
		head := fmt.Sprintf("\n**%s**\n\n%s", markdownText(g.heading()), header)
		for i, e := range g.rows {
			cells := coverageCells(e)
			row := fmt.Sprintf("| %s | %s | %s | %s | %s |\n", markdownCode(cells[0]), markdownCode(cells[1]),
				markdownText(cells[2]), markdownText(cells[3]), markdownText(cells[4]))
			if i == 0 {
				row = head + row
			}
			if b.Len()+len(row) > budget-markdownOmittedReserve {
				fmt.Fprintf(&b, "\n… and %s more not shown; run upscan locally for the whole table.\n", plural(left, "endpoint"))
				io.WriteString(w, b.String())
				return b.Len()
			}
			b.WriteString(row)
			left--
		}
	}
	io.WriteString(w, b.String())
	return b.Len()
}

// markdownOmittedReserve is the bytes a truncated table keeps for its "…
// and N more not shown" line.
const markdownOmittedReserve = 120

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
	Tier      string         `json:"tier"`
	Caller    string         `json:"caller,omitempty"` // the check the tier rests on
	Baselined []string       `json:"baselined"`
	Ignored   []string       `json:"ignored"`
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
			Chain: []jsonLocation{}, Rules: append([]string{}, e.Rules...),
			Tier: e.Tier, Caller: e.Caller, Baselined: append([]string{}, e.Baselined...), Ignored: append([]string{}, e.Ignored...)}
		for _, l := range e.Chain {
			je.Chain = append(je.Chain, jsonLocation{Path: cmp.Or(l.Path, e.File), Line: l.Line, Column: l.Col,
				EndLine: l.EndLine, EndColumn: l.EndCol, Message: l.Message})
		}
		out = append(out, je)
	}
	return out
}
