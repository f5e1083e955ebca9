//go:build cgo

package jsts

// The mirror walk runs in C: one cgo call copies the nodes the analysis
// needs out of a tree-sitter tree, instead of half a dozen cgo calls per
// node through the Go binding (which cost as much as the parse itself).
// The declarations below are the tree-sitter 0.25 C API (tree_sitter/api.h)
// as linked by github.com/tree-sitter/go-tree-sitter, whose Node type is
// documented as C-compatible (a TSNode). TestWalkMatchesBinding checks this
// walk against one done through the binding.

/*
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct { uint32_t row; uint32_t column; } jsts_point;
typedef struct { uint32_t context[4]; const void *id; const void *tree; } jsts_ts_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } jsts_ts_cursor;

extern jsts_ts_cursor ts_tree_cursor_new(jsts_ts_node node);
extern void ts_tree_cursor_delete(jsts_ts_cursor *self);
extern bool ts_tree_cursor_goto_first_child(jsts_ts_cursor *self);
extern bool ts_tree_cursor_goto_next_sibling(jsts_ts_cursor *self);
extern bool ts_tree_cursor_goto_parent(jsts_ts_cursor *self);
extern jsts_ts_node ts_tree_cursor_current_node(const jsts_ts_cursor *self);
extern uint16_t ts_tree_cursor_current_field_id(const jsts_ts_cursor *self);
extern uint16_t ts_node_symbol(jsts_ts_node self);
extern uint32_t ts_node_start_byte(jsts_ts_node self);
extern uint32_t ts_node_end_byte(jsts_ts_node self);
extern jsts_point ts_node_start_point(jsts_ts_node self);
extern bool ts_node_is_missing(jsts_ts_node self);
extern bool ts_node_is_error(jsts_ts_node self);
extern uint32_t ts_node_descendant_count(jsts_ts_node self);

// jsts_node is the Go type node, field for field.
typedef struct {
	uint8_t kind;
	uint8_t field;
	uint32_t start, end;
	uint32_t row, col;
	int32_t parent, first, next;
} jsts_node;

static const size_t jsts_layout[] = {
	sizeof(jsts_node), offsetof(jsts_node, kind), offsetof(jsts_node, field), offsetof(jsts_node, start),
	offsetof(jsts_node, end), offsetof(jsts_node, row), offsetof(jsts_node, col), offsetof(jsts_node, parent),
	offsetof(jsts_node, first), offsetof(jsts_node, next),
};
static size_t jsts_layout_at(int i) { return jsts_layout[i]; }

typedef struct {
	int32_t count;     // nodes written
	int32_t errors;    // ERROR and missing nodes
	uint32_t err_row, err_col;
	int32_t overflow;  // 1 when out was too small
} jsts_walk_result;

// jsts_walk copies the kept nodes under root into out (capacity cap) in
// pre-order; when out is full it stops with overflow set, and the nodes
// written are a consistent prefix of the tree. kinds maps a symbol to its
// kind and keep bit (bit 7); fields maps a field ID to its field. A node is
// kept when its symbol's keep bit is set or it has a field the analysis
// reads. Children of dropped nodes are not visited (dropped nodes are
// anonymous tokens).
static jsts_walk_result jsts_walk(jsts_ts_node root, const uint8_t *kinds, uint32_t nkinds,
		const uint8_t *fields, uint32_t nfields, jsts_node *out, int32_t cap, uint16_t error_symbol, uint8_t error_kind) {
	jsts_walk_result r = {0, 0, 0, 0, 0};
	jsts_ts_cursor c = ts_tree_cursor_new(root);
	int32_t stack_cap = 256, depth = 0;
	int32_t *parent = malloc(sizeof(int32_t) * stack_cap);
	int32_t *last = malloc(sizeof(int32_t) * stack_cap);
	if (!parent || !last) {
		free(parent);
		free(last);
		ts_tree_cursor_delete(&c);
		r.overflow = 1;
		return r;
	}
	parent[0] = -1;
	last[0] = -1;
	for (;;) {
		jsts_ts_node n = ts_tree_cursor_current_node(&c);
		uint16_t sym = ts_node_symbol(n);
		uint8_t k = sym == error_symbol ? (0x80 | error_kind) : sym < nkinds ? kinds[sym] : 0;
		uint16_t fid = ts_tree_cursor_current_field_id(&c);
		uint8_t f = fid < nfields ? fields[fid] : 0;
		bool descend = false;
		if ((k & 0x80) || f) {
			if (r.count >= cap) {
				r.overflow = 1;
				break;
			}
			jsts_point p = ts_node_start_point(n);
			int32_t idx = r.count++;
			jsts_node *o = &out[idx];
			o->kind = k & 0x7f;
			o->field = f;
			o->start = ts_node_start_byte(n);
			o->end = ts_node_end_byte(n);
			o->row = p.row;
			o->col = p.column;
			o->parent = parent[depth];
			o->first = -1;
			o->next = -1;
			if (last[depth] >= 0) {
				out[last[depth]].next = idx;
			} else if (parent[depth] >= 0) {
				out[parent[depth]].first = idx;
			}
			last[depth] = idx;
			if (sym == error_symbol || ts_node_is_missing(n)) {
				if (r.errors == 0) {
					r.err_row = p.row;
					r.err_col = p.column;
				}
				r.errors++;
			}
			if (ts_tree_cursor_goto_first_child(&c)) {
				descend = true;
				if (depth + 1 >= stack_cap) {
					stack_cap *= 2;
					int32_t *np = realloc(parent, sizeof(int32_t) * stack_cap);
					if (np) parent = np;
					int32_t *nl = realloc(last, sizeof(int32_t) * stack_cap);
					if (nl) last = nl;
					if (!np || !nl) {
						r.overflow = 1;
						break;
					}
				}
				depth++;
				parent[depth] = idx;
				last[depth] = -1;
			}
		} else if (ts_node_is_missing(n)) {
			if (r.errors == 0) {
				jsts_point p = ts_node_start_point(n);
				r.err_row = p.row;
				r.err_col = p.column;
			}
			r.errors++;
		}
		if (descend) {
			continue;
		}
		bool done = false;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				done = true;
				break;
			}
			depth--;
		}
		if (done) {
			break;
		}
	}
	free(parent);
	free(last);
	ts_tree_cursor_delete(&c);
	return r;
}

static uint32_t jsts_descendants(jsts_ts_node root) { return ts_node_descendant_count(root); }
*/
import "C"

