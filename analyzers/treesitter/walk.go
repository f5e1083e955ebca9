//go:build cgo

package treesitter

import ts "github.com/tree-sitter/go-tree-sitter"

// Walk calls fn for root and every node under it in document order
// (pre-order), without recursion so that deep nesting cannot exhaust the
// stack. It stops after maxNodes nodes, or when fn returns false. It returns
// the number of nodes visited and whether the walk reached the end of the
// tree: false when the budget or fn stopped it.
func Walk(root *ts.Node, maxNodes int, fn func(*ts.Node) bool) (visited int, complete bool) {
	c := root.Walk()
	defer c.Close()
	for {
		if visited >= maxNodes {
			return visited, false
		}
		visited++
		if !fn(c.Node()) {
			return visited, false
		}
		if c.GotoFirstChild() {
			continue
		}
		for !c.GotoNextSibling() {
			if !c.GotoParent() {
				return visited, true
			}
		}
	}
}
