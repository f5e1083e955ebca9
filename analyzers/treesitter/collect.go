//go:build cgo

package treesitter

// Collect walks a tree in C: one cgo call visits every node, where Walk
// makes three or four per node through the binding (the cursor moves, the
// node, its kind). The declarations below are the tree-sitter 0.25 C API
// (tree_sitter/api.h) as linked by github.com/tree-sitter/go-tree-sitter,
// whose Node type is a TSNode (checkNodeLayout checks the size).

/*
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint32_t context[4]; const void *id; const void *tree; } tsc_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } tsc_cursor;

extern tsc_cursor ts_tree_cursor_new(tsc_node node);
extern void ts_tree_cursor_delete(tsc_cursor *self);
extern bool ts_tree_cursor_goto_first_child(tsc_cursor *self);
extern bool ts_tree_cursor_goto_next_sibling(tsc_cursor *self);
extern bool ts_tree_cursor_goto_parent(tsc_cursor *self);
extern tsc_node ts_tree_cursor_current_node(const tsc_cursor *self);
extern uint16_t ts_node_symbol(tsc_node self);
extern bool ts_node_is_error(tsc_node self);
extern bool ts_node_is_missing(tsc_node self);

typedef struct {
	int64_t visited;
	int32_t complete;
	int32_t count;    // nodes in out
	int32_t failed;   // out of memory
	tsc_node *out;    // malloc'ed, count nodes; the caller frees it
	uint8_t *classes; // malloc'ed, count classes
	tsc_node last;    // the last node visited
} tsc_collect_result;

// tsc_collect visits root and the nodes under it in pre-order, as
// treesitter.Walk does, stopping after max_nodes nodes. It returns the
// visited nodes whose symbol has a non-zero class in table (symbols past
// ntable have class 0), in visiting order, with their classes.
static tsc_collect_result tsc_collect(tsc_node root, int64_t max_nodes, const uint8_t *table, uint32_t ntable) {
	tsc_collect_result r;
	memset(&r, 0, sizeof r);
	int32_t cap = 0;
	tsc_cursor c = ts_tree_cursor_new(root);
	for (;;) {
		if (r.visited >= max_nodes) {
			break;
		}
		r.visited++;
		tsc_node n = ts_tree_cursor_current_node(&c);
		r.last = n;
		uint16_t sym = ts_node_symbol(n);
		uint8_t class = sym < ntable ? table[sym] : 0;
		if (class) {
			if (r.count == cap) {
				int32_t ncap = cap ? cap * 2 : 256;
				tsc_node *no = realloc(r.out, sizeof(tsc_node) * (size_t)ncap);
				if (no) r.out = no;
				uint8_t *nc = realloc(r.classes, (size_t)ncap);
				if (nc) r.classes = nc;
				if (!no || !nc) {
					r.failed = 1;
					break;
				}
				cap = ncap;
			}
			r.out[r.count] = n;
			r.classes[r.count] = class;
			r.count++;
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			continue;
		}
		bool done = false;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				done = true;
				break;
			}
		}
		if (done) {
			r.complete = 1;
			break;
		}
	}
	ts_tree_cursor_delete(&c);
	return r;
}
// tsc_first_error returns whether a node under root (root included) is an
// ERROR or missing node, and the first one in pre-order in *out.
static bool tsc_first_error(tsc_node root, tsc_node *out) {
	tsc_cursor c = ts_tree_cursor_new(root);
	bool found = false;
	for (;;) {
		tsc_node n = ts_tree_cursor_current_node(&c);
		if (ts_node_is_error(n) || ts_node_is_missing(n)) {
			*out = n;
			found = true;
			break;
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			continue;
		}
		bool done = false;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				done = true;
				break;
			}
		}
		if (done) {
			break;
		}
	}
	ts_tree_cursor_delete(&c);
	return found;
}
*/
import "C"

