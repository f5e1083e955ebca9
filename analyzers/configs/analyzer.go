// Package configs reads env files (.env*), CI and deploy configs (GitHub
// workflows, vercel.json, netlify.toml, docker-compose, wrangler.toml,
// fly.toml, app.yaml) and tsconfig/jsconfig files. It emits facts (env
// variables without their values, TypeScript path aliases, the Upstash URLs
// and NODE_TLS_REJECT_UNAUTHORIZED settings that analyzers/transport decides
// UPS301/UPS302 from) and the findings one variable decides alone: UPS503
// QStash dev mode or dev credentials in a production config. A credential
// in a public-prefixed variable (UPS201) is decided from the facts by
// analyzers/exposure.
package configs

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// kind is the kind of file the analyzer reads.
type kind uint8

const (
	kindNone          kind = iota
	kindEnv                // .env, .env.production, prod.env, .dev.vars
	kindWorkflow           // .github/workflows/*.yml
	kindVercel             // vercel.json
	kindNetlify            // netlify.toml
	kindCompose            // docker-compose*.yml, compose*.yaml
	kindWrangler           // wrangler.toml
	kindFly                // fly.toml
	kindAppYAML            // app.yaml (Google App Engine)
	kindTSConfig           // tsconfig*.json, jsconfig*.json
	kindPackage            // package.json
	kindPnpmWorkspace      // pnpm-workspace.yaml
	kindServerless         // serverless.yml
	kindSAM                // template.yaml (AWS SAM), read only when it is one
	kindManifest           // manifest.json: a browser extension's, when it has a manifest_version
	kindExpoApp            // app.json: an Expo app config, when it has an "expo" key
	kindEAS                // eas.json: Expo Application Services build profiles
)

// Analyzer reads env files and configs. It has no state: one Analyzer is
// safe for concurrent use.
type Analyzer struct{}

// New returns an Analyzer. It never fails today; the error is part of the
// per-file analyzer contract shared with the parsers that load grammars.
func New() (*Analyzer, error) { return &Analyzer{}, nil }

// Handles reports whether the analyzer reads the file at path (slash- or
// OS-separated; the name decides): env files (a name starting with .env or
// ending in .env, and wrangler's .dev.vars*), .github/workflows/*.yml|yaml,
// vercel.json, netlify.toml, docker-compose*.yml|yaml and compose*.yml|yaml,
// wrangler.toml, fly.toml and fly.*.toml, app.yaml|yml, tsconfig*.json and
// jsconfig*.json, package.json (outside node_modules),
// pnpm-workspace.yaml, serverless.yml, template.yaml (AWS SAM),
// manifest.json (browser extensions) and app.json (Expo).
func Handles(p string) bool { return kindOf(p) != kindNone }

