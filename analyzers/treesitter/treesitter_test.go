//go:build cgo

package treesitter

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	ts "github.com/tree-sitter/go-tree-sitter"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"

	"github.com/upscan/upscan/analyzers/facts"
)

func load(t testing.TB, name string) *Grammar {
	t.Helper()
	var lang *ts.Language
	switch name {
	case "python":
		lang = ts.NewLanguage(tspython.Language())
	case "javascript":
		lang = ts.NewLanguage(tsjs.Language())
	}
	g, err := Load(name, lang)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	return g
}

// bindingSexp parses src with the binding's own Parser (the reference),
// only src[start:end] when end > 0.
func bindingSexp(t *testing.T, g *Grammar, src []byte, start, end int) string {
	t.Helper()
	p := ts.NewParser()
	defer p.Close()
	if err := p.SetLanguage(g.Language()); err != nil {
		t.Fatal(err)
	}
	if end > 0 {
		l := NewLines(src, 0)
		if err := p.SetIncludedRanges([]ts.Range{{StartByte: uint(start), EndByte: uint(end), StartPoint: l.Point(start), EndPoint: l.Point(end)}}); err != nil {
			t.Fatal(err)
		}
	}
	tree := p.Parse(src, nil)
	defer tree.Close()
	return tree.RootNode().ToSexp()
}

var samples = map[string][]string{
	"python": {
		"",
		"import redis\nr = redis.Redis(host='h', ssl=True)\n",
		"def f(:\n  pass\n",
		"x = " + strings.Repeat("(", 500) + "1" + strings.Repeat(")", 500) + "\n",
		"\x00\xff\xfe garbage ((( [[ \n",
	},
	"javascript": {
		"const a = new Redis({ url: process.env.U, token: 'x' });\n",
		"function f( {\n return 1 +;\n}\n",
		"x = `${a}${`${b}`}`;\n",
	},
}

// TestParseMatchesBinding checks that Parse and ParseRange build the same
// trees as the binding's Parser.
func TestParseMatchesBinding(t *testing.T) {
	for name, srcs := range samples {
		g := load(t, name)
		for _, s := range srcs {
			src := []byte(s)
			tree, _, err := g.Parse(src, math.MaxInt32)
			if err != nil {
				t.Fatalf("%s %q: %v", name, s, err)
			}
			if got, want := tree.RootNode().ToSexp(), bindingSexp(t, g, src, 0, 0); got != want {
				t.Errorf("%s %q:\n got %s\nwant %s", name, s, got, want)
			}
			tree.Close()
		}
	}
	g := load(t, "javascript")
	src := []byte("<p>\n<script>\nconst a = new Redis();\n</script>\n")
	start, end := strings.Index(string(src), "const"), strings.Index(string(src), "</script>")
	tree, _, err := g.ParseRange(src, NewLines(src, 0), start, end, math.MaxInt32)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	root := tree.RootNode()
	if got, want := root.ToSexp(), bindingSexp(t, g, src, start, end); got != want {
		t.Errorf("range:\n got %s\nwant %s", got, want)
	}
	if p := root.StartPosition(); root.StartByte() != uint(start) || p.Row != 2 || p.Column != 0 {
		t.Errorf("range root starts at byte %d, %d:%d; want byte %d, 2:0", root.StartByte(), p.Row, p.Column, start)
	}
	if _, _, err := g.ParseRange(src, NewLines(src, 0), end, start, 10); err == nil {
		t.Error("ParseRange accepted an inverted range")
	}
}

// TestParseBudget checks the step budget: the count is the same on every
// parse, a parse within it succeeds, one step less stops it with ErrBudget,
// and the parser is fit for the next parse afterwards.
func TestParseBudget(t *testing.T) {
	g := load(t, "python")
	src := []byte("x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "\n")
	tree, need, err := g.Parse(src, math.MaxInt32)
	if err != nil {
		t.Fatal(err)
	}
	want := tree.RootNode().ToSexp()
	tree.Close()
	if need < 100 {
		t.Fatalf("the parse took %d steps; the input is too small for this test", need)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				tree, steps, err := g.Parse(src, need)
				if err != nil || steps != need {
					t.Errorf("budget %d: steps %d, err %v; want the same steps, no error", need, steps, err)
					return
				}
				tree.Close()
				tree, steps, err = g.Parse(src, need-1)
				if !errors.Is(err, ErrBudget) || tree != nil || steps != need {
					t.Errorf("budget %d: tree %v, steps %d, err %v; want ErrBudget after %d steps", need-1, tree != nil, steps, err, need)
					return
				}
				tree, _, err = g.Parse(src, need)
				if err != nil {
					t.Error(err)
					return
				}
				if got := tree.RootNode().ToSexp(); got != want {
					t.Error("a parse after a stopped one built another tree")
				}
				tree.Close()
			}
		}()
	}
	wg.Wait()
}

