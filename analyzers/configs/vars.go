package configs

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Rule IDs this analyzer reports. UPS503 is registered in rules/scope.go;
// severities are decided here, per finding. UPS201 is analyzers/exposure's
// and UPS301–UPS303 are analyzers/transport's, decided from the facts.
const ()

// assignment is one variable assignment read from an env file or config.
// Its value never leaves this package: facts keep the classification only.
type assignment struct {
	name           string
	value          string // as the file gives it, unquoted
	keyOff         int    // byte offsets in reader.src
	valOff, valEnd int    // valEnd exclusive; valOff == valEnd for an empty value
	// env is facts.EnvVar.Environment: the environment as the config names it.
	env string
	// prod says why the assignment reaches a production deployment (for
	// UPS503), "" when the file does not say it does.
	prod string
	// devOnly is true when the file is for development or tests only.
	devOnly bool
	// refs are the names the value references: ${VAR}, $VAR,
	// ${{ secrets.X }}, ${{ vars.X }}, ${{ env.X }}.
	refs []string
	// resolved is the value with references to earlier assignments of the
	// same file expanded; "" when nothing was expanded.
	resolved string
	// unresolved are the refs no earlier assignment of the file defines.
	unresolved []string
	// unterminated marks a quoted env value with no closing quote.
	unterminated bool
}

// refPattern finds ${VAR}, ${VAR:-default}, $VAR and GitHub's
// ${{ secrets.X }} / ${{ vars.X }} / ${{ env.X }} references.
var refPattern = regexp.MustCompile(`\$\{\{\s*(?:secrets|vars|env)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// references returns the names value references.
func references(value string) []string {
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(value, -1) {
		for _, g := range m[1:] {
			if g != "" {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// add records one assignment: an EnvVar fact and the findings its name and
// value decide.
func (r *reader) add(a assignment) {
	val := strings.TrimSpace(a.value)
	if a.resolved != "" {
		val = strings.TrimSpace(a.resolved)
	}
	v := facts.EnvVar{Name: a.name, Public: upstash.PublicPrefixOf(a.name) != "", Pos: r.posAt(a.keyOff), End: r.posAt(a.end()), Environment: a.env}
	cred, isCred := upstash.Classify(val)
	if isCred {
		v.Kind, v.Secret, v.Credential = cred.Kind, rules.Redact(cred.Kind, val), cred
	}
	v.Refs = a.unresolved
	if a.resolved != "" && len(a.refs) > 0 {
		v.Via = a.refs[0]
	}
	u, isURL := parseURL(val)
	if isURL && upstash.IsUpstashHost(u.host) {
		v.Host, v.Scheme = u.host, u.scheme
	}
	v.Production = a.prod
	if upstash.IsDevModeEnvName(a.name) {
		switch lv := strings.ToLower(val); lv {
		case "true", "1", "yes", "on":
			v.DevFlag = lv
		}
	}
	r.file.EnvVars = append(r.file.EnvVars, v)

	r.transportFacts(a, val)
}

// end returns the offset of the assignment's last byte: the value's, or
// the name's when the value is empty.
func (a *assignment) end() int {
	if a.valEnd <= a.valOff {
		return a.keyOff + len(a.name) - 1
	}
	return a.valEnd - 1
}

// parsedURL is the non-secret part of a URL.
type parsedURL struct {
	scheme, host string
}

// parseURL parses an absolute URL with a host.
func parseURL(s string) (parsedURL, bool) {
	i := strings.Index(s, "://")
	if i <= 0 || i > 10 || strings.ContainsAny(s, " \t\n") {
		return parsedURL{}, false
	}
	u, err := url.Parse(s)
	if err != nil || !validHost(u.Hostname()) {
		return parsedURL{}, false
	}
	return parsedURL{scheme: strings.ToLower(u.Scheme), host: strings.ToLower(u.Hostname())}, true
}

// validHost reports whether h is a DNS name or address: no placeholders
// such as <your-db>.upstash.io.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
			return false
		}
	}
	return true
}

// envWord returns the environment a name (a file name, job id, context,
// app or service name) says, normalised: production, staging, development,
// test, preview; "" when it says none. Example files say none.
func envWord(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	found := ""
	for _, w := range words {
		switch w {
		case "example", "sample", "template", "dist", "defaults", "schema":
			return ""
		case "production", "prod", "prd", "live":
			found = "production"
		case "staging", "stage", "stg":
			if found == "" {
				found = "staging"
			}
		case "preview":
			if found == "" {
				found = "preview"
			}
		case "development", "dev", "local":
			if found == "" {
				found = "development"
			}
		case "test", "testing", "ci":
			if found == "" {
				found = "test"
			}
		}
	}
	return found
}
