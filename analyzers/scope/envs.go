package scope

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// envSite is one env var assignment attributed to a deployment environment.
type envSite struct {
	f   *facts.File
	v   *facts.EnvVar
	env string
}

// databaseKinds are the credential kinds tied to one database (a token
// identifies its database as surely as the URL does).
var databaseKinds = setOf(upstash.KindRedisToken, upstash.KindRedisReadOnly, upstash.KindRedisPassword, upstash.KindIndexToken)

// Environments implements UPS502: the same Upstash database host (or the
// same database token, when no host is given next to it) assigned in env
// files or deploy configs of two or more environments. The environment is
// EnvVar.Environment when the config reader set it, else the file name
// (.env.production, .env.staging.local, production.env, docker-compose.prod.yml).
// .env, .env.example and files of no known environment are not compared.
// QStash hosts are shared by every account and never count. Findings are
// in the order of the first site of each database.
func Environments(g *modgraph.Graph) []rules.Finding {
	groups := map[string][]envSite{}
	var keys []string
	add := func(k string, s envSite) {
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], s)
	}
	for _, f := range g.Files() {
		for i := range f.EnvVars {
			v := &f.EnvVars[i]
			env := environmentOf(f, v)
			if env == "" {
				continue
			}
			s := envSite{f, v, env}
			switch {
			case v.Host != "" && databaseHost(v.Host):
				add("host\x00"+strings.ToLower(v.Host), s)
			case v.Host == "" && databaseKinds[v.Kind] && v.Secret.SHA256 != "":
				add("token\x00"+v.Secret.SHA256, s)
			}
		}
	}
	var out []rules.Finding
	covered := map[string]bool{} // file + environment pairs a host finding already names
	for _, k := range keys {
		sites := groups[k]
		isToken := strings.HasPrefix(k, "token\x00")
		envs := map[string][]envSite{}
		for _, s := range sites {
			envs[s.env] = append(envs[s.env], s)
		}
		if len(envs) < 2 {
			continue
		}
		if isToken {
			all := true
			for _, s := range sites {
				all = all && covered[s.f.Path+"\x00"+s.env]
			}
			if all {
				continue
			}
		}
		names := make([]string, 0, len(envs))
		for e := range envs {
			names = append(names, e)
		}
		sort.Slice(names, func(i, j int) bool {
			ri, rj := envRank(names[i]), envRank(names[j])
			if ri != rj {
				return ri < rj
			}
			return names[i] < names[j]
		})
		for _, s := range sites {
			covered[s.f.Path+"\x00"+s.env] = true
		}
		first := envs[names[0]][0]
		sev := rules.Low
		if envs["production"] != nil {
			sev = rules.Medium
		}
		what := "Upstash host " + first.v.Host
		if isToken {
			what = "The same Upstash " + first.v.Kind
		}
		fd := rules.Finding{
			RuleID:   string(rules.DatabaseSharedAcrossEnvironments),
			Severity: sev,
			Path:     first.f.Path,
			Line:     first.v.Pos.Line,
			Col:      first.v.Pos.Col,
			Message: fmt.Sprintf("%s is configured for %s (%s): one database serves several environments, so a test run, a bad deploy or a leaked credential in one touches the data of the others",
				what, joinAnd(names), filesOf(envs, names)),
		}
		if isToken {
			fd.Secret = first.v.Secret
		}
		for _, e := range names {
			for _, s := range envs[e] {
				if s == first {
					continue
				}
				fd.Related = append(fd.Related, rules.Location{Path: s.f.Path, Line: s.v.Pos.Line, Col: s.v.Pos.Col,
					Message: fmt.Sprintf("%s: %s", e, s.v.Name)})
			}
		}
		fd.SetKey("database " + strings.ToLower(first.v.Host) + " environments " + strings.Join(names, ","))
		out = append(out, fd)
	}
	return out
}

// databaseHost reports whether an Upstash host names one database: not the
// QStash endpoints every account shares, not the Developer API.
// Its first label must carry the database number the console assigns
// (fake-otter-12345, us1-merry-cat-32748, …-12345-us1-vector; UPSTASH.md
// §1.1), which placeholders such as your-db.upstash.io lack.
func databaseHost(h string) bool {
	h = strings.ToLower(h)
	if strings.HasPrefix(h, "qstash") || strings.HasPrefix(h, "api.") {
		return false
	}
	label, _, _ := strings.Cut(h, ".")
	parts := strings.Split(label, "-")
	for _, p := range parts[1:] {
		if len(p) >= 2 && len(p) <= 5 && strings.Trim(p, "0123456789") == "" {
			return true
		}
	}
	return false
}

// environmentOf returns the canonical environment an env var belongs to, or
// "" when neither the config nor the file name says.
func environmentOf(f *facts.File, v *facts.EnvVar) string {
	if v.Environment != "" {
		return canonicalEnv(v.Environment)
	}
	base := strings.ToLower(path.Base(f.Path))
	var words []string
	switch {
	case strings.HasPrefix(base, ".env"):
		words = strings.Split(strings.TrimPrefix(base, ".env"), ".")
	case strings.HasSuffix(base, ".env"):
		words = strings.Split(strings.TrimSuffix(base, ".env"), ".")
	case f.Lang == facts.Config:
		// the file name and its directory: deploy/production/fly.toml,
		// docker-compose.prod.yml
		words = strings.FieldsFunc(strings.ToLower(path.Base(modgraph.ParentDir(f.Path))+"/"+base), func(r rune) bool {
			return r == '/' || r == '.' || r == '-' || r == '_'
		})
	default:
		return ""
	}
	found, local := "", false
	for _, w := range words {
		switch w {
		case "example", "examples", "sample", "template", "tpl", "defaults", "dist", "schema":
			return ""
		case "local":
			local = true // .env.local is development; .env.production.local is production
			continue
		}
		if !envWords[w] {
			continue
		}
		e := canonicalEnv(w)
		if found != "" && found != e {
			return "" // docker-compose.dev.prod.yml: unclear
		}
		found = e
	}
	if found == "" && local {
		return "development"
	}
	return found
}

// envWords are the file-name words that name an environment.
var envWords = setOf("production", "prod", "staging", "stage", "preview", "development", "dev", "test", "testing")

// joinAnd renders ["production", "staging", "test"] as "production, staging and test".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// filesOf lists the distinct files of the sites, in environment order.
func filesOf(envs map[string][]envSite, order []string) string {
	seen := map[string]bool{}
	var files []string
	for _, e := range order {
		for _, s := range envs[e] {
			if !seen[s.f.Path] {
				seen[s.f.Path] = true
				files = append(files, s.f.Path)
			}
		}
	}
	return strings.Join(files, ", ")
}
