// Package scan orchestrates a code scan: it reads files from a source, runs
// the per-file analyzers on them in parallel, runs the cross-file analyses
// over their facts, applies suppressions (inline comments, the .upscan.toml
// allowlist, a baseline), optionally verifies credentials live, and returns
// the findings in report order.
package scan

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/golang"
	"github.com/upscan/upscan/analyzers/ratelimit"
	"github.com/upscan/upscan/analyzers/secrets"
	"github.com/upscan/upscan/analyzers/terraform"
	"github.com/upscan/upscan/internal/config"
	"github.com/upscan/upscan/internal/source"
	"github.com/upscan/upscan/internal/verify"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// Options configures one scan.
type Options struct {
	Paths       []string // files or directories; a trailing "/..." is accepted; empty means "."
	NoIgnore    bool     // also files git ignores and dependency trees
	MaxFileSize int64    // bytes; 0 means the walker's default (10 MB)
	Jobs        int      // parallel workers; 0 means GOMAXPROCS
	// GoSyntaxOnly runs the Go analyzers without type information
	// (--go-types=off): the go command never runs.
	GoSyntaxOnly bool

	// Source replaces the work tree under Paths as the origin of files
	// (the git index, a diff, history); nil scans the work tree.
	Source Source

	// Report, when not nil, limits what is reported to these files and
	// directories (absolute, or relative to the current directory) inside
	// Paths, which then names one directory: the findings, coverage rows
	// and file notes elsewhere are dropped, while every file under Paths is
	// still analysed, so the cross-file analyses see the whole project
	// (upscan --project: pre-commit passes a commit's files in batches, and
	// a finding in one file may depend on another).
	Report []string

	// Rules decides which rule IDs run; nil runs every rule.
	Rules func(id string) bool
	// Config supplies the allowlist; nil means none.
	Config *config.Config
	// Baseline suppresses findings whose fingerprint it contains; nil means none.
	Baseline interface{ Contains(fingerprint string) bool }
	// Verifier, when set, checks each reported credential live (--verify).
	Verifier *verify.Verifier
	// Progress, when set, is called after each file with the running count of
	// files and bytes analysed. It is called from several goroutines.
	Progress func(files int64, bytes int64)
	// Read, when set, is called with the display path of each file read,
	// before it is analysed (upscan -v). It is called from several
	// goroutines, in no particular order.
	Read func(path string)

	// sliceMin, when not 0, replaces the size from which a file's first
	// parse is sliced (the const sliceMin); -1 parses every file whole. The
	// tests compare the two.
	sliceMin int
}

// Source yields the files of a scan; source.WorkTree is one.
type Source interface {
	Each(ctx context.Context, jobs int, fn func(source.File)) ([]walk.Note, error)
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
	Errors     []Problem       // files that could not be read or analysed: the result is incomplete
	Skipped    []Problem       // files skipped on purpose: too large, binary, FIFO, symlink…
	Files      int             // files analysed
	Parsed     int             // files parsed by a language analyzer (JS/TS, Python, config files)
	// Endpoints is the rate-limit coverage table: every public endpoint found
	// and whether it reaches Upstash and is limited. nil when the cross-file
	// analyses did not run (--staged, --history).
	Endpoints []ratelimit.Endpoint
	Bytes     int64 // bytes analysed
	// sliced counts the files whose facts came from a sliced parse (the
	// tests check that slicing ran).
	sliced int
	// Notes are warnings about the scan as a whole, one sentence each
	// (report.Report.Notes): today only that a build without cgo could not
	// analyse some languages.
	Notes []string
}

