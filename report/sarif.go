package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/upscan/upscan/rules"
)

// The SARIF log is built from the small set of types below rather than with
// github.com/owenrumney/go-sarif/v3 (v3.3.1). go-sarif's types write every
// index property without omitempty (artifactLocation.index,
// artifact.parentIndex), so a log either carries their "unset" sentinel -1,
// which the SARIF multitool reports as SARIF2004 warnings, or needs run.artifacts
// whose parentIndex again is -1. They also write dozens of empty arrays per
// result. These types hold exactly the subset GitHub code scanning reads
// (STYLE.md "Reports"), and the tests validate the output against the SARIF
// 2.1.0 schema and with the multitool.

// sarifSchemaURI is the $schema of every SARIF log we write; it is the URI
// GitHub's and CodeQL's own SARIF files use.
const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// FingerprintKey is the partialFingerprints key under which SARIF results
// carry rules.Finding.Fingerprint. The "/v1" changes if the fingerprint
// algorithm ever does, so code scanning does not match unrelated alerts.
const FingerprintKey = "upscan/v1"

// sarifSrcRoot is the uriBaseId of every relative artifact URI: the root of
// the checkout, which GitHub resolves itself.
const sarifSrcRoot = "%SRCROOT%"

// sarifLog is a SARIF 2.1.0 log with one run.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"` // [] when clean, never null
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

// sarifRule is a reportingDescriptor.
type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

// sarifMessage is a message or multiformatMessageString.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

// sarifRuleProps holds the rule properties GitHub reads. security-severity
// is a string, as GitHub requires.
type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security-severity"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          sarifResultProps  `json:"properties"`
}

// sarifResultProps carries the finding's own severity (the level folds
// critical and high together) and the redacted secret, never the value.
type sarifResultProps struct {
	Severity     string            `json:"severity"`
	Secret       *jsonSecret       `json:"secret,omitempty"`
	Verification *jsonVerification `json:"verification,omitempty"` // the --verify outcome
	Commit       *jsonCommit       `json:"commit,omitempty"`       // the commit that introduced it (--history)
}

// sarifLocation is a file location (physicalLocation) or, for a finding
// without a file such as a database's posture, a logical location.
type sarifLocation struct {
	ID               int                    `json:"id,omitempty"` // 1-based for related locations
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

// sarifLogicalLocation names a thing that is not a file, e.g. the database
// "upstash/redis/shop-prod" (SARIF 2.1.0 §3.33).
type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is 1-based; endColumn is exclusive (the column after the end).
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// SARIF levels.
const (
	levelError   = "error"
	levelWarning = "warning"
	levelNote    = "note"
)

// sarifLimits caps a SARIF log so GitHub code scanning accepts it.
type sarifLimits struct {
	results int // results per run
	related int // relatedLocations per result
}

// githubLimits are GitHub code scanning's documented upload limits
// ("SARIF support for code scanning": 25,000 results per run, 1,000
// locations per result).
var githubLimits = sarifLimits{results: 25000, related: 1000}

// semanticVersion returns v without a leading "v" when it is a complete
// SemVer 2.0.0 version ("v1.2.3" → "1.2.3"), and false otherwise ("(devel)",
// "", or the "v1.2" shorthand that x/mod/semver accepts but SemVer does not).
func semanticVersion(v string) (string, bool) {
	v = strings.TrimPrefix(v, "v")
	full := "v" + v
	core, _, _ := strings.Cut(full, "+")
	return v, semver.IsValid(full) && semver.Canonical(full) == core
}

// sarifLevel maps a severity to a SARIF level: critical and high are
// "error", medium "warning", low and info "note".
func sarifLevel(s rules.Severity) string {
	switch {
	case s >= rules.High:
		return levelError
	case s == rules.Medium:
		return levelWarning
	default:
		return levelNote
	}
}

// sarifPrecision is the properties.precision of a rule descriptor: the
// catalogue's, "high" for a rule it does not know.
func sarifPrecision(r *rules.Rule) string {
	if r == nil || r.Precision == "" {
		return "high"
	}
	return string(r.Precision)
}

// writeSARIF renders a SARIF 2.1.0 log with one run, capped by lim.
func writeSARIF(w io.Writer, r *Report, lim sarifLimits) error {
	fs := sortedFindings(r.Findings)
	total := len(fs)
	if lim.results > 0 && total > lim.results {
		fs = mostSevere(fs, lim.results)
	}

	run := sarifRun{
		Tool:    sarifTool{Driver: newSARIFDriver(r.Tool)},
		Results: make([]sarifResult, 0, len(fs)),
	}
	ruleIndex := map[string]int{}
	for _, d := range sarifRules(fs) {
		ruleIndex[d.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, d)
	}
	for _, f := range fs {
		run.Results = append(run.Results, newSARIFResult(f, ruleIndex[f.RuleID], lim))
	}

	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, e := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, newSARIFNotification(levelError, "could not scan", e))
	}
	for _, n := range r.Notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: levelWarning, Message: sarifMessage{Text: n}})
	}
	for _, s := range r.Skipped {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, newSARIFNotification(levelNote, "skipped", s))
	}
	if len(fs) < total {
		msg := fmt.Sprintf("upscan found %d results; this log holds the %d most severe, "+
			"the most GitHub code scanning accepts in one run. Use --format json for all of them.", total, len(fs))
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: levelWarning, Message: sarifMessage{Text: msg}})
	}
	run.Invocations = []sarifInvocation{inv}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

