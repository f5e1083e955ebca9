package exposure

import (
	"fmt"
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
)

// hop is how the client-side walk reached a module: through edge e of module prev.
type hop struct {
	prev string
	e    *modgraph.Edge
}

// Imports decides UPS202 across modules: a breadth-first walk from every
// client-side file (sorted, so the chain reported is the shortest one from
// the first root that reaches the module) over imports that bundle code (not
// type-only, not from an .astro frontmatter), not entering server-only
// modules. Every module reached that is not itself client-side
// (File reports those) goes to Reached with its chain,
// which decides; every module not reached goes to serverReads.
func Imports(g *modgraph.Graph) []rules.Finding {
	via, order, roots := walkClient(g)
	ro := readOnlyValues(g)
	var out []rules.Finding
	for _, p := range order[roots:] {
		out = append(out, reached(hops(g, chain(via, p)), g.File(p), ro)...)
	}
	// Modules no client-side code bundles: public token variables read
	// there are still a finding, at a lower severity.
	for _, f := range g.Files() {
		if _, reached := via[f.Path]; !reached {
			out = append(out, serverReads(f, ro)...)
		}
	}
	out = append(out, runtimeConfigReads(g, via)...)
	// Public variables whose value an env file shows to be a credential,
	// where nothing above (nor File) reported the place already.
	values := envValues(g)
	if len(values) == 0 {
		return out
	}
	taken := map[string]bool{}
	place := func(p string, line, col int) string { return fmt.Sprintf("%s:%d:%d", p, line, col) }
	for _, fd := range out {
		taken[place(fd.Path, fd.Line, fd.Col)] = true
	}
	for _, f := range g.Files() {
		for _, fd := range clientCode(f) {
			taken[place(fd.Path, fd.Line, fd.Col)] = true
		}
		_, reached := via[f.Path]
		for _, fd := range valueReads(f, values, reached) {
			if !taken[place(fd.Path, fd.Line, fd.Col)] {
				out = append(out, fd)
			}
		}
	}
	return out
}

// walkClient is the breadth-first walk of Imports: how each module that
// client-side code bundles was reached (roots have a zero hop), the
// modules in the order reached, and how many of them are roots.
func walkClient(g *modgraph.Graph) (via map[string]hop, order []string, roots int) {
	via = map[string]hop{}
	for _, f := range g.Files() {
		if modgraph.ClientSide(f) {
			via[f.Path] = hop{}
			order = append(order, f.Path)
		}
	}
	roots = len(order)
	for i := 0; i < len(order); i++ {
		u := order[i]
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
			order = append(order, e.To)
		}
	}
	return via, order, roots
}

// ClientFiles returns the modules whose code runs in the browser or on the
// user's device, each with why: client-side files by their own marks
// ("use client", a component, a static script, a React Native module, an
// HTML page), and the modules they bundle through imports (the chain).
// Astro components are left out: their frontmatter runs on the server, and
// what their <script> elements import is in the map. Literals decides from it.
func ClientFiles(g *modgraph.Graph) map[string]string {
	via, order, roots := walkClient(g)
	out := make(map[string]string, len(order))
	for i, p := range order {
		f := g.File(p)
		if i < roots {
			if strings.EqualFold(path.Ext(p), ".astro") {
				continue
			}
			why, _ := browserWhy(f, pageBrowser(f), "")
			switch {
			case why != "":
			case path.Base(p) == "app.json":
				why = "Expo app config, built into the app on every device"
			case path.Base(p) == "manifest.json":
				why = "browser extension manifest"
			default:
				why = "client-side file"
			}
			out[p] = why
			continue
		}
		out[p] = "run by client-side code: " + routeText(hops(g, chain(via, p)))
	}
	return out
}

// pageBrowser is the browser convention of a client-side file: a
// component or page by its extension, else as its facts record it (the
// first one a client or env read carries).
func pageBrowser(f *facts.File) facts.Browser {
	switch strings.ToLower(path.Ext(f.Path)) {
	case ".html", ".htm":
		return facts.HTMLPage
	case ".svelte":
		return facts.SvelteComponent
	case ".vue":
		return facts.VueComponent
	}
	for _, c := range f.Clients {
		if c.Browser != facts.NotBrowser {
			return c.Browser
		}
	}
	for _, e := range f.EnvReads {
		if e.Browser != facts.NotBrowser {
			return e.Browser
		}
	}
	return facts.NotBrowser
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

// hops converts a chain of import edges for analyzers/exposure.
func hops(g *modgraph.Graph, chain []*modgraph.Edge) []Hop {
	out := make([]Hop, len(chain))
	for i, e := range chain {
		from := g.File(e.From)
		out[i] = Hop{From: e.From, To: e.To, Spec: e.Import.Spec, Pos: e.Import.Pos, UseClient: from != nil && from.Directive == "use client"}
	}
	return out
}
