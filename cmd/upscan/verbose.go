package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/upscan/upscan/internal/scan"
	"github.com/upscan/upscan/report"
)

// verboseLog collects what -v/--verbose prints on standard error after the
// scan: the files read, the files skipped and why, counts per phase and
// the time taken. Everything but the time is deterministic (sorted).
type verboseLog struct {
	mu    sync.Mutex
	files []string
}

// read records a file read (scan.Options.Read); safe for concurrent use.
func (v *verboseLog) read(path string) {
	v.mu.Lock()
	v.files = append(v.files, path)
	v.mu.Unlock()
}

// write prints the log to w.
func (v *verboseLog) write(w io.Writer, res *scan.Result, elapsed time.Duration) error {
	var b strings.Builder
	files := slices.Clone(v.files)
	slices.Sort(files)
	files = slices.Compact(files)
	for _, f := range files {
		fmt.Fprintf(&b, "read     %s\n", report.Sanitize(f))
	}
	for _, p := range res.Skipped {
		fmt.Fprintf(&b, "skipped  %s: %s\n", report.Sanitize(p.Path), report.Sanitize(p.Message))
	}
	for _, p := range res.Errors {
		fmt.Fprintf(&b, "error    %s: %s\n", report.Sanitize(p.Path), report.Sanitize(p.Message))
	}
	fmt.Fprintf(&b, "read: %d files (%d bytes), %d skipped, %d errors\n", res.Files, res.Bytes, len(res.Skipped), len(res.Errors))
	fmt.Fprintf(&b, "parsed: %d files by a language analyzer\n", res.Parsed)
	if res.Endpoints != nil {
		fmt.Fprintf(&b, "endpoints: %d public endpoints found\n", len(res.Endpoints))
	}
	fmt.Fprintf(&b, "findings: %d reported, %d suppressed (inline ignores, allowlist, baseline)\n", len(res.Findings), res.Suppressed)
	fmt.Fprintf(&b, "time: %s\n", elapsed.Round(time.Millisecond))
	_, err := io.WriteString(w, b.String())
	return err
}
