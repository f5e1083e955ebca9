package dbposture

import (
	"math"
	"sort"

	"github.com/upscan/upscan/rules"
)

const (
	// HighFailureCap is the best score a database with a failed high or
	// critical check can get (grade D): no weighting of the other checks makes
	// up for, say, TLS being off.
	HighFailureCap = 69
	// unknownCost is the fraction of a check's weight an unknown result costs.
	unknownCost = 0.5
	epsilon     = 1e-9
)

// Score is a database's posture score.
type Score struct {
	Points int      `json:"points"` // 0–100, rounded down, so 89.9 is not an A
	Grade  string   `json:"grade"`  // "A" (≥ 90), "B" (≥ 80), "C" (≥ 70), "D" (≥ 60), "F"
	Capped bool     `json:"capped"` // a failed high or critical check capped Points at HighFailureCap
	Top    []Result `json:"top"`    // failed and unknown results that cost points, costliest first
}

// fillLost sets each result's Lost: its weight renormalised to 100 over the
// scored checks (pass, fail, unknown), in full for a failure and half for an
// unknown; zero otherwise. Lost is rounded to two decimals. It returns the points earned on the 0–100 scale.
func fillLost(results []Result) float64 {
	var total float64
	for _, r := range results {
		if r.Status.scored() {
			total += r.Weight
		}
	}
	lost := 0.0
	for i := range results {
		r := &results[i]
		r.Lost = 0
		if total <= 0 {
			continue
		}
		var l float64
		switch r.Status {
		case StatusFail:
			l = r.Weight * 100 / total
		case StatusUnknown:
			l = r.Weight * unknownCost * 100 / total
		}
		lost += l
		r.Lost = math.Round(l*100) / 100 // two decimals for display; the score uses the exact sum
	}
	if total <= 0 {
		return 0
	}
	return math.Max(0, 100-lost)
}

// ScoreOf computes the score of one database's results (as returned by Check;
// the slice is not modified). Points are 100 minus the points lost, rounded
// down, and capped at HighFailureCap when a high or critical check failed.
// With no scored check at all the score is 0 (F): a gate never passes on no
// evidence. Weights and their rationale: docs/posture.md.
func ScoreOf(results []Result) Score {
	rs := append([]Result(nil), results...)
	earned := fillLost(rs)
	s := Score{Points: int(math.Floor(earned + epsilon))}
	for _, r := range rs {
		if r.Status == StatusFail && r.Severity >= rules.High && s.Points > HighFailureCap {
			s.Points, s.Capped = HighFailureCap, true
		}
		if r.Lost > 0 {
			s.Top = append(s.Top, r)
		}
	}
	s.Points = min(max(s.Points, 0), 100)
	s.Grade = Grade(s.Points)
	sort.SliceStable(s.Top, func(i, j int) bool {
		if s.Top[i].Lost != s.Top[j].Lost {
			return s.Top[i].Lost > s.Top[j].Lost
		}
		return s.Top[i].RuleID < s.Top[j].RuleID
	})
	return s
}

// Grade maps points to a letter: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F.
func Grade(points int) string {
	switch {
	case points >= 90:
		return "A"
	case points >= 80:
		return "B"
	case points >= 70:
		return "C"
	case points >= 60:
		return "D"
	default:
		return "F"
	}
}

// Assessment is one database's posture: what the CLI renders per database.
type Assessment struct {
	Database Database `json:"database"`
	Results  []Result `json:"results"`
	Score    Score    `json:"score"`
}

// Assess checks and scores db.
func Assess(db Database) Assessment {
	rs := Check(db)
	return Assessment{Database: db, Results: rs, Score: ScoreOf(rs)}
}