import (
	"errors"
	"math"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// Collected is what Collect found: the nodes of interest and their classes,
// in document order (pre-order), and what the walk visited.
type Collected[K ~uint8] struct {
	// Nodes are the visited nodes whose kind has a non-zero class;
	// Classes[i] is the class of Nodes[i].
	Nodes   []ts.Node
	Classes []K
	// Visited is the number of nodes visited, Complete whether the walk
	// reached the end of the tree (false when the budget stopped it), and
	// Last the last node visited (nil when none was).
	Visited  int
	Complete bool
	Last     *ts.Node
}

// Collect walks root and every node under it in document order, exactly as
// Walk does with a function that never stops it (same nodes visited, same
// budget of maxNodes), and keeps the nodes whose kind ID has a non-zero
// entry in classes (IDs past its end count as 0; ERROR nodes have ID
// ErrorKind). The walk is one cgo call, so it costs a fraction of Walk's.
func Collect[K ~uint8](root *ts.Node, maxNodes int, classes []K) (Collected[K], error) {
	var out Collected[K]
	if maxNodes <= 0 {
		return out, nil
	}
	if err := checkNodeLayout(); err != nil {
		return out, err
	}
	var table *C.uint8_t
	if len(classes) > 0 {
		table = (*C.uint8_t)(unsafe.Pointer(&classes[0]))
	}
	r := C.tsc_collect(*(*C.tsc_node)(unsafe.Pointer(root)), C.int64_t(maxNodes), table, C.uint32_t(len(classes)))
	defer C.free(unsafe.Pointer(r.out))
	defer C.free(unsafe.Pointer(r.classes))
	if r.failed != 0 {
		return out, errors.New("tree-sitter: out of memory walking the tree")
	}
	n := int(r.count)
	if n > 0 {
		out.Nodes = make([]ts.Node, n)
		copy(out.Nodes, unsafe.Slice((*ts.Node)(unsafe.Pointer(r.out)), n))
		out.Classes = make([]K, n)
		copy(out.Classes, unsafe.Slice((*K)(unsafe.Pointer(r.classes)), n))
	}
	out.Visited, out.Complete = int(r.visited), r.complete != 0
	if r.visited > 0 {
		last := new(ts.Node)
		*(*C.tsc_node)(unsafe.Pointer(last)) = r.last
		out.Last = last
	}
	return out, nil
}

// FirstError returns the first node under root (root included, in document
// order) that is an ERROR node or a missing node, or nil when there is none:
// what Walk finds testing IsError and IsMissing on every node, in one cgo call.
func FirstError(root *ts.Node) *ts.Node {
	if checkNodeLayout() != nil {
		var first *ts.Node
		Walk(root, math.MaxInt, func(n *ts.Node) bool {
			if n.IsError() || n.IsMissing() {
				first = n
			}
			return first == nil
		})
		return first
	}
	var out C.tsc_node
	if !C.tsc_first_error(*(*C.tsc_node)(unsafe.Pointer(root)), &out) {
		return nil
	}
	n := new(ts.Node)
	*(*C.tsc_node)(unsafe.Pointer(n)) = out
	return n
}

// StartByte is n.StartByte() without a cgo call: a TSNode carries its start
// byte (context[0], tree-sitter 0.25 lib/src/node.c, ts_node_start_byte).
func StartByte(n *ts.Node) uint {
	return uint((*C.tsc_node)(unsafe.Pointer(n)).context[0])
}

// StartPoint is n.StartPosition() without a cgo call: a TSNode carries its
// start point (context[1] and [2], ts_node_start_point).
func StartPoint(n *ts.Node) ts.Point {
	c := &(*C.tsc_node)(unsafe.Pointer(n)).context
	return ts.Point{Row: uint(c[1]), Column: uint(c[2])}
}

// checkNodeLayout verifies that the binding's Node is a TSNode, which
// Collect and StartByte rely on.
func checkNodeLayout() error {
	if unsafe.Sizeof(ts.Node{}) != unsafe.Sizeof(C.tsc_node{}) {
		return errors.New("tree-sitter: go-tree-sitter's Node is not a TSNode (binding version changed?)")
	}
	return nil
}
