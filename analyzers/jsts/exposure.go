package jsts

import (
	"fmt"
	"github.com/upscan/upscan/upstash"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// consequence says what a browser visitor can do with a product's token.
func consequence(p facts.Product, readOnly bool) string {
	switch p {
	case facts.Redis, facts.RedisTCP:
		if readOnly {
			return "every visitor can read any key whose name they know"
		}
		return "every visitor can read, overwrite and delete the whole database"
	case facts.QStash:
		return "every visitor can publish messages to your endpoints, read the logs and fetch the signing keys"
	case facts.QStashReceiver:
		return "every visitor can sign forged QStash deliveries"
	case facts.Vector, facts.Search:
		if readOnly {
			return "every visitor can query the whole index"
		}
		return "every visitor can query, overwrite and delete the index"
	}
	return "every visitor can use it"
}

// browserWhy says why node i runs in the browser: the file's convention, or
// for a read of a Vite/CRA/Expo/Gatsby/Vue CLI variable outside server
// paths, the variable itself (those exist only in browser bundles).
func (an *analysis) browserWhy(i int32, env string) (why string, sure bool) {
	if w := an.clientWhy(i); w != "" {
		return w, true
	}
	if p := upstash.BrowserOnlyPrefixOf(env); p != "" && !serverPath(an.path) {
		return p + " variable", false
	}
	return "", false
}

// exposure reports UPS202 for what this file alone shows: a client built in
// client-side code with a literal credential or a public env token, a
// default Vector/Search client in client-side code, and reads of public
// token variables in client-side code.
func (an *analysis) exposure() {
	consumed := map[string]bool{}
	for _, c := range an.clients {
		an.clientExposure(c, consumed)
	}
	for _, e := range an.envs {
		if consumed[e.Name] || !e.Public || !upstash.IsSecretEnvName(e.Name) || !upstash.IsRedisEnvName(e.Name) {
			continue
		}
		why, sure := an.browserWhy(e.node, e.Name)
		if why == "" {
			continue
		}
		ro := upstash.IsReadOnlyEnvName(e.Name)
		sev, kind := rules.Critical, "a full-access token unless it holds the read-only one"
		if ro {
			sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing, but it still reads every key whose name is known"
		}
		var f rules.Finding
		if sure {
			f = an.finding("UPS202", sev, e.node, fmt.Sprintf("%s reads %s: the build inlines its value into the browser bundle (%s); keep Upstash calls on the server", why, e.Name, kind))
		} else {
			f = an.finding("UPS202", sev, e.node, fmt.Sprintf("%s is a %s variable that the build inlines into browser bundles (%s), so unless only server code imports this module the token is public; keep Upstash calls on the server", e.Name, upstash.BrowserOnlyPrefixOf(e.Name), kind))
		}
		if an.directive >= 0 && an.f.Directive == "use client" {
			f.Related = []rules.Location{an.loc(an.directive, `"use client" makes this module browser code`)}
		}
		an.add(f, "read "+e.Name)
		consumed[e.Name] = true
	}
}

// clientExposure reports one client built in client-side code.
func (an *analysis) clientExposure(c *clientRec, consumed map[string]bool) {
	tok := c.c.Token
	why, sure := an.browserWhy(c.node, tok.Env)
	if why == "" || tok.Origin == facts.FromEnv && !tok.Public {
		return
	}
	name := productName(c.c.Product)
	var f rules.Finding
	switch {
	case tok.Origin == facts.Literal && credentialKind(tok.Secret.Kind):
		ro := c.c.ReadOnlyToken || an.readOnlyLiteral[tok.Secret.SHA256]
		sev, what := rules.Critical, "a hardcoded full-access credential ("+tok.Secret.String()+")"
		if ro {
			sev, what = rules.Low, "a hardcoded read-only credential ("+tok.Secret.String()+", which Upstash allows exposing)"
		}
		if !sure {
			return // a literal is UPS101's; without a client-side marker this is no exposure claim
		}
		f = an.finding("UPS202", sev, c.node, fmt.Sprintf("%s client in client-side code (%s) is built with %s: %s; build the client on the server and rotate the token", name, why, what, consequence(c.c.Product, ro)))
		f.Secret = tok.Secret
		f.Related = []rules.Location{an.locAt(tok.Pos, "token")}
	case tok.Origin == facts.FromEnv && tok.Public:
		ro := upstash.IsReadOnlyEnvName(tok.Env)
		sev, kind := rules.Critical, "a full-access token unless the variable holds the read-only one"
		if ro {
			sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing"
		}
		if sure {
			f = an.finding("UPS202", sev, c.node, fmt.Sprintf("%s client in client-side code (%s) takes its token from %s, which the build inlines into the browser bundle (%s): %s; build the client on the server", name, why, tok.Env, kind, consequence(c.c.Product, ro)))
		} else {
			f = an.finding("UPS202", sev, c.node, fmt.Sprintf("%s client takes its token from %s, a %s variable that the build inlines into browser bundles (%s), so unless only server code imports this module %s; build the client on the server", name, tok.Env, upstash.BrowserOnlyPrefixOf(tok.Env), kind, consequence(c.c.Product, ro)))
		}
		f.Related = []rules.Location{an.locAt(tok.Pos, "token read from "+tok.Env)}
		consumed[tok.Env] = true
	case c.c.Default && (c.c.Product == facts.Vector || c.c.Product == facts.Search) && sure:
		env := "NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN"
		if c.c.Product == facts.Search {
			env = "NEXT_PUBLIC_UPSTASH_SEARCH_REST_TOKEN"
		}
		f = an.finding("UPS202", rules.High, c.node, fmt.Sprintf("%s client built from the default env variables in client-side code (%s): in the browser the SDK can only find a public variable such as %s, so the token is probably in the bundle: %s; build the client on the server", name, why, env, consequence(c.c.Product, false)))
	default:
		return
	}
	if an.directive >= 0 && an.f.Directive == "use client" {
		f.Related = append(f.Related, an.loc(an.directive, `"use client" makes this module browser code`))
	}
	an.add(f, an.tr.text(c.node))
}
