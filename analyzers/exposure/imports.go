package exposure

import (
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
	via := map[string]hop{}
	var queue []string
	for _, f := range g.Files() {
		if modgraph.ClientSide(f) {
			via[f.Path] = hop{}
			queue = append(queue, f.Path)
		}
	}
	roots := len(queue)
	for i := 0; i < len(queue); i++ {
		u := queue[i]
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
			queue = append(queue, e.To)
		}
	}
	var out []rules.Finding
	for _, p := range queue[roots:] {
		out = append(out, Reached(hops(g, chain(via, p)), g.File(p))...)
	}
	// Modules no client-side code bundles: public token variables read
	// there are still a finding, at a lower severity.
	for _, f := range g.Files() {
		if _, reached := via[f.Path]; !reached {
			out = append(out, serverReads(f)...)
		}
	}
	return out
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
