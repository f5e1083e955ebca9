// Package rules is upscan's rule catalogue: every rule's metadata, the
// severity scale and the Finding type that every analyzer returns.
// It is the single source of truth for the CLI, the docs and SARIF.
package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Severity ranks how urgent a finding is. The zero value is Info.
type Severity int

// The severities, lowest first.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

// String returns the lower-case name: "info", "low", "medium", "high" or "critical".
func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses a lower-case severity name as printed by String.
// It returns an error naming the accepted values for anything else.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %s (want one of %s)", Quote(name), strings.Join(severityNames[:], ", "))
}

// MarshalText encodes the severity as its name, so JSON shows "critical".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SecurityScore is the CVSS-like score GitHub code scanning reads from a
// rule's "security-severity" property: critical ≥ 9.0, high 7.0–8.9,
// medium 4.0–6.9, low 0.1–3.9 (GitHub's documented bands).
func (s Severity) SecurityScore() string {
	switch s {
	case Critical:
		return "9.5"
	case High:
		return "8.0"
	case Medium:
		return "5.5"
	case Low:
		return "3.0"
	default:
		return "1.0"
	}
}

// Example is a sample input for a rule: a file name (its extension picks the
// analyzers that run) and its content. Bad samples must produce a finding of
// the rule, Good samples must not; a test runs every sample through the scanner.
type Example struct {
	Path    string
	Content string
}

// Rule is one check's metadata. IDs are a contract with users: stable and never
// reused.
type Rule struct {
	ID       ID       // UPS101, one of the ID constants
	Family   Family   // the pass or analyzer that owns it; the hundreds digit of ID
	Name     string   // "redis-rest-token", kebab-case
	Severity Severity // default severity; a finding carries another one only in Cases
	// Cases are the other severities findings of the rule carry, and when
	// (from the severity table in severities.go, attached by Register).
	Cases []SeverityCase
	// Precision is how sure the rule's findings are, and PrecisionWhy why
	// (from the table in precision.go, attached by Register).
	Precision    Precision
	PrecisionWhy string
	Practice     int    // 1–6: Upstash best practice (UPSTASH.md §0); 0 for upscan's own meta rules
	CWE          []int  // e.g. 798 for hard-coded credentials
	Short        string // one line, no trailing period
	Help         string // markdown: why it matters and how to fix it
	Bad          []Example
	Good         []Example
}

// Practices names Upstash's six security best practices by number
// (UPSTASH.md §0, seeds/security-best-practices.txt).
var Practices = map[int]string{
	1: "Use REST API tokens appropriately",
	2: "Store tokens in environment variables",
	3: "Enable TLS encryption",
	4: "Separate databases per environment",
	5: "Implement rate limiting",
	6: "Monitor usage and costs",
}

var catalogue = map[ID]*Rule{}

// Register adds r to the catalogue. It is called from the init functions of
// this package only, and panics on a duplicate or malformed ID, which is a
// programming error caught by every test run.
func Register(r *Rule) {
	if len(r.ID) != 6 || !strings.HasPrefix(string(r.ID), "UPS") {
		panic("rules: malformed rule ID " + string(r.ID))
	}
	if _, dup := catalogue[r.ID]; dup {
		panic("rules: duplicate rule ID " + string(r.ID))
	}
	if r.Cases == nil {
		r.Cases = severityCases[r.ID]
	}
	if p, ok := precisions[r.ID]; ok && r.Precision == "" {
		r.Precision, r.PrecisionWhy = p.P, p.Why
	}
	catalogue[r.ID] = r
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	out := make([]*Rule, 0, len(catalogue))
	for _, r := range catalogue {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given ID (case-insensitive), or nil.
func Lookup(id string) *Rule {
	return catalogue[ID(strings.ToUpper(strings.TrimSpace(id)))]
}
