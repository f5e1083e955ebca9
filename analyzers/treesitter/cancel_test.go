//go:build cgo

package treesitter

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"unsafe"
)

// TestParseCancel: a parse whose context is done stops at the next progress
// report, leaves the parser fit for the next parse, and says why.
func TestParseCancel(t *testing.T) {
	g := load(t, "python")
	src := []byte(strings.Repeat("x = (1 + 2) * [3, 4]\n", 2000))
	tree, need, err := g.Parse(src, math.MaxInt32)
	if err != nil {
		t.Fatal(err)
	}
	want := tree.RootNode().ToSexp()
	tree.Close()
	if need < 10 {
		t.Fatalf("the parse took %d steps; the input is too small for this test", need)
	}

	// Cancelled before the parse: no parse at all.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if tree, steps, err := g.ParseContext(ctx, src, math.MaxInt32); tree != nil || steps != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: tree %v, steps %d, err %v; want no tree, context.Canceled", tree != nil, steps, err)
	}
	if _, _, err := g.ParseRangeContext(ctx, src, NewLines(src, 0), 0, 10, math.MaxInt32); !errors.Is(err, context.Canceled) {
		t.Errorf("ParseRangeContext with a cancelled context: %v", err)
	}

	// Cancelled during the parse: the flag the C progress callback reads is
	// set once the context is done, and the parse stops at the next report.
	for range 3 {
		ctx, cancel := context.WithCancel(context.Background())
		flag, release := cancelFlag(ctx)
		cancel()
		for atomic.LoadUint32((*uint32)(unsafe.Pointer(flag))) == 0 {
		}
		tree, steps, err := g.parseFlag(src, nil, math.MaxInt32, flag)
		release()
		if tree != nil || !errors.Is(err, errCanceled) || steps >= need {
			t.Fatalf("flag set: tree %v, steps %d of %d, err %v; want a stopped parse", tree != nil, steps, need, err)
		}
		// The parser that was stopped is not reused in a bad state.
		tree, _, err = g.ParseContext(context.Background(), src, math.MaxInt32)
		if err != nil {
			t.Fatal(err)
		}
		if got := tree.RootNode().ToSexp(); got != want {
			t.Error("a parse after a cancelled one built another tree")
		}
		tree.Close()
	}

	// A context that is never done: no flag.
	if flag, release := cancelFlag(context.Background()); flag != nil {
		t.Error("cancelFlag(Background) made a flag")
		release()
	}
	// A live context that ends after the parse: the parse completes.
	ctx, cancel = context.WithCancel(context.Background())
	tree, steps, err := g.ParseContext(ctx, src, math.MaxInt32)
	cancel()
	if err != nil || steps != need {
		t.Fatalf("live context: steps %d, err %v; want %d, nil", steps, err, need)
	}
	tree.Close()
}
