package exposure

import (
	"fmt"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// envValue is what an env file of the scan shows about a variable's value:
// the credential it decodes as, and where it is set.
type envValue struct {
	c    upstash.Credential
	path string
	pos  facts.Pos
}

// publicCredentials calls fn for each public-prefixed variable that an env
// file of the scan sets to an Upstash credential (decoded, not a
// dev-server value), the files in path order.
func publicCredentials(g *modgraph.Graph, fn func(name string, v envValue)) {
	files := g.Files()
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for _, f := range files {
		for _, v := range f.EnvVars {
			if v.Kind == "" || v.Credential.Dev || upstash.PublicPrefixOf(v.Name) == "" {
				continue
			}
			fn(v.Name, envValue{c: v.Credential, path: f.Path, pos: v.Pos})
		}
	}
}

// envValues indexes the public-prefixed variables that an env file of the
// scan sets to an Upstash credential, by name; the first file in path
// order wins.
func envValues(g *modgraph.Graph) map[string]envValue {
	out := map[string]envValue{}
	publicCredentials(g, func(name string, v envValue) {
		if _, seen := out[name]; !seen {
			out[name] = v
		}
	})
	return out
}

// readOnlyValues indexes the public-prefixed variables that every env file
// of the scan setting them to an Upstash credential sets to a read-only
// one (decode-classified, upstash.Classify), by name; the first file in
// path order is the evidence. A variable that any file sets to a
// full-access credential is not in it.
func readOnlyValues(g *modgraph.Graph) map[string]envValue {
	out := map[string]envValue{}
	full := map[string]bool{}
	publicCredentials(g, func(name string, v envValue) {
		if !v.c.ReadOnly {
			full[name] = true
			return
		}
		if _, seen := out[name]; !seen {
			out[name] = v
		}
	})
	for name := range full {
		delete(out, name)
	}
	return out
}

// ReadOnlyEvidence returns the UPS202 findings that File reports at a
// severity its module alone decides (critical for a public token variable
// read in client-side code), restated from what the env files of the
// scan show: when every env file that sets the variable sets it to a
// read-only token, the finding is low and says so. Each has the rule,
// path, position and content key of the finding of File it restates; the
// scan puts it in that finding's place. Findings File would report
// unchanged are not returned.
func ReadOnlyEvidence(g *modgraph.Graph) []rules.Finding {
	ro := readOnlyValues(g)
	if len(ro) == 0 {
		return nil
	}
	var out []rules.Finding
	for _, f := range g.Files() {
		before, _ := clientCodeNames(f, nil)
		after, _ := clientCodeNames(f, ro)
		for i := range after {
			if i < len(before) && after[i].Severity != before[i].Severity {
				out = append(out, after[i])
			}
		}
	}
	return out
}

// valueReads reports UPS202 for reads of public-prefixed variables whose
// names do not say token (NEXT_PUBLIC_REDIS_KEY) but whose value an env
// file of the scan shows to be an Upstash credential: at the read, critical
// in client-side code or code it bundles (client), medium elsewhere; a
// read-only credential is low. Reads whose names say token are File's,
// Reached's and serverReads' (no place is reported twice). One finding
// per variable per file, at the client that takes its token from it when
// there is one.
func valueReads(f *facts.File, values map[string]envValue, client bool) []rules.Finding {
	if len(values) == 0 || !bundled(f.Lang) && !modgraph.ClientSide(f) {
		return nil
	}
	done := map[string]bool{}
	var out []rules.Finding
	add := func(name string, pos, end facts.Pos, what string) {
		v, ok := values[name]
		if !ok || done[name] || tokenName(name) {
			return
		}
		done[name] = true
		sev, where := rules.Medium, "in a module that no client-side code of this scan imports, but its "+upstash.PublicPrefixOf(name)+" prefix makes the build inline it into any client code that reads it or imports this module"
		if client {
			sev, where = rules.Critical, "in code that runs in the browser, so the build inlines the value into the bundle"
		}
		if v.c.ReadOnly {
			sev = rules.Low
		}
		fd := finding(f, ruleClientCode, sev, pos, end, fmt.Sprintf("%s %s, which %s sets to a %s, %s; keep the credential in a server-only variable and rotate it", what, name, v.path, v.c.Label, where))
		fd.Related = []rules.Location{{Path: v.path, Line: v.pos.Line, Col: v.pos.Col, Message: name + " is set to a " + v.c.Label}}
		fd.SetKey("env value " + name)
		out = append(out, fd)
	}
	for i := range f.Clients {
		c := &f.Clients[i]
		if c.Token.Origin == facts.FromEnv {
			add(c.Token.Env, c.Pos, c.End, upstash.ProductName(c.Product)+" client takes its token from")
		}
	}
	for _, e := range f.EnvReads {
		if strings.HasSuffix(e.Name, "_URL") && !strings.Contains(e.Name, "REDIS_URL") {
			continue // a REST URL is no credential, whatever a file sets it to
		}
		add(e.Name, e.Pos, e.End, "This code reads")
	}
	return out
}
