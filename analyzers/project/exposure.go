package project

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// hop is how the client-side walk reached a module: through edge e of module prev.
type hop struct {
	prev string
	e    *edge
}

// exposure implements UPS202 across modules: a breadth-first walk from every
// client-side file (sorted, so the chain reported is the shortest one from
// the first root that reaches the module) over imports that bundle code (not
// type-only, not from an .astro frontmatter), not entering server-only
// modules. Every module reached that is not itself client-side
// (analyzers/jsts reports those) is checked for a client built with a
// literal or public-env token and for reads of public Upstash token env
// vars. Server-only env vars are never findings: bundlers do not inline them.
func (g *graph) exposure() []rules.Finding {
	via := map[string]hop{}
	var queue []string
	for _, f := range g.files {
		if clientSide(f) {
			via[f.Path] = hop{}
			queue = append(queue, f.Path)
		}
	}
	roots := len(queue)
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		edges := g.out[u]
		for ei := range edges {
			e := &edges[ei]
			if e.imp.TypeOnly || e.imp.ServerOnly {
				continue // erased, or imported by the server part (.astro frontmatter)
			}
			if _, seen := via[e.to]; seen {
				continue
			}
			f := g.byPath[e.to]
			if f == nil || serverOnly(f) {
				continue
			}
			via[e.to] = hop{prev: u, e: e}
			queue = append(queue, e.to)
		}
	}
	var out []rules.Finding
	for _, p := range queue[roots:] {
		out = append(out, g.exposedIn(g.byPath[p], g.chain(via, p))...)
	}
	return out
}

// chain returns the edges from a client-side root to module p, root first.
func (g *graph) chain(via map[string]hop, p string) []*edge {
	var rev []*edge
	for h := via[p]; h.e != nil; h = via[h.prev] {
		rev = append(rev, h.e)
		if len(rev) > len(via) { // cannot happen: via is a BFS tree
			break
		}
	}
	out := make([]*edge, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// exposedIn returns the UPS202 findings of module f, reached from client
// code through chain.
func (g *graph) exposedIn(f *facts.File, chain []*edge) []rules.Finding {
	if len(chain) == 0 {
		return nil
	}
	route := g.routeText(chain)
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
			RuleID:   "UPS202",
			Severity: sev,
			Path:     f.Path,
			Line:     c.Pos.Line,
			Col:      c.Pos.Col,
			Message:  fmt.Sprintf("Client-side code imports this module (%s), which builds %s with %s", route, productName(c), desc),
			Related:  g.chainLocations(chain),
		}
		if c.Token.Origin == facts.Literal {
			fd.Secret = c.Token.Secret
		}
		if tp := c.Token.Pos; tp.Line > 0 && tp != c.Pos {
			fd.Related = append(fd.Related, rules.Location{Path: f.Path, Line: tp.Line, Col: tp.Col, Message: tokenWhere(c.Token)})
		}
		fd.SetKey("client " + c.SDK + " " + c.Var + " token " + c.Token.Env)
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
			RuleID:   "UPS202",
			Severity: sev,
			Path:     f.Path,
			Line:     r.Pos.Line,
			Col:      r.Pos.Col,
			Message:  fmt.Sprintf("Client-side code imports this module (%s), which reads the public env var %s: %s", route, r.Name, what),
			Related:  g.chainLocations(chain),
		}
		fd.SetKey("env read " + r.Name)
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

// productName names a client for messages.
func productName(c *facts.Client) string {
	switch c.Product {
	case facts.Redis:
		return "an Upstash Redis client"
	case facts.RedisTCP:
		return "a Redis client"
	case facts.QStash:
		return "a QStash client"
	case facts.QStashReceiver:
		return "a QStash Receiver"
	case facts.Vector:
		return "an Upstash Vector client"
	case facts.Search:
		return "an Upstash Search client"
	case facts.Ratelimit:
		return "a rate limiter"
	}
	return "an Upstash client"
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
func (g *graph) routeText(chain []*edge) string {
	parts := []string{chain[0].from}
	for _, e := range chain {
		parts = append(parts, e.to)
	}
	if len(parts) > 6 {
		parts = append(append(parts[:2:2], "…"), parts[len(parts)-3:]...)
	}
	return strings.Join(parts, " → ")
}

// chainLocations returns one related location per import on the chain.
func (g *graph) chainLocations(chain []*edge) []rules.Location {
	out := make([]rules.Location, 0, len(chain)+1)
	for i, e := range chain {
		msg := fmt.Sprintf("imports %q", e.imp.Spec)
		if i == 0 {
			if f := g.byPath[e.from]; f != nil && f.Directive == "use client" {
				msg = fmt.Sprintf("\"use client\" module imports %q", e.imp.Spec)
			} else {
				msg = fmt.Sprintf("client-side file imports %q", e.imp.Spec)
			}
		}
		out = append(out, rules.Location{Path: e.from, Line: e.imp.Pos.Line, Col: e.imp.Pos.Col, Message: msg})
	}
	return out
}
