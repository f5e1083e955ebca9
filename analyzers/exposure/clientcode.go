package exposure

import (
	"fmt"
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// clientCode reports UPS202 for what one module shows: a client built in
// client-side code with a literal credential or a public env token, a
// default Vector/Search client in client-side code, and reads of public
// token variables in client-side code. Each variable is reported once per
// file, with the client that takes its token from it when there is one.
func clientCode(f *facts.File) []rules.Finding {
	out, _ := clientCodeNames(f, nil)
	return out
}

// clientCodeNames is clientCode, and the env variables its findings
// report (through a client or a read). ro holds the variables that the env
// files of the scan show to be read-only tokens (readOnlyValues; nil when
// the module is judged alone).
func clientCodeNames(f *facts.File, ro map[string]envValue) ([]rules.Finding, map[string]bool) {
	var out []rules.Finding
	consumed := map[string]bool{}
	urls := map[string]bool{} // the URL variables of the file's REST clients: not secrets
	for i := range f.Clients {
		c := &f.Clients[i]
		if c.URL.Origin == facts.FromEnv && c.Product != facts.RedisTCP && !upstash.IsCredentialEnvName(c.URL.Env) {
			urls[c.URL.Env] = true
		}
		if fd, ok := clientExposure(f, c, consumed, ro); ok {
			out = append(out, fd)
		}
	}
	for _, e := range f.EnvReads {
		if consumed[e.Name] || urls[e.Name] || !e.Public || !upstash.IsSecretEnvName(e.Name) || !upstash.IsRedisEnvName(e.Name) {
			continue
		}
		why, sure := browserWhy(f, e.Browser, e.Name)
		if why == "" {
			continue
		}
		sev, kind := rules.Critical, "a full-access token unless it holds the read-only one"
		if upstash.IsReadOnlyEnvName(e.Name) {
			sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing, but it still reads every key whose name is known"
		} else if v, ok := ro[e.Name]; ok {
			sev, kind = rules.Low, readOnlyValueWords(v)
		}
		var fd rules.Finding
		if sure {
			fd = finding(f, ruleClientCode, sev, e.Pos, e.End, fmt.Sprintf("%s reads %s: the build inlines its value into the browser bundle (%s); keep Upstash calls on the server", why, e.Name, kind))
		} else {
			fd = finding(f, ruleClientCode, sev, e.Pos, e.End, fmt.Sprintf("%s is a %s variable that the build inlines into browser bundles (%s), so unless only server code imports this module the token is public; keep Upstash calls on the server", e.Name, upstash.BrowserOnlyPrefixOf(e.Name), kind))
		}
		if d, ok := useClient(f); ok {
			fd.Related = []rules.Location{d}
		}
		if v, ok := ro[e.Name]; ok && sev == rules.Low {
			fd.Related = append(fd.Related, envLocation(e.Name, v))
		}
		fd.SetKey("read " + e.Name)
		out = append(out, fd)
		consumed[e.Name] = true
	}
	return out, consumed
}

// clientExposure reports one client built in client-side code.
func clientExposure(f *facts.File, c *facts.Client, consumed map[string]bool, roValues map[string]envValue) (rules.Finding, bool) {
	tok := c.Token
	why, sure := browserWhy(f, c.Browser, tok.Env)
	if why == "" || tok.Origin == facts.FromEnv && !tok.Public {
		return rules.Finding{}, false
	}
	name := upstash.ProductName(c.Product)
	var fd rules.Finding
	switch {
	case tok.Origin == facts.Literal && decoded(tok.Secret):
		if !sure {
			return rules.Finding{}, false // a literal is UPS101's; without a client-side marker this is no exposure claim
		}
		ro := c.ReadOnlyToken
		sev, what := rules.Critical, "a hardcoded full-access credential ("+tok.Secret.String()+")"
		if ro {
			sev, what = rules.Low, "a hardcoded read-only credential ("+tok.Secret.String()+", which Upstash allows exposing)"
		}
		fd = finding(f, ruleClientCode, sev, c.Pos, c.End, fmt.Sprintf("%s client in client-side code (%s) is built with %s: %s; build the client on the server and rotate the token", name, why, what, consequence(c.Product, ro)))
		fd.Secret = tok.Secret
		fd.Related = []rules.Location{loc(f, tok.Pos, "token")}
	case tok.Origin == facts.FromEnv && tok.Public:
		ro := upstash.IsReadOnlyEnvName(tok.Env)
		sev, kind := rules.Critical, "a full-access token unless the variable holds the read-only one"
		v, byValue := roValues[tok.Env]
		switch {
		case ro:
			sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing"
		case byValue:
			ro = true
			sev, kind = rules.Low, readOnlyValueWords(v)
		}
		cons := consequence(c.Product, ro)
		if byValue && !upstash.IsReadOnlyEnvName(tok.Env) {
			kind, cons = v.path+" sets it to a "+v.c.Label+", which Upstash allows exposing", "every visitor can read every key with it"
		}
		if sure {
			fd = finding(f, ruleClientCode, sev, c.Pos, c.End, fmt.Sprintf("%s client in client-side code (%s) takes its token from %s, which the build inlines into the browser bundle (%s): %s; build the client on the server", name, why, tok.Env, kind, cons))
		} else {
			fd = finding(f, ruleClientCode, sev, c.Pos, c.End, fmt.Sprintf("%s client takes its token from %s, a %s variable that the build inlines into browser bundles (%s), so unless only server code imports this module %s; build the client on the server", name, tok.Env, upstash.BrowserOnlyPrefixOf(tok.Env), kind, cons))
		}
		fd.Related = []rules.Location{loc(f, tok.Pos, "token read from "+tok.Env)}
		if byValue && sev == rules.Low {
			fd.Related = append(fd.Related, envLocation(tok.Env, v))
		}
		consumed[tok.Env] = true
	case c.Default && (c.Product == facts.Vector || c.Product == facts.Search) && sure:
		env := "NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN"
		if c.Product == facts.Search {
			env = "NEXT_PUBLIC_UPSTASH_SEARCH_REST_TOKEN"
		}
		fd = finding(f, ruleClientCode, rules.High, c.Pos, c.End, fmt.Sprintf("%s client built from the default env variables in client-side code (%s): in the browser the SDK can only find a public variable such as %s, so the token is probably in the bundle: %s; build the client on the server", name, why, env, consequence(c.Product, false)))
	default:
		return rules.Finding{}, false
	}
	if d, ok := useClient(f); ok {
		fd.Related = append(fd.Related, d)
	}
	fd.SetKey(clientKey(c))
	return fd, true
}

// clientKey is the content key of a UPS202 finding on client c, the same
// whether the module is client-side itself or reached from client code:
// the SDK, the binding and the token's variable (a literal token keys on
// its hash instead, rules.Finding.SetFingerprint).
func clientKey(c *facts.Client) string {
	return "client " + c.SDK + " " + c.Var + " token " + c.Token.Env
}

// readOnlyValueWords says, for a UPS202 message, that an env file shows
// the variable to hold a read-only token, and what a visitor can do with it.
func readOnlyValueWords(v envValue) string {
	return v.path + " sets it to a " + v.c.Label + ", which Upstash allows exposing, but every visitor can read every key with it"
}

// envLocation is the related location of the env file line that sets name.
func envLocation(name string, v envValue) rules.Location {
	return rules.Location{Path: v.path, Line: v.pos.Line, Col: v.pos.Col, Message: name + " is set to a " + v.c.Label}
}

// useClient returns the related location of f's "use client" directive.
func useClient(f *facts.File) (rules.Location, bool) {
	if f.Directive != "use client" || f.DirectivePos.Line == 0 {
		return rules.Location{}, false
	}
	return loc(f, f.DirectivePos, `"use client" makes this module browser code`), true
}

// browserWhy says why code of f whose place makes it b runs in the browser
// (sure), or, for a read of a Vite/CRA/Expo/Gatsby/Vue CLI variable outside
// server paths of a JS/TS module, the variable itself (those exist only in
// browser bundles; not sure). "" when nothing says so.
func browserWhy(f *facts.File, b facts.Browser, env string) (why string, sure bool) {
	if f.Directive == "use client" {
		return `"use client" module`, true
	}
	if w := browserWords(b); w != "" {
		return w, true
	}
	if bundled(f.Lang) && !serverPath(f.Path) && usesReactHooks(f) {
		return "React component with state or effect hooks, which run only in the browser", true
	}
	if p := upstash.BrowserOnlyPrefixOf(env); p != "" && bundled(f.Lang) && !serverPath(f.Path) {
		return p + " variable", false
	}
	return "", false
}

// reactHooks are the React hooks that only do anything in the browser:
// state and effects. A module that imports one from react (or Preact's
// hooks) is a component rendered on the client: Next.js server components
// cannot use them, and Astro or Vite islands hydrate with them.
var reactHooks = map[string]bool{"useState": true, "useEffect": true, "useReducer": true, "useLayoutEffect": true}

// usesReactHooks reports whether f imports a state or effect hook from
// react, preact/hooks or preact/compat.
func usesReactHooks(f *facts.File) bool {
	for _, imp := range f.Imports {
		if imp.Spec != "react" && imp.Spec != "preact/hooks" && imp.Spec != "preact/compat" || imp.TypeOnly {
			continue
		}
		for _, b := range imp.Bindings {
			if reactHooks[b.Imported] {
				return true
			}
		}
	}
	return false
}

// browserWords names a browser convention for messages.
func browserWords(b facts.Browser) string {
	switch b {
	case facts.SvelteComponent:
		return "Svelte component"
	case facts.VueComponent:
		return "Vue component"
	case facts.HTMLPage:
		return "script of a static HTML page"
	case facts.SvelteKitUniversal:
		return "SvelteKit universal load module (runs in the browser too)"
	case facts.StaticPublic:
		return "static script under public/"
	case facts.StaticDir:
		return "static script under static/"
	case facts.ReactNative:
		return "React Native module"
	case facts.AstroScript:
		return "<script> of an Astro component, bundled for the browser"
	case facts.ClientScript:
		return "client-side script"
	}
	return ""
}

// bundled reports whether modules of language l go through a bundler that
// inlines public env variables (JavaScript and TypeScript).
func bundled(l facts.Lang) bool {
	return l == facts.JS || l == facts.TS || l == facts.TSX
}

// serverPath reports whether a JS/TS module's path marks it as server code
// by convention (server/, api/, functions/, *.server.*, +server.ts,
// middleware, route handlers, configs, tests): a browser-only env variable
// read there does not prove it reaches a bundle.
func serverPath(p string) bool {
	lower := strings.ToLower(p)
	base := path.Base(lower)
	for _, seg := range strings.Split(path.Dir(lower), "/") {
		switch seg {
		case "server", "api", "functions", "lambda", "scripts", "test", "tests", "__tests__", "netlify", "supabase":
			return true
		}
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	if strings.Contains(base, ".server.") || strings.HasPrefix(base, "+server.") || strings.Contains(base, ".config.") ||
		strings.HasSuffix(stem, ".test") || strings.HasSuffix(stem, ".spec") {
		return true
	}
	switch stem {
	case "route", "middleware", "proxy", "server", "worker", "hooks.server", "instrumentation":
		return true
	}
	return false
}

// decoded reports whether a literal's redaction is a decoded Upstash
// credential: not empty, not a placeholder (analyzers/jsts records one as
// kind "placeholder", analyzers/python not at all) and not a string of no
// known format ("unrecognised-token").
func decoded(r rules.Redacted) bool {
	return !r.IsZero() && r.Kind != kindPlaceholder && r.Kind != upstash.KindUnknownToken
}

// kindPlaceholder is the redaction kind analyzers/jsts gives a placeholder
// literal ("your-token").
const kindPlaceholder = "placeholder"

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
