package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/upscan/upscan/rules"
)

// coverageReport is a code scan with a rate-limit coverage table: an
// unprotected route (with its UPS903 test finding), a limited one, a
// server action, a middleware and a route that reaches no Upstash.
func coverageReport() *Report {
	r := fullReport()
	r.Coverage = &Coverage{Endpoints: []Endpoint{
		{Method: "GET", Path: "/api/health", Kind: "route", Framework: "next", Handler: "GET", File: "app/api/health/route.ts", Line: 2, Verdict: "no-upstash"},
		{Method: "POST", Path: "/api/chat", Kind: "route", Framework: "next", Handler: "POST", File: "app/api/chat/route.ts", Line: 8,
			Upstash: "Redis (incr)", Verdict: "unprotected", Rules: []string{"UPS401"},
			Chain: []rules.Location{{Path: "app/api/chat/route.ts", Line: 12, Col: 9, Message: "uses redis.incr"},
				{Path: "lib/redis.ts", Line: 3, Col: 14, Message: "an Upstash Redis client built here (@upstash/redis)"}}},
		{Method: "ANY", Path: "/api/:path*", Kind: "middleware", Framework: "next", Handler: "middleware", File: "middleware.ts", Line: 5,
			Upstash: "Redis (rate limiter only)", Limited: "ratelimit.limit(), line 7", Verdict: "limited"},
		{Method: "POST", Kind: "server-action", Framework: "next", Handler: "vote|now", File: "app/actions.ts", Line: 4,
			Upstash: "Redis (hincrby)", Limited: "middleware.ts (matcher /((?!api).*))", Verdict: "limited",
			Rules: []string{"UPS403"}},
		{Method: "ANY", Path: "/legacy", Kind: "route", Framework: "express", Handler: "(inline)", File: "server.js", Line: 16,
			Upstash: "Redis TCP (get)", Limited: "express-rate-limit (not Upstash)", Verdict: "limited-other"},
	}}
	return r
}

var coverageGoldens = []struct {
	file   string
	format Format
	opt    Options
}{
	{"coverage.txt", Text, Options{FailOn: rules.High}},
	{"coverage.json", JSON, Options{}},
	{"coverage.md", Markdown, Options{}},
}

// TestCoverageGolden compares the text, JSON and markdown renderings of a
// coverage table with testdata/coverage.* (go test ./report -update).
func TestCoverageGolden(t *testing.T) {
	for _, tc := range coverageGoldens {
		t.Run(tc.file, func(t *testing.T) {
			got := render(t, tc.format, coverageReport(), tc.opt)
			checkGolden(t, tc.file, got)
			for _, s := range fakeSecrets {
				if bytes.Contains(got, []byte(s)) {
					t.Errorf("%s leaks a planted secret", tc.file)
				}
			}
		})
	}
}

// TestCoverageOnlyInTables checks that SARIF, GitHub and GitLab output do
// not change with a coverage table: they carry the findings only.
func TestCoverageOnlyInTables(t *testing.T) {
	for _, f := range []Format{SARIF, GitHub, GitLab} {
		with, without := coverageReport(), fullReport()
		start := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
		with.Started, without.Started = start, start
		if a, b := render(t, f, with, Options{}), render(t, f, without, Options{}); !bytes.Equal(a, b) {
			t.Errorf("%s output changes with a coverage table", f)
		}
	}
}

// TestCoverageJSONShape checks the JSON field: absent without coverage,
// an empty array for a scan that found no endpoint.
func TestCoverageJSONShape(t *testing.T) {
	for _, c := range []struct {
		cov  *Coverage
		want string
	}{
		{nil, ""},
		{&Coverage{}, "[]"},
	} {
		r := cleanReport()
		r.Coverage = c.cov
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(render(t, JSON, r, Options{}), &doc); err != nil {
			t.Fatal(err)
		}
		if got := string(doc["endpoints"]); got != c.want {
			t.Errorf("endpoints = %q, want %q", got, c.want)
		}
	}
}

