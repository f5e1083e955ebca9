//go:build cgo

// Package treesitter owns how upscan runs tree-sitter for the JS/TS and Python
// front-ends: parsing under a deterministic budget with recovery, node kind and
// field tables per grammar, and source positions.
//
// Parsing goes through the tree-sitter C API linked by
// github.com/tree-sitter/go-tree-sitter v0.25.0 rather than its Parser type, so
// that the budget is counted in C without a Go callback per check and without
// the registry entry the binding's ParseOptions leaves behind on every parse;
// the resulting tree is an ordinary *tree_sitter.Tree.
package treesitter

import (
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// ErrorKind is the node kind ID of ERROR nodes (ts_builtin_sym_error). It
// lies outside the tables Kinds builds.
const ErrorKind = 0xFFFF

// Grammar is one tree-sitter language ready to parse: the language and a
// pool of parsers for it. Build it with Load; it is safe for concurrent use.
type Grammar struct {
	name string
	lang *ts.Language
	pool chan unsafe.Pointer // idle TSParser pointers
}

// Load checks that lang can be parsed with (its ABI version is one
// go-tree-sitter v0.25.0 supports) and returns it as a Grammar. name names
// the grammar in errors ("python", "typescript"). The first Load also makes
// tree-sitter allocate with the C library directly, process-wide.
func Load(name string, lang *ts.Language) (*Grammar, error) {
	if err := checkLayout(); err != nil {
		return nil, fmt.Errorf("tree-sitter %s: %w", name, err)
	}
	useLibcAllocator()
	if lang == nil || lang.Inner == nil {
		return nil, fmt.Errorf("tree-sitter %s: no language", name)
	}
	if v := lang.AbiVersion(); v < ts.MIN_COMPATIBLE_LANGUAGE_VERSION || v > ts.LANGUAGE_VERSION {
		return nil, fmt.Errorf("tree-sitter %s: grammar ABI version %d, go-tree-sitter supports %d to %d",
			name, v, ts.MIN_COMPATIBLE_LANGUAGE_VERSION, ts.LANGUAGE_VERSION)
	}
	g := &Grammar{name: name, lang: lang, pool: make(chan unsafe.Pointer, runtime.GOMAXPROCS(0)*2)}
	runtime.AddCleanup(g, drain, g.pool)
	// The tree a parse returns must be the binding's Tree for this language.
	t, _, err := g.Parse(nil, 1)
	if err != nil {
		return nil, fmt.Errorf("tree-sitter %s: %w", name, err)
	}
	ok := t.Language().Inner == lang.Inner
	t.Close()
	if !ok {
		return nil, fmt.Errorf("tree-sitter %s: parsed tree reports another language", name)
	}
	return g, nil
}

// Name is the name the grammar was loaded with.
func (g *Grammar) Name() string { return g.name }

// Language is the grammar's tree-sitter language.
func (g *Grammar) Language() *ts.Language { return g.lang }

// Close frees the pooled parsers. Parsing afterwards still works (it makes
// new parsers); a Grammar that is dropped frees its pool when collected.
func (g *Grammar) Close() { drain(g.pool) }

// Kinds builds a table indexed by node kind ID whose entry id is f(name,
// named) for that kind's name and whether it is a named node. Several IDs
// may share a name (aliases), so names decide, not IdForNodeKind. Build it
// once per grammar: comparing kind IDs avoids a cgo string conversion per
// node. ERROR nodes have ID ErrorKind, outside the table.
func Kinds[T any](g *Grammar, f func(name string, named bool) T) []T {
	n := g.lang.NodeKindCount()
	t := make([]T, n)
	for id := uint32(0); id < n; id++ {
		t[id] = f(g.lang.NodeKindForId(uint16(id)), g.lang.NodeKindIsNamed(uint16(id)))
	}
	return t
}

// Fields builds a table indexed by field ID whose entry id is names[the
// field's name], the zero value for fields not in names. ID 0 means "no
// field" and always maps to the zero value.
func Fields[T any](g *Grammar, names map[string]T) []T {
	n := g.lang.FieldCount()
	t := make([]T, n+1)
	for id := uint32(1); id <= n; id++ {
		t[id] = names[g.lang.FieldNameForId(uint16(id))]
	}
	return t
}

// checkLayout verifies that go-tree-sitter's Tree is a single pointer (to a
// TSTree), which is how Parse hands a tree parsed through the C API back as
// a *ts.Tree.
var checkLayout = sync.OnceValue(func() error {
	tt := reflect.TypeFor[ts.Tree]()
	if tt.NumField() != 1 || tt.Field(0).Type.Kind() != reflect.Pointer || tt.Size() != unsafe.Sizeof(uintptr(0)) {
		return fmt.Errorf("go-tree-sitter's Tree is not a single TSTree pointer (binding version changed?)")
	}
	return nil
})

// wrapTree returns the binding's Tree for a TSTree pointer.
func wrapTree(p unsafe.Pointer) *ts.Tree {
	t := new(ts.Tree)
	*(*unsafe.Pointer)(unsafe.Pointer(t)) = p
	return t
}
