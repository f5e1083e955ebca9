package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

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
// with seven cell borders, and that a huge table stays within a comment.
func TestCoverageMarkdownRows(t *testing.T) {
	r := coverageReport()
	for i := range 400 {
		r.Coverage.Endpoints = append(r.Coverage.Endpoints, Endpoint{Method: "GET", Path: "/x|" + strings.Repeat("y", i%7),
			File: "app/x.ts", Line: i + 100, Upstash: "Redis (get)", Verdict: "unprotected", Rules: []string{"UPS401"}})
	}
	out := string(render(t, Markdown, r, Options{}))
	if len(out) > 65536 {
		t.Errorf("markdown is %d bytes", len(out))
	}
	if !strings.Contains(out, "more not shown") {
		t.Error("truncated coverage does not say rows were left out")
	}
	_, table, _ := strings.Cut(out, "### Rate-limit coverage")
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Method") {
			if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 7 {
				t.Errorf("row has %d unescaped pipes, want 7: %s", n, line)
			}
		}
	}
}
