//go:build cgo

package jsts

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// view is a position-free summary of a file's facts for table tests.
type view struct {
	Directive  string
	ClientSide bool
	Imports    []string // spec{imported as local,…} [type] [server]
	Exports    []string // name=local <from
	Clients    []clientView
	EnvReads   []string // NAME or NAME(public)
	Uses       []string // local: cmd cmd
	Headers    []string
	Notes      int
}

type clientView struct {
	Product  facts.Product
	SDK      string
	Var      string
	Default  bool
	URL      string
	Token    string
	ReadOnly bool
	Insecure int
	Commands string // space-separated
}

func viewOf(f *facts.File) view {
	v := view{Directive: f.Directive, ClientSide: f.ClientSide, Notes: len(f.Notes)}
	for _, i := range f.Imports {
		v.Imports = append(v.Imports, importString(i))
	}
	for _, e := range f.Exports {
		s := e.Name + "=" + e.Local
		if e.From != "" {
			s += " <" + e.From
		}
		v.Exports = append(v.Exports, s)
	}
	for _, c := range f.Clients {
		v.Clients = append(v.Clients, clientView{
			Product: c.Product, SDK: c.SDK, Var: c.Var, Default: c.Default,
			URL: valueString(c.URL), Token: valueString(c.Token), ReadOnly: c.ReadOnlyToken,
			Insecure: len(c.InsecureTLS), Commands: commandString(c.Commands),
		})
	}
	for _, e := range f.EnvReads {
		s := e.Name
		if e.Public {
			s += "(public)"
		}
		v.EnvReads = append(v.EnvReads, s)
	}
	for _, u := range f.Uses {
		v.Uses = append(v.Uses, u.Local+": "+commandString(u.Commands))
	}
	for _, h := range f.Headers {
		v.Headers = append(v.Headers, h.Name)
	}
	return v
}

func importString(i facts.Import) string {
	var bs []string
	for _, b := range i.Bindings {
		if b.Imported == b.Local {
			bs = append(bs, b.Local)
		} else {
			bs = append(bs, b.Imported+" as "+b.Local)
		}
	}
	s := i.Spec + "{" + strings.Join(bs, ",") + "}"
	if i.TypeOnly {
		s += " type"
	}
	if i.ServerOnly {
		s += " server"
	}
	return s
}

func commandString(cs []facts.Command) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return strings.Join(out, " ")
}

