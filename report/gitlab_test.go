package report

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// historyReport returns a report of a history scan: findings carry the
// commit that introduced them; one has no commit (a work-tree finding) and
// one concerns no file.
func historyReport() *Report {
	r := cleanReport()
	r.Started = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	r.Stats.Duration = 1500 * time.Millisecond
	old := rules.Finding{
		RuleID: "UPS901", Severity: rules.Critical, Path: "lib/redis.ts", Line: 3, Col: 16, EndLine: 3, EndCol: 78,
		Message: "Upstash Redis REST token is hardcoded.", Secret: rules.Redact("redis-rest-token", fakeRESTToken),
		Commit: &rules.Commit{ID: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", Author: "Ada Lovelace",
			Date: time.Date(2024, 12, 31, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))},
	}
	fingerprint(&old, "")
	ro := rules.Finding{
		RuleID: "UPS901", Severity: rules.Low, Path: "config/env.example", Line: 1, Col: 26,
		Message: "Read-only token in a committed env file.", Secret: rules.Redact("redis-read-only-token", fakeReadOnlyToken),
		Commit: &rules.Commit{ID: "ffeeddccbbaa99887766554433221100ffeeddcc"}, // author and date unknown
	}
	fingerprint(&ro, "")
	plain := rules.Finding{
		RuleID: "UPS902", Severity: rules.Medium, Path: "lib/redis.ts", Line: 2, Col: 13,
		Message: "Plaintext redis:// URL to an Upstash host; use rediss:// instead.",
	}
	fingerprint(&plain, `url: "redis://default@fake-otter-12345.upstash.io:6379"`)
	db := rules.Finding{RuleID: "UPS903", Severity: rules.Low, Logical: "upstash/redis/shop-prod", Message: "No rate limit."}
	r.Findings = []rules.Finding{old, ro, plain, db}
	r.Errors = []Problem{{Path: "src/broken.ts", Message: "open: permission denied"}}
	r.Skipped = []Problem{{Path: "assets/logo.png", Message: "binary"}, {Path: "big.json", Message: "too large"}}
	return r
}

var historyGoldens = []struct {
	file   string
	report func() *Report
	format Format
}{
	{"history.txt", historyReport, Text},
	{"history.json", historyReport, JSON},
	{"history.sarif", historyReport, SARIF},
	{"history-github.txt", historyReport, GitHub},
	{"history.md", historyReport, Markdown},
	{"history-gitlab.json", historyReport, GitLab},
	{"full-gitlab.json", fullGitLabReport, GitLab},
	{"clean-gitlab.json", cleanGitLabReport, GitLab},
	{"history-gitlab-sast.json", historyReport, GitLabSAST},
	{"full-gitlab-sast.json", fullGitLabReport, GitLabSAST},
}

// fullGitLabReport is fullReport with a fixed start time (the GitLab format
// needs one to be deterministic).
func fullGitLabReport() *Report {
	r := fullReport()
	r.Started = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	return r
}

func cleanGitLabReport() *Report {
	r := cleanReport()
	r.Started = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	r.Stats.Duration = 250 * time.Millisecond
	return r
}

// TestHistoryGolden renders commit provenance and the GitLab format; run
// go test ./report -run TestHistoryGolden -update to regenerate, then
// review the diff.
func TestHistoryGolden(t *testing.T) {
	for _, tc := range historyGoldens {
		t.Run(tc.file, func(t *testing.T) {
			checkGolden(t, tc.file, render(t, tc.format, tc.report(), Options{}))
		})
	}
}

// TestCommitRendering checks that every format names the introducing commit.
func TestCommitRendering(t *testing.T) {
	r := historyReport()
	for _, format := range []Format{Text, GitHub, Markdown} {
		out := string(render(t, format, r, Options{}))
		if !strings.Contains(out, "introduced in 1a2b3c4d by Ada Lovelace on 2025-01-01") {
			t.Errorf("%s output does not name the commit:\n%s", format, out)
		}
		if !strings.Contains(out, "introduced in ffeeddcc") || strings.Contains(out, "ffeeddcc by") {
			t.Errorf("%s output mishandles a commit without author and date:\n%s", format, out)
		}
	}
	for _, format := range []Format{JSON, SARIF} {
		doc := decodeJSON(t, render(t, format, r, Options{}))
		var commit any
		if format == JSON {
			commit = at(t, doc, "findings", 1, "commit")
		} else {
			commit = at(t, doc, "runs", 0, "results", 1, "properties", "commit")
		}
		want := map[string]any{"id": "ffeeddccbbaa99887766554433221100ffeeddcc"}
		if diff := cmp.Diff(want, commit); diff != "" {
			t.Errorf("%s commit of the config/env.example finding (-want +got):\n%s", format, diff)
		}
	}
	doc := decodeJSON(t, render(t, JSON, r, Options{}))
	want := map[string]any{"id": "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", "author": "Ada Lovelace", "date": "2025-01-01T04:30:00Z"}
	if diff := cmp.Diff(want, at(t, doc, "findings", 3, "commit")); diff != "" {
		t.Errorf("JSON commit (-want +got):\n%s", diff)
	}
	if _, ok := at(t, doc, "findings", 2).(map[string]any)["commit"]; ok {
		t.Error("JSON: a finding without a commit has a commit field")
	}
	// The SARIF log with commits still validates.
	schema := compileSARIFSchema(t)
	var v any
	if err := json.Unmarshal(render(t, SARIF, r, Options{}), &v); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("history SARIF does not validate: %v", err)
	}
}

