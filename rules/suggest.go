package rules

import "strings"

// Resolve finds a rule by ID or name, case-insensitive and ignoring
// surrounding space ("UPS401", "endpoint-without-rate-limit"). When there
// is none, r is nil and suggestion is the nearest ID or name (Closest), or
// "" when none is near. The CLI flags and .upscan.toml resolve rules here.
func Resolve(given string) (r *Rule, suggestion string) {
	if r := Lookup(given); r != nil {
		return r, ""
	}
	name := strings.TrimSpace(given)
	var candidates []string
	for _, r := range All() {
		if strings.EqualFold(r.Name, name) {
			return r, ""
		}
		candidates = append(candidates, string(r.ID), r.Name)
	}
	return nil, Closest(name, candidates)
}

// suggestDistance is the largest edit distance a did-you-mean suggestion
// may be from what was typed: one edit for a word of up to six characters
// (a rule ID: UPS4O1), two for a longer one.
func suggestDistance(typed string) int {
	if len([]rune(typed)) <= 6 {
		return 1
	}
	return 2
}

// Closest returns the candidate nearest to typed (case-insensitive edit
// distance, a transposition counting one), or "" when none is within
// suggestDistance.
func Closest(typed string, candidates []string) string {
	best, bestD := "", suggestDistance(typed)+1
	t := strings.ToLower(typed)
	for _, c := range candidates {
		if d := editDistance(t, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// runes each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