// Run scans the files under opts.Paths (or opts.Source). It returns an error
// only when the scan cannot start or was cancelled (a missing path, a
// cancelled context); problems with single files are in Result.Errors and
// Result.Skipped.
func Run(ctx context.Context, opts Options) (*Result, error) {
	detector, err := secrets.New()
	if err != nil {
		return nil, fmt.Errorf("building credential rules: %w", err)
	}
	src := opts.Source
	if src == nil {
		paths := opts.Paths
		if len(paths) == 0 {
			paths = []string{"."}
		}
		src = source.WorkTree{Roots: paths, Options: walk.Options{NoIgnore: opts.NoIgnore, MaxFileSize: opts.MaxFileSize}}
	}

	minSize := sliceMin
	switch {
	case opts.sliceMin < 0:
		minSize = 0
	case opts.sliceMin > 0:
		minSize = opts.sliceMin
	}
	cd, err := newCode(minSize)
	if err != nil {
		return nil, fmt.Errorf("building code analyzers: %w", err)
	}
	// The cross-file analyses need one whole project: the work tree, or a
	// diff that yields every file (source.Diff{Project: true}). The index
	// and the history are not one.
	_, staged := src.(source.Staged)
	_, history := src.(source.History)
	cd.perFile = staged || history
	a := &analysis{detector: detector, code: cd, opts: &opts, files: map[string]*fileState{}, scopes: map[string]source.File{}, goFiles: map[string]bool{}}
	// Work follows the rules that run: with no code rule enabled (only
	// credential or Terraform rules), no file is parsed and no cross-file
	// analysis runs.
	a.noCode = !slices.ContainsFunc(rules.All(), func(r *rules.Rule) bool {
		return familyOf(string(r.ID)) == familyCode && a.enabled(string(r.ID))
	})
	var files, bytesRead atomic.Int64
	notes, err := src.Each(ctx, opts.Jobs, func(f source.File) {
		if opts.Read != nil {
			opts.Read(f.Path)
		}
		if !untilDone(ctx, func() { a.file(ctx, f) }) {
			return // interrupted: the scan ends with ctx.Err()
		}
		n, b := files.Add(1), bytesRead.Add(int64(len(f.Data)))
		if opts.Progress != nil {
			opts.Progress(n, b)
		}
	})
	if err != nil {
		return nil, err
	}

	res := &Result{Files: int(files.Load()), Bytes: bytesRead.Load(), Errors: a.errors}
	for _, n := range notes {
		if n.Err != nil {
			res.Errors = append(res.Errors, Problem{Path: n.Path, Message: n.Err.Error()})
		} else {
			res.Skipped = append(res.Skipped, Problem{Path: n.Path, Message: n.Reason})
		}
	}
	if !cd.perFile && !a.noCode {
		late, cross, partial, err := cd.crossFile(ctx)
		if err != nil {
			return nil, err
		}
		a.addFindings(late)
		a.addFindings(cross)
		a.addFindings(a.clientLiterals(cd.clientFiles))
		a.restate(cd.restated)
		res.Skipped = append(res.Skipped, partial...)
		res.Endpoints = slices.DeleteFunc(cd.endpoints, func(e ratelimit.Endpoint) bool {
			return opts.Config != nil && opts.Config.Excludes(e.File)
		})
		if res.Endpoints == nil {
			res.Endpoints = []ratelimit.Endpoint{}
		}
	}
	if opts.Source == nil {
		goNotes, err := a.goPackages(ctx, src.(source.WorkTree).Roots)
		if err != nil {
			return nil, err
		}
		// Go modules analysed without type information were still
		// analysed: notes about the scan, not skipped files.
		for _, n := range goNotes {
			if n.Path != "" {
				n.Message = "Go module " + n.Path + ": " + n.Message
			}
			res.Notes = append(res.Notes, n.Message)
		}
	}
	res.Parsed = cd.parsed
	res.sliced = cd.slicedCount
	if n := cd.unparsedNote(); n != "" {
		res.Notes = append(res.Notes, n)
	}
	inReport := reportFilter(opts.Report, ".")
	if opts.Report != nil && len(opts.Paths) == 1 {
		inReport = reportFilter(opts.Report, opts.Paths[0])
	}
	res.Errors = slices.DeleteFunc(res.Errors, func(p Problem) bool { return !inReport(p.Path) })
	res.Skipped = slices.DeleteFunc(res.Skipped, func(p Problem) bool { return !inReport(p.Path) })
	if res.Endpoints != nil {
		res.Endpoints = slices.DeleteFunc(res.Endpoints, func(e ratelimit.Endpoint) bool { return !inReport(e.File) })
	}
	slices.SortFunc(res.Errors, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	slices.SortStableFunc(res.Skipped, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	// Notes about allowlisted fixtures are noise; errors are always kept.
	res.Skipped = slices.DeleteFunc(res.Skipped, func(p Problem) bool { return opts.Config != nil && opts.Config.Excludes(p.Path) })

	reported := a.endpointFindings()
	found := a.suppressInline()
	var roots []string
	if wt, ok := src.(source.WorkTree); ok {
		roots = wt.Roots
	}
	rules.BindFingerprints(found, newFingerprintPaths(roots, opts.Source == nil).of)
	found = slices.DeleteFunc(found, func(f rules.Finding) bool { return !inReport(f.Path) })
	found = slices.DeleteFunc(found, func(f rules.Finding) bool {
		if allowlisted(&opts, &f) {
			a.suppressed++
			return true
		}
		return false
	})
	if history {
		// One finding per credential, from the oldest commit: after the
		// allowlist (an allowlisted copy must not hide a real one) and
		// before the baseline (which records the survivors).
		found = source.OldestFirst(found)
	}
	ignored := maps.Clone(reported) // UPS401 findings an inline ignore or the allowlist suppressed
	for _, f := range found {
		if f.RuleID == string(rules.EndpointWithoutRateLimit) {
			delete(ignored, rowAt{f.Path, f.Line})
		}
	}
	baselined := map[rowAt]bool{}
	found = slices.DeleteFunc(found, func(f rules.Finding) bool {
		if opts.Baseline != nil && opts.Baseline.Contains(f.Fingerprint) {
			a.suppressed++
			if reported[rowAt{f.Path, f.Line}] && f.RuleID == string(rules.EndpointWithoutRateLimit) {
				baselined[rowAt{f.Path, f.Line}] = true
			}
			return true
		}
		return false
	})
	res.Endpoints = a.coverageRules(res.Endpoints, baselined, ignored)
	if opts.Verifier != nil {
		a.verify(ctx, found)
	}
	res.Suppressed = a.suppressed
	slices.SortFunc(found, rules.Compare)
	res.Findings = found
	return res, ctx.Err()
}

// reportFilter returns whether a display path is one Options.Report
// reports: every path when report is nil, and a path without a file (a
// finding about no file) always. The report paths are turned into display
// paths as the walk of root (the one directory of Paths) makes them:
// relative to the current directory when root lies inside it, else
// relative to root.
func reportFilter(report []string, root string) func(path string) bool {
	if report == nil {
		return func(string) bool { return true }
	}
	base, err := os.Getwd()
	absRoot, rerr := filepath.Abs(root)
	if err != nil || rerr != nil {
		return func(string) bool { return false } // walk.Walk failed on the same calls
	}
	if rel, err := filepath.Rel(base, absRoot); err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		base = absRoot
	}
	var shown []string
	for _, r := range report {
		abs, err := filepath.Abs(strings.TrimSuffix(strings.TrimSuffix(r, "..."), "/"))
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(base, abs); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			shown = append(shown, filepath.ToSlash(rel))
		}
	}
	return func(p string) bool {
		if p == "" {
			return true
		}
		for _, r := range shown {
			if r == "." || p == r || strings.HasPrefix(p, r+"/") {
				return true
			}
		}
		return false
	}
}

