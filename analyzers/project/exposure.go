package project

import (
	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// hop is how the client-side walk reached a module: through edge e of module prev.
type hop struct {
	prev string
	e    *edge
}

// exposure finds the modules that client-side code bundles, for UPS202
// across modules: a breadth-first walk from every client-side file (sorted,
// so the chain reported is the shortest one from the first root that
// reaches the module) over imports that bundle code (not type-only, not
// from an .astro frontmatter), not entering server-only modules. Every
// module reached that is not itself client-side (exposure.File reports
// those) goes to exposure.Reached with its chain, which decides.
func (g *graph) exposure() []rules.Finding {
	via := map[string]hop{}
	var queue []string
	for _, f := range g.files {
		if clientSide(f) {
			via[f.Path] = hop{}
			queue = append(queue, f.Path)
		}
	}
	roots := len(queue)
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		edges := g.out[u]
		for ei := range edges {
			e := &edges[ei]
			if e.imp.TypeOnly || e.imp.ServerOnly {
				continue // erased, or imported by the server part (.astro frontmatter)
			}
			if _, seen := via[e.to]; seen {
				continue
			}
			f := g.byPath[e.to]
			if f == nil || serverOnly(f) {
				continue
			}
			via[e.to] = hop{prev: u, e: e}
			queue = append(queue, e.to)
		}
	}
	var out []rules.Finding
	for _, p := range queue[roots:] {
		out = append(out, exposure.Reached(g.hops(g.chain(via, p)), g.byPath[p])...)
	}
	return out
}

// chain returns the edges from a client-side root to module p, root first.
func (g *graph) chain(via map[string]hop, p string) []*edge {
	var rev []*edge
	for h := via[p]; h.e != nil; h = via[h.prev] {
		rev = append(rev, h.e)
		if len(rev) > len(via) { // cannot happen: via is a BFS tree
			break
		}
	}
	out := make([]*edge, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// hops converts a chain of import edges for analyzers/exposure.
func (g *graph) hops(chain []*edge) []exposure.Hop {
	out := make([]exposure.Hop, len(chain))
	for i, e := range chain {
		from := g.byPath[e.from]
		out[i] = exposure.Hop{From: e.from, To: e.to, Spec: e.imp.Spec, Pos: e.imp.Pos, UseClient: from != nil && from.Directive == "use client"}
	}
	return out
}

// productName names a client for messages: "an Upstash Redis client".
func productName(c *facts.Client) string { return upstash.ClientNoun(c.Product) }
