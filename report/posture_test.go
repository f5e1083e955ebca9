package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// postureReport returns a fixed `upscan db` report: two databases, their
// failed checks as findings without a file, manual checks and an account
// line. Rule IDs are the test catalogue's UPS9xx.
func postureReport() *Report {
	checks := []PostureCheck{{"UPS901", "TLS"}, {"UPS902", "IP allow-list"}, {"UPS903", "Cred. protection"}}
	find := func(db, id string, sev rules.Severity, msg string) rules.Finding {
		f := rules.Finding{RuleID: id, Severity: sev, Message: "database \"" + db + "\": " + msg, Logical: "upstash/redis/" + db}
		fingerprint(&f, "upstash-redis-database "+db)
		return f
	}
	return &Report{
		Tool: Tool{Name: "upscan", Version: "1.2.3", InformationURI: "https://github.com/upscan/upscan"},
		Findings: []rules.Finding{
			find("shop|prod", "UPS902", rules.Medium, "the IP allow-list is empty, so any IP address may connect"),
			find("legacy", "UPS902", rules.Medium, "the IP allow-list is empty, so any IP address may connect"),
			find("legacy", "UPS901", rules.Critical, "TLS is off, so clients may connect in plaintext"),
		},
		Posture: &Posture{
			Checks: checks,
			Databases: []PostureRow{
				{Name: "legacy", ID: "0f0f0f0f-1111-4222-8333-444455556666", Points: 12, Grade: "F", Capped: true,
					Statuses: []string{StatusFail, StatusFail, StatusUnknown},
					Top:      []string{"UPS901 TLS −60", "UPS902 IP allow-list −24", "UPS903 Cred. protection −8"}},
				{Name: "shop|prod", ID: "0f0f0f0f-2222-4333-8444-555566667777", Points: 76, Grade: "C",
					Statuses: []string{StatusPass, StatusFail, StatusManual},
					Top:      []string{"UPS902 IP allow-list −24"}},
			},
			Manual:  []string{"UPS903 (shop|prod): no API field shows Credential Protection; check the console"},
			Account: []string{"UPS903: no database name mentions an environment (2 databases)"},
		},
	}
}

// verifiedReport returns a code-scan report whose findings carry each live
// verification outcome.
func verifiedReport() *Report {
	r := cleanReport()
	for i, v := range []*rules.Verification{
		{Status: rules.Verified},
		{Status: rules.Invalid, Reason: "HTTP 401"},
		{Status: rules.Unknown, Reason: "no URL next to the token"},
	} {
		f := rules.Finding{RuleID: "UPS901", Severity: rules.Critical, Path: "lib/redis.ts", Line: i + 1, Col: 10,
			Message: "Upstash Redis REST token is hardcoded.", Secret: rules.Redact("redis-rest-token", fakeRESTToken), Verification: v}
		fingerprint(&f, "")
		r.Findings = append(r.Findings, f)
	}
	return r
}

var postureGoldens = []struct {
	file   string
	report func() *Report
	format Format
}{
	{"posture.txt", postureReport, Text},
	{"posture.json", postureReport, JSON},
	{"posture.sarif", postureReport, SARIF},
	{"posture-github.txt", postureReport, GitHub},
	{"posture.md", postureReport, Markdown},
	{"verified.txt", verifiedReport, Text},
	{"verified.json", verifiedReport, JSON},
	{"verified.sarif", verifiedReport, SARIF},
	{"verified-github.txt", verifiedReport, GitHub},
	{"verified.md", verifiedReport, Markdown},
}

// TestPostureGolden renders the posture and verification reports in every
// format; regenerate with go test ./report -update and review the diff.
func TestPostureGolden(t *testing.T) {
	for _, tc := range postureGoldens {
		t.Run(tc.file, func(t *testing.T) {
			checkGolden(t, tc.file, render(t, tc.format, tc.report(), Options{}))
		})
	}
}

