//go:build cgo

package scan_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/internal/scan"
)

// TestSameResultUnderLoad scans the whole consistency matrix (every
// language and format) three ways: with one worker, with one worker and
// GOMAXPROCS=1 while another goroutine keeps the only processor busy, and
// with many workers. The results must be identical: budgets count bytes,
// nodes and steps, never time, and findings are sorted before they are
// reported, so neither load nor scheduling may change the report.
func TestSameResultUnderLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(consistencyDir)); err != nil {
		t.Fatal(err)
	}
	run := func(jobs int) string {
		t.Helper()
		res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		for i := range res.Findings {
			res.Findings[i].Path = filepath.ToSlash(res.Findings[i].Path)
		}
		b, err := json.MarshalIndent(struct {
			F, E, S any
			P       int
		}{res.Findings, res.Errors, res.Skipped, res.Parsed}, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	idle := run(1)

	prev := runtime.GOMAXPROCS(1)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() { // a busy core: spins until the scan is over
		defer close(done)
		for n := 0; !stop.Load(); n++ {
			if n%1_000_000 == 0 {
				runtime.Gosched()
			}
		}
	}()
	loaded := run(1)
	stop.Store(true)
	<-done
	runtime.GOMAXPROCS(prev)

	parallel := run(8)
	if d := cmp.Diff(idle, loaded); d != "" {
		t.Errorf("result under load differs from idle (-idle +loaded):\n%s", d)
	}
	if d := cmp.Diff(idle, parallel); d != "" {
		t.Errorf("result with 8 workers differs from 1 (-1 +8):\n%s", d)
	}
}