// rowAt is where a coverage row is, and its UPS401 finding.
type rowAt struct {
	path string
	line int
}

// endpointFindings returns where the UPS401 findings are that this scan
// would report (in --diff scope), before inline ignores, the allowlist
// and the baseline: the coverage rows they are about.
func (a *analysis) endpointFindings() map[rowAt]bool {
	out := map[rowAt]bool{}
	for _, st := range a.files {
		for _, f := range st.findings {
			if f.RuleID == string(rules.EndpointWithoutRateLimit) && len(st.scope.Scope([]rules.Finding{f})) > 0 {
				out[rowAt{f.Path, f.Line}] = true
			}
		}
	}
	return out
}

// coverageRules makes the coverage rows agree with the findings: a rule
// this scan does not run leaves every row's Rules, and a row whose UPS401
// finding the baseline suppressed lists it in Baselined, one an inline
// ignore or the allowlist suppressed in Ignored. UPS402–UPS404 are about
// limit calls, not rows, so only their being disabled shows.
func (a *analysis) coverageRules(rows []ratelimit.Endpoint, baselined, ignored map[rowAt]bool) []ratelimit.Endpoint {
	for i := range rows {
		e := &rows[i]
		e.Rules = slices.DeleteFunc(slices.Clone(e.Rules), func(id string) bool { return !a.enabled(id) })
		if !slices.Contains(e.Rules, string(rules.EndpointWithoutRateLimit)) {
			continue
		}
		switch at := (rowAt{e.File, e.Line}); {
		case baselined[at]:
			e.Baselined = []string{string(rules.EndpointWithoutRateLimit)}
		case ignored[at]:
			e.Ignored = []string{string(rules.EndpointWithoutRateLimit)}
		}
	}
	return rows
}