// TestPostureRendering checks the parts each format must carry.
func TestPostureRendering(t *testing.T) {
	r := postureReport()
	text := string(render(t, Text, r, Options{}))
	for _, want := range []string{"Database posture (2 databases)", "legacy: 12/100 (F), capped", "upstash/redis/legacy\n",
		"901 TLS · 902 IP allow-list", "Manual checks:", "Account:", "in 2 databases"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "(no file)") || strings.Contains(text, "0 files") {
		t.Errorf("text describes files for a posture report:\n%s", text)
	}
	// Findings are grouped by database: legacy's two findings are adjacent.
	if i, j := strings.Index(text, "upstash/redis/legacy"), strings.Index(text, "upstash/redis/shop|prod"); i < 0 || j < i {
		t.Errorf("database groups out of order:\n%s", text)
	}

	doc := decodeJSON(t, render(t, JSON, r, Options{}))
	if got := at(t, doc, "databases", 0, "checks", 0, "status"); got != "fail" {
		t.Errorf("databases[0].checks[0].status = %v", got)
	}
	if got := at(t, doc, "databases", 1, "points"); got != 76.0 {
		t.Errorf("databases[1].points = %v", got)
	}
	if got := at(t, doc, "findings", 0, "logical"); got != "upstash/redis/legacy" {
		t.Errorf("findings[0].logical = %v", got)
	}
	code := decodeJSON(t, render(t, JSON, fullReport(), Options{}))
	for _, key := range []string{"databases", "manual", "account"} {
		if _, ok := code[key]; ok {
			t.Errorf("a code-scan JSON report has %q", key)
		}
	}

	sarif := decodeJSON(t, render(t, SARIF, r, Options{}))
	loc := at(t, sarif, "runs", 0, "results", 0, "locations", 0).(map[string]any)
	if _, ok := loc["physicalLocation"]; ok {
		t.Errorf("a database finding has a physicalLocation: %v", loc)
	}
	want := map[string]any{"name": "legacy", "fullyQualifiedName": "upstash/redis/legacy", "kind": "resource"}
	if diff := cmp.Diff(want, at(t, loc, "logicalLocations", 0)); diff != "" {
		t.Errorf("logicalLocations[0] (-want +got):\n%s", diff)
	}

	gh := string(render(t, GitHub, r, Options{}))
	if !strings.Contains(gh, "::error title=UPS901 test-hardcoded-token::database \"legacy\": TLS is off") || strings.Contains(gh, "file=") {
		t.Errorf("github output:\n%s", gh)
	}

	md := string(render(t, Markdown, r, Options{}))
	if !strings.Contains(md, "### Database posture") || !strings.Contains(md, "| shop\\|prod | 76 | C | ✓ | ✗ | m |") ||
		!strings.Contains(md, "`upstash/redis/legacy`") {
		t.Errorf("markdown:\n%s", md)
	}
}

// TestVerificationRendering checks that every format shows the live-check
// outcome.
func TestVerificationRendering(t *testing.T) {
	r := verifiedReport()
	for _, f := range []Format{Text, GitHub, Markdown} {
		out := string(render(t, f, r, Options{}))
		for _, want := range []string{"verified live", "rejected by Upstash: HTTP 401", "live check inconclusive: no URL next to the token"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", f, want, out)
			}
		}
	}
	doc := decodeJSON(t, render(t, JSON, r, Options{}))
	if got := at(t, doc, "findings", 1, "verification", "reason"); got != "HTTP 401" {
		t.Errorf("findings[1].verification.reason = %v", got)
	}
	if got := at(t, doc, "findings", 0, "verification", "status"); got != "verified" {
		t.Errorf("findings[0].verification.status = %v", got)
	}
	sarif := decodeJSON(t, render(t, SARIF, r, Options{}))
	if got := at(t, sarif, "runs", 0, "results", 2, "properties", "verification", "status"); got != "unknown" {
		t.Errorf("results[2].properties.verification.status = %v", got)
	}
	plain := decodeJSON(t, render(t, JSON, fullReport(), Options{}))
	if _, ok := at(t, plain, "findings", 0).(map[string]any)["verification"]; ok {
		t.Error("a finding without a live check has a verification")
	}
}