// TestTables checks Kinds and Fields against the language's names.
func TestTables(t *testing.T) {
	g := load(t, "python")
	lang := g.Language()
	kinds := Kinds(g, func(name string, named bool) string {
		if named {
			return name
		}
		return ""
	})
	if len(kinds) != int(lang.NodeKindCount()) {
		t.Fatalf("%d kinds, want %d", len(kinds), lang.NodeKindCount())
	}
	id := lang.IdForNodeKind("call", true)
	if kinds[id] != "call" {
		t.Errorf("kind %d = %q, want call", id, kinds[id])
	}
	fields := Fields(g, map[string]int{"function": 1, "arguments": 2})
	if len(fields) != int(lang.FieldCount())+1 || fields[0] != 0 {
		t.Fatalf("fields table of %d, want %d with 0 at ID 0", len(fields), lang.FieldCount()+1)
	}
	if f := fields[lang.FieldIdForName("function")]; f != 1 {
		t.Errorf("field function = %d, want 1", f)
	}
	if f := fields[lang.FieldIdForName("body")]; f != 0 {
		t.Errorf("field body = %d, want 0", f)
	}
}

// TestLines checks offset-to-position conversion, with and without a BOM.
func TestLines(t *testing.T) {
	src := []byte("ab\ncd\n\nxyz")
	l := NewLines(src, 0)
	for off, want := range map[int]facts.Pos{
		0: {Line: 1, Col: 1}, 2: {Line: 1, Col: 3}, 3: {Line: 2, Col: 1}, 6: {Line: 3, Col: 1},
		7: {Line: 4, Col: 1}, 9: {Line: 4, Col: 3}, 10: {Line: 4, Col: 4}, -1: {Line: 1, Col: 1},
	} {
		if got := l.Pos(off); got != want {
			t.Errorf("Pos(%d) = %+v, want %+v", off, got, want)
		}
	}
	if got, want := l.End(3, 7), (facts.Pos{Line: 3, Col: 1}); got != want {
		t.Errorf("End(3, 7) = %+v, want %+v", got, want)
	}
	if got, want := l.End(4, 4), (facts.Pos{Line: 2, Col: 2}); got != want {
		t.Errorf("End(4, 4) = %+v, want %+v", got, want)
	}
	if got, want := l.Point(4), (ts.Point{Row: 1, Column: 1}); got != want {
		t.Errorf("Point(4) = %+v, want %+v", got, want)
	}
	bom := NewLines(src, 3)
	if got, want := bom.Pos(1), (facts.Pos{Line: 1, Col: 5}); got != want {
		t.Errorf("with BOM: Pos(1) = %+v, want %+v", got, want)
	}
	if got, want := bom.Pos(4), (facts.Pos{Line: 2, Col: 2}); got != want {
		t.Errorf("with BOM: Pos(4) = %+v, want %+v", got, want)
	}
	if got, want := bom.Point(1), (ts.Point{Row: 0, Column: 1}); got != want {
		t.Errorf("with BOM: Point(1) = %+v, want %+v (the parser's coordinates)", got, want)
	}
}

// TestWalk checks the order, the node budget and stopping from fn.
func TestWalk(t *testing.T) {
	g := load(t, "python")
	tree, _, err := g.Parse([]byte("a = b(c)\n"), math.MaxInt32)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	var kinds []string
	n, complete := Walk(tree.RootNode(), math.MaxInt, func(n *ts.Node) bool {
		if n.IsNamed() {
			kinds = append(kinds, n.Kind())
		}
		return true
	})
	if got := strings.Join(kinds, " "); got != "module expression_statement assignment identifier call identifier argument_list identifier" || !complete {
		t.Errorf("named nodes %q, complete %v", got, complete)
	}
	if total := int(tree.RootNode().DescendantCount()); n != total {
		t.Errorf("visited %d nodes, the tree has %d", n, total)
	}
	if n, complete := Walk(tree.RootNode(), 3, func(*ts.Node) bool { return true }); n != 3 || complete {
		t.Errorf("budget 3: visited %d, complete %v", n, complete)
	}
	if n, complete := Walk(tree.RootNode(), 100, func(n *ts.Node) bool { return n.Kind() != "call" }); n != 6 || complete {
		t.Errorf("stop at call: visited %d, complete %v", n, complete)
	}
}

// TestLoad checks that a missing language is an error naming the grammar.
func TestLoad(t *testing.T) {
	if _, err := Load("nothing", nil); err == nil || !strings.Contains(err.Error(), "nothing") {
		t.Errorf("Load(nil) error = %v", err)
	}
}