// TestCoverageMarkdownRows checks that every coverage row is one table row
// with six cell borders, and that a huge table stays within a comment and
// counts the rows it leaves out.
func TestCoverageMarkdownRows(t *testing.T) {
	r := coverageReport()
	for i := range 2000 {
		r.Coverage.Endpoints = append(r.Coverage.Endpoints, Endpoint{Method: "GET", Path: "/x|" + strings.Repeat("y", i%7),
			File: "app/x.ts", Line: i + 100, Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}})
	}
	out := string(render(t, Markdown, r, Options{}))
	if n := utf8.RuneCountInString(out); n > markdownLimit {
		t.Errorf("markdown is %d characters", n)
	}
	if !regexp.MustCompile(`… and \d+ endpoints more not shown`).MatchString(out) {
		t.Error("truncated coverage does not count the rows left out")
	}
	_, table, _ := strings.Cut(out, "### Rate-limit coverage")
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Endpoint") {
			if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 6 {
				t.Errorf("row has %d unescaped pipes, want 6: %s", n, line)
			}
		}
	}
}

// TestMarkdownLimit checks that a report with many long findings, a big
// coverage table, many skipped files and many errors stays under GitHub's
// 65,536-character comment limit, and says how much it left out.
func TestMarkdownLimit(t *testing.T) {
	r := coverageReport()
	long := strings.Repeat("ü", 300) // two bytes, one character
	for i := range 2000 {
		r.Findings = append(r.Findings, rules.Finding{RuleID: "UPS401", Severity: rules.Medium, Path: "app/" + long + ".ts", Line: i + 1, Col: 1, Message: long})
		r.Coverage.Endpoints = append(r.Coverage.Endpoints, Endpoint{Method: "GET", Path: "/" + long, File: "app/y.ts", Line: i + 1,
			Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}})
		r.Errors = append(r.Errors, Problem{Path: "src/" + long, Message: "open: permission denied"})
		r.Skipped = append(r.Skipped, Problem{Path: "big/" + long, Message: "too large"})
	}
	out := string(render(t, Markdown, r, Options{}))
	if n := utf8.RuneCountInString(out); n > markdownLimit {
		t.Errorf("markdown is %d characters, over GitHub's limit", n)
	}
	for _, want := range []string{"findings more not shown", "more not shown; run upscan locally for the whole table", "- … and "} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown does not say %q", want)
		}
	}
	if !strings.HasSuffix(out, "</sub>\n") {
		t.Error("markdown lost its closing line")
	}
}

// tieredReport is a coverage table with every caller tier and several
// verdicts, in no particular order.
func tieredReport() *Report {
	r := cleanReport()
	r.Coverage = &Coverage{Endpoints: []Endpoint{
		{Method: "GET", Path: "/api/me", File: "app/api/me/route.ts", Line: 3, Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}, Tier: "signed-in"},
		{Method: "POST", Path: "/api/hook", File: "app/api/hook/route.ts", Line: 5, Upstash: "Redis (set)", Verdict: "unprotected", Rules: []string{"UPS401"}, Tier: "verified"},
		{Method: "GET", Path: "/api/feed", File: "app/api/feed/route.ts", Line: 4, Upstash: "Redis (lrange)", Limited: "ratelimit.limit(), line 6", Verdict: "limited", Tier: "public"},
		{Method: "GET", Path: "/api/hits", File: "app/api/hits/route.ts", Line: 2, Upstash: "Redis (incr)", Verdict: "unprotected", Rules: []string{"UPS401"}, Tier: "public"},
		{Method: "GET", Path: "/api/health", File: "app/api/health/route.ts", Line: 1, Verdict: "no-upstash", Tier: "public"},
		{Method: "GET", Path: "/legacy", File: "server.js", Line: 9, Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}},
	}}
	return r
}

// headings returns the group headings of a text coverage section, in order.
func headings(out string) []string {
	var hs []string
	for _, line := range strings.Split(out, "\n") {
		if regexp.MustCompile(`^[A-Z].*: \d+ endpoints?$`).MatchString(line) {
			hs = append(hs, line)
		}
	}
	return hs
}

