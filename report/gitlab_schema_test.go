package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/upscan/upscan/rules"
)

// GitLab's published security report schemas at the version the GitLab
// formats declare (GitLabSchemaVersion), copied unchanged from
// gitlab-org/security-products/security-report-schemas, dist/, tag v15.0.7
// (as GitLab vendors them in lib/gitlab/ci/parsers/security/validators/schemas/15.0.7/,
// the files GitLab itself validates uploaded reports with).
var gitlabSchemas = map[Format]struct{ file, sha256 string }{
	GitLab:     {"secret-detection-report-format.json", "45ff20e09def0bf0fb89e2d343fa38478d4746875302f6540d2abb75ffa8b567"},
	GitLabSAST: {"sast-report-format.json", "38e5d41cea595af2abf67aeb0edaba1668c5f6ecad6ffa76a85ce3b9eb874332"},
}

// compileGitLabSchema compiles the vendored schema of a GitLab format,
// after checking the file is the vendored one.
func compileGitLabSchema(t *testing.T, f Format) *jsonschema.Schema {
	t.Helper()
	s, ok := gitlabSchemas[f]
	if !ok {
		t.Fatalf("no GitLab schema for format %s", f)
	}
	path := filepath.Join("testdata", "gitlab-schemas", GitLabSchemaVersion, s.file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != s.sha256 {
		t.Fatalf("%s: sha256 %x, want %s (the schema must stay as GitLab published it)", path, sum, s.sha256)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	url := "https://upscan.invalid/gitlab/" + GitLabSchemaVersion + "/" + s.file
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

// everyRuleReport has one finding with a file for every rule of the real
// catalogue (and the test rules), a redacted secret on the credential
// rules' findings, and one finding without a file.
func everyRuleReport() *Report {
	r := cleanGitLabReport()
	for i, rule := range rules.All() {
		f := rules.Finding{
			RuleID: string(rule.ID), Severity: rule.Severity, Path: fmt.Sprintf("src/file%d.ts", i),
			Line: i + 1, Col: 1, EndLine: i + 2, Message: "Message of " + string(rule.ID) + ".",
		}
		if rule.Family == rules.Credentials {
			f.Secret = rules.Redact("redis-rest-token", fakeRESTToken)
		}
		fingerprint(&f, f.Path)
		r.Findings = append(r.Findings, f)
	}
	r.Findings = append(r.Findings, rules.Finding{RuleID: "UPS603", Severity: rules.Medium, Logical: "upstash/redis/prod", Message: "No IP allowlist."})
	return r
}

// TestGitLabReportsMatchSchemas validates both GitLab formats, for every
// report fixture, against GitLab's own schemas, and checks the split: each
// finding with a file is in exactly one of the two reports, the secret
// detection report holding the credential and exposure rules (UPS1xx,
// UPS2xx) and the SAST report the others.
func TestGitLabReportsMatchSchemas(t *testing.T) {
	schemas := map[Format]*jsonschema.Schema{GitLab: compileGitLabSchema(t, GitLab), GitLabSAST: compileGitLabSchema(t, GitLabSAST)}
	reports := map[string]func() *Report{
		"history": historyReport, "full": fullGitLabReport, "clean": cleanGitLabReport, "every rule": everyRuleReport,
	}
	for name, mk := range reports {
		t.Run(name, func(t *testing.T) {
			r := mk()
			seen := map[string]Format{}
			for _, format := range []Format{GitLab, GitLabSAST} {
				out := render(t, format, r, Options{})
				v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				if err := schemas[format].Validate(v); err != nil {
					t.Errorf("%s report does not validate against GitLab's %s schema: %v", format, GitLabSchemaVersion, err)
				}
				var doc gitlabReport
				if err := json.Unmarshal(out, &doc); err != nil {
					t.Fatal(err)
				}
				for _, vuln := range doc.Vulnerabilities {
					id := vuln.Identifiers[0].Value
					if prev, ok := seen[vuln.ID]; ok {
						t.Errorf("%s finding %s is in both the %s and the %s report", id, vuln.ID, prev, format)
					}
					seen[vuln.ID] = format
					secret := strings.HasPrefix(id, "UPS1") || strings.HasPrefix(id, "UPS2") || id == "UPS901" // UPS999 has no secret
					if secret != (format == GitLab) {
						t.Errorf("%s finding is in the %s report", id, format)
					}
				}
			}
			withFile := 0
			for _, f := range r.Findings {
				if f.Path != "" {
					withFile++
				}
			}
			if len(seen) != withFile {
				t.Errorf("%d findings in the two reports, want the %d with a file", len(seen), withFile)
			}
		})
	}
}

// TestGitLabSchemaRejects makes sure the validation above has teeth: a SAST
// report declaring the secret detection type, and a secret detection
// finding without its commit, are rejected.
func TestGitLabSchemaRejects(t *testing.T) {
	for _, tc := range []struct {
		format   Format
		from, to string
	}{
		{GitLabSAST, `"type": "sast"`, `"type": "secret_detection"`},
		{GitLab, `"type": "secret_detection"`, `"type": "sast"`},
		{GitLab, `"commit": {`, `"not_commit": {`},
	} {
		out := string(render(t, tc.format, fullGitLabReport(), Options{}))
		if !strings.Contains(out, tc.from) {
			t.Fatalf("%s report lacks %s", tc.format, tc.from)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(out, tc.from, tc.to, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if compileGitLabSchema(t, tc.format).Validate(v) == nil {
			t.Errorf("%s report with %s instead of %s validates", tc.format, tc.to, tc.from)
		}
	}
}