func posString(p facts.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// renderFacts renders every fact with its position, one per line, for the
// golden files.
func renderFacts(f *facts.File) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file %s lang=%s", f.Path, f.Lang)
	if f.Directive != "" {
		fmt.Fprintf(&b, " directive=%q", f.Directive)
	}
	if f.ClientSide {
		b.WriteString(" client-side")
	}
	b.WriteString("\n")
	for _, i := range f.Imports {
		fmt.Fprintf(&b, "  import %s %s\n", posString(i.Pos), importString(i))
	}
	for _, e := range f.Exports {
		fmt.Fprintf(&b, "  export %s %s=%s", posString(e.Pos), e.Name, e.Local)
		if e.From != "" {
			fmt.Fprintf(&b, " <%s", e.From)
		}
		b.WriteString("\n")
	}
	for _, c := range f.Clients {
		fmt.Fprintf(&b, "  client %s %s sdk=%q var=%q", posString(c.Pos), c.Product, c.SDK, c.Var)
		if c.Default {
			b.WriteString(" default")
		}
		fmt.Fprintf(&b, " url=%s", valueString(c.URL))
		if c.URL.Origin != facts.Absent {
			fmt.Fprintf(&b, "@%s", posString(c.URL.Pos))
		}
		fmt.Fprintf(&b, " token=%s", valueString(c.Token))
		if c.Token.Origin != facts.Absent {
			fmt.Fprintf(&b, "@%s", posString(c.Token.Pos))
		}
		if c.ReadOnlyToken {
			b.WriteString(" read-only")
		}
		if c.Browser != facts.NotBrowser {
			fmt.Fprintf(&b, " browser=%s", browserNames[c.Browser])
		}
		for _, p := range c.InsecureTLS {
			fmt.Fprintf(&b, " insecure-tls@%s", posString(p))
		}
		b.WriteString("\n")
		for _, cmd := range c.Commands {
			fmt.Fprintf(&b, "    command %s %s\n", posString(cmd.Pos), cmd.Name)
		}
	}
	for _, e := range f.EnvReads {
		pub := ""
		if e.Public {
			pub = " public"
		}
		if e.Browser != facts.NotBrowser {
			pub += " browser=" + browserNames[e.Browser]
		}
		fmt.Fprintf(&b, "  env %s %s%s\n", posString(e.Pos), e.Name, pub)
	}
	for _, x := range f.ConfigExposures {
		fmt.Fprintf(&b, "  config %s-%s %s/%s %s key=%q", posString(x.Pos), posString(x.End), x.Framework, settingNames[x.Setting], exposedNames[x.What], x.Key)
		if x.Env != "" {
			fmt.Fprintf(&b, " env=%s", x.Env)
		}
		if x.ReadOnly {
			b.WriteString(" read-only")
		}
		if !x.Secret.IsZero() {
			fmt.Fprintf(&b, " secret=%s", x.Secret.Kind)
		}
		if x.Value.Line > 0 {
			fmt.Fprintf(&b, " value@%s", posString(x.Value))
		}
		b.WriteString("\n")
	}
	for _, u := range f.Uses {
		fmt.Fprintf(&b, "  use %s:", u.Local)
		for _, c := range u.Commands {
			fmt.Fprintf(&b, " %s@%s", c.Name, posString(c.Pos))
		}
		b.WriteString("\n")
	}
	for _, h := range f.Headers {
		fmt.Fprintf(&b, "  header %s %s\n", posString(h.Pos), h.Name)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(&b, "  note %s\n", n)
	}
	return b.String()
}

// Names of the exposure facts' enums, for the golden files.
var (
	browserNames = map[facts.Browser]string{
		facts.SvelteComponent: "svelte", facts.VueComponent: "vue", facts.HTMLPage: "html",
		facts.SvelteKitUniversal: "sveltekit-universal", facts.StaticPublic: "public", facts.StaticDir: "static",
		facts.ReactNative: "react-native", facts.AstroScript: "astro-script", facts.ClientScript: "client-script",
	}
	settingNames = map[facts.Setting]string{
		facts.SettingEnv: "env", facts.SettingPublicRuntimeConfig: "publicRuntimeConfig", facts.SettingRuntimeConfigPublic: "runtimeConfig.public",
		facts.SettingDefine: "define", facts.SettingDefinePlugin: "DefinePlugin", facts.SettingAstroEnvSchema: "env.schema",
		facts.SettingEnvPrefix: "envPrefix", facts.SettingPublicPrefix: "publicPrefix",
	}
	exposedNames = map[facts.Exposed]string{
		facts.ExposedWholeEnv: "whole-env", facts.ExposedEnvKey: "env-key", facts.ExposedEnv: "env-read", facts.ExposedLiteral: "literal",
		facts.ExposedValue: "value", facts.ExposedClientKey: "client-key", facts.ExposedPrefix: "prefix",
	}
)

// renderFindings renders findings one per line (related locations indented).
func renderFindings(fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s:%d:%d-%d:%d %s\n", f.RuleID, f.Severity, f.Path, f.Line, f.Col, f.EndLine, f.EndCol, f.Message)
		if !f.Secret.IsZero() {
			fmt.Fprintf(&b, "    secret %s\n", f.Secret.String())
		}
		for _, r := range f.Related {
			fmt.Fprintf(&b, "    related %d:%d %s\n", r.Line, r.Col, r.Message)
		}
	}
	return b.String()
}