// TestCoverageGrouping checks the text table's groups: by caller tier
// (public, signed-in, verified, internal, then not known), then by status
// (what needs work first), endpoints that reach no Upstash left out.
func TestCoverageGrouping(t *testing.T) {
	got := headings(string(render(t, Text, tieredReport(), Options{})))
	want := []string{
		"Public callers, no recognised rate limit: 1 endpoint",
		"Public callers, rate limited: 1 endpoint",
		"Signed-in callers, no recognised rate limit: 1 endpoint",
		"Verified callers, no recognised rate limit: 1 endpoint",
		"No recognised rate limit: 1 endpoint",
	}
	if !slices.Equal(got, want) {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	md := string(render(t, Markdown, tieredReport(), Options{}))
	if i, j := strings.Index(md, "**Public callers, no recognised"), strings.Index(md, "**Signed-in callers"); i < 0 || j < i {
		t.Errorf("markdown groups out of order:\n%s", md)
	}
}

// TestCoverageModes checks --coverage: upstash lists only endpoints that
// reach Upstash and counts the rest, all lists every one, none drops the
// coverage from text, markdown and JSON; JSON otherwise lists every
// endpoint.
func TestCoverageModes(t *testing.T) {
	for _, tc := range []struct {
		mode         CoverageMode
		health, note bool
	}{
		{"", false, true},
		{CoverageUpstash, false, true},
		{CoverageAll, true, false},
	} {
		for _, f := range []Format{Text, Markdown} {
			out := string(render(t, f, tieredReport(), Options{Coverage: tc.mode}))
			if got := strings.Contains(out, "/api/health"); got != tc.health {
				t.Errorf("%s %q: lists /api/health = %v", f, tc.mode, got)
			}
			if got := strings.Contains(out, "without Upstash work not shown"); got != tc.note {
				t.Errorf("%s %q: counts the endpoints left out = %v", f, tc.mode, got)
			}
		}
		if js := string(render(t, JSON, tieredReport(), Options{Coverage: tc.mode})); !strings.Contains(js, `"/api/health"`) {
			t.Errorf("JSON %q leaves out an endpoint", tc.mode)
		}
	}
	for _, f := range []Format{Text, Markdown, JSON} {
		if out := string(render(t, f, tieredReport(), Options{Coverage: CoverageNone})); strings.Contains(out, "/api/") {
			t.Errorf("%s with --coverage none lists endpoints:\n%s", f, out)
		}
	}
	for _, s := range []string{"upstash", " ALL ", "none"} {
		if _, err := ParseCoverage(s); err != nil {
			t.Errorf("ParseCoverage(%q): %v", s, err)
		}
	}
	if _, err := ParseCoverage("some"); err == nil || !strings.Contains(err.Error(), "upstash, all, none") {
		t.Errorf("ParseCoverage(some) = %v", err)
	}
}

// TestCoverageDisabledRule checks that a row whose UPS401 the scan did not
// run (the scan leaves it out of Rules) is never listed as lacking a limit,
// and that the table says why rows are missing.
func TestCoverageDisabledRule(t *testing.T) {
	r := tieredReport()
	for i := range r.Coverage.Endpoints {
		r.Coverage.Endpoints[i].Rules = nil
	}
	for _, mode := range []CoverageMode{CoverageUpstash, CoverageAll} {
		for _, f := range []Format{Text, Markdown} {
			out := string(render(t, f, r, Options{Coverage: mode}))
			if strings.Contains(out, "o recognised rate limit:") || strings.Contains(out, "/api/hits") {
				t.Errorf("%s %s lists a row of the disabled UPS401:\n%s", f, mode, out)
			}
			if !strings.Contains(out, "4 endpoints with no recognised rate limit not shown (UPS401 is disabled)") {
				t.Errorf("%s %s does not say why rows are missing:\n%s", f, mode, out)
			}
		}
	}
}

// TestCoverageBaselined checks that a row whose UPS401 finding the
// baseline (or an inline ignore) suppressed says so, in text, markdown and
// JSON.
func TestCoverageBaselined(t *testing.T) {
	r := tieredReport()
	r.Coverage.Endpoints[3].Baselined = []string{"UPS401"}
	r.Coverage.Endpoints[0].Ignored = []string{"UPS401"}
	for _, f := range []Format{Text, Markdown} {
		out := string(render(t, f, r, Options{Width: 200}))
		if !strings.Contains(out, "UPS401 (baselined)") {
			t.Errorf("%s does not show the baselined UPS401:\n%s", f, out)
		}
		if !strings.Contains(out, "UPS401 (ignored)") {
			t.Errorf("%s does not show the ignored UPS401:\n%s", f, out)
		}
	}
	if out := string(render(t, JSON, r, Options{})); !strings.Contains(out, `"baselined": [
        "UPS401"
      ]`) {
		t.Errorf("JSON does not list the baselined rule:\n%s", out)
	}
}

// TestCoverageWidth checks that no line of the text coverage section is
// wider than the width asked for, with long paths, limits and wide
// characters, and that a location keeps its line number.
func TestCoverageWidth(t *testing.T) {
	r := tieredReport()
	r.Coverage.Endpoints = append(r.Coverage.Endpoints,
		Endpoint{Method: "GET,POST,PUT", Path: "/api/" + strings.Repeat("segment/", 40) + ":id", File: "apps/web/" + strings.Repeat("deep/", 30) + "route.ts", Line: 77,
			Upstash: "Redis (incr, get, set, del); QStash (publishJSON)", Limited: "middleware.ts (matcher /((?!api|_next/static|_next/image|favicon.ico).*))",
			Verdict: "limited", Tier: "public"},
		Endpoint{Method: "GET", Path: "/api/名前/" + strings.Repeat("長い", 40), File: "app/名前.ts", Line: 3, Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}, Tier: "public"},
	)
	for _, width := range []int{0, 40, 60, 80, 100, 132, 250} {
		out := string(render(t, Text, r, Options{Width: width, Coverage: CoverageAll}))
		_, section, ok := strings.Cut(out, "Rate-limit coverage")
		if !ok {
			t.Fatalf("width %d: no coverage section", width)
		}
		section, _, _ = strings.Cut(section, "No findings")
		limit := cmp.Or(width, DefaultWidth)
		for _, line := range strings.Split(section, "\n") {
			if w := runewidth.StringWidth(line); w > limit {
				t.Errorf("width %d: line of %d columns: %s", width, w, line)
			}
		}
		if width >= 60 && !strings.Contains(section, ".ts:77") {
			t.Errorf("width %d: the long location lost its line number:\n%s", width, section)
		}
	}
}