// allowlisted reports whether the .upscan.toml allowlist suppresses f.
func allowlisted(opts *Options, f *rules.Finding) bool {
	if opts.Config != nil {
		if ok, _ := opts.Config.Suppresses(f); ok {
			return true
		}
	}
	return false
}

// stateKey is the key of a file's state: its path, and for history scans
// (which meet one path in many commits) the commit that introduced the blob.
func stateKey(path string, c *rules.Commit) string {
	if c == nil {
		return path
	}
	return path + "\x00" + c.ID
}

// family is a bit set of the rule families that ran on a file, which decides
// whether an inline ignore naming a rule of that family can be unused.
type family uint8

const (
	familyCredentials family = 1 << iota // UPS1xx, UPS204
	familyPosture                        // UPS6xx on Terraform
	familyCode                           // UPS2xx–UPS5xx from parsed code and config files
)

// familyOf returns the scan family of rule id, from the rule's catalogue
// Family, or 0 when the ID is unknown. UPS204 counts as a credential rule:
// the scan re-reports credential findings in built assets under it
// (asBuildOutput).
func familyOf(id string) family {
	r := rules.Lookup(id)
	switch {
	case r == nil:
		return 0
	case r.ID == ruleBuildOutput:
		return familyCredentials
	}
	switch r.Family {
	case rules.Credentials:
		return familyCredentials
	case rules.Posture:
		return familyPosture
	case rules.Exposure, rules.Transport, rules.RateLimit, rules.Scope:
		return familyCode
	}
	return 0
}

// fileState is what the scan keeps of one file after its per-file analysis.
type fileState struct {
	findings   []rules.Finding
	directives []*directive
	ran        family
	path       string
	doc        bool        // a documentation file: unused ignores are not reported
	data       []byte      // kept only when a credential finding may be verified
	scope      source.File // the file's Changed and Commit (Data nil): which findings it reports
}

// analysis holds the state of one scan across files.
type analysis struct {
	detector *secrets.Detector
	code     *code
	opts     *Options

	mu         sync.Mutex
	files      map[string]*fileState  // only files with findings or directives
	scopes     map[string]source.File // by path, every file with Changed set (--diff): for cross-file findings
	goFiles    map[string]bool        // Go files the source yielded (work-tree scans)
	noCode     bool                   // no code rule is enabled: nothing is parsed
	errors     []Problem
	suppressed int
}

// enabled reports whether rule id runs in this scan.
func (a *analysis) enabled(id string) bool {
	return a.opts.Rules == nil || a.opts.Rules(id)
}

