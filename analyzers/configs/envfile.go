package configs

import (
	"path"
	"strings"

	"github.com/upscan/upscan/internal/dotenv"
)

// envFile reads a dotenv file (dotenv.Parse) and its ${VAR}/$VAR
// references, expanded from earlier lines of the file as dotenv-expand does
// (not inside single quotes).
func (r *reader) envFile() {
	name := path.Base(r.path)
	env := envWord(strings.TrimPrefix(name, "."))
	if strings.HasPrefix(strings.ToLower(name), ".dev.vars") && env == "" {
		env = "development"
	}
	prod := ""
	if env == "production" {
		prod = "the production env file " + name
	}
	devOnly := env == "development" || env == "test"

	defined := map[string]string{}
	parsed := dotenv.Parse(r.src)
	for _, e := range parsed.Entries {
		a := assignment{name: e.Name, value: e.Value, keyOff: e.NameOff, valOff: e.ValueOff, valEnd: e.ValueEnd, unterminated: e.Unterminated}
		if !e.Unterminated && e.Quote != dotenv.Single {
			a.refs = references(a.value)
		}
		a.prod, a.devOnly = prod, devOnly
		if a.refs != nil {
			resolved := refPattern.ReplaceAllStringFunc(a.value, func(m string) string {
				refs := references(m)
				if len(refs) == 1 {
					if v, ok := defined[refs[0]]; ok {
						return v
					}
					a.unresolved = append(a.unresolved, refs[0])
				}
				return m
			})
			if resolved != a.value {
				a.resolved = resolved
			}
		}
		val := a.value
		if a.resolved != "" {
			val = a.resolved
		}
		defined[a.name] = val
		r.add(a)
	}
	if bad := parsed.Malformed; len(bad) > 0 {
		r.note("%d line(s) not in KEY=value form or with an unterminated quote, first at line %d", len(bad), bad[0])
	}
}
