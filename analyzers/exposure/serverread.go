package exposure

import (
	"fmt"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// serverReads reports UPS202 at a lower severity for the public-prefixed
// token variables that module f reads when no client-side code of the scan
// bundles f (Imports decides that) and f says nothing about running in the
// browser itself (File reports those): a route handler, an API route, a
// library only the server imports. The token is not in a bundle today, but
// its public prefix tells the build to inline it into any client module
// that reads it, and one client import of f would. One finding per
// variable per file, at the client that takes its token from it when there
// is one, else at the first read. Read-only names are low, every other
// token name medium. Only modules a bundler reads count (JS/TS): a Python
// or Go module reading such a name is no bundle's business (UPS201 reports
// the variable where it is set).
//
// ro holds the variables that the env files of the scan show to hold
// read-only tokens (readOnlyValues): those are low too.
func serverReads(f *facts.File, ro map[string]envValue) []rules.Finding {
	if f == nil || !bundled(f.Lang) {
		return nil
	}
	own := map[facts.Pos]bool{}
	fs, done := clientCodeNames(f, nil)
	for _, fd := range fs {
		own[facts.Pos{Line: fd.Line, Col: fd.Col}] = true
	}
	var out []rules.Finding
	add := func(name string, pos, end facts.Pos, what string, related []rules.Location, key string) {
		sev, kind := rules.Medium, "a full-access token unless it holds the read-only one"
		if upstash.IsReadOnlyEnvName(name) {
			sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing"
		} else if v, ok := ro[name]; ok {
			sev, kind = rules.Low, readOnlyValueWords(v)
		}
		why := "its " + upstash.PublicPrefixOf(name) + " prefix makes"
		if upstash.PublicPrefixOf(name) == "" {
			why = "a public env module makes"
		}
		fd := finding(f, ruleClientCode, sev, pos, end, fmt.Sprintf(what+" in a module that no client-side code of this scan imports, but %s the build inline it into any client code that reads it or imports this module (%s); rename it without the public prefix and keep it server-side", name, why, kind))
		fd.Related = related
		fd.SetKey(key)
		out = append(out, fd)
		done[name] = true
	}
	for i := range f.Clients {
		c := &f.Clients[i]
		t := c.Token
		if own[c.Pos] || t.Origin != facts.FromEnv || !t.Public || done[t.Env] || !tokenName(t.Env) || upstash.IsRedisURLEnvName(t.Env) {
			continue
		}
		what := upstash.ProductName(c.Product) + " client takes its token from %s, read"
		add(t.Env, c.Pos, c.End, what, []rules.Location{loc(f, t.Pos, "token read from "+t.Env)}, "server "+clientKey(c))
	}
	for _, e := range f.EnvReads {
		if own[e.Pos] || !e.Public || done[e.Name] || !tokenName(e.Name) || upstash.IsRedisURLEnvName(e.Name) {
			continue
		}
		add(e.Name, e.Pos, e.End, "%s is read", nil, "server read "+e.Name)
	}
	return out
}
