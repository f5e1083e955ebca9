// Package scan orchestrates a code scan: it reads files from a source, runs
// the per-file analyzers on them in parallel, applies suppressions (inline
// comments, the .upscan.toml allowlist, a baseline) and returns the findings
// in report order.
package scan

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/upscan/upscan/analyzers/secrets"
	"github.com/upscan/upscan/internal/config"
	"github.com/upscan/upscan/internal/source"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// Options configures one scan.
type Options struct {
	Paths       []string // files or directories; a trailing "/..." is accepted; empty means "."
	NoIgnore    bool     // also files git ignores and dependency trees
	MaxFileSize int64    // bytes; 0 means the walker's default (10 MB)
	Jobs        int      // parallel workers; 0 means GOMAXPROCS

	// Rules decides which rule IDs run; nil runs every rule.
	Rules func(id string) bool
	// Config supplies the allowlist; nil means none.
	Config *config.Config
	// Baseline suppresses findings whose fingerprint it contains; nil means none.
	Baseline interface{ Contains(fingerprint string) bool }
	// Progress, when set, is called after each file with the running count of
	// files and bytes analysed. It is called from several goroutines.
	Progress func(files int64, bytes int64)
}

// Problem is a file that could not be scanned (an error) or was skipped on
// purpose (a note). Message never contains file content.
type Problem struct {
	Path    string
	Message string
}

// Result is the outcome of a scan.
type Result struct {
	Findings   []rules.Finding // sorted with rules.Less
	Suppressed int             // findings hidden by inline ignores, the allowlist or the baseline
	Errors     []Problem       // files that could not be read: the result is incomplete
	Skipped    []Problem       // files skipped on purpose: too large, binary, FIFO, symlink…
	Files      int             // files analysed
	Bytes      int64           // bytes analysed
}

// Run scans the files under opts.Paths. It returns an error only when the scan
// cannot start or was cancelled (a missing path, a cancelled context); problems
// with single files are in Result.Errors and Result.Skipped.
func Run(ctx context.Context, opts Options) (*Result, error) {
	detector, err := secrets.New()
	if err != nil {
		return nil, fmt.Errorf("building credential rules: %w", err)
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	tree := source.WorkTree{Roots: paths, Options: walk.Options{NoIgnore: opts.NoIgnore, MaxFileSize: opts.MaxFileSize}}

	var (
		mu         sync.Mutex
		res        Result
		files      atomic.Int64
		bytesRead  atomic.Int64
		suppressed atomic.Int64
	)
	a := analysis{detector: detector, opts: &opts}
	notes, err := tree.Each(ctx, opts.Jobs, func(f source.File) {
		found, hidden, ferr := a.file(f)
		suppressed.Add(int64(hidden))
		if ferr != nil {
			mu.Lock()
			res.Errors = append(res.Errors, Problem{Path: f.Path, Message: ferr.Error()})
			mu.Unlock()
		}
		n, b := files.Add(1), bytesRead.Add(int64(len(f.Data)))
		if opts.Progress != nil {
			opts.Progress(n, b)
		}
		if len(found) > 0 {
			mu.Lock()
			res.Findings = append(res.Findings, found...)
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if n.Err != nil {
			res.Errors = append(res.Errors, Problem{Path: n.Path, Message: n.Err.Error()})
		} else {
			res.Skipped = append(res.Skipped, Problem{Path: n.Path, Message: n.Reason})
		}
	}
	slices.SortFunc(res.Errors, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	res.Files, res.Bytes = int(files.Load()), bytesRead.Load()
	res.Suppressed = int(suppressed.Load())
	res.Findings = slices.DeleteFunc(res.Findings, func(f rules.Finding) bool {
		if hide(&opts, &f) {
			res.Suppressed++
			return true
		}
		return false
	})
	slices.SortFunc(res.Findings, func(a, b rules.Finding) int {
		switch {
		case rules.Less(a, b):
			return -1
		case rules.Less(b, a):
			return 1
		}
		return 0
	})
	return &res, nil
}

// hide reports whether the allowlist or the baseline suppresses f.
func hide(opts *Options, f *rules.Finding) bool {
	if opts.Config != nil {
		if ok, _ := opts.Config.Suppresses(f); ok {
			return true
		}
	}
	return opts.Baseline != nil && opts.Baseline.Contains(f.Fingerprint)
}

// analysis holds what every file's analysis shares.
type analysis struct {
	detector *secrets.Detector
	opts     *Options
}

// enabled reports whether rule id runs in this scan.
func (a *analysis) enabled(id string) bool {
	return a.opts.Rules == nil || a.opts.Rules(id)
}

// file runs the analyzers that apply to f and its inline suppressions. It
// returns the findings that remain, how many were suppressed, and an error
// when an analyzer could not check the file.
func (a *analysis) file(f source.File) (found []rules.Finding, suppressed int, err error) {
	// Credential rules skip files git ignores, except build output: a token in
	// an uncommitted .env.local is the recommended practice, a token inlined
	// into dist/ ships to browsers.
	credentials := !f.Ignored || f.Kind == walk.BuildOutput || a.opts.NoIgnore
	ran := func(id string) bool {
		return a.enabled(id) && credentials && rules.Lookup(id) != nil && isCredentialRule(id)
	}
	if credentials {
		var fs []rules.Finding
		if fs, err = a.detector.Detect(f.Path, f.Data); err != nil {
			return nil, 0, err
		}
		for _, fd := range fs {
			if a.enabled(fd.RuleID) {
				found = append(found, fd)
			}
		}
	}
	found, suppressed = applyInline(f, found, ran, a.enabled(unusedIgnoreRule))
	return found, suppressed, nil
}

// isCredentialRule reports whether id belongs to the 1xx credential family.
func isCredentialRule(id string) bool { return len(id) == 6 && id[3] == '1' }
