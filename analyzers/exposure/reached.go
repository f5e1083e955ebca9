package exposure

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Hop is one import on the chain from client-side code to a module: From
// imports To with the specifier Spec at Pos (in From).
type Hop struct {
	From, To string // slash-separated paths
	Spec     string
	Pos      facts.Pos
	// UseClient is true when From is a "use client" module (only read for
	// the first hop, the client-side root).
	UseClient bool
}

// Reached returns the UPS202 findings of module f, which client-side code
// imports through chain (root first, the last hop's To is f): a client
// built with a literal credential or with a token from a public env
// variable, and reads of public Upstash token variables. Server-only env
// variables, SDK defaults and unknown origins are not exposures: bundlers
// do not inline them. The module graph (analyzers/project) finds the
// chains; f must not be client-side itself (File reports those), and what
// File reports in f anyway (a client or read of a browser-only variable
// such as VITE_*) is not reported again. An empty chain yields nothing.
func Reached(chain []Hop, f *facts.File) []rules.Finding {
	return reached(chain, f, nil)
}

// reached is Reached, with ro the variables that the env files of the
// scan show to hold read-only tokens (readOnlyValues): a token read from
// one is low, and the message says so.
func reached(chain []Hop, f *facts.File, ro map[string]envValue) []rules.Finding {
	if len(chain) == 0 || f == nil {
		return nil
	}
	route := routeText(chain)
	var out []rules.Finding
	reported := map[string]bool{}
	// What File already reports in f (a Vite/CRA/Expo variable read outside
	// server paths) is not reported twice.
	own := map[facts.Pos]bool{}
	for _, fd := range clientCode(f) {
		own[facts.Pos{Line: fd.Line, Col: fd.Col}] = true
	}
	for i := range f.Clients {
		c := &f.Clients[i]
		if own[c.Pos] {
			if c.Token.Origin == facts.FromEnv {
				reported[strings.ToUpper(c.Token.Env)] = true
			}
			continue
		}
		sev, desc, ok := reachedToken(c)
		if !ok {
			continue
		}
		if v, byValue := ro[c.Token.Env]; byValue && c.Token.Origin == facts.FromEnv && sev > rules.Low {
			sev, desc = rules.Low, "the token from the public env var "+c.Token.Env+", which "+readOnlyValueWords(v)
		}
		if c.Product == facts.QStashReceiver {
			desc = strings.ReplaceAll(desc, "token", "signing key")
		}
		if c.Token.Origin == facts.FromEnv {
			reported[strings.ToUpper(c.Token.Env)] = true
		}
		fd := rules.Finding{RuleID: ruleClientCode, Severity: sev, Path: f.Path, Line: c.Pos.Line, Col: c.Pos.Col,
			Message: fmt.Sprintf("Client-side code imports this module (%s), which builds %s with %s", route, c.Product.ClientNoun(), desc)}
		fd.Related = chainLocations(chain)
		if c.Token.Origin == facts.Literal {
			fd.Secret = c.Token.Secret
		}
		if tp := c.Token.Pos; tp.Line > 0 && tp != c.Pos {
			fd.Related = append(fd.Related, loc(f, tp, tokenWhere(c.Token)))
		}
		fd.SetKey(clientKey(c))
		out = append(out, fd)
	}
	for _, r := range f.EnvReads {
		name := strings.ToUpper(r.Name)
		if own[r.Pos] {
			reported[name] = true
		}
		if !r.Public || reported[name] || !upstash.IsRedisEnvName(r.Name) {
			continue
		}
		kind := tokenEnvKind(r.Name)
		if kind == notToken {
			continue
		}
		reported[name] = true
		sev, what := envTokenWords(kind)
		if v, byValue := ro[r.Name]; byValue && sev > rules.Low {
			sev, what = rules.Low, readOnlyValueWords(v)
		}
		fd := rules.Finding{RuleID: ruleClientCode, Severity: sev, Path: f.Path, Line: r.Pos.Line, Col: r.Pos.Col,
			Message: fmt.Sprintf("Client-side code imports this module (%s), which reads the public env var %s: %s", route, r.Name, what)}
		fd.Related = chainLocations(chain)
		fd.SetKey("env read " + r.Name)
		out = append(out, fd)
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

// tokenEnvKind reports what the env var name says about its value.
func tokenEnvKind(name string) tokenKind {
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

// reachedToken decides whether client c's token reaches a bundle and how
// bad that is: a literal credential (the severity follows its decoded kind),
// or a public env var (the severity follows its name). Server-only env
// vars, SDK defaults, unknown origins and placeholders are not exposures.
func reachedToken(c *facts.Client) (rules.Severity, string, bool) {
	t := c.Token
	switch t.Origin {
	case facts.Literal:
		if t.Secret.IsZero() || t.Secret.Kind == kindPlaceholder {
			return 0, "", false // no credential: empty or a placeholder
		}
		switch {
		case c.ReadOnlyToken || strings.Contains(t.Secret.Kind, "read-only"):
			return rules.Low, "a hardcoded read-only token: it is bundled for the browser, which Upstash allows, but it still reads every key whose name can be guessed", true
		case t.Secret.Kind == upstash.KindUnknownToken:
			return rules.High, "a hardcoded token of no known Upstash format: if it is a credential, it is bundled for the browser", true
		}
		return rules.Critical, "a hardcoded full-access token: the token is bundled for the browser", true
	case facts.FromEnv:
		if !t.Public {
			return 0, "", false
		}
		kind := tokenEnvKind(t.Env)
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
func routeText(chain []Hop) string {
	parts := []string{chain[0].From}
	for _, h := range chain {
		parts = append(parts, h.To)
	}
	if len(parts) > 6 {
		parts = append(append(parts[:2:2], "…"), parts[len(parts)-3:]...)
	}
	return strings.Join(parts, " → ")
}

// chainLocations returns one related location per import on the chain.
func chainLocations(chain []Hop) []rules.Location {
	out := make([]rules.Location, 0, len(chain)+1)
	for i, h := range chain {
		msg := fmt.Sprintf("imports %q", h.Spec)
		if i == 0 {
			if h.UseClient {
				msg = fmt.Sprintf("\"use client\" module imports %q", h.Spec)
			} else {
				msg = fmt.Sprintf("client-side file imports %q", h.Spec)
			}
		}
		out = append(out, rules.Location{Path: h.From, Line: h.Pos.Line, Col: h.Pos.Col, Message: msg})
	}
	return out
}
