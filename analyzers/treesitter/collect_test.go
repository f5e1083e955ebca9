//go:build cgo

package treesitter

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// TestCollectMatchesWalk checks that Collect visits what Walk visits, keeps
// the nodes whose kind has a class, stops at the same node under a budget,
// and that StartByte and StartPoint read what the binding returns.
func TestCollectMatchesWalk(t *testing.T) {
	for _, name := range []string{"python", "javascript"} {
		g := load(t, name)
		// Every third kind ID is of interest, and ERROR nodes.
		classes := Kinds(g, func(string, bool) uint8 { return 0 })
		for id := range classes {
			if id%3 == 0 {
				classes[id] = uint8(id%7 + 1)
			}
		}
		srcs := samples[name]
		if name == "python" {
			// Real code of this repository's testdata, when present.
			files, _ := filepath.Glob("../python/testdata/*/*/*.py")
			for _, f := range files {
				if b, err := os.ReadFile(f); err == nil {
					srcs = append(srcs, string(b))
				}
			}
		}
		for i, src := range srcs {
			tree, _, err := g.Parse([]byte(src), math.MaxInt32)
			if err != nil {
				continue
			}
			root := tree.RootNode()
			total, _ := Walk(root, math.MaxInt, func(*ts.Node) bool { return true })
			for _, budget := range []int{math.MaxInt, total, total - 1, total / 2, 1, 0} {
				var want []ts.Node
				var wantClasses []uint8
				var last *ts.Node
				visited, complete := Walk(root, budget, func(n *ts.Node) bool {
					last = n
					if id := int(n.KindId()); id < len(classes) && classes[id] != 0 {
						want = append(want, *n)
						wantClasses = append(wantClasses, classes[id])
					}
					if StartByte(n) != n.StartByte() || StartPoint(n) != n.StartPosition() {
						t.Fatalf("%s sample %d: StartByte/StartPoint %d %v, binding %d %v", name, i, StartByte(n), StartPoint(n), n.StartByte(), n.StartPosition())
					}
					return true
				})
				got, err := Collect(root, budget, classes)
				if err != nil {
					t.Fatal(err)
				}
				if got.Visited != visited || got.Complete != complete || len(got.Nodes) != len(want) {
					t.Fatalf("%s sample %d budget %d: Collect visited %d complete %v kept %d; Walk %d %v %d",
						name, i, budget, got.Visited, got.Complete, len(got.Nodes), visited, complete, len(want))
				}
				for j := range want {
					if got.Nodes[j].Id() != want[j].Id() || got.Nodes[j].KindId() != want[j].KindId() || got.Classes[j] != wantClasses[j] ||
						got.Nodes[j].StartByte() != want[j].StartByte() || got.Nodes[j].EndByte() != want[j].EndByte() {
						t.Fatalf("%s sample %d budget %d: node %d differs", name, i, budget, j)
					}
				}
				if (last == nil) != (got.Last == nil) || last != nil && last.Id() != got.Last.Id() {
					t.Fatalf("%s sample %d budget %d: last node differs", name, i, budget)
				}
			}
			tree.Close()
		}
	}
}

// TestFirstError checks FirstError against Walk testing every node.
func TestFirstError(t *testing.T) {
	for _, name := range []string{"python", "javascript"} {
		g := load(t, name)
		found := 0
		srcs := append([]string{"def f(:\n  pass\n", "x = (1,\n", "if x\n  y = [1, 2\n", "let a = ;\n", "f(a b c\n"}, samples[name]...)
		for i, src := range srcs {
			tree, _, err := g.Parse([]byte(src), math.MaxInt32)
			if err != nil {
				continue
			}
			var want *ts.Node
			Walk(tree.RootNode(), math.MaxInt, func(n *ts.Node) bool {
				if n.IsError() || n.IsMissing() {
					want = n
				}
				return want == nil
			})
			got := FirstError(tree.RootNode())
			if got != nil {
				found++
			}
			if (got == nil) != (want == nil) || got != nil && got.Id() != want.Id() {
				t.Errorf("%s sample %d: FirstError %v, Walk %v", name, i, got, want)
			}
			tree.Close()
		}
		if found < 3 {
			t.Errorf("%s: only %d samples with a syntax error", name, found)
		}
	}
}
