package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/upscan/upscan/rules"
)

// sarifSchemaFile is the SARIF 2.1.0 JSON schema, copied unchanged from the
// npm package @microsoft/sarif-multitool-linux@5.7.0 (sarif-2.1.0.json, the
// schema the multitool itself validates with; sha256
// 1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c).
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

// decodeJSON unmarshals b into a generic value, failing the test on error.
func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return v
}

// at walks a decoded JSON value by object keys and array indexes.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at %v", path, path[:i])
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: missing key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no element %d at %v", path, k, path[:i])
			}
			v = a[k]
		}
	}
	return v
}

// TestSARIFStructure checks the fields STYLE.md "Reports" lists, as GitHub
// code scanning reads them.
func TestSARIFStructure(t *testing.T) {
	log := decodeJSON(t, render(t, SARIF, fullReport(), Options{}))
	if got := at(t, log, "version"); got != "2.1.0" {
		t.Errorf("version = %v", got)
	}
	runs := at(t, log, "runs").([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	driver := at(t, log, "runs", 0, "tool", "driver")
	for key, want := range map[string]any{"name": "upscan", "semanticVersion": "1.2.3", "informationUri": "https://github.com/upscan/upscan"} {
		if got := at(t, driver, key); got != want {
			t.Errorf("driver.%s = %v, want %v", key, got, want)
		}
	}

	ruleList := at(t, driver, "rules").([]any)
	var ids []string
	for i, r := range ruleList {
		id := at(t, r, "id").(string)
		ids = append(ids, id)
		for _, key := range []string{"shortDescription", "fullDescription"} {
			if at(t, r, key, "text") == "" {
				t.Errorf("rule %s: empty %s", id, key)
			}
		}
		if at(t, r, "help", "text") == "" || at(t, r, "help", "markdown") == "" {
			t.Errorf("rule %s: help needs text and markdown", id)
		}
		if _, ok := at(t, r, "properties", "security-severity").(string); !ok {
			t.Errorf("rule %d (%s): security-severity is %T, want a string", i, id, at(t, r, "properties", "security-severity"))
		}
		tags := fmt.Sprint(at(t, r, "properties", "tags"))
		if !strings.Contains(tags, "security") {
			t.Errorf("rule %s: tags %s lack \"security\"", id, tags)
		}
		if at(t, r, "defaultConfiguration", "level") == "" {
			t.Errorf("rule %s: no defaultConfiguration.level", id)
		}
	}
	if diff := cmp.Diff([]string{"UPS901", "UPS902", "UPS903", "UPS999"}, ids); diff != "" {
		t.Errorf("rules are not the referenced set, sorted (-want +got):\n%s", diff)
	}
	if got := at(t, ruleList[0], "properties", "tags"); fmt.Sprint(got) != "[security external/cwe/cwe-798]" {
		t.Errorf("UPS901 tags = %v", got)
	}
	if got := at(t, ruleList[0], "properties", "security-severity"); got != rules.Critical.SecurityScore() {
		t.Errorf("UPS901 security-severity = %v", got)
	}

	results := at(t, log, "runs", 0, "results").([]any)
	if len(results) != 5 {
		t.Fatalf("%d results, want 5", len(results))
	}
	for i, res := range results {
		id := at(t, res, "ruleId").(string)
		idx := int(at(t, res, "ruleIndex").(float64))
		if ids[idx] != id {
			t.Errorf("result %d: ruleIndex %d points at %s, want %s", i, idx, ids[idx], id)
		}
		msg := at(t, res, "message", "text").(string)
		if msg == "" || strings.Count(msg, ". ") > 0 {
			t.Errorf("result %d: message %q is not one sentence", i, msg)
		}
		art := at(t, res, "locations", 0, "physicalLocation", "artifactLocation")
		if at(t, art, "uriBaseId") != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId = %v", i, at(t, art, "uriBaseId"))
		}
		if uri := at(t, art, "uri").(string); strings.Contains(uri, `\`) || strings.HasPrefix(uri, "/") {
			t.Errorf("result %d: uri %q is not relative and forward-slash", i, uri)
		}
		if line := at(t, res, "locations", 0, "physicalLocation", "region", "startLine").(float64); line < 1 {
			t.Errorf("result %d: startLine %v", i, line)
		}
	}
	// Results are in report order: path, line, column, rule.
	last := results[4]
	if at(t, last, "level") != "error" || at(t, last, "partialFingerprints", FingerprintKey) == "" {
		t.Errorf("last result (the critical token) has level %v, fingerprints %v",
			at(t, last, "level"), at(t, last, "partialFingerprints"))
	}
	region := at(t, last, "locations", 0, "physicalLocation", "region").(map[string]any)
	if diff := cmp.Diff(map[string]any{"startLine": 5.0, "startColumn": 10.0, "endLine": 5.0, "endColumn": 73.0}, region); diff != "" {
		t.Errorf("region (-want +got):\n%s", diff)
	}
	if _, ok := region["snippet"]; ok {
		t.Error("region has a snippet")
	}
	rel := at(t, results[1], "relatedLocations").([]any)
	if len(rel) != 2 || at(t, rel[0], "message", "text") != "Redis client constructed here" {
		t.Errorf("relatedLocations = %v", rel)
	}

	inv := at(t, log, "runs", 0, "invocations", 0)
	if at(t, inv, "executionSuccessful") != false {
		t.Error("executionSuccessful is not false with an error")
	}
	if at(t, inv, "toolExecutionNotifications", 0, "level") != "error" {
		t.Error("the first notification is not the error")
	}

	clean := decodeJSON(t, render(t, SARIF, cleanReport(), Options{}))
	if res, ok := at(t, clean, "runs", 0, "results").([]any); !ok || len(res) != 0 {
		t.Errorf("clean results = %#v, want []", at(t, clean, "runs", 0, "results"))
	}
	if at(t, clean, "runs", 0, "invocations", 0, "executionSuccessful") != true {
		t.Error("clean executionSuccessful is not true")
	}
}

func TestSARIFLevels(t *testing.T) {
	want := map[rules.Severity]string{
		rules.Critical: "error", rules.High: "error", rules.Medium: "warning", rules.Low: "note", rules.Info: "note",
	}
	for s, w := range want {
		if got := sarifLevel(s); got != w {
			t.Errorf("sarifLevel(%s) = %s, want %s", s, got, w)
		}
	}
}

func TestSARIFVersion(t *testing.T) {
	tests := []struct {
		version, wantVersion, wantSemantic string
	}{
		{"1.2.3", "1.2.3", "1.2.3"},
		{"v0.4.0-rc.1+build.7", "0.4.0-rc.1+build.7", "0.4.0-rc.1+build.7"},
		{"v0.0.0-20260101120000-abcdef123456", "0.0.0-20260101120000-abcdef123456", "0.0.0-20260101120000-abcdef123456"},
		{"(devel)", "0.0.0-devel", ""},
		{"1.2", "1.2", ""},
		{"01.2.3", "01.2.3", ""},
		{"", "0.0.0-devel", ""},
	}
	for _, tt := range tests {
		d := newSARIFDriver(Tool{Version: tt.version})
		if d.Version != tt.wantVersion || d.SemanticVersion != tt.wantSemantic || d.Name != "upscan" || d.InformationURI != DefaultInformationURI {
			t.Errorf("driver for %q = %+v, want version %q, semanticVersion %q", tt.version, d, tt.wantVersion, tt.wantSemantic)
		}
	}
}

func TestSARIFLocations(t *testing.T) {
	tests := []struct {
		path                       string
		line, col, endLine, endCol int
		wantURI, wantBase          string
		wantRegion                 sarifRegion
	}{
		{"src/a.ts", 3, 7, 3, 69, "src/a.ts", "%SRCROOT%", sarifRegion{3, 7, 3, 70}},
		{"./my dir/a#1?.ts", 3, 0, 0, 0, "my%20dir/a%231%3F.ts", "%SRCROOT%", sarifRegion{StartLine: 3}},
		{"c:d/x.ts", 2, 5, 0, 9, "./c:d/x.ts", "%SRCROOT%", sarifRegion{2, 5, 2, 10}},
		{"/abs/x.ts", 2, 5, 4, 0, "file:///abs/x.ts", "", sarifRegion{StartLine: 2, StartColumn: 5, EndLine: 4}},
		{"x.ts", 0, 0, 0, 0, "x.ts", "%SRCROOT%", sarifRegion{StartLine: 1}},
		{"x.ts", 5, 9, 4, 2, "x.ts", "%SRCROOT%", sarifRegion{StartLine: 5, StartColumn: 9}}, // end before start
		{"x.ts", 5, 9, 5, 3, "x.ts", "%SRCROOT%", sarifRegion{StartLine: 5, StartColumn: 9, EndLine: 5}},
		{"x.ts", 5, -2, 0, 0, "x.ts", "%SRCROOT%", sarifRegion{StartLine: 5}},
	}
	for _, tt := range tests {
		pl := sarifPhysical(tt.path, tt.line, tt.col, tt.endLine, tt.endCol)
		if pl.ArtifactLocation.URI != tt.wantURI || pl.ArtifactLocation.URIBaseID != tt.wantBase {
			t.Errorf("%q: artifactLocation = %+v, want uri %q base %q", tt.path, pl.ArtifactLocation, tt.wantURI, tt.wantBase)
		}
		if pl.Region == nil || *pl.Region != tt.wantRegion {
			t.Errorf("%q %d:%d-%d:%d: region = %+v, want %+v", tt.path, tt.line, tt.col, tt.endLine, tt.endCol, pl.Region, tt.wantRegion)
		}
	}
}

// TestSARIFTruncation checks that a log over the results cap keeps the most
// severe results, in report order, and says so in a notification.
func TestSARIFTruncation(t *testing.T) {
	r := &Report{Findings: []rules.Finding{
		{RuleID: "UPS903", Severity: rules.Low, Path: "a.ts", Line: 1},
		{RuleID: "UPS901", Severity: rules.Critical, Path: "b.ts", Line: 1},
		{RuleID: "UPS902", Severity: rules.Medium, Path: "c.ts", Line: 1},
		{RuleID: "UPS901", Severity: rules.Critical, Path: "d.ts", Line: 1, Related: []rules.Location{
			{Path: "x.ts", Line: 1}, {Path: "y.ts", Line: 2}, {Path: "z.ts", Line: 3},
		}},
	}}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, r, sarifLimits{results: 3, related: 2}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var got []string
	for _, res := range run.Results {
		got = append(got, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if diff := cmp.Diff([]string{"b.ts", "c.ts", "d.ts"}, got); diff != "" {
		t.Errorf("kept results (-want +got):\n%s", diff)
	}
	if n := len(run.Results[2].RelatedLocations); n != 2 {
		t.Errorf("%d related locations, want the cap of 2", n)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || notes[0].Level != "warning" || !strings.Contains(notes[0].Message.Text, "found 4 results") {
		t.Errorf("notifications = %+v, want one warning about truncation", notes)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("truncation made executionSuccessful false")
	}
	if len(run.Tool.Driver.Rules) != 2 {
		t.Errorf("%d rules, want only the 2 the kept results reference", len(run.Tool.Driver.Rules))
	}
}

// compileSARIFSchema compiles the committed SARIF 2.1.0 schema.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", sarifSchemaFile, err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://upscan.invalid/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", sarifSchemaFile, err)
	}
	return sch
}

// sarifSamples are the SARIF logs the validation tests check: the goldens'
// reports plus edge cases (truncation note, odd paths, no tool metadata).
func sarifSamples(t *testing.T) map[string][]byte {
	t.Helper()
	odd := &Report{
		Tool: Tool{Version: "(devel)"},
		Findings: []rules.Finding{
			{RuleID: "UPS902", Severity: rules.Info, Path: "dir with space/ü#.ts", Line: 2, Col: 3, EndCol: 9},
			{RuleID: "UPS999", Severity: rules.Severity(42), Path: "/abs/file.tf"},
		},
		Errors: []Problem{{Message: "walk: context canceled"}},
	}
	var trunc bytes.Buffer
	if err := writeSARIF(&trunc, fullReport(), sarifLimits{results: 2, related: 1}); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"full":      render(t, SARIF, fullReport(), Options{}),
		"clean":     render(t, SARIF, cleanReport(), Options{}),
		"odd":       render(t, SARIF, odd, Options{}),
		"truncated": trunc.Bytes(),
		"posture":   render(t, SARIF, postureReport(), Options{}),
		"verified":  render(t, SARIF, verifiedReport(), Options{}),
	}
}

// TestSARIFSchema validates SARIF output against the SARIF 2.1.0 JSON schema.
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	for name, out := range sarifSamples(t) {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: SARIF output does not match the schema: %v", name, err)
		}
	}
	// The schema check must be able to fail.
	bad := decodeJSON(t, render(t, SARIF, fullReport(), Options{}))
	region := at(t, bad, "runs", 0, "results", 0, "locations", 0, "physicalLocation", "region").(map[string]any)
	region["startLine"] = 0
	b, _ := json.Marshal(bad)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err := sch.Validate(inst); err == nil {
		t.Error("the schema accepted startLine 0")
	}
}

// multitoolPath finds the SARIF multitool: $UPSCAN_SARIF_MULTITOOL, or
// .ci/node_modules/.bin/sarif-multitool at the repository root.
func multitoolPath(t *testing.T) string {
	if p := os.Getenv("UPSCAN_SARIF_MULTITOOL"); p != "" {
		return p
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	p := filepath.Join(dir, ".ci", "node_modules", ".bin", "sarif-multitool")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// TestSARIFMultitool validates SARIF output with Microsoft's SARIF multitool,
// including its GitHub rules (GH*), when it is installed. Its exit code is 0
// even for invalid input (TOOLING.md §5), so the test reads the results it
// writes and its output. Under CI=true a missing multitool is a failure.
func TestSARIFMultitool(t *testing.T) {
	tool := multitoolPath(t)
	if tool == "" {
		msg := "SARIF multitool not found: set UPSCAN_SARIF_MULTITOOL or install it in .ci/ " +
			"(npm install --prefix .ci @microsoft/sarif-multitool@5.7.0)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if testing.Short() {
		t.Skip("multitool validation takes about 2 s per file; skipped with -short")
	}
	dir := t.TempDir()
	samples := sarifSamples(t)
	// The validator must be able to fail: a rule without help breaks GH2012.
	broken := decodeJSON(t, samples["full"])
	delete(at(t, broken, "runs", 0, "tool", "driver", "rules", 0).(map[string]any), "help")
	samples["broken"], _ = json.Marshal(broken)

	args := []string{"validate", "--rule-kind", `"Gh;Sarif"`, "-o", filepath.Join(dir, "validation.out")}
	for name, out := range samples {
		in := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(in, out, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	// One run for all files (the tool takes about 2 s to start). The npm
	// wrapper runs the tool through a shell, hence the quoted rule kinds.
	stdout, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "validation.out"))
	if err != nil {
		t.Fatalf("no validation output: %v\n%s", err, stdout)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) == 0 {
		t.Fatalf("unreadable validation output: %v\n%s", err, stdout)
	}
	problems := map[string]int{} // by sample name
	for _, res := range log.Runs[0].Results {
		name := "?"
		if len(res.Locations) > 0 {
			name = strings.TrimSuffix(path.Base(res.Locations[0].PhysicalLocation.ArtifactLocation.URI), ".sarif")
		}
		problems[name]++
	}
	if problems["broken"] == 0 {
		t.Errorf("the multitool accepted a rule without help; is it checking anything?\n%s", stdout)
	}
	delete(problems, "broken")
	for _, line := range strings.Split(string(stdout), "\n") {
		if strings.Contains(line, ": error ") && !strings.Contains(line, "broken.sarif") {
			problems["output"]++
		}
	}
	if len(problems) > 0 {
		t.Errorf("the multitool reports problems %v (by sample):\n%s", problems, stdout)
	}
}
