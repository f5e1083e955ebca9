package project

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// hop is how the client-side walk reached a module: through edge e of module prev.
type hop struct {
	prev string
	e    *modgraph.Edge
}

// Exposure implements UPS202 across modules: a breadth-first walk from every
// client-side file (sorted, so the chain reported is the shortest one from
// the first root that reaches the module) over imports that bundle code (not
// type-only, not from an .astro frontmatter), not entering server-only
// modules. Every module reached that is not itself client-side
// (analyzers/jsts reports those) is checked for a client built with a
// literal or public-env token and for reads of public Upstash token env
// vars. Server-only env vars are never findings: bundlers do not inline them.
func Exposure(g *modgraph.Graph) []rules.Finding {
	via := map[string]hop{}
	var queue []string
	for _, f := range g.Files() {
		if modgraph.ClientSide(f) {
			via[f.Path] = hop{}
			queue = append(queue, f.Path)
		}
	}
	roots := len(queue)
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		edges := g.Imports(u)
		for ei := range edges {
			e := &edges[ei]
			if e.Import.TypeOnly || e.Import.ServerOnly {
				continue // erased, or imported by the server part (.astro frontmatter)
			}
			if _, seen := via[e.To]; seen {
				continue
			}
			f := g.File(e.To)
			if f == nil || modgraph.ServerOnly(f) {
				continue
			}
			via[e.To] = hop{prev: u, e: e}
			queue = append(queue, e.To)
		}
	}
	var out []rules.Finding
	for _, p := range queue[roots:] {
		out = append(out, exposedIn(g, g.File(p), chain(via, p))...)
	}
	return out
}

// Wanted returns the scanned modules without facts that client-side files
// import, directly or transitively, over the imports a bundler follows
// (not type-only, not from the server part of a client file, not into a
// "use server" or server-only module). See modgraph.Graph.Unparsed.
func Wanted(g *modgraph.Graph) []string {
	var client []string
	for _, f := range g.Files() {
		if modgraph.ClientSide(f) {
			client = append(client, f.Path)
		}
	}
	return g.Unparsed(client, modgraph.Walk{
		SkipImport: func(e modgraph.Edge) bool { return e.Import.ServerOnly },
		SkipModule: modgraph.ServerOnly,
	})
}