// mostSevere keeps the n most severe findings (ties keep the earlier
// finding) and returns them in report order. fs must be sorted.
func mostSevere(fs []rules.Finding, n int) []rules.Finding {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(fs[b].Severity, fs[a].Severity) })
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]rules.Finding, n)
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

// DefaultInformationURI is the project home page SARIF names when
// Tool.InformationURI is empty (from the module path, github.com/upscan/upscan).
const DefaultInformationURI = "https://github.com/upscan/upscan"

// develVersion is the SARIF driver version of a build without a numeric
// version, such as "(devel)" from an untagged go build: the SARIF multitool
// (SARIF2005) asks for a version that starts with an integer.
const develVersion = "0.0.0-devel"

// newSARIFDriver describes the tool. The version loses a leading "v"; a
// version that does not start with a digit becomes develVersion.
// semanticVersion is set only for a SemVer 2.0.0 version.
func newSARIFDriver(t Tool) sarifDriver {
	d := sarifDriver{
		Name:           cmp.Or(t.Name, "upscan"),
		Version:        strings.TrimPrefix(t.Version, "v"),
		InformationURI: cmp.Or(t.InformationURI, DefaultInformationURI),
		Rules:          []sarifRule{},
	}
	if d.Version == "" || d.Version[0] < '0' || d.Version[0] > '9' {
		d.Version = develVersion
	}
	if sv, ok := semanticVersion(t.Version); ok {
		d.SemanticVersion = sv
	}
	return d
}

// sarifRules returns one descriptor per rule the findings reference, sorted
// by ID. Rules missing from the catalogue get a minimal descriptor whose
// level and security-severity come from their most severe finding.
func sarifRules(fs []rules.Finding) []sarifRule {
	worst := map[string]rules.Severity{}
	for _, f := range fs {
		s := clampSeverity(f.Severity)
		if w, ok := worst[f.RuleID]; !ok || s > w {
			worst[f.RuleID] = s
		}
	}
	ids := make([]string, 0, len(worst))
	for id := range worst {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	out := make([]sarifRule, 0, len(ids))
	for _, id := range ids {
		out = append(out, newSARIFRule(id, rules.Lookup(id), worst[id]))
	}
	return out
}

// newSARIFRule builds a rule descriptor from catalogue metadata; r may be
// nil, in which case fallback gives the level and security-severity.
func newSARIFRule(id string, r *rules.Rule, fallback rules.Severity) sarifRule {
	if r == nil {
		text := "Rule " + id + " is not in this upscan's catalogue."
		help := text + " Run `upscan rules` to list the rules this version knows."
		return sarifRule{
			ID:                   id,
			ShortDescription:     sarifMessage{Text: text},
			FullDescription:      sarifMessage{Text: text},
			Help:                 sarifMessage{Text: help, Markdown: help},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(fallback)},
			Properties: sarifRuleProps{
				Tags: []string{"security"}, Precision: sarifPrecision(nil), SecuritySeverity: fallback.SecurityScore(),
			},
		}
	}

	short := cmp.Or(r.Short, id)
	full := strings.TrimSuffix(short, ".") + "."
	if name, ok := rules.Practices[r.Practice]; ok {
		full += fmt.Sprintf(" Upstash security best practice #%d: %s.", r.Practice, name)
	}
	help := cmp.Or(strings.TrimSpace(r.Help), full)
	tags := []string{"security"}
	for _, cwe := range r.CWE {
		tags = append(tags, fmt.Sprintf("external/cwe/cwe-%d", cwe))
	}
	return sarifRule{
		ID:                   id,
		Name:                 r.Name,
		ShortDescription:     sarifMessage{Text: short},
		FullDescription:      sarifMessage{Text: full},
		Help:                 sarifMessage{Text: help, Markdown: helpMarkdown(r, help)},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleProps{
			Tags: tags, Precision: sarifPrecision(r), SecuritySeverity: r.Severity.SecurityScore(),
		},
	}
}