func kindOf(p string) kind {
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	yamlExt := ext == ".yml" || ext == ".yaml"
	switch {
	case strings.HasPrefix(base, ".env") || strings.HasSuffix(base, ".env") || lower == ".dev.vars" ||
		strings.HasPrefix(lower, ".dev.vars."):
		return kindEnv
	case yamlExt && strings.Contains("/"+p, "/.github/workflows/"):
		return kindWorkflow
	case lower == "vercel.json":
		return kindVercel
	case lower == "netlify.toml":
		return kindNetlify
	case yamlExt && (strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose.") || lower == "compose"+ext):
		return kindCompose
	case lower == "wrangler.toml":
		return kindWrangler
	case lower == "fly.toml" || strings.HasPrefix(lower, "fly.") && ext == ".toml":
		return kindFly
	case lower == "app.yaml" || lower == "app.yml":
		return kindAppYAML
	case ext == ".json" && (strings.HasPrefix(lower, "tsconfig") || strings.HasPrefix(lower, "jsconfig")):
		return kindTSConfig
	case base == "package.json" && !strings.Contains("/"+p, "/node_modules/"):
		return kindPackage
	case base == "pnpm-workspace.yaml" || base == "pnpm-workspace.yml":
		return kindPnpmWorkspace
	case lower == "serverless.yml" || lower == "serverless.yaml":
		return kindServerless
	case lower == "template.yaml" || lower == "template.yml":
		return kindSAM
	case base == "manifest.json" && !strings.Contains("/"+p, "/node_modules/"):
		return kindManifest
	case base == "app.json" && !strings.Contains("/"+p, "/node_modules/"):
		return kindExpoApp
	case base == "eas.json" && !strings.Contains("/"+p, "/node_modules/"):
		return kindEAS
	}
	return kindNone
}

// Analyze reads one file and returns its facts (never nil) and findings
// (sorted by rules.Less). path is the slash-separated path findings print;
// it also decides the file kind. Malformed YAML/TOML/JSON yields a note in
// File.Notes naming the problem (never the content) and whatever could be
// read; Analyze never panics.
func (a *Analyzer) Analyze(p string, data []byte) (f *facts.File, out []rules.Finding) {
	k := kindOf(p)
	f = &facts.File{Path: p, Lang: facts.Config}
	if k == kindEnv {
		f.Lang = facts.Env
	}
	r := &reader{path: p, kind: k, file: f, src: data}
	defer func() {
		if v := recover(); v != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("configs: analyzer failed (%T recovered); results are partial", v))
			out = r.sorted()
		}
	}()
	if len(data) >= 3 && string(data[:3]) == "\uFEFF" {
		r.src = data[3:]
		r.bom = 3
	}
	r.index()
	switch k {
	case kindEnv:
		r.envFile()
	case kindWorkflow:
		r.workflow()
	case kindCompose:
		r.compose()
	case kindAppYAML:
		r.appYAML()
	case kindVercel:
		r.vercel()
	case kindNetlify:
		r.netlify()
	case kindWrangler:
		r.wrangler()
	case kindFly:
		r.fly()
	case kindTSConfig:
		r.tsconfig()
	case kindPackage:
		r.packageJSON()
	case kindPnpmWorkspace:
		r.pnpmWorkspace()
	case kindServerless:
		r.serverless()
	case kindSAM:
		r.sam()
	case kindManifest:
		r.extensionManifest()
	case kindExpoApp:
		r.expoApp()
	case kindEAS:
		r.eas()
	}
	return f, r.sorted()
}

// reader holds one file being read.
type reader struct {
	path     string
	kind     kind
	file     *facts.File
	src      []byte // content after any BOM
	bom      int
	lines    []int // byte offset of each line start in src
	findings []rules.Finding
}

func (r *reader) index() {
	r.lines = append(r.lines[:0], 0)
	for i, c := range r.src {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
}

// posAt converts a byte offset in src to a 1-based file position.
func (r *reader) posAt(off int) facts.Pos {
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	col := off - r.lines[i] + 1
	if i == 0 {
		col += r.bom
	}
	return facts.Pos{Line: i + 1, Col: col}
}

// lineText returns line n (1-based) without its newline.
func (r *reader) lineText(n int) string {
	if n < 1 || n > len(r.lines) {
		return ""
	}
	start := r.lines[n-1]
	end := len(r.src)
	if n < len(r.lines) {
		end = r.lines[n] - 1
	}
	return strings.TrimSuffix(string(r.src[start:end]), "\r")
}

// offsetOf converts a 1-based line and a 1-based column counted in runes
// (how yaml.v3 counts) to a byte offset in src.
func (r *reader) offsetOf(line, runeCol int) int {
	if line < 1 || line > len(r.lines) {
		return 0
	}
	off := r.lines[line-1]
	text := r.lineText(line)
	i := 0
	for n := 1; n < runeCol && i < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return off + i
}

func (r *reader) note(format string, args ...any) {
	r.file.Notes = append(r.file.Notes, "configs: "+fmt.Sprintf(format, args...))
}

func (r *reader) sorted() []rules.Finding {
	out := append([]rules.Finding(nil), r.findings...)
	sort.SliceStable(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	return out
}