// chain returns the edges from a client-side root to module p, root first.
func chain(via map[string]hop, p string) []*modgraph.Edge {
	var rev []*modgraph.Edge
	for h := via[p]; h.e != nil; h = via[h.prev] {
		rev = append(rev, h.e)
		if len(rev) > len(via) { // cannot happen: via is a BFS tree
			break
		}
	}
	out := make([]*modgraph.Edge, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// exposedIn returns the UPS202 findings of module f, reached from client
// code through chain.
func exposedIn(g *modgraph.Graph, f *facts.File, chain []*modgraph.Edge) []rules.Finding {
	if len(chain) == 0 {
		return nil
	}
	route := routeText(chain)
	var out []rules.Finding
	reported := map[string]bool{}
	for i := range f.Clients {
		c := &f.Clients[i]
		sev, desc, ok := exposedToken(c)
		if !ok {
			continue
		}
		if c.Product == facts.QStashReceiver {
			desc = strings.ReplaceAll(desc, "token", "signing key")
		}
		if c.Token.Origin == facts.FromEnv {
			reported[strings.ToUpper(c.Token.Env)] = true
		}
		fd := rules.Finding{
			RuleID:   string(rules.TokenInClientCode),
			Severity: sev,
			Path:     f.Path,
			Line:     c.Pos.Line,
			Col:      c.Pos.Col,
			Message:  fmt.Sprintf("Client-side code imports this module (%s), which builds %s with %s", route, c.Product.ClientNoun(), desc),
			Related:  chainLocations(g, chain),
		}
		if c.Token.Origin == facts.Literal {
			fd.Secret = c.Token.Secret
		}
		if tp := c.Token.Pos; tp.Line > 0 && tp != c.Pos {
			fd.Related = append(fd.Related, rules.Location{Path: f.Path, Line: tp.Line, Col: tp.Col, Message: tokenWhere(c.Token)})
		}
		fd.SetFingerprint("client " + c.SDK + " " + c.Var + " token " + c.Token.Env)
		out = append(out, fd)
	}
	for _, r := range f.EnvReads {
		name := strings.ToUpper(r.Name)
		if !r.Public || reported[name] || !upstash.IsRedisEnvName(r.Name) {
			continue
		}
		kind := classifyTokenEnv(r.Name)
		if kind == notToken {
			continue
		}
		reported[name] = true
		sev, what := envTokenWords(kind)
		fd := rules.Finding{
			RuleID:   string(rules.TokenInClientCode),
			Severity: sev,
			Path:     f.Path,
			Line:     r.Pos.Line,
			Col:      r.Pos.Col,
			Message:  fmt.Sprintf("Client-side code imports this module (%s), which reads the public env var %s: %s", route, r.Name, what),
			Related:  chainLocations(g, chain),
		}
		fd.SetFingerprint("env read " + r.Name)
		out = append(out, fd)
	}
	return out
}

// exposedToken decides whether client c's token reaches a bundle and how
// bad that is: a literal credential (the severity follows its decoded kind),
// or a public env var (the severity follows its name). Server-only env
// vars, SDK defaults and unknown origins are not exposures.
func exposedToken(c *facts.Client) (rules.Severity, string, bool) {
	t := c.Token
	switch t.Origin {
	case facts.Literal:
		if t.Secret.IsZero() {
			return 0, "", false // no credential: empty or a placeholder
		}
		switch {
		case c.ReadOnlyToken || strings.Contains(t.Secret.Kind, "read-only"):
			return rules.Low, "a hardcoded read-only token: it is bundled for the browser, which Upstash allows, but it still reads every key whose name can be guessed", true
		case t.Secret.Kind == "unrecognised-token":
			return rules.High, "a hardcoded token of no known Upstash format: if it is a credential, it is bundled for the browser", true
		}
		return rules.Critical, "a hardcoded full-access token: the token is bundled for the browser", true
	case facts.FromEnv:
		if !t.Public {
			return 0, "", false
		}
		kind := classifyTokenEnv(t.Env)
		if c.ReadOnlyToken {
			kind = readOnlyTok
		}
		switch kind {
		case fullToken:
			return rules.Critical, "the full-access token from the public env var " + t.Env + ": the token is bundled for the browser", true
		case readOnlyTok:
			return rules.Low, "the read-only token from the public env var " + t.Env + ": it is bundled for the browser, which Upstash allows, but it still reads every key whose name can be guessed", true
		}
		return rules.High, "a token from the public env var " + t.Env + ": it is bundled for the browser, and unless it is a read-only token it grants full access", true
	}
	return 0, "", false
}

// envTokenWords gives the severity and the end of a UPS202 message for a
// public token env var read by a module that client code imports.
func envTokenWords(k tokenKind) (rules.Severity, string) {
	switch k {
	case fullToken:
		return rules.Critical, "the full-access credential is bundled for the browser"
	case readOnlyTok:
		return rules.Low, "the read-only token is bundled for the browser, which Upstash allows, but it still reads every key whose name can be guessed"
	}
	return rules.High, "if it holds an Upstash credential, it is bundled for the browser"
}

// tokenWhere describes where a token value comes from, for a related location.
func tokenWhere(v facts.Value) string {
	switch v.Origin {
	case facts.Literal:
		return "token: hardcoded " + v.Secret.Kind
	case facts.FromEnv:
		if v.Public {
			return "token: public env var " + v.Env
		}
		return "token: env var " + v.Env
	}
	return "token"
}

// routeText renders a chain as "app/page.tsx → components/Stats.tsx → lib/redis.ts".
func routeText(chain []*modgraph.Edge) string {
	parts := []string{chain[0].From}
	for _, e := range chain {
		parts = append(parts, e.To)
	}
	if len(parts) > 6 {
		parts = append(append(parts[:2:2], "…"), parts[len(parts)-3:]...)
	}
	return strings.Join(parts, " → ")
}

// chainLocations returns one related location per import on the chain.
func chainLocations(g *modgraph.Graph, chain []*modgraph.Edge) []rules.Location {
	out := make([]rules.Location, 0, len(chain)+1)
	for i, e := range chain {
		msg := fmt.Sprintf("imports %q", e.Import.Spec)
		if i == 0 {
			if f := g.File(e.From); f != nil && f.Directive == "use client" {
				msg = fmt.Sprintf("\"use client\" module imports %q", e.Import.Spec)
			} else {
				msg = fmt.Sprintf("client-side file imports %q", e.Import.Spec)
			}
		}
		out = append(out, rules.Location{Path: e.From, Line: e.Import.Pos.Line, Col: e.Import.Pos.Col, Message: msg})
	}
	return out
}

// tokenKind is what an env var name says about the credential it holds.
type tokenKind uint8

const (
	notToken     tokenKind = iota
	fullToken              // a documented full-access name (UPSTASH_REDIS_REST_TOKEN, KV_REST_API_TOKEN, QSTASH_TOKEN…)
	readOnlyTok            // a read-only name (…READ_ONLY…, …READONLY…, …_RO)
	unknownToken           // credential-like name (…TOKEN, …PASSWORD, …SIGNING_KEY) of no documented kind
)

// classifyTokenEnv reports what the env var name says about its value.
func classifyTokenEnv(name string) tokenKind {
	switch {
	case !upstash.IsCredentialEnvName(name):
		return notToken
	case upstash.IsReadOnlyEnvName(name):
		return readOnlyTok
	case upstash.IsFullTokenEnvName(name):
		return fullToken
	}
	return unknownToken
}