// helpMarkdown is the rule's help followed by its severity, best practice and CWEs.
func helpMarkdown(r *rules.Rule, help string) string {
	var b strings.Builder
	b.WriteString(help)
	fmt.Fprintf(&b, "\n\n**%s** · severity %s", r.ID, r.Severity)
	if name, ok := rules.Practices[r.Practice]; ok {
		fmt.Fprintf(&b, " · Upstash best practice #%d: %s", r.Practice, name)
	}
	for _, cwe := range r.CWE {
		fmt.Fprintf(&b, " · [CWE-%d](https://cwe.mitre.org/data/definitions/%d.html)", cwe, cwe)
	}
	return b.String()
}

// newSARIFResult converts one finding. The message is the finding's own
// (one sentence, no secret), or the rule's short description when empty.
func newSARIFResult(f rules.Finding, ruleIndex int, lim sarifLimits) sarifResult {
	msg := strings.TrimSpace(f.Message)
	if msg == "" {
		msg = f.RuleID
		if r := rules.Lookup(f.RuleID); r != nil && r.Short != "" {
			msg = r.Short
		}
	}
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: msg},
		Locations: []sarifLocation{resultLocation(f)},
		Properties: sarifResultProps{
			Severity:     clampSeverity(f.Severity).String(),
			Verification: newJSONVerification(f.Verification),
			Commit:       newJSONCommit(f.Commit),
		},
	}
	related := f.Related
	if lim.related > 0 && len(related) > lim.related {
		related = related[:lim.related]
	}
	for i, rel := range related {
		loc := sarifLocation{
			ID:               i + 1,
			PhysicalLocation: sarifPhysical(cmp.Or(rel.Path, f.Path), rel.Line, rel.Col, rel.EndLine, rel.EndCol),
		}
		if rel.Message != "" {
			loc.Message = &sarifMessage{Text: rel.Message}
		}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{FingerprintKey: f.Fingerprint}
	}
	if !f.Secret.IsZero() {
		res.Properties.Secret = &jsonSecret{Kind: f.Secret.Kind, Prefix: f.Secret.Prefix, Length: f.Secret.Length}
	}
	return res
}

// resultLocation is a finding's primary location: its file, or, for a
// finding without a file but with Finding.Logical (a database), a logical
// location of kind "resource" named by the last segment of Logical.
func resultLocation(f rules.Finding) sarifLocation {
	if f.Path == "" && f.Logical != "" {
		name := f.Logical
		if i := strings.LastIndex(name, "/"); i >= 0 && i+1 < len(name) {
			name = name[i+1:]
		}
		return sarifLocation{LogicalLocations: []sarifLogicalLocation{{Name: name, FullyQualifiedName: f.Logical, Kind: "resource"}}}
	}
	return sarifLocation{PhysicalLocation: sarifPhysical(f.Path, f.Line, f.Col, f.EndLine, f.EndCol)}
}

// sarifPhysical builds a physical location. Lines and columns are 1-based;
// upscan's end column is inclusive and SARIF's exclusive, hence EndCol+1.
// A finding without a line (about a whole file) gets startLine 1, because
// GitHub code scanning requires region.startLine. A zero column or end, or
// an end before the start, is left out.
func sarifPhysical(p string, line, col, endLine, endCol int) *sarifPhysicalLocation {
	pl := &sarifPhysicalLocation{ArtifactLocation: sarifArtifact(p)}
	if line <= 0 {
		pl.Region = &sarifRegion{StartLine: 1}
		return pl
	}
	reg := &sarifRegion{StartLine: line, StartColumn: max(col, 0)}
	if endLine <= 0 && endCol > 0 {
		endLine = line
	}
	if endLine >= line {
		reg.EndLine = endLine
		if endCol > 0 && (endLine > line || col <= 0 || endCol >= col) {
			reg.EndColumn = endCol + 1
		}
	}
	pl.Region = reg
	return pl
}

// sarifArtifact makes an artifact location for a slash-separated path: a
// percent-encoded URI relative to %SRCROOT%, or a file: URI for an absolute path.
func sarifArtifact(p string) sarifArtifactLocation {
	if path.IsAbs(p) {
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	p = strings.TrimPrefix(p, "./")
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: sarifSrcRoot}
}

// newSARIFNotification reports an error or skip note as a tool execution
// notification, with the file as its location when there is one.
func newSARIFNotification(level, verb string, pr Problem) sarifNotification {
	text := verb
	if pr.Path != "" {
		text += " " + pr.Path
	}
	if pr.Message != "" {
		text += ": " + pr.Message
	}
	n := sarifNotification{Level: level, Message: sarifMessage{Text: text}}
	if pr.Path != "" {
		n.Locations = []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: sarifArtifact(pr.Path)}}}
	}
	return n
}
