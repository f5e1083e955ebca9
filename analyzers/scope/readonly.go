package scope

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// site is one command called on a client, and where.
type site struct {
	path string
	cmd  facts.Command
}

// symbol is an exported name of a module. call is true for a factory
// (facts.Client.Factory): what counts is the commands run on its result.
type symbol struct {
	path, name string
	call       bool
}

// useKey is the facts.Use Local under which an importer's commands on
// binding local count for s: the binding itself, or its call's result.
func (s symbol) useKey(local string) string {
	if s.call {
		return local + "()"
	}
	return local
}

// usage is everything done with one client across the modules that see it.
type usage struct {
	sites     []site
	escaped   bool            // passed, returned or assigned somewhere: may run anything
	escapedIn map[string]bool // the modules where it escapes (or a rate limiter is built)
	importers map[string]bool
	imports   map[string]facts.Pos // where each importer imports it
}

func (u *usage) escape(p string) {
	u.escaped = true
	if u.escapedIn == nil {
		u.escapedIn = map[string]bool{}
	}
	u.escapedIn[p] = true
}

// ReadOnly implements UPS501: a Redis REST client that holds the
// full-access token and on which every command, in its module and in every
// module that imports it (through re-exports too), is a read command a
// read-only token may run. A client used in any other way (facts.Escaped,
// or a rate limiter built in the same module) or never used is not
// reported. Clients that @vercel/kv provides ready-made (`kv`) are one
// shared client per project.
//
// When a shared client (exported, or @vercel/kv's kv) is also used to
// write, each module that uses it for reads only is reported instead, in
// that module: it could hold a second client built from the read-only
// token. A module that writes with the client, passes it on, already uses
// a read-only token, runs in the browser, or is a script or seed file run
// by hand (upstash.IsManualScript) is never reported. Neither is a client
// built in client-side code or from a public-prefixed variable (the fix
// there is UPS202's: move it to the server), nor one whose variable every
// env file of the scan sets to a read-only token. Findings are in module
// order.
func ReadOnly(g *modgraph.Graph) []rules.Finding {
	var out []rules.Finding
	shared := map[string][]*clientAt{}
	var sharedKeys []string
	roEnv := readOnlyEnv(g)
	for _, f := range g.Files() {
		if modgraph.IsTestPath(f.Path) || upstash.IsManualScript(f.Path) {
			continue
		}
		for i := range f.Clients {
			c := &f.Clients[i]
			if c.Product != facts.Redis || !holdsFullToken(c) || browserClient(f, c) || c.Token.Origin == facts.FromEnv && (c.Token.Public || roEnv[c.Token.Env]) {
				continue
			}
			if c.Default && c.SDK == "@vercel/kv" {
				k := g.Index().ProjectRoot(f.Path) + "\x00" + c.SDK
				if shared[k] == nil {
					sharedKeys = append(sharedKeys, k)
				}
				shared[k] = append(shared[k], &clientAt{f, c})
				continue
			}
			u := usage{}
			if buildsLimiter(f) {
				u.escape(f.Path)
			}
			addSites(&u, f.Path, c.Commands)
			names := exportNames(f, c.Var)
			for _, n := range names {
				collectUses(g, symbol{f.Path, n, false}, &u)
			}
			if c.Factory != "" {
				fnames := exportNames(f, c.Factory)
				for _, n := range fnames {
					collectUses(g, symbol{f.Path, n, true}, &u)
				}
				names = append(names, fnames...)
			}
			if fd, ok := readOnlyFinding(f, c, &u, len(names) > 0); ok {
				out = append(out, fd)
				continue
			}
			paths := make([]string, 0, len(u.imports))
			for p := range u.imports {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			for _, p := range paths {
				if fd, ok := moduleFinding(g, f, c, &u, p, u.imports[p]); ok {
					out = append(out, fd)
				}
			}
		}
	}
	for _, k := range sharedKeys {
		group := shared[k]
		u := usage{}
		for _, ca := range group {
			if buildsLimiter(ca.f) {
				u.escape(ca.f.Path)
			}
			addSites(&u, ca.f.Path, ca.c.Commands)
		}
		if fd, ok := readOnlyFinding(group[0].f, group[0].c, &u, true); ok {
			out = append(out, fd)
			continue
		}
		for _, ca := range group {
			if fd, ok := moduleFinding(g, nil, ca.c, &u, ca.f.Path, ca.c.Pos); ok {
				out = append(out, fd)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rules.Compare(out[i], out[j]) < 0 })
	return out
}

// moduleFinding builds the UPS501 finding of module p, which uses the
// shared client c (built in module owner; nil for @vercel/kv's kv) at pos,
// when its own use of c is reads only.
func moduleFinding(g *modgraph.Graph, owner *facts.File, c *facts.Client, u *usage, p string, pos facts.Pos) (rules.Finding, bool) {
	if u.escapedIn[p] || modgraph.IsTestPath(p) || upstash.IsManualScript(p) || usesReadOnly(g, p) || g.File(p) != nil && browserClient(g.File(p), nil) {
		return rules.Finding{}, false
	}
	var mine []site
	for _, s := range u.sites {
		if s.path == p {
			mine = append(mine, s)
		}
	}
	names, ok := readNames(mine)
	if !ok {
		return rules.Finding{}, false
	}
	token, ro := fullTokenWords(c)
	client := "@vercel/kv's kv"
	switch {
	case owner != nil && c.Factory != "":
		client = "returned by " + c.Factory + "() (" + owner.Path + ")"
	case owner != nil:
		client = c.Var + " (" + owner.Path + ")"
	}
	fd := rules.Finding{
		RuleID:   string(rules.ReadOnlyTokenSuffices),
		Severity: rules.Low,
		Path:     p,
		Line:     pos.Line,
		Col:      pos.Col,
		Message: fmt.Sprintf("This module uses the shared Upstash Redis client %s, which holds %s and writes elsewhere, "+
			"only for read commands (%s): a second client built from the read-only token %s would do here",
			client, token, strings.Join(names, ", "), ro),
	}
	addRelated(&fd, mine)
	fd.SetKey("shared client " + c.SDK + " " + c.Var + c.Factory + " reads")
	return fd, true
}

// usesReadOnly reports whether module p already uses a read-only token: it
// builds a client from one, reads a read-only token's env name, or imports
// a module that builds a client from one.
func usesReadOnly(g *modgraph.Graph, p string) bool {
	roClient := func(f *facts.File) bool {
		for i := range f.Clients {
			if f.Clients[i].ReadOnlyToken || f.Clients[i].Token.Origin == facts.FromEnv && upstash.IsReadOnlyEnvName(f.Clients[i].Token.Env) {
				return true
			}
		}
		return false
	}
	f := g.File(p)
	if f == nil {
		return false
	}
	if roClient(f) {
		return true
	}
	for _, r := range f.EnvReads {
		if upstash.IsReadOnlyEnvName(r.Name) && strings.Contains(strings.ToUpper(r.Name), "TOKEN") {
			return true
		}
	}
	for _, e := range g.Imports(p) {
		if t := g.File(e.To); t != nil && roClient(t) {
			return true
		}
	}
	return false
}

// browserClient reports whether client c of module f (nil: the module's
// own code) runs in the browser: a client-side module (an Astro component
// only in its <script>, which c's Browser records; its frontmatter runs on
// the server) or a client built in browser code.
func browserClient(f *facts.File, c *facts.Client) bool {
	if c != nil && c.Browser != facts.NotBrowser {
		return true
	}
	return modgraph.ClientSide(f) && !strings.EqualFold(path.Ext(f.Path), ".astro")
}

// readOnlyEnv returns the variables that every env file of the scan
// setting them to an Upstash credential sets to a read-only one
// (decode-classified): a client taking its token from one holds no
// full-access token, whatever the name says.
func readOnlyEnv(g *modgraph.Graph) map[string]bool {
	out := map[string]bool{}
	for _, f := range g.Files() {
		for _, v := range f.EnvVars {
			if v.Kind == "" || v.Credential.Dev {
				continue
			}
			if ro, seen := out[v.Name]; !seen || ro {
				out[v.Name] = v.Credential.ReadOnly
			}
		}
	}
	return out
}

type clientAt struct {
	f *facts.File
	c *facts.Client
}

// buildsLimiter reports whether f builds a rate limiter: the Redis client
// in scope is then most likely passed to it (`new Ratelimit({ redis })`),
// and @upstash/ratelimit writes. A safety net for facts that do not record
// facts.Escaped.
func buildsLimiter(f *facts.File) bool {
	for _, c := range f.Clients {
		if c.Product == facts.Ratelimit {
			return true
		}
	}
	return false
}

func addSites(u *usage, p string, cmds []facts.Command) {
	for _, c := range cmds {
		if modgraph.Escaped(c.Name) {
			u.escape(p)
			continue
		}
		u.sites = append(u.sites, site{p, c})
	}
}

// holdsFullToken reports whether a Redis client holds the full-access REST
// token: a literal that decodes as one, an env var the SDKs document for it
// (UPSTASH_REDIS_REST_TOKEN, KV_REST_API_TOKEN), or the SDK default
// (Redis.fromEnv(), @vercel/kv's kv, upstash_redis Redis.from_env()), which
// reads those names (UPSTASH.md §2).
func holdsFullToken(c *facts.Client) bool {
	if c.ReadOnlyToken {
		return false
	}
	switch c.Token.Origin {
	case facts.Literal:
		return c.Token.Secret.Kind == upstash.KindRedisToken
	case facts.FromEnv:
		return upstash.IsFullRedisTokenEnvName(c.Token.Env)
	case facts.Absent:
		return c.Default
	}
	return false
}

// exportNames returns the names under which module f exports its binding
// local: `export const redis`, `export { redis as kv }`, `export default
// redis`, CommonJS `module.exports = { redis }`; every module-level name of
// a Python module; "default" for a client the analyzer bound as "default"
// (`export default new Redis(…)`).
func exportNames(f *facts.File, local string) []string {
	if local == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if local == "default" {
		add("default")
	}
	for _, e := range f.Exports {
		if e.From != "" {
			continue
		}
		if e.Local == local || (e.Local == "" && e.Name == local) {
			add(e.Name)
		}
	}
	if modgraph.IsPython(f) {
		add(local)
	}
	return out
}

// collectUses adds to u the commands run on exported symbol start by every
// module that imports it, following re-exports (`export { redis } from`,
// `export *`, and imported names exported again). Each symbol is visited
// once, so import cycles terminate.
func collectUses(g *modgraph.Graph, start symbol, u *usage) {
	if u.importers == nil {
		u.importers = map[string]bool{}
		u.imports = map[string]facts.Pos{}
	}
	seen := map[symbol]bool{start: true}
	work := []symbol{start}
	push := func(s symbol) {
		if !seen[s] {
			seen[s] = true
			work = append(work, s)
		}
	}
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		for _, e := range g.Importers(s.path) {
			imp := g.File(e.From)
			for _, b := range e.Bindings {
				switch {
				case b.Imported == s.name:
					u.importers[e.From] = true
					if _, ok := u.imports[e.From]; !ok {
						u.imports[e.From] = e.Import.Pos
					}
					if b.Local == "" {
						continue
					}
					if s.call && escapes(g.Uses(e.From, b.Local)) {
						u.escape(e.From) // Depends(get_redis), app.use(getRedis): its results go anywhere
					}
					if buildsLimiter(imp) {
						u.escape(e.From)
					}
					addSites(u, e.From, g.Uses(e.From, s.useKey(b.Local)))
					for _, x := range imp.Exports {
						if x.From == "" && (x.Local == b.Local || (x.Local == "" && x.Name == b.Local)) {
							push(symbol{e.From, x.Name, s.call})
						}
					}
				case b.Imported == "*" && b.Local != "":
					if s.call {
						continue // ns.getRedis().get(): not recorded
					}
					for _, c := range g.Uses(e.From, b.Local) {
						head, rest, dotted := strings.Cut(c.Name, ".")
						switch {
						case c.Name == facts.Escaped:
							u.importers[e.From] = true
							u.escape(e.From) // the whole namespace is passed on
						case dotted && head == s.name:
							u.importers[e.From] = true
							addSites(u, e.From, []facts.Command{{Name: rest, Pos: c.Pos}})
						case s.name == "default" && !dotted:
							// CommonJS: `const r = require("./redis")` where
							// module.exports = redis.
							u.importers[e.From] = true
							addSites(u, e.From, []facts.Command{c})
						}
					}
				}
			}
		}
		for _, r := range g.Reexports(s.path) {
			switch {
			case r.Export.Name == "*":
				if s.name != "default" {
					push(symbol{r.File.Path, s.name, s.call})
				}
			case r.Export.Local == s.name || (r.Export.Local == "" && r.Export.Name == s.name):
				push(symbol{r.File.Path, r.Export.Name, s.call})
			}
		}
	}
}

// escapes reports whether cmds hold a facts.Escaped use.
func escapes(cmds []facts.Command) bool {
	for _, c := range cmds {
		if c.Name == facts.Escaped {
			return true
		}
	}
	return false
}

// readOnlyFinding builds the UPS501 finding for client c of module f when
// its usage u is reads only.
func readOnlyFinding(f *facts.File, c *facts.Client, u *usage, shared bool) (rules.Finding, bool) {
	if u.escaped {
		return rules.Finding{}, false
	}
	names, ok := readNames(u.sites)
	if !ok {
		return rules.Finding{}, false
	}

	token, ro := fullTokenWords(c)
	where := "in this module"
	if n := len(u.importers); n > 0 {
		where = fmt.Sprintf("in this module and the %d that import it", n)
		if n == 1 {
			where = "in this module and the one that imports it"
		}
	}
	if c.Default && c.SDK == "@vercel/kv" {
		where = "in the modules upscan read"
	}
	sev := rules.Low
	tail := "the read-only token " + ro + " would do"
	if shared {
		sev = rules.Info
		tail = "the read-only token " + ro + " would do, unless code upscan did not read writes with it"
	}
	fd := rules.Finding{
		RuleID:   string(rules.ReadOnlyTokenSuffices),
		Severity: sev,
		Path:     f.Path,
		Line:     c.Pos.Line,
		Col:      c.Pos.Col,
		Message: fmt.Sprintf("This Upstash Redis client holds %s but only runs read commands %s (%s): %s",
			token, where, strings.Join(names, ", "), tail),
	}
	addRelated(&fd, u.sites)
	if c.Token.Origin == facts.Literal {
		fd.Secret = c.Token.Secret
	}
	fd.SetKey("client " + c.SDK + " " + c.Var + c.Factory + " token " + c.Token.Env)
	return fd, true
}

// readNames returns the sorted command names of sites when every one is a
// read command; ok is false for none or when one is not.
func readNames(sites []site) (names []string, ok bool) {
	if len(sites) == 0 {
		return nil, false
	}
	seen := map[string]bool{}
	for _, s := range sites {
		n := strings.ToLower(s.cmd.Name)
		if !upstash.IsReadCommand(n) {
			return nil, false
		}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, true
}

// addRelated lists the first eight command sites, in path and line order,
// as the finding's related locations.
func addRelated(fd *rules.Finding, sites []site) {
	sites = append([]site(nil), sites...)
	sort.SliceStable(sites, func(i, j int) bool {
		if sites[i].path != sites[j].path {
			return sites[i].path < sites[j].path
		}
		return sites[i].cmd.Pos.Line < sites[j].cmd.Pos.Line
	})
	for i, s := range sites {
		if i == 8 {
			break
		}
		fd.Related = append(fd.Related, rules.Location{Path: s.path, Line: s.cmd.Pos.Line, Col: s.cmd.Pos.Col, Message: strings.ToLower(s.cmd.Name) + " (read)"})
	}
}

// fullTokenWords describes the full token a client holds and names the
// read-only counterpart to use instead.
func fullTokenWords(c *facts.Client) (token, readOnly string) {
	env := c.Token.Env
	switch {
	case c.Token.Origin == facts.Literal:
		return "a hardcoded full-access token", "of the database"
	case c.Token.Origin == facts.Absent && c.SDK == "@vercel/kv":
		env = "KV_REST_API_TOKEN"
	case c.Token.Origin == facts.Absent:
		env = "UPSTASH_REDIS_REST_TOKEN"
	}
	ro := "(UPSTASH_REDIS_REST_READ_ONLY_TOKEN)"
	if strings.Contains(strings.ToUpper(env), "KV_REST_API_TOKEN") {
		ro = "(KV_REST_API_READ_ONLY_TOKEN)"
	}
	return "the full-access token (" + env + ")", ro
}

// ImporterKeywords returns words that every import of a module exporting a
// full-token Upstash Redis client must contain: the module's file name
// without extension ("redis" for lib/redis.ts, the directory name for an
// index file). UPS501 needs every module that imports such a client, and a
// module that only calls `redis.get` may not match the keyword prefilter; a
// scan can search its unparsed JS/TS/Python files for these words and parse
// the matches before Analyze. Sorted, without duplicates.
func ImporterKeywords(files []*facts.File) []string {
	seen := map[string]bool{}
	for _, f := range files {
		if f == nil {
			continue
		}
		for i := range f.Clients {
			c := &f.Clients[i]
			if c.Product != facts.Redis || !holdsFullToken(c) || len(exportNames(f, c.Var))+len(exportNames(f, c.Factory)) == 0 {
				continue
			}
			p, ok := modgraph.CleanPath(f.Path)
			if !ok {
				continue
			}
			stem := strings.TrimSuffix(baseName(p), extOf(p))
			if stem == "index" || stem == "__init__" {
				stem = baseName(modgraph.ParentDir(p))
			}
			if stem != "" {
				seen[stem] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func baseName(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

func extOf(p string) string {
	b := baseName(p)
	if i := strings.LastIndexByte(b, '.'); i > 0 {
		return b[i:]
	}
	return ""
}
