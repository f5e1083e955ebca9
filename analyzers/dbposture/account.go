package dbposture

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/upscan/upscan/rules"
)

// Name words that suggest an environment. Matching is on whole words of the
// name (split at non-letters and camelCase), so "product-cache" is not "prod".
var (
	prodWords  = map[string]bool{"prod": true, "production": true, "prd": true, "live": true}
	otherWords = map[string]bool{
		"dev": true, "develop": true, "development": true, "staging": true, "stage": true, "stg": true,
		"test": true, "testing": true, "qa": true, "uat": true, "preview": true, "sandbox": true,
		"local": true, "demo": true, "ci": true, "e2e": true,
	}
)

// words splits a database name into lower-case words at non-alphanumerics,
// letter/digit changes and camelCase humps: "myAppProd-2" → my, app, prod, 2.
func words(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case len(cur) > 0:
			prev := cur[len(cur)-1]
			lowerToUpper := unicode.IsLower(prev) && unicode.IsUpper(r)
			acronymEnd := unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if lowerToUpper || acronymEnd || unicode.IsDigit(prev) != unicode.IsDigit(r) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// classifyName returns the words of name that suggest production and those
// that suggest another environment.
func classifyName(name string) (prod, other []string) {
	for _, w := range words(name) {
		switch {
		case prodWords[w]:
			prod = append(prod, w)
		case otherWords[w]:
			other = append(other, w)
		}
	}
	return prod, other
}

// CheckAccount looks across all databases of an account for best practice #4
// (separate databases per environment) and returns at most one Result of
// UPS615, or nil for no databases. Database names are weak evidence, so it
// never fails: names for production and for other environments both present
// give StatusPass; anything else (one database for everything, names for one
// side only, no environment in any name) gives StatusManual with what to
// confirm. Databases in other accounts or teams are invisible to it.
func CheckAccount(dbs []Database) []Result {
	if len(dbs) == 0 {
		return nil
	}
	var prodNames, otherNames []string
	for _, db := range dbs {
		p, o := classifyName(db.Name)
		if len(p) > 0 {
			prodNames = append(prodNames, db.Label())
		}
		if len(o) > 0 {
			otherNames = append(otherNames, db.Label())
		}
	}
	res := Result{RuleID: RuleSeparateEnvironments, Check: "Env split", Status: StatusManual, Severity: rules.Info}
	switch {
	case len(prodNames) > 0 && len(otherNames) > 0:
		res.Status = StatusPass
		res.Message = fmt.Sprintf("databases are named for production (%s) and for other environments (%s); check that each environment's settings point at its own one", list(prodNames), list(otherNames))
	case len(dbs) == 1:
		res.Message = fmt.Sprintf("the account has one database, %q: if development, preview or CI use it as well as production, they share production data; create one database per environment", dbs[0].Label())
	case len(prodNames) > 0:
		res.Message = fmt.Sprintf("only production databases are named (%s): confirm that development, preview and CI use databases of their own, in this account or another", list(prodNames))
	case len(otherNames) > 0:
		res.Message = fmt.Sprintf("no database is named for production, only for other environments (%s): fine if production lives in another account or team; otherwise confirm which database production uses", list(otherNames))
	default:
		res.Message = fmt.Sprintf("no database name mentions an environment (%d databases): confirm that development, preview and CI do not share production's database", len(dbs))
	}
	return []Result{res}
}

// list quotes up to three names, then "and N more".
func list(names []string) string {
	const show = 5
	q := make([]string, 0, show)
	for i, n := range names {
		if i == show {
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	s := strings.Join(q, ", ")
	if len(names) > show {
		s += fmt.Sprintf(" and %d more", len(names)-show)
	}
	return s
}
