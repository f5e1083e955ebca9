package scope

import "strings"

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// canonicalEnv maps an environment name as configs write it to upscan's
// canonical one: production, staging, preview, development or test; other
// names are kept lower-cased; "" for none.
func canonicalEnv(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "":
		return ""
	case "prod", "production", "prd", "live":
		return "production"
	case "stage", "staging", "stg":
		return "staging"
	case "preview", "deploy-preview", "branch-deploy", "previews":
		return "preview"
	case "dev", "development", "develop", "local":
		return "development"
	case "test", "testing", "ci", "e2e":
		return "test"
	}
	return n
}

// envRank orders environments for choosing where a UPS502 finding goes:
// production first.
func envRank(env string) int {
	switch env {
	case "production":
		return 0
	case "staging":
		return 1
	case "preview":
		return 2
	case "test":
		return 4
	case "development":
		return 5
	}
	return 3
}