import (
	"fmt"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/treesitter"
)

// checkLayout verifies that the Go node type matches jsts_node, and that
// the binding's Node is a TSNode (as its documentation says).
func checkLayout() error {
	var n node
	want := []uintptr{unsafe.Sizeof(n), unsafe.Offsetof(n.kind), unsafe.Offsetof(n.field), unsafe.Offsetof(n.start),
		unsafe.Offsetof(n.end), unsafe.Offsetof(n.row), unsafe.Offsetof(n.col), unsafe.Offsetof(n.parent),
		unsafe.Offsetof(n.first), unsafe.Offsetof(n.next)}
	for i, w := range want {
		if got := uintptr(C.jsts_layout_at(C.int(i))); got != w {
			return fmt.Errorf("node layout mismatch at %d: C %d, Go %d", i, got, w)
		}
	}
	if unsafe.Sizeof(ts.Node{}) != unsafe.Sizeof(C.jsts_ts_node{}) {
		return fmt.Errorf("tree-sitter Node is %d bytes, TSNode %d", unsafe.Sizeof(ts.Node{}), unsafe.Sizeof(C.jsts_ts_node{}))
	}
	return nil
}

// cTables holds a grammar's kind and field tables as C arrays' backing.
type cTables struct {
	kinds  []uint8 // symbol → kind | 0x80 when kept
	fields []uint8 // field ID → field
	errSym uint16
}

func newCTables(g *grammar) cTables {
	// ERROR nodes have the reserved symbol 0xFFFF (ts_builtin_sym_error),
	// outside the kind table.
	t := cTables{kinds: make([]uint8, len(g.kinds)), fields: make([]uint8, len(g.fields)), errSym: treesitter.ErrorKind}
	for id, k := range g.kinds {
		v := uint8(k.kind)
		if k.keep {
			v |= 0x80
		}
		t.kinds[id] = v
	}
	for id, f := range g.fields {
		t.fields[id] = uint8(f)
	}
	if len(t.kinds) == 0 {
		t.kinds = []uint8{0}
	}
	if len(t.fields) == 0 {
		t.fields = []uint8{0}
	}
	return t
}

// mirrorC appends the kept nodes of t to tr in one C call, at most limit
// of them; complete is false when the tree has more (the nodes appended are
// then its first limit in pre-order). About half of a tree's nodes are
// punctuation the walk drops, so the first attempt reserves room for 5/8 of
// them and retries with room for all on overflow.
func (tr *tree) mirrorC(g *grammar, t *ts.Tree, limit int) (complete bool, err error) {
	if limit <= 0 {
		tr.errors = append(tr.errors, synErr{})
		return false, nil
	}
	root := t.RootNode()
	croot := *(*C.jsts_ts_node)(unsafe.Pointer(root))
	total := int(C.jsts_descendants(croot))
	base := len(tr.nodes)
	var r C.jsts_walk_result
	var out []node
	capacity := 0
	for _, want := range []int{total*5/8 + 64, total} {
		capacity = min(want, total, limit)
		tr.nodes = append(tr.nodes[:base], make([]node, capacity)...)
		out = tr.nodes[base:]
		r = C.jsts_walk(croot,
			(*C.uint8_t)(unsafe.Pointer(&g.c.kinds[0])), C.uint32_t(len(g.c.kinds)),
			(*C.uint8_t)(unsafe.Pointer(&g.c.fields[0])), C.uint32_t(len(g.c.fields)),
			(*C.jsts_node)(unsafe.Pointer(&out[0])), C.int32_t(capacity), C.uint16_t(g.c.errSym), C.uint8_t(kError))
		if r.overflow == 0 || capacity == total || capacity == limit {
			break
		}
	}
	if r.overflow != 0 && capacity == total {
		tr.nodes = tr.nodes[:base]
		return false, fmt.Errorf("tree walk overflow")
	}
	count := int(r.count)
	// Indices from C are relative to the block; make them absolute.
	if base > 0 {
		b := int32(base)
		for i := range out[:count] {
			n := &out[i]
			if n.parent >= 0 {
				n.parent += b
			}
			if n.first >= 0 {
				n.first += b
			}
			if n.next >= 0 {
				n.next += b
			}
		}
	}
	tr.nodes = tr.nodes[:base+count]
	se := synErr{count: int(r.errors), row: uint32(r.err_row), col: uint32(r.err_col)}
	tr.errors = append(tr.errors, se)
	return r.overflow == 0, nil
}
