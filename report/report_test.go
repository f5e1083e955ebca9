package report

import (
	"bytes"
	"fmt"
	"github.com/upscan/upscan/internal/golden"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// goldenCases is every (report, format, options) combination with a golden file.
var goldenCases = []struct {
	file   string
	report func() *Report
	format Format
	opt    Options
}{
	{"full.txt", fullReport, Text, Options{FailOn: rules.High}},
	{"full-color.txt", fullReport, Text, Options{Color: true, FailOn: rules.High}},
	{"full.json", fullReport, JSON, Options{}},
	{"full.sarif", fullReport, SARIF, Options{}},
	{"full-github.txt", fullReport, GitHub, Options{}},
	{"full.md", fullReport, Markdown, Options{FailOn: rules.High}},
	{"clean.txt", cleanReport, Text, Options{}},
	{"clean.json", cleanReport, JSON, Options{}},
	{"clean.sarif", cleanReport, SARIF, Options{}},
	{"clean-github.txt", cleanReport, GitHub, Options{}},
	{"clean.md", cleanReport, Markdown, Options{}},
}

// render writes r in format f and fails the test on an error.
func render(t *testing.T, f Format, r *Report, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, r, opt); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

// checkGolden compares got with testdata/name, or rewrites that file under
// -update (then read the diff before committing).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			checkGolden(t, tc.file, render(t, tc.format, tc.report(), tc.opt))
		})
	}
}

// TestNoSecretInOutput plants fake secrets through rules.Redact and checks
// that no format prints a value, anything beyond its 4-character prefix, or
// its SHA-256.
func TestNoSecretInOutput(t *testing.T) {
	r := fullReport()
	var hashes []string
	for _, f := range r.Findings {
		if !f.Secret.IsZero() {
			hashes = append(hashes, f.Secret.SHA256)
		}
	}
	if len(hashes) != len(fakeSecrets) {
		t.Fatalf("fixture has %d redacted secrets, want %d", len(hashes), len(fakeSecrets))
	}
	for _, format := range Formats {
		for _, color := range []bool{false, true} {
			out := string(render(t, format, r, Options{Color: color}))
			for i, s := range fakeSecrets {
				// Never print s itself in a failure message: name it by index.
				if strings.Contains(out, s[:5]) {
					t.Errorf("%s output (color=%v) contains fake secret #%d beyond its 4-character prefix", format, color, i)
				}
			}
			for i, h := range hashes {
				if strings.Contains(out, h) || strings.Contains(out, h[:16]) {
					t.Errorf("%s output (color=%v) contains the SHA-256 of secret #%d", format, color, i)
				}
			}
			// The SAST report holds no credential finding (they are in
			// the secret detection report).
			if format != GitLabSAST && !strings.Contains(out, fakeRESTToken[:4]) {
				t.Errorf("%s output lacks the redacted prefix of secret #0; is the redaction shown?", format)
			}
		}
	}
}