// file runs the per-file analyzers on f and records what they found.
func (a *analysis) file(ctx context.Context, f source.File) {
	st := &fileState{path: f.Path, directives: parseDirectives(f.Data), doc: isDoc(f.Path),
		scope: source.File{Changed: f.Changed, Commit: f.Commit}}
	err := a.analyzeFile(ctx, f, st)
	st.findings = slices.DeleteFunc(st.findings, func(fd rules.Finding) bool { return !a.enabled(fd.RuleID) })
	if a.opts.Verifier != nil && slices.ContainsFunc(st.findings, func(fd rules.Finding) bool { return !fd.Secret.IsZero() }) {
		st.data = f.Data
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err != nil {
		a.errors = append(a.errors, Problem{Path: f.Path, Message: err.Error()})
	}
	if f.Changed != nil {
		a.scopes[f.Path] = st.scope
	}
	if len(st.findings) > 0 || len(st.directives) > 0 {
		a.files[stateKey(f.Path, f.Commit)] = st
	}
}

// analyzeFile runs each analyzer that applies to f, appending to st.
func (a *analysis) analyzeFile(ctx context.Context, f source.File, st *fileState) error {
	// Credential rules skip files git ignores, except build output: a token in
	// an uncommitted .env.local is the recommended practice, a token inlined
	// into dist/ ships to browsers, one in .aws-sam/build was deployed.
	if !f.Ignored || f.Kind == walk.BuildOutput || f.Kind == walk.ServerBuildOutput || a.opts.NoIgnore {
		fs, err := a.detector.Detect(f.Path, f.Data)
		if err != nil {
			return err
		}
		switch f.Kind {
		case walk.BuildOutput:
			fs = exposure.BuildOutput(fs)
		case walk.ServerBuildOutput:
			fs = exposure.ServerBuildOutput(fs)
		}
		st.findings = append(st.findings, fs...)
		st.ran |= familyCredentials
	}
	if terraform.Handles(f.Path) && !f.Ignored && f.Commit == nil {
		fs, err := terraform.Analyze(f.Path, f.Data)
		if err != nil {
			return err
		}
		st.findings = append(st.findings, fs...)
		st.ran |= familyPosture
	}
	if golang.Handles(f.Path) || path.Base(f.Path) == "go.mod" {
		a.mu.Lock()
		a.goFiles[f.Path] = true
		a.mu.Unlock()
	}
	// History scans look for credentials (still live after deletion);
	// code findings in old versions of a file are not actionable.
	if f.Commit != nil {
		return nil
	}
	if ctx.Err() != nil || a.noCode {
		return nil // interrupted (the scan ends with ctx.Err()), or no code rule runs
	}
	if fs, parsed := a.code.file(ctx, f); parsed {
		st.findings = append(st.findings, fs...)
		st.ran |= familyCode
	}
	return nil
}

// clientLiterals returns the UPS202 findings of the hardcoded credentials
// found in files that run in the browser or on the device
// (exposure.Literals over the scan's findings so far).
func (a *analysis) clientLiterals(client map[string]string) []rules.Finding {
	if len(client) == 0 {
		return nil
	}
	var creds, existing []rules.Finding
	for p, st := range a.files {
		if _, ok := client[p]; !ok || st.scope.Commit != nil {
			continue
		}
		for _, fd := range st.findings {
			if fd.RuleID == string(rules.TokenInClientCode) {
				existing = append(existing, fd)
			} else if !fd.Secret.IsZero() {
				creds = append(creds, fd)
			}
		}
	}
	slices.SortStableFunc(creds, rules.Compare)
	return exposure.Literals(client, creds, existing)
}

// addFindings records findings of the cross-file pass, which ran on files
// already seen: their family counts as run for inline ignores.
func (a *analysis) addFindings(fs []rules.Finding) {
	for _, fd := range fs {
		if !a.enabled(fd.RuleID) {
			continue
		}
		st := a.files[fd.Path]
		if st == nil {
			st = &fileState{path: fd.Path, doc: isDoc(fd.Path), scope: a.scopes[fd.Path]}
			a.files[fd.Path] = st
		}
		st.ran |= familyCode
		st.findings = append(st.findings, fd)
	}
}

// restate puts each finding of fs in the place of the per-file finding
// with the same rule, path, position and content key: a cross-file pass
// restating what a per-file pass decided from one module
// (exposure.ReadOnlyEvidence). A finding with no such place is dropped.
func (a *analysis) restate(fs []rules.Finding) {
	for _, fd := range fs {
		st := a.files[fd.Path]
		if st == nil {
			continue
		}
		for i := range st.findings {
			old := &st.findings[i]
			if old.RuleID == fd.RuleID && old.Line == fd.Line && old.Col == fd.Col && old.Key == fd.Key {
				*old = fd
				break
			}
		}
	}
}

// ruleBuildOutput is the rule for a credential inlined into built assets
// (exposure.BuildOutput), which counts as a credential rule for inline
// ignores: it runs where the credential rules run.
const ruleBuildOutput = rules.TokenInBuiltAssets

// suppressInline applies each file's inline directives to its findings,
// reports unused directives (UPS001), and returns the remaining findings.
func (a *analysis) suppressInline() []rules.Finding {
	reportUnused := a.enabled(string(unusedIgnoreRule))
	var out []rules.Finding
	for _, st := range a.files {
		ran := func(id string) bool { return a.enabled(id) && familyOf(id)&st.ran != 0 }
		// UPS001 is not reported on historic blobs: the directive may be
		// long gone.
		kept, n := applyInline(st, ran, reportUnused && !st.doc && st.scope.Commit == nil)
		a.suppressed += n
		out = append(out, st.scope.Scope(kept)...)
	}
	return out
}

// verify checks every credential finding live, once per credential, a few
// at a time within one overall deadline (Verifier.VerifyAll).
func (a *analysis) verify(ctx context.Context, fs []rules.Finding) {
	var cs []verify.Candidate
	var at []int // index in fs of each candidate
	for i := range fs {
		st := a.files[stateKey(fs[i].Path, fs[i].Commit)]
		if st == nil || st.data == nil {
			continue
		}
		if c, ok := verify.ForFinding(fs[i], st.data); ok {
			cs, at = append(cs, c), append(at, i)
		}
	}
	for k, v := range a.opts.Verifier.VerifyAll(ctx, cs) {
		fs[at[k]].Verification = &v
	}
}