// TestCoverageWrapsAtWords checks that at 80 columns a cell wraps between
// words ("UPS401" / "(baselined)"), not inside one ("(baselin" / "ed)"),
// and that wrapCell hard-breaks only a word longer than the column.
func TestCoverageWrapsAtWords(t *testing.T) {
	r := tieredReport()
	r.Coverage.Endpoints[3].Baselined = []string{"UPS401"}
	r.Coverage.Endpoints[3].Path = "/api/hits/with/a/longer/path"
	r.Coverage.Endpoints[3].Upstash = "Redis (incr, expire, get)"
	out := string(render(t, Text, r, Options{Width: 80, Coverage: CoverageAll}))
	if strings.Contains(out, "(baselin ") || strings.Contains(out, "(baselin\n") || !strings.Contains(out, "(baselined)") {
		t.Errorf("a word was broken:\n%s", out)
	}
	for _, tt := range []struct {
		s     string
		width int
		want  []string
	}{
		{"UPS401 (baselined)", 12, []string{"UPS401", "(baselined)"}},
		{"Redis (incr)", 8, []string{"Redis", "(incr)"}},
		{"averyveryverylongword x", 8, []string{"averyver", "yverylon", "gword x"}},
	} {
		if got := wrapCell(tt.s, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

// TestWrapCellWideRune checks that a rune wider than the column is a line.
func TestWrapCellWideRune(t *testing.T) {
	if got := wrapCell("名", 1); !slices.Equal(got, []string{"名"}) {
		t.Errorf("wrapCell = %q", got)
	}
}
