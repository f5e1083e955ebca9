package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{"plain", "plain", "plain"},
		{"100% a,b: c", "100%25 a,b: c", "100%25 a%2Cb%3A c"},
		{"line1\nline2\r\n", "line1%0Aline2%0D%0A", "line1%0Aline2%0D%0A"},
		{"%0A", "%250A", "%250A"},
		{"esc\x1b[31m", `esc\x1b[31m`, `esc\x1b[31m`},
	}
	for _, tt := range tests {
		if got := githubData(tt.in); got != tt.data {
			t.Errorf("githubData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := githubProperty(tt.in); got != tt.property {
			t.Errorf("githubProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

func TestGitHubCommands(t *testing.T) {
	r := &Report{
		Findings: []rules.Finding{
			{RuleID: "UPS901", Severity: rules.Critical, Path: "src/a,b:c.ts", Line: 3, Col: 7, EndLine: 3, EndCol: 69, Message: "Token: 50% exposed"},
			{RuleID: "UPS902", Severity: rules.Medium, Path: "b.ts", Line: 4},
			{RuleID: "UPS903", Severity: rules.Info, Path: "c.ts"},
		},
		Errors:  []Problem{{Path: "d.ts", Message: "read: I/O error"}},
		Skipped: []Problem{{Path: "e.bin", Message: "binary"}},
	}
	got := strings.Split(strings.TrimSuffix(string(render(t, GitHub, r, Options{})), "\n"), "\n")
	want := []string{
		"::warning file=b.ts,line=4,title=UPS902 test-plaintext-url::Test rule: plaintext connection to an Upstash host (UPS902)",
		"::notice file=c.ts,title=UPS903 test-missing-ratelimit::Test rule: public endpoint without a rate limit (UPS903)",
		"::error file=src/a%2Cb%3Ac.ts,line=3,col=7,endLine=3,endColumn=69,title=UPS901 test-hardcoded-token::Token: 50%25 exposed (UPS901)",
		"::error title=upscan::upscan could not scan d.ts: read: I/O error; the scan is incomplete",
		"::notice title=upscan::upscan skipped e.bin: binary",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("github output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{markdownText, "a|b", `a\|b`},
		{markdownText, "*bold* _x_ <script> [l](u)", `\*bold\* \_x\_ \<script\> \[l\](u)`},
		{markdownText, "two\nlines", "two lines"},
		{markdownCode, "src/a|b.ts", "`src/a\\|b.ts`"},
		{markdownCode, "a`b", "``a`b``"},
		{markdownCode, "`x", "`` `x ``"},
		{markdownCode, "a\nb", "`a b`"},
	}
	for i, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("case %d: escape(%q) = %q, want %q", i, tt.in, got, tt.want)
		}
	}
}

// TestMarkdownTable checks that every finding is one table row with exactly
// five cell borders, whatever its message holds.
func TestMarkdownTable(t *testing.T) {
	r := &Report{Findings: []rules.Finding{
		{RuleID: "UPS901", Severity: rules.High, Path: "a|b.ts", Line: 1, Col: 2, Message: "x | y\nz"},
		{RuleID: "UPS902", Severity: rules.Low, Path: "b.ts", Line: 1, Related: []rules.Location{{Path: "c|d.ts", Line: 2, Message: "p|q"}}},
	}}
	out := string(render(t, Markdown, r, Options{}))
	var rows []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Severity") {
			rows = append(rows, line)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2:\n%s", len(rows), out)
	}
	for _, row := range rows {
		if n := strings.Count(row, "|") - strings.Count(row, `\|`); n != 5 {
			t.Errorf("row has %d unescaped pipes, want 5: %s", n, row)
		}
	}
}

// TestMarkdownBudget checks that a huge report stays within a PR comment.
func TestMarkdownBudget(t *testing.T) {
	r := &Report{}
	for i := range 2000 {
		r.Findings = append(r.Findings, rules.Finding{
			RuleID: "UPS901", Severity: rules.High, Path: fmt.Sprintf("src/file%04d.ts", i), Line: 1,
			Message: strings.Repeat("long message ", 5),
		})
	}
	out := string(render(t, Markdown, r, Options{}))
	if len(out) > 65536 {
		t.Errorf("markdown is %d bytes, over GitHub's 65,536-character comment limit", len(out))
	}
	if !strings.Contains(out, "more not shown") {
		t.Error("truncated markdown does not say findings were left out")
	}
}

func TestTextSkippedList(t *testing.T) {
	r := &Report{}
	for i := range 8 {
		r.Skipped = append(r.Skipped, Problem{Path: fmt.Sprintf("big%d.bin", i), Message: "too large"})
	}
	out := string(render(t, Text, r, Options{}))
	if !strings.Contains(out, "Skipped 8 files:") || !strings.Contains(out, "big4.bin") ||
		strings.Contains(out, "big5.bin") || !strings.Contains(out, "… and 3 more") {
		t.Errorf("skipped list:\n%s", out)
	}
}
