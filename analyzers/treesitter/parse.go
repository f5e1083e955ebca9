//go:build cgo

package treesitter

// The declarations below are the part of the tree-sitter 0.25 C API
// (tree_sitter/api.h) that parsing needs, as linked by
// github.com/tree-sitter/go-tree-sitter. The parse runs in one cgo call: the
// input is read straight from the Go byte slice for the duration of the call
// (tree-sitter keeps no pointer into it afterwards), and the progress
// callback, which tree-sitter calls after every 100 parse operations
// (OP_COUNT_PER_PARSER_TIMEOUT_CHECK in parser.c, reset at the start of each
// parse), is a C counter that also reads a cancellation flag in C memory,
// set from Go when the parse's context is done.

/*
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct { uint32_t row; uint32_t column; } tsh_point;
typedef struct { tsh_point start_point; tsh_point end_point; uint32_t start_byte; uint32_t end_byte; } tsh_range;
typedef struct {
	void *payload;
	const char *(*read)(void *payload, uint32_t byte_index, tsh_point position, uint32_t *bytes_read);
	int encoding; // TSInputEncodingUTF8
	void *decode;
} tsh_input;
typedef struct { void *payload; uint32_t current_byte_offset; bool has_error; } tsh_parse_state;
typedef struct { void *payload; bool (*progress_callback)(tsh_parse_state *state); } tsh_parse_options;

extern void *ts_parser_new(void);
extern void ts_parser_delete(void *self);
extern bool ts_parser_set_language(void *self, const void *language);
extern bool ts_parser_set_included_ranges(void *self, const tsh_range *ranges, uint32_t count);
extern void ts_parser_reset(void *self);
extern void *ts_parser_parse_with_options(void *self, const void *old_tree, tsh_input input, tsh_parse_options options);
extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));

typedef struct { const char *data; uint32_t len; } tsh_source;

static const char *tsh_read(void *payload, uint32_t byte_index, tsh_point position, uint32_t *bytes_read) {
	tsh_source *s = payload;
	if (byte_index >= s->len) {
		*bytes_read = 0;
		return "";
	}
	*bytes_read = s->len - byte_index;
	return s->data + byte_index;
}

typedef struct { uint64_t steps; uint64_t limit; const uint32_t *cancel; } tsh_budget;

static bool tsh_progress(tsh_parse_state *state) {
	tsh_budget *b = state->payload;
	if (b->cancel && __atomic_load_n(b->cancel, __ATOMIC_RELAXED)) {
		return true;
	}
	return ++b->steps > b->limit;
}

enum { TSH_OK, TSH_BUDGET, TSH_FAILED, TSH_RANGE, TSH_CANCELED };

typedef struct {
	void *tree;
	uint64_t steps;
	int status;
} tsh_result;

// tsh_parse parses data[0:len] (only the nranges ranges, when given) with parser p and
// stops after limit progress reports, or at the first report after *cancel
// (when cancel is not NULL) becomes non-zero. When it returns a tree, the parser is
// ready for the next parse (its included ranges cleared). When it does not,
// the parser has been deleted: a parse cancelled while balancing the tree
// leaves state that ts_parser_reset does not clear (canceled_balancing in
// parser.c), and the next parse on that parser fails an assertion.
static tsh_result tsh_parse(void *p, const char *data, uint32_t len, const tsh_range *range, uint32_t nranges, uint64_t limit, const uint32_t *cancel) {
	tsh_result r = {NULL, 0, TSH_OK};
	if (range && !ts_parser_set_included_ranges(p, range, nranges)) {
		r.status = TSH_RANGE; // the parser is unchanged
		return r;
	}
	tsh_source src = {data, len};
	tsh_input in = {&src, tsh_read, 0, NULL};
	tsh_budget b = {0, limit, cancel};
	tsh_parse_options opts = {&b, tsh_progress};
	r.tree = ts_parser_parse_with_options(p, NULL, in, opts);
	r.steps = b.steps;
	if (!r.tree) {
		if (cancel && __atomic_load_n(cancel, __ATOMIC_RELAXED)) {
			r.status = TSH_CANCELED;
		} else {
			r.status = b.steps > limit ? TSH_BUDGET : TSH_FAILED;
		}
		ts_parser_delete(p);
		return r;
	}
	if (range) {
		ts_parser_set_included_ranges(p, NULL, 0);
	}
	return r;
}

static void *tsh_new_parser(const void *lang) {
	void *p = ts_parser_new();
	if (p && !ts_parser_set_language(p, lang)) {
		ts_parser_delete(p);
		return NULL;
	}
	return p;
}

// The binding routes every tree-sitter allocation through Go callbacks by
// default; the C library's allocator is the same memory without the round
// trips.
static void tsh_use_libc_allocator(void) { ts_set_allocator(malloc, calloc, realloc, free); }
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
)

// Budget bounds the work spent on one file in units that do not depend on
// the machine or its load, so the same input is always read to the same
// point. Each bound is a floor plus an allowance per KiB of input.
type Budget struct {
	// StepsFloor and StepsPerKB bound the parse in steps: tree-sitter
	// reports progress after every 100 parse operations (a shift, a
	// reduction or an error-recovery step), and the parse is cancelled at
	// report StepsFloor + StepsPerKB*size/1024 + 1.
	StepsFloor, StepsPerKB int
	// NodesFloor and NodesPerKB bound the syntax nodes an extraction walk
	// takes from the tree (all it visits, or those it keeps).
	NodesFloor, NodesPerKB int
}

// DefaultBudget is the budget the front-ends use. Measured with
// go-tree-sitter v0.25.0 on about 10,000 real JavaScript, TypeScript and
// Python files, a parse takes at most 28 steps per KiB and builds at most
// 0.7 nodes per byte; crafted input (20,000 nested brackets, sparse arrays,
// chains of operators, token soup) takes at most 82 steps per KiB and 2
// nodes per byte, all linear in size. The allowances are about three times
// the worst crafted input, so they stop only super-linear cases; the floors
// (about 100,000 parse operations, 100,000 nodes) keep small files out of
// reach.
var DefaultBudget = Budget{StepsFloor: 1000, StepsPerKB: 256, NodesFloor: 100_000, NodesPerKB: 4096}

// Steps is the parse budget, in steps, for size bytes of input.
func (b Budget) Steps(size int) int { return b.StepsFloor + b.StepsPerKB*(size/1024) }

// Nodes is the walk budget, in nodes, for size bytes of input.
func (b Budget) Nodes(size int) int { return b.NodesFloor + b.NodesPerKB*(size/1024) }

// ErrBudget is the error (wrapped) Parse returns when the parse needs more
// steps than it may take.
var ErrBudget = errors.New("parse budget exhausted")

// Parse parses src whole. maxSteps bounds the parse (see Budget): past it
// the parse stops, no tree is returned and the error wraps ErrBudget. It
// returns the tree (the caller closes it) and the steps taken, also on
// error. Other errors: the input is larger than tree-sitter can address (4
// GiB), or the parser gave up (an external scanner failed).
func (g *Grammar) Parse(src []byte, maxSteps int) (*ts.Tree, int, error) {
	return g.parse(context.Background(), src, nil, maxSteps)
}

// ParseContext is Parse that also stops, within 100 parse operations, once
// ctx is done: no tree is returned and the error wraps ctx.Err().
func (g *Grammar) ParseContext(ctx context.Context, src []byte, maxSteps int) (*ts.Tree, int, error) {
	return g.parse(ctx, src, nil, maxSteps)
}

// ParseRange parses src[start:end] alone, with positions and byte offsets
// in the tree counting from the start of src (tree-sitter's included
// ranges). lines must index src. Budget and errors are as for Parse.
func (g *Grammar) ParseRange(src []byte, lines *Lines, start, end, maxSteps int) (*ts.Tree, int, error) {
	return g.ParseRangeContext(context.Background(), src, lines, start, end, maxSteps)
}

// ParseRangeContext is ParseRange that stops once ctx is done, as
// ParseContext does.
func (g *Grammar) ParseRangeContext(ctx context.Context, src []byte, lines *Lines, start, end, maxSteps int) (*ts.Tree, int, error) {
	return g.ParseRangesContext(ctx, src, lines, []Range{{start, end}}, maxSteps)
}

// Range is a byte range [Start, End) of a parser's input.
type Range struct{ Start, End int }

// ParseRangesContext parses the ranges of src alone, as if the bytes
// between them were not there, with positions and byte offsets counting
// from the start of src. The ranges must be in order and must not overlap.
// Budget, cancellation and errors are as for ParseContext.
func (g *Grammar) ParseRangesContext(ctx context.Context, src []byte, lines *Lines, ranges []Range, maxSteps int) (*ts.Tree, int, error) {
	if len(ranges) == 0 {
		return nil, 0, errors.New("no range to parse")
	}
	rs := make([]C.tsh_range, len(ranges))
	prev := 0
	for i, r := range ranges {
		if r.Start < prev || r.End < r.Start || r.End > len(src) {
			return nil, 0, fmt.Errorf("range %d-%d outside the %d bytes of input or out of order", r.Start, r.End, len(src))
		}
		prev = r.End
		sp, ep := lines.Point(r.Start), lines.Point(r.End)
		rs[i] = C.tsh_range{
			start_point: C.tsh_point{row: C.uint32_t(sp.Row), column: C.uint32_t(sp.Column)},
			end_point:   C.tsh_point{row: C.uint32_t(ep.Row), column: C.uint32_t(ep.Column)},
			start_byte:  C.uint32_t(r.Start), end_byte: C.uint32_t(r.End),
		}
	}
	return g.parse(ctx, src, rs, maxSteps)
}

func (g *Grammar) parse(ctx context.Context, src []byte, r []C.tsh_range, maxSteps int) (tree *ts.Tree, steps int, err error) {
	if len(src) > math.MaxUint32 {
		return nil, 0, fmt.Errorf("%d bytes is more than tree-sitter can parse", len(src))
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("tree-sitter %s: %w", g.name, err)
	}
	cancel, release := cancelFlag(ctx)
	defer release()
	tree, steps, err = g.parseFlag(src, r, maxSteps, cancel)
	if errors.Is(err, errCanceled) {
		err = fmt.Errorf("tree-sitter %s: %w", g.name, ctx.Err())
	}
	return tree, steps, err
}

// errCanceled is parseFlag's error for a parse stopped by its flag.
var errCanceled = errors.New("parse canceled")

// parseFlag is parse once ctx is turned into cancel (nil: never).
func (g *Grammar) parseFlag(src []byte, r []C.tsh_range, maxSteps int, cancel *C.uint32_t) (tree *ts.Tree, steps int, err error) {
	p, err := g.parser()
	if err != nil {
		return nil, 0, err
	}
	settled := false // p is pooled or deleted
	defer func() {
		// A panic here is a bug in this package; the parser's state is
		// unknown, so it is freed instead of pooled.
		if x := recover(); x != nil {
			if !settled {
				C.ts_parser_delete(p)
			}
			tree, err = nil, fmt.Errorf("tree-sitter %s: internal error (%v)", g.name, x)
		}
	}()
	var data *C.char
	if len(src) > 0 {
		data = (*C.char)(unsafe.Pointer(&src[0]))
	}
	var rp *C.tsh_range
	if len(r) > 0 {
		rp = &r[0]
	}
	res := C.tsh_parse(p, data, C.uint32_t(len(src)), rp, C.uint32_t(len(r)), C.uint64_t(max(maxSteps, 0)), cancel)
	settled = true // below: pooled, or deleted by tsh_parse
	steps = int(res.steps)
	switch res.status {
	case C.TSH_OK:
		g.release(p)
		return wrapTree(res.tree), steps, nil
	case C.TSH_RANGE:
		g.release(p)
		return nil, steps, fmt.Errorf("tree-sitter %s: invalid range", g.name)
	case C.TSH_BUDGET:
		return nil, steps, fmt.Errorf("%w (%d steps)", ErrBudget, maxSteps)
	case C.TSH_CANCELED:
		return nil, steps, errCanceled
	}
	return nil, steps, fmt.Errorf("tree-sitter %s: the parser gave up", g.name)
}

// cancelFlag returns a flag in C memory that becomes 1 once ctx is done, for
// tsh_parse to read, or nil when ctx can never be done. release stops
// watching ctx and frees the flag; call it once the parse has returned.
func cancelFlag(ctx context.Context) (flag *C.uint32_t, release func()) {
	if ctx.Done() == nil {
		return nil, func() {}
	}
	flag = (*C.uint32_t)(C.calloc(1, C.size_t(unsafe.Sizeof(C.uint32_t(0)))))
	if flag == nil {
		return nil, func() {}
	}
	set := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		atomic.StoreUint32((*uint32)(unsafe.Pointer(flag)), 1)
		close(set)
	})
	return flag, func() {
		if !stop() {
			<-set // the store has run, or is running: wait before freeing
		}
		C.free(unsafe.Pointer(flag))
	}
}

// parser takes an idle parser from the pool or makes one.
func (g *Grammar) parser() (unsafe.Pointer, error) {
	select {
	case p := <-g.pool:
		return p, nil
	default:
	}
	p := C.tsh_new_parser(unsafe.Pointer(g.lang.Inner))
	if p == nil {
		return nil, fmt.Errorf("tree-sitter %s: cannot make a parser", g.name)
	}
	return p, nil
}

// release returns a parser to the pool, or frees it when the pool is full.
func (g *Grammar) release(p unsafe.Pointer) {
	select {
	case g.pool <- p:
	default:
		C.ts_parser_delete(p)
	}
}

// drain frees the parsers in pool.
func drain(pool chan unsafe.Pointer) {
	for {
		select {
		case p := <-pool:
			C.ts_parser_delete(p)
		default:
			return
		}
	}
}

var libcAllocator sync.Once

// useLibcAllocator makes tree-sitter allocate with the C library directly
// (process-wide, once). The binding's default allocator calls back into Go
// for every allocation, which costs about a sixth of the parse time; the
// memory is the same C heap either way, so trees made before the switch
// are freed correctly after it.
func useLibcAllocator() { libcAllocator.Do(func() { C.tsh_use_libc_allocator() }) }