// TestWriteDoesNotMutate checks that writers sort a copy of the findings.
func TestWriteDoesNotMutate(t *testing.T) {
	r := fullReport()
	before := slices.Clone(r.Findings)
	for _, format := range Formats {
		render(t, format, r, Options{})
		if diff := cmp.Diff(before, r.Findings); diff != "" {
			t.Fatalf("Write(%s) changed the caller's findings (-before +after):\n%s", format, diff)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, in := range []string{"text", "JSON", " sarif ", "github", "markdown"} {
		if _, err := ParseFormat(in); err != nil {
			t.Errorf("ParseFormat(%q): %v", in, err)
		}
	}
	_, err := ParseFormat("xml")
	if err == nil {
		t.Fatal("ParseFormat(xml) succeeded")
	}
	for _, f := range Formats {
		if !strings.Contains(err.Error(), string(f)) {
			t.Errorf("error %q does not name accepted value %q", err, f)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "xml", fullReport(), Options{}); err == nil || !strings.Contains(err.Error(), "sarif") {
		t.Errorf("Write(xml) error = %v, want one naming the accepted formats", err)
	}
	if err := Write(&buf, JSON, nil, Options{}); err == nil {
		t.Error("Write(nil report) succeeded")
	}
	for _, format := range Formats {
		if err := Write(failWriter{}, format, fullReport(), Options{}); err == nil {
			t.Errorf("Write(%s) to a failing writer succeeded", format)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestSummaryFormatting(t *testing.T) {
	tests := []struct {
		stats Stats
		want  string
	}{
		{Stats{Files: 1, Bytes: 999}, "1 file, 999 B"},
		{Stats{Files: 2, Bytes: 1000}, "2 files, 1.0 kB"},
		{Stats{Files: 120, Bytes: 1234567, Duration: 400 * time.Millisecond}, "120 files, 1.2 MB, 400ms"},
		{Stats{Files: 3, Bytes: 5e9, Duration: 1500 * time.Millisecond}, "3 files, 5.0 GB, 1.5s"},
	}
	for _, tt := range tests {
		if got := scanSummary(tt.stats); got != tt.want {
			t.Errorf("scanSummary(%+v) = %q, want %q", tt.stats, got, tt.want)
		}
	}
}

func TestMessageWithID(t *testing.T) {
	tests := []struct {
		f    rules.Finding
		want string
	}{
		{rules.Finding{RuleID: "UPS901", Message: "Token found."}, "Token found. (UPS901)"},
		{rules.Finding{RuleID: "UPS901", Message: "Token found (UPS901)."}, "Token found (UPS901)."},
		{rules.Finding{RuleID: "UPS901"}, "Test rule: Upstash token hardcoded in source (UPS901)"},
		{rules.Finding{RuleID: "UPS999"}, "(UPS999)"},
	}
	for _, tt := range tests {
		if got := messageWithID(tt.f); got != tt.want {
			t.Errorf("messageWithID(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestTextSanitizesControlCharacters checks that a hostile path cannot
// inject terminal escapes or fake lines into text, github or markdown output.
func TestTextSanitizesControlCharacters(t *testing.T) {
	r := &Report{Findings: []rules.Finding{{
		RuleID: "UPS901", Severity: rules.High, Path: "evil\x1b[2J\nname.ts", Line: 1, Col: 1,
		Message: "bad\rmessage",
	}}}
	for _, format := range []Format{Text, GitHub, Markdown} {
		out := string(render(t, format, r, Options{}))
		if strings.Contains(out, "\x1b") || strings.Contains(out, "\r") {
			t.Errorf("%s output contains a raw control character: %q", format, out)
		}
		if strings.Contains(out, "\nname.ts") {
			t.Errorf("%s output lets a path start a new line: %q", format, out)
		}
	}
}

// manyFindings returns n findings spread over n/10 files, half with a secret.
func manyFindings(n int) *Report {
	r := fullReport()
	r.Findings = nil
	for i := range n {
		f := rules.Finding{
			RuleID: []string{"UPS901", "UPS902", "UPS903"}[i%3], Severity: rules.Severity(i % 5),
			Path: fmt.Sprintf("src/pkg%03d/file%d.ts", i/10, i%10), Line: i%400 + 1, Col: 5, EndLine: i%400 + 1, EndCol: 60,
			Message: "Upstash Redis REST token is hardcoded.",
		}
		if i%2 == 0 {
			f.Secret = rules.Redact("redis-rest-token", fmt.Sprintf("%s%d", fakeRESTToken, i))
		}
		fingerprint(&f, fmt.Sprint(i))
		r.Findings = append(r.Findings, f)
	}
	return r
}

func BenchmarkWrite(b *testing.B) {
	r := manyFindings(10000)
	for _, format := range Formats {
		b.Run(string(format), func(b *testing.B) {
			var n int64
			for b.Loop() {
				cw := &countWriter{}
				if err := Write(cw, format, r, Options{}); err != nil {
					b.Fatal(err)
				}
				n = cw.n
			}
			b.ReportMetric(float64(n), "bytes/report")
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
