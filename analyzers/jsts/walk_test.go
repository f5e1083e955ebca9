//go:build cgo

package jsts

import (
	"math"
	"strings"
	"testing"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// mirrorGo is the C walk (mirrorC) written against the binding's cursor
// API: the reference the C walk is tested against.
func (tr *tree) mirrorGo(g *grammar, t *ts.Tree) {
	c := t.Walk()
	defer c.Close()
	var se synErr
	stack := []int32{-1}
	last := []int32{-1}
	for {
		n := c.Node()
		id := n.KindId()
		var info kindInfo
		if id == 0xFFFF {
			info = kindInfo{kind: kError, keep: true}
		} else if int(id) < len(g.kinds) {
			info = g.kinds[id]
		}
		var f field
		if fid := c.FieldId(); int(fid) < len(g.fields) {
			f = g.fields[fid]
		}
		descend := false
		if info.keep || f != fNone {
			sp := n.StartPosition()
			idx := int32(len(tr.nodes))
			parent := stack[len(stack)-1]
			tr.nodes = append(tr.nodes, node{kind: info.kind, field: f, start: uint32(n.StartByte()), end: uint32(n.EndByte()),
				row: uint32(sp.Row), col: uint32(sp.Column), parent: parent, first: -1, next: -1})
			if prev := last[len(last)-1]; prev >= 0 {
				tr.nodes[prev].next = idx
			} else if parent >= 0 {
				tr.nodes[parent].first = idx
			}
			last[len(last)-1] = idx
			if id == 0xFFFF || n.IsMissing() {
				if se.count == 0 {
					se.row, se.col = uint32(sp.Row), uint32(sp.Column)
				}
				se.count++
			}
			if c.GotoFirstChild() {
				descend = true
				stack = append(stack, idx)
				last = append(last, -1)
			}
		} else if n.IsMissing() {
			if se.count == 0 {
				sp := n.StartPosition()
				se.row, se.col = uint32(sp.Row), uint32(sp.Column)
			}
			se.count++
		}
		if descend {
			continue
		}
		for !c.GotoNextSibling() {
			if len(stack) == 1 || !c.GotoParent() {
				tr.errors = append(tr.errors, se)
				return
			}
			stack = stack[:len(stack)-1]
			last = last[:len(last)-1]
		}
	}
}

// TestWalkMatchesBinding checks the C walk against the same walk done
// through the Go binding's cursor API, on every fixture file and on broken
// input: same nodes, kinds, fields, ranges, positions and links.
func TestWalkMatchesBinding(t *testing.T) {
	a := newTestAnalyzer(t)
	inputs := fixtureInputs(t)
	inputs = append(inputs,
		input{path: "broken.ts", data: []byte("import { a } from 'b';\nfunction f( {\n  return 1 +;\n}\nconst x = new Redis({ url: 'u' });\n")},
		input{path: "missing.js", data: []byte("const a = (1 + 2;\n")},
		// Only named nodes: the first attempt's room is too small (retry).
		input{path: "comments.js", data: []byte(strings.Repeat("// note\n", 1000))},
	)
	for _, in := range inputs {
		blocks, _ := plan(in.path, in.data)
		for _, b := range blocks {
			g := a.grammars[b.gram]
			parsed, _, err := g.ts.Parse(in.data[b.start:b.end], math.MaxInt32)
			if err != nil {
				t.Fatal(err)
			}
			var viaC, viaGo tree
			if complete, err := viaC.mirrorC(g, parsed, math.MaxInt32); err != nil || !complete {
				t.Fatalf("%s: mirror complete %v, err %v", in.path, complete, err)
			}
			viaGo.mirrorGo(g, parsed)
			parsed.Close()
			if len(viaC.nodes) != len(viaGo.nodes) {
				t.Errorf("%s: C walk %d nodes, binding %d", in.path, len(viaC.nodes), len(viaGo.nodes))
				continue
			}
			for i := range viaC.nodes {
				if viaC.nodes[i] != viaGo.nodes[i] {
					t.Errorf("%s: node %d: C %+v, binding %+v", in.path, i, viaC.nodes[i], viaGo.nodes[i])
					break
				}
			}
			if ce, ge := viaC.errors[0], viaGo.errors[0]; ce != ge {
				t.Errorf("%s: errors C %+v, binding %+v", in.path, ce, ge)
			}
		}
	}
}