// TestGitLabReport checks the fields GitLab's secret detection report
// schema (15.x) requires and constrains.
func TestGitLabReport(t *testing.T) {
	doc := decodeJSON(t, render(t, GitLab, historyReport(), Options{}))
	if got := at(t, doc, "version"); got != GitLabSchemaVersion {
		t.Errorf("version = %v", got)
	}
	scan := at(t, doc, "scan").(map[string]any)
	timeRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)
	for _, k := range []string{"start_time", "end_time"} {
		if s, _ := scan[k].(string); !timeRE.MatchString(s) {
			t.Errorf("scan.%s = %v, want YYYY-MM-DDTHH:MM:SS", k, scan[k])
		}
	}
	if scan["start_time"] != "2025-03-04T05:06:07" || scan["end_time"] != "2025-03-04T05:06:08" {
		t.Errorf("scan times %v..%v", scan["start_time"], scan["end_time"])
	}
	if scan["type"] != "secret_detection" || scan["status"] != "failure" {
		t.Errorf("scan type %v status %v; want secret_detection, failure (the scan had an error)", scan["type"], scan["status"])
	}
	for _, part := range []string{"analyzer", "scanner"} {
		c := scan[part].(map[string]any)
		for _, k := range []string{"id", "name", "version"} {
			if s, _ := c[k].(string); s == "" {
				t.Errorf("scan.%s.%s missing", part, k)
			}
		}
		if s, _ := at(t, c, "vendor", "name").(string); s == "" {
			t.Errorf("scan.%s.vendor.name missing", part)
		}
	}
	vulns := at(t, doc, "vulnerabilities").([]any)
	if len(vulns) != 2 {
		t.Fatalf("%d vulnerabilities, want 2 (the credential findings; the transport finding is in the SAST report, the finding without a file left out)", len(vulns))
	}
	severities := map[string]bool{"Critical": true, "High": true, "Medium": true, "Low": true, "Info": true, "Unknown": true}
	for i, v := range vulns {
		m := v.(map[string]any)
		if s, _ := m["id"].(string); s == "" {
			t.Errorf("vulnerability %d has no id", i)
		}
		if !severities[m["severity"].(string)] {
			t.Errorf("vulnerability %d severity %v", i, m["severity"])
		}
		ids := m["identifiers"].([]any)
		if len(ids) == 0 {
			t.Errorf("vulnerability %d has no identifiers", i)
		}
		for _, id := range ids {
			for _, k := range []string{"type", "name", "value"} {
				if s, _ := id.(map[string]any)[k].(string); s == "" {
					t.Errorf("vulnerability %d identifier lacks %s", i, k)
				}
			}
		}
		if s, _ := at(t, m, "location", "commit", "sha").(string); s == "" {
			t.Errorf("vulnerability %d has no location.commit.sha", i)
		}
		if s, _ := at(t, m, "location", "file").(string); s == "" {
			t.Errorf("vulnerability %d has no location.file", i)
		}
	}
	if got := at(t, vulns[1], "location", "commit"); !cmp.Equal(got, map[string]any{
		"sha": "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", "author": "Ada Lovelace", "date": "2025-01-01T04:30:00Z"}) {
		t.Errorf("commit of the history finding: %v", got)
	}
	full := decodeJSON(t, render(t, GitLab, fullGitLabReport(), Options{}))
	if got := at(t, full, "vulnerabilities", 0, "location", "commit", "sha"); got != gitlabNoCommit {
		t.Errorf("commit of a finding without one: %v, want %s", got, gitlabNoCommit)
	}
	clean := decodeJSON(t, render(t, GitLab, cleanGitLabReport(), Options{}))
	if v, ok := clean["vulnerabilities"].([]any); !ok || len(v) != 0 || at(t, clean, "scan", "status") != "success" {
		t.Errorf("clean report: vulnerabilities %v status %v; want [] and success", clean["vulnerabilities"], at(t, clean, "scan", "status"))
	}
}
