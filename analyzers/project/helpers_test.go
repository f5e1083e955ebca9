package project

import (
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// Hand-built facts: what analyzers/jsts, python and configs are specified to
// emit for small programs. Each helper documents the source it stands for.

var line = 0 // positions only need to be distinct and increasing

func pos() facts.Pos {
	line++
	return facts.Pos{Line: line, Col: 1}
}

// file builds the facts of one module; the language follows the extension.
func file(p string, opts ...func(*facts.File)) *facts.File {
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

// useClient marks a "use client" module.
func useClient(f *facts.File) { f.Directive = "use client" }

// useServer marks a "use server" module.
func useServer(f *facts.File) { f.Directive = "use server" }

// clientSideFile marks browser code by convention (.svelte, public/*.js).
func clientSideFile(f *facts.File) { f.ClientSide = true }

// imports adds `import { a, b as c, default as d, * as e } from spec`:
// each binding is "name", "name as local", "default as local" or "* as local".
func imports(spec string, binds ...string) func(*facts.File) {
	return func(f *facts.File) {
		imp := facts.Import{Spec: spec, Pos: pos()}
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

// typeImport adds `import type { X } from spec`.
func typeImport(spec string) func(*facts.File) {
	return func(f *facts.File) {
		f.Imports = append(f.Imports, facts.Import{Spec: spec, Pos: pos(), TypeOnly: true,
			Bindings: []facts.Binding{{Imported: "X", Local: "X"}}, Names: []string{"X"}})
	}
}

// exports adds `export { local as name }` (name == local when no " as ").
func exports(names ...string) func(*facts.File) {
	return func(f *facts.File) {
		for _, n := range names {
			local, name, ok := strings.Cut(n, " as ")
			if !ok {
				name = local
			}
			f.Exports = append(f.Exports, facts.Export{Name: name, Local: local, Pos: pos()})
		}
	}
}

// reexports adds `export { name } from spec` ("*" for `export * from`) and
// the Import jsts emits for it.
func reexports(spec string, names ...string) func(*facts.File) {
	return func(f *facts.File) {
		imp := facts.Import{Spec: spec, Pos: pos()}
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

// uses records member calls on an imported binding: `local.cmd()`.
func uses(local string, cmds ...string) func(*facts.File) {
	return func(f *facts.File) {
		u := facts.Use{Local: local}
		for _, c := range cmds {
			u.Commands = append(u.Commands, facts.Command{Name: c, Pos: pos()})
		}
		f.Uses = append(f.Uses, u)
	}
}

// redisClient adds `const v = new Redis({ url: …, token })` with the token
// value tok and the commands called on v in this module.
func redisClient(v string, tok facts.Value, cmds ...string) func(*facts.File) {
	return func(f *facts.File) {
		c := facts.Client{Product: facts.Redis, SDK: "@upstash/redis", Var: v, Token: tok, Pos: pos(),
			URL: facts.Value{Origin: facts.FromEnv, Env: "UPSTASH_REDIS_REST_URL"}}
		if tok.Pos.Line == 0 && tok.Origin != facts.Absent {
			c.Token.Pos = pos()
		}
		if tok.Origin == facts.Absent {
			c.Default = true
		}
		for _, n := range cmds {
			c.Commands = append(c.Commands, facts.Command{Name: n, Pos: pos()})
		}
		f.Clients = append(f.Clients, c)
	}
}

// client appends an arbitrary client.
func client(c facts.Client) func(*facts.File) {
	return func(f *facts.File) {
		if c.Pos.Line == 0 {
			c.Pos = pos()
		}
		f.Clients = append(f.Clients, c)
	}
}

// envRead adds process.env.NAME (public when the name or module says so).
func envRead(name string, public bool) func(*facts.File) {
	return func(f *facts.File) {
		f.EnvReads = append(f.EnvReads, facts.EnvRead{Name: name, Public: public, Pos: pos()})
	}
}

// envVar adds NAME=value to an env file or config, value described by host
// (an Upstash URL's host) or secret (a credential's redaction).
func envVar(name, host, environment string) func(*facts.File) {
	return func(f *facts.File) {
		v := facts.EnvVar{Name: name, Host: host, Environment: environment, Pos: pos()}
		if host != "" {
			v.Scheme = "https"
		}
		f.EnvVars = append(f.EnvVars, v)
	}
}

// envToken adds NAME=<token> with the token's redaction.
func envToken(name, kind, value string) func(*facts.File) {
	return func(f *facts.File) {
		f.EnvVars = append(f.EnvVars, facts.EnvVar{Name: name, Kind: kind, Secret: rules.Redact(kind, value), Pos: pos()})
	}
}

// header records a read of an Upstash-* header.
func header(name string) func(*facts.File) {
	return func(f *facts.File) {
		f.Headers = append(f.Headers, facts.Header{Name: strings.ToLower(name), Pos: pos()})
	}
}

// tsconfig makes f a tsconfig/jsconfig with baseUrl, paths ("key=target,target") and extends.
func tsconfig(baseURL, extends string, paths ...string) func(*facts.File) {
	return func(f *facts.File) {
		c := &facts.TSConfig{Dir: parentDir(f.Path), BaseURL: baseURL, Extends: extends}
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

// env values.
func pubEnv(name string) facts.Value {
	return facts.Value{Origin: facts.FromEnv, Env: name, Public: true}
}
func srvEnv(name string) facts.Value { return facts.Value{Origin: facts.FromEnv, Env: name} }
func literal(kind string) facts.Value {
	return facts.Value{Origin: facts.Literal, Secret: rules.Redact(kind, "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU")}
}
func fromEnvDefault() facts.Value { return facts.Value{Origin: facts.Absent} }

// summary is the part of a finding the tests compare.
type summary struct {
	Rule     string
	Severity string
	Path     string
	Related  []string // "path:line" of each related location
}

func summarize(fs []rules.Finding) []summary {
	out := make([]summary, 0, len(fs))
	for _, f := range fs {
		s := summary{Rule: f.RuleID, Severity: f.Severity.String(), Path: f.Path}
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

// only keeps the findings of one rule.
func only(rule string, fs []rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

// checkWellFormed asserts what every finding must carry.
func checkWellFormed(t *testing.T, fs []rules.Finding) {
	t.Helper()
	for _, f := range fs {
		// UPS202 is registered by the jsts engineer (rules/exposure.go).
		if strings.HasPrefix(f.RuleID, "UPS5") && rules.Lookup(f.RuleID) == nil {
			t.Errorf("%s: finding of unregistered rule", f.RuleID)
		}
		if f.Message == "" || strings.Contains(f.Message, "\n") || f.Key == "" || f.Line < 1 {
			t.Errorf("%s %s: malformed finding (line %d, key %q, message %q)", f.RuleID, f.Path, f.Line, f.Key, f.Message)
		}
	}
}
