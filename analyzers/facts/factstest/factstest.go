// Package factstest builds facts by hand for the tests of the passes and
// of the module graph: what analyzers/jsts, analyzers/python and
// analyzers/configs are specified to emit for small programs. Each builder
// documents the source it stands for. It also summarises findings for
// comparison. Only tests import it.
package factstest

import (
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// line is the last line handed out: positions only need to be distinct and
// increasing within a test.
var line = 0

// Pos returns a new position, after every one handed out before.
func Pos() facts.Pos {
	line++
	return facts.Pos{Line: line, Col: 1}
}

// File builds the facts of one module; the language follows the extension.
func File(p string, opts ...func(*facts.File)) *facts.File {
	f := &facts.File{Path: p}
	switch path.Ext(p) {
	case ".ts", ".mts", ".cts":
		f.Lang = facts.TS
	case ".tsx", ".svelte", ".vue", ".astro":
		f.Lang = facts.TSX
	case ".py":
		f.Lang = facts.Python
	case ".js", ".jsx", ".mjs", ".cjs":
		f.Lang = facts.JS
	case ".yml", ".yaml", ".toml", ".json":
		f.Lang = facts.Config
	default:
		f.Lang = facts.Env
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

// UseClient marks a "use client" module.
func UseClient(f *facts.File) { f.Directive = "use client" }

// UseServer marks a "use server" module.
func UseServer(f *facts.File) { f.Directive = "use server" }

// ClientSideFile marks browser code by convention (.svelte, public/*.js).
func ClientSideFile(f *facts.File) { f.ClientSide = true }

// Imports adds `import { a, b as c, default as d, * as e } from spec`:
// each binding is "name", "name as local", "default as local" or "* as local".
func Imports(spec string, binds ...string) func(*facts.File) {
	return func(f *facts.File) {
		imp := facts.Import{Spec: spec, Pos: Pos()}
		for _, b := range binds {
			imported, local, ok := strings.Cut(b, " as ")
			if !ok {
				local = imported
			}
			imp.Bindings = append(imp.Bindings, facts.Binding{Imported: imported, Local: local})
			imp.Names = append(imp.Names, local)
		}
		f.Imports = append(f.Imports, imp)
	}
}

// TypeImport adds `import type { X } from spec`.
func TypeImport(spec string) func(*facts.File) {
	return func(f *facts.File) {
		f.Imports = append(f.Imports, facts.Import{Spec: spec, Pos: Pos(), TypeOnly: true,
			Bindings: []facts.Binding{{Imported: "X", Local: "X"}}, Names: []string{"X"}})
	}
}

// Exports adds `export { local as name }` (name == local when no " as ").
func Exports(names ...string) func(*facts.File) {
	return func(f *facts.File) {
		for _, n := range names {
			local, name, ok := strings.Cut(n, " as ")
			if !ok {
				name = local
			}
			f.Exports = append(f.Exports, facts.Export{Name: name, Local: local, Pos: Pos()})
		}
	}
}

// Reexports adds `export { name } from spec` ("*" for `export * from`) and
// the Import jsts emits for it.
func Reexports(spec string, names ...string) func(*facts.File) {
	return func(f *facts.File) {
		imp := facts.Import{Spec: spec, Pos: Pos()}
		for _, n := range names {
			local := n
			if n == "*" {
				local = ""
			}
			f.Exports = append(f.Exports, facts.Export{Name: n, Local: local, From: spec, Pos: imp.Pos})
			imp.Bindings = append(imp.Bindings, facts.Binding{Imported: n})
		}
		f.Imports = append(f.Imports, imp)
	}
}

// Uses records member calls on an imported binding: `local.cmd()`.
func Uses(local string, cmds ...string) func(*facts.File) {
	return func(f *facts.File) {
		u := facts.Use{Local: local}
		for _, c := range cmds {
			u.Commands = append(u.Commands, facts.Command{Name: c, Pos: Pos()})
		}
		f.Uses = append(f.Uses, u)
	}
}

// RedisClient adds `const v = new Redis({ url: …, token })` with the token
// value tok and the commands called on v in this module.
func RedisClient(v string, tok facts.Value, cmds ...string) func(*facts.File) {
	return func(f *facts.File) {
		c := facts.Client{Product: facts.Redis, SDK: "@upstash/redis", Var: v, Token: tok, Pos: Pos(),
			URL: facts.Value{Origin: facts.FromEnv, Env: "UPSTASH_REDIS_REST_URL"}}
		if tok.Pos.Line == 0 && tok.Origin != facts.Absent {
			c.Token.Pos = Pos()
		}
		if tok.Origin == facts.Absent {
			c.Default = true
		}
		for _, n := range cmds {
			c.Commands = append(c.Commands, facts.Command{Name: n, Pos: Pos()})
		}
		f.Clients = append(f.Clients, c)
	}
}

// Client appends an arbitrary client.
func Client(c facts.Client) func(*facts.File) {
	return func(f *facts.File) {
		if c.Pos.Line == 0 {
			c.Pos = Pos()
		}
		f.Clients = append(f.Clients, c)
	}
}

// EnvRead adds process.env.NAME (public when the name or module says so).
func EnvRead(name string, public bool) func(*facts.File) {
	return func(f *facts.File) {
		f.EnvReads = append(f.EnvReads, facts.EnvRead{Name: name, Public: public, Pos: Pos()})
	}
}

// EnvVar adds NAME=value to an env file or config, value described by host
// (an Upstash URL's host) or secret (a credential's redaction).
func EnvVar(name, host, environment string) func(*facts.File) {
	return func(f *facts.File) {
		v := facts.EnvVar{Name: name, Host: host, Environment: environment, Pos: Pos()}
		if host != "" {
			v.Scheme = "https"
		}
		f.EnvVars = append(f.EnvVars, v)
	}
}

// EnvToken adds NAME=<token> with the token's redaction.
func EnvToken(name, kind, value string) func(*facts.File) {
	return func(f *facts.File) {
		f.EnvVars = append(f.EnvVars, facts.EnvVar{Name: name, Kind: kind, Secret: rules.Redact(kind, value), Pos: Pos()})
	}
}

// Header records a read of an Upstash-* header.
func Header(name string) func(*facts.File) {
	return func(f *facts.File) {
		f.Headers = append(f.Headers, facts.Header{Name: strings.ToLower(name), Pos: Pos()})
	}
}

// TSConfig makes f a tsconfig/jsconfig with baseUrl, paths ("key=target,target") and extends.
func TSConfig(baseURL, extends string, paths ...string) func(*facts.File) {
	return func(f *facts.File) {
		dir := path.Dir(f.Path)
		if dir == "." {
			dir = ""
		}
		c := &facts.TSConfig{Dir: dir, BaseURL: baseURL, Extends: extends}
		for _, p := range paths {
			k, v, _ := strings.Cut(p, "=")
			if c.Paths == nil {
				c.Paths = map[string][]string{}
			}
			c.Paths[k] = strings.Split(v, ",")
		}
		f.TSConfig = c
	}
}

// PubEnv is a token read from the public env var name (NEXT_PUBLIC_…).
func PubEnv(name string) facts.Value {
	return facts.Value{Origin: facts.FromEnv, Env: name, Public: true}
}

// SrvEnv is a token read from the server-only env var name.
func SrvEnv(name string) facts.Value { return facts.Value{Origin: facts.FromEnv, Env: name} }

// Literal is a hardcoded token of the credential kind (a FAKE value; only
// its redaction is kept).
func Literal(kind string) facts.Value {
	return facts.Value{Origin: facts.Literal, Secret: rules.Redact(kind, "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU")}
}

// FromEnvDefault is no token argument: the SDK reads its default env vars
// (Redis.fromEnv()).
func FromEnvDefault() facts.Value { return facts.Value{Origin: facts.Absent} }

// Summary is the part of a finding the tests compare.
type Summary struct {
	Rule     string
	Severity string
	Path     string
	Related  []string // "path:line" of each related location
}

// Summarize returns the comparable part of each finding, sorted by path
// and rule.
func Summarize(fs []rules.Finding) []Summary {
	out := make([]Summary, 0, len(fs))
	for _, f := range fs {
		s := Summary{Rule: f.RuleID, Severity: f.Severity.String(), Path: f.Path}
		for _, r := range f.Related {
			s.Related = append(s.Related, r.Path)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// Only keeps the findings of one rule.
func Only(rule string, fs []rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

// CheckWellFormed asserts what every finding must carry: a registered
// rule, a one-line message, a fingerprint and a line.
func CheckWellFormed(t testing.TB, fs []rules.Finding) {
	t.Helper()
	for _, f := range fs {
		if rules.Lookup(f.RuleID) == nil {
			t.Errorf("%s: finding of unregistered rule", f.RuleID)
		}
		if f.Message == "" || strings.Contains(f.Message, "\n") || f.Key == "" || f.Line < 1 {
			t.Errorf("%s %s: malformed finding (line %d, key %q, message %q)", f.RuleID, f.Path, f.Line, f.Key, f.Message)
		}
	}
}
