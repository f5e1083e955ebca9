// Package walk finds the files a code scan reads: it walks roots in
// parallel, applies git's ignore rules inside work trees (while still
// yielding ignored build output and env files, marked), skips .git and
// dependency trees, caps file size and never follows a symlink out of a root.
package walk

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"golang.org/x/sync/errgroup"

	"github.com/upscan/upscan/upstash"
)

// DefaultMaxFileSize is the per-file size cap in bytes used when
// Options.MaxFileSize is 0: 10 MB.
const DefaultMaxFileSize = 10 << 20

// Entry is one file the walk found.
type Entry struct {
	// Path is the slash-separated display path: relative to the current
	// directory when the root lies inside it ("src/lib/redis.ts"), else
	// relative to the root ("examples/nodejs/index.js"); for a root given
	// as a file outside the current directory, its base name.
	Path string
	// Abs is the OS path to open: the real path, with no symlink in it.
	Abs string
	// Size is the file's size in bytes when it was listed.
	Size int64
	// Ignored reports that git ignores the file: it is untracked and
	// matches a .gitignore, .git/info/exclude rule, or lies in an ignored
	// directory. Ignored entries are only yielded when Kind != Source, when
	// Options.NoIgnore is set, or when the file was itself given as a root.
	Ignored bool
	// Kind classifies the file (see Classify), from its path relative to
	// the work tree top, or to the root outside git.
	Kind Kind
}

// Options tunes a walk.
type Options struct {
	// NoIgnore scans everything: files git ignores, node_modules, vendor
	// and .venv. .git is still never entered. Ignored is still reported.
	NoIgnore bool
	// MaxFileSize is the per-file cap in bytes; larger files are noted and
	// never read. 0 means DefaultMaxFileSize; a negative value disables it.
	MaxFileSize int64
}

// Cap returns the effective size cap in bytes (0 for none).
func (o Options) Cap() int64 {
	switch {
	case o.MaxFileSize == 0:
		return DefaultMaxFileSize
	case o.MaxFileSize < 0:
		return 0
	}
	return o.MaxFileSize
}

// CapNote returns the note reason for a file over the cap, e.g.
// "larger than 10 MB cap (--max-file-size)".
func (o Options) CapNote() string {
	return "larger than " + HumanSize(o.Cap()) + " cap (--max-file-size)"
}

// HumanSize formats a byte count in whole binary units: "10 MB", "512 KB",
// or "1000 bytes" when it is not a whole number of KB.
func HumanSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// RemovedNote is the Note reason for a file or directory that was listed
// but had been removed by the time it was read: the tree changed during the
// scan, which is not an error.
const RemovedNote = "removed while scanning"

// Note records a path the walk (or a reader) did not scan, or scanned only in
// part. Err != nil means an error (the path could not be read: the CLI exits
// 2); Err == nil is a skip note (binary, over the cap, FIFO, symlink not
// followed, …) and Reason says why.
type Note struct {
	Path   string // display path, as in Entry.Path
	Reason string // short, lower-case: "binary", "dangling symlink", …
	Err    error  // the read or list error, naming the OS path
}

// String renders the note as "path: reason" or "path: error".
func (n Note) String() string {
	if n.Err != nil {
		return n.Path + ": " + n.Err.Error()
	}
	return n.Path + ": " + n.Reason
}

// SortNotes orders notes by path, then reason, then error text, so output
// never depends on scheduling.
func SortNotes(notes []Note) {
	slices.SortStableFunc(notes, func(a, b Note) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := strings.Compare(a.Reason, b.Reason); c != 0 {
			return c
		}
		return strings.Compare(errText(a.Err), errText(b.Err))
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// root is one walk root after normalisation.
type root struct {
	real    string // real absolute path (symlinks resolved)
	display string // display path of the root itself ("" for the cwd or a root outside it)
	isDir   bool
	order   int // position among the given roots
}

// walker is the state of one Walk call.
type walker struct {
	ctx  context.Context
	opts Options
	cap  int64
	fn   func(Entry)
	g    *errgroup.Group

	mu    sync.Mutex
	notes []Note
	seen  map[string]struct{}  // Abs of every yielded file
	dirs  map[dirID]struct{}   // every directory listed
	links []Entry              // symlinks to files inside their root: Path is the link's, Abs the real target
	repos map[string]*repoOnce // by work tree top
	// backend caches backendOutput by build-output directory (real path).
	backend map[string]bool
}

// repoOnce loads one work tree's index at most once, whichever goroutine
// meets it first.
type repoOnce struct {
	once sync.Once
	r    *repo
}

// dirState is what the walk knows about one directory it is about to list.
type dirState struct {
	rt       *root
	abs      string              // real absolute path
	rel      string              // slash path relative to the root ("" at the root)
	rp       *repo               // nil outside a git work tree
	repoRel  string              // slash path relative to rp.top ("" at the top)
	comps    []string            // repoRel split into components
	patterns []gitignore.Pattern // ignore rules in effect for this directory's entries
	ignored  bool                // the directory itself is git-ignored
}

// Walk lists the files under roots (directories or files; a trailing "/..."
// is stripped; none means ".") and calls fn for each file to scan. fn is
// called from several goroutines at once and must be safe for that; each
// file is yielded once, even when roots overlap or a symlink points at it.
//
// Inside a git work tree, untracked files that .gitignore (any level),
// .git/info/exclude or an ignored parent directory exclude are skipped,
// except build output and env files (see Classify), which are yielded with
// Ignored set; tracked files are scanned whatever the rules say. .git is
// never entered; node_modules, vendor and .venv are skipped unless
// opts.NoIgnore, which yields everything. Ignored directories are entered only
// when they hold tracked files or build output, so an env file inside another
// ignored directory (tmp/.env) is found only with NoIgnore. A root itself is
// never skipped: a root inside node_modules is walked, and a root given as a
// file is yielded even when git ignores it. A directory holding .git starts a
// nested work tree with its own index and rules.
//
// Symlinks are never followed into directories. A symlink to a regular file
// inside its root is yielded (under the link's path, after the traversal)
// only if the traversal did not yield the target itself.
//
// Files over the size cap, FIFOs, sockets, devices and symlinks that are
// dangling, lead out of their root or point at directories are not yielded
// but noted; unreadable directories are notes with Err set. A directory
// removed (or swapped for a symlink or a file) after its parent was listed
// is a skip note (RemovedNote…), and a file removed before its size was
// read is left out: a tree that changes during the scan is not an error. The returned
// notes are sorted by path. err is non-nil only for a fatal problem: a root
// that does not exist or cannot be resolved (the error names it), or ctx
// cancelled (ctx.Err()).
func Walk(ctx context.Context, roots []string, opts Options, fn func(Entry)) (notes []Note, err error) {
	rts, err := normaliseRoots(roots)
	if err != nil {
		return nil, err
	}
	w := &walker{
		ctx:   ctx,
		opts:  opts,
		cap:   opts.Cap(),
		fn:    fn,
		g:     new(errgroup.Group),
		seen:  map[string]struct{}{},
		dirs:  map[dirID]struct{}{},
		repos: map[string]*repoOnce{},
	}
	w.g.SetLimit(runtime.GOMAXPROCS(0))
	for _, rt := range rts {
		if err := ctx.Err(); err != nil {
			break
		}
		if rt.isDir {
			ds := w.stateFor(rt, rt.real)
			w.goDir(ds)
		} else {
			w.fileRoot(rt)
		}
	}
	_ = w.g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w.yieldLinks()
	SortNotes(w.notes)
	return w.notes, nil
}

// normaliseRoots resolves roots to real paths, computes display prefixes
// and drops roots that another root already covers.
func normaliseRoots(given []string) ([]*root, error) {
	if len(given) == 0 {
		given = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("walk: current directory: %w", err)
	}
	var rts []*root
	for i, g := range given {
		p := g
		if p == "..." {
			p = "."
		} else if s, ok := strings.CutSuffix(p, "/..."); ok {
			p = s
			if p == "" {
				p = "/"
			}
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("root %s: %w", g, err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("root %s: %w", g, unwrapPath(err))
		}
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, fmt.Errorf("root %s: %w", g, unwrapPath(err))
		}
		rt := &root{real: real, isDir: fi.IsDir(), order: i}
		if rel, err := filepath.Rel(cwd, abs); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			if rel != "." {
				rt.display = filepath.ToSlash(rel)
			}
		} else if !rt.isDir {
			rt.display = filepath.Base(abs)
		}
		rts = append(rts, rt)
	}
	// Broader roots first, so that a root inside another is dropped whatever
	// the order the user gave them in.
	slices.SortStableFunc(rts, func(a, b *root) int {
		if a.isDir != b.isDir {
			if a.isDir {
				return -1
			}
			return 1
		}
		return len(a.real) - len(b.real)
	})
	var kept []*root
	for _, rt := range rts {
		covered := false
		for _, k := range kept {
			if rt.real == k.real || (k.isDir && within(k.real, rt.real)) {
				covered = true
				break
			}
		}
		if !covered {
			kept = append(kept, rt)
		}
	}
	slices.SortFunc(kept, func(a, b *root) int { return a.order - b.order })
	return kept, nil
}

// unwrapPath drops the *fs.PathError wrapper so messages name the root as
// the user gave it, once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// within reports whether p is dir or lies below it (both clean and absolute).
func within(dir, p string) bool {
	if p == dir {
		return true
	}
	if dir == string(filepath.Separator) {
		return strings.HasPrefix(p, dir)
	}
	return strings.HasPrefix(p, dir) && p[len(dir)] == filepath.Separator
}

// displayPath returns the display path of a slash path relative to the
// root ("." for the root itself when it has no display prefix).
func (rt *root) displayPath(rel string) string {
	switch {
	case rt.display == "" && rel == "":
		return "."
	case rt.display == "":
		return rel
	case rel == "":
		return rt.display
	}
	return rt.display + "/" + rel
}

// note records a note.
func (w *walker) note(n Note) {
	w.mu.Lock()
	w.notes = append(w.notes, n)
	w.mu.Unlock()
}

// repoAt returns the work tree whose top is top, loading it once.
func (w *walker) repoAt(top, displayTop string) *repo {
	w.mu.Lock()
	ro := w.repos[top]
	if ro == nil {
		ro = &repoOnce{}
		w.repos[top] = ro
	}
	w.mu.Unlock()
	ro.once.Do(func() {
		var warn []string
		ro.r, warn = openRepo(w.ctx, top)
		if displayTop == "" {
			displayTop = "."
		}
		for _, reason := range warn {
			w.note(Note{Path: displayTop, Reason: reason})
		}
	})
	return ro.r
}

// stateFor builds the state of directory dir (real, absolute, inside rt or
// rt's own directory) for listing: the work tree around it and the ignore
// rules of every directory from the work tree top down to dir's parent.
// rel is left "" (the root itself).
func (w *walker) stateFor(rt *root, dir string) dirState {
	ds := dirState{rt: rt, abs: dir}
	top, ok := findTop(dir)
	if !ok {
		return ds
	}
	ds.rp = w.repoAt(top, rt.display)
	ds.patterns = ds.rp.exclude
	rel, err := filepath.Rel(top, dir)
	if err != nil || rel == "." {
		return ds
	}
	cur := dirState{rp: ds.rp, abs: top, patterns: ds.rp.exclude}
	for _, c := range strings.Split(filepath.ToSlash(rel), "/") {
		cur = w.withIgnoreFile(cur)
		cur = cur.child(c)
	}
	cur.rt, cur.rel = rt, ""
	return cur
}

// withIgnoreFile adds the rules of ds's own .gitignore, when ds is in a work
// tree and not itself ignored (git does not read ignore files there).
func (w *walker) withIgnoreFile(ds dirState) dirState {
	if ds.rp == nil || ds.ignored {
		return ds
	}
	ps, err := readIgnoreFile(filepath.Join(ds.abs, ".gitignore"), ds.comps)
	if err != nil {
		w.note(Note{Path: ds.rt.displayPathOr(path.Join(ds.rel, ".gitignore")), Reason: "unreadable .gitignore", Err: err})
		return ds
	}
	if len(ps) > 0 {
		ds.patterns = append(slices.Clip(ds.patterns), ps...)
	}
	return ds
}

// displayPathOr is displayPath for a possibly nil root (during stateFor).
func (rt *root) displayPathOr(rel string) string {
	if rt == nil {
		return rel
	}
	return rt.displayPath(rel)
}

// child returns the state of subdirectory name of ds, before its own
// .gitignore is read.
func (ds dirState) child(name string) dirState {
	c := ds
	c.abs = filepath.Join(ds.abs, name)
	c.rel = joinRel(ds.rel, name)
	if ds.rp != nil {
		c.repoRel = joinRel(ds.repoRel, name)
		c.comps = append(slices.Clip(ds.comps), name)
		if !c.ignored {
			c.ignored = ignoredBy(ds.patterns, c.comps, true)
		}
	}
	return c
}

func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// kindPath is the path Classify sees for an entry of ds: relative to the work
// tree top inside git, else to the root.
func (ds *dirState) kindPath(name string) string {
	if ds.rp != nil {
		return joinRel(ds.repoRel, name)
	}
	return joinRel(ds.rel, name)
}

// fileIgnored reports whether git ignores the non-directory entry name of ds.
func (ds *dirState) fileIgnored(name string, comps []string) bool {
	if ds.rp == nil || ds.rp.isTracked(joinRel(ds.repoRel, name)) {
		return false
	}
	return ds.ignored || ignoredBy(ds.patterns, comps, false)
}

// goDir lists ds on another goroutine when one is free, else on this one.
func (w *walker) goDir(ds dirState) {
	if !w.g.TryGo(func() error { w.dir(ds); return nil }) {
		w.dir(ds)
	}
}

// dir lists one directory and handles its entries.
func (w *walker) dir(ds dirState) {
	if w.ctx.Err() != nil {
		return
	}
	ents, ok := w.list(ds)
	if !ok {
		return
	}
	hasGit, hasIgnore := false, false
	for _, e := range ents {
		switch e.Name() {
		case ".git":
			hasGit = true
		case ".gitignore":
			hasIgnore = true
		}
	}
	if hasGit && (ds.rp == nil || ds.rp.top != ds.abs) {
		// A nested work tree (a submodule or a clone inside the tree): its
		// own index and rules apply, not the outer ones.
		ds.rp = w.repoAt(ds.abs, ds.rt.displayPath(ds.rel))
		ds.repoRel, ds.comps, ds.ignored = "", nil, false
		ds.patterns = ds.rp.exclude
	}
	if hasIgnore {
		ds = w.withIgnoreFile(ds)
	}
	var comps []string
	if ds.rp != nil {
		comps = make([]string, len(ds.comps)+1)
		copy(comps, ds.comps)
	}
	for _, e := range ents {
		name := e.Name()
		if name == ".git" {
			continue
		}
		if comps != nil {
			comps[len(comps)-1] = name
		}
		if e.IsDir() {
			w.subdir(ds, name)
			continue
		}
		w.file(ds, e, comps)
	}
}

// list reads the entries of ds's directory, in no particular order. It
// refuses a directory already listed (a bind mount or a directory hard link
// that would loop). On a read error it notes it and returns what it read.
func (w *walker) list(ds dirState) ([]fs.DirEntry, bool) {
	display := ds.rt.displayPath(ds.rel)
	f, err := openDir(ds.abs)
	if err != nil {
		if reason := replacedReason(err); reason != "" && ds.rel != "" {
			// The tree changed under the walk (a build or a checkout
			// running beside it): a skip, not a read error.
			w.note(Note{Path: display, Reason: reason})
			return nil, false
		}
		w.note(Note{Path: display, Reason: "unreadable directory", Err: err})
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		w.note(Note{Path: display, Reason: "unreadable directory", Err: err})
		return nil, false
	}
	if id, ok := idOf(fi); ok {
		w.mu.Lock()
		_, dup := w.dirs[id]
		w.dirs[id] = struct{}{}
		w.mu.Unlock()
		if dup {
			w.note(Note{Path: display, Reason: "directory already walked (bind mount or loop); not entered again"})
			return nil, false
		}
	}
	ents, err := f.ReadDir(-1)
	if err != nil {
		// ReadDir returns what it read before the error: go on with that.
		w.note(Note{Path: display, Reason: "unreadable directory", Err: err})
	}
	return ents, true
}

// subdir decides whether to enter subdirectory name of ds.
func (w *walker) subdir(ds dirState, name string) {
	if !w.opts.NoIgnore && upstash.IsInstalledDir(name) { // dependency trees
		return
	}
	c := ds.child(name)
	if c.ignored && !w.opts.NoIgnore && !mayHoldWanted(c) {
		return
	}
	w.goDir(c)
}

// mayHoldWanted reports whether an ignored directory may still hold files
// the walk yields: tracked files, or build output (or .next, which holds
// .next/static).
func mayHoldWanted(c dirState) bool {
	if c.rp.holdsTracked(c.repoRel) {
		return true
	}
	kp := c.kindPath("")
	kp = strings.TrimSuffix(kp, "/")
	return leadsToBuildOutput(kp, true) || path.Base(kp) == ".next" || serverBuildPath(kp, true)
}

// file handles a non-directory entry of ds; comps is its path relative to the
// work tree top (nil outside git), valid only during the call.
func (w *walker) file(ds dirState, e fs.DirEntry, comps []string) {
	name := e.Name()
	ignored := ds.fileIgnored(name, comps)
	kind := Classify(ds.kindPath(name))
	if ignored && kind == Source && !w.opts.NoIgnore {
		return
	}
	rel := joinRel(ds.rel, name)
	display := ds.rt.displayPath(rel)
	abs := filepath.Join(ds.abs, name)
	if kind == BuildOutput && w.backendOutput(ds.kindPath(name), abs) {
		kind = ServerBuildOutput
	}
	t := e.Type()
	switch {
	case t.IsRegular():
		fi, err := e.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return // removed since the listing
			}
			w.note(Note{Path: display, Reason: "unreadable", Err: err})
			return
		}
		w.yield(Entry{Path: display, Abs: abs, Size: fi.Size(), Ignored: ignored, Kind: kind})
	case t&fs.ModeSymlink != 0:
		w.symlink(ds.rt, Entry{Path: display, Abs: abs, Ignored: ignored, Kind: kind})
	default:
		w.note(Note{Path: display, Reason: specialReason(t)})
	}
}

// specialReason names a file type that is never opened.
func specialReason(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO); not opened"
	case t&fs.ModeSocket != 0:
		return "socket; not opened"
	case t&fs.ModeDevice != 0:
		return "device; not opened"
	}
	return "not a regular file; not opened"
}

// yield hands a regular file to fn unless it is over the cap or was yielded
// already.
func (w *walker) yield(e Entry) {
	if w.cap > 0 && e.Size > w.cap {
		w.note(Note{Path: e.Path, Reason: w.opts.CapNote()})
		return
	}
	w.mu.Lock()
	_, dup := w.seen[e.Abs]
	if !dup {
		w.seen[e.Abs] = struct{}{}
	}
	w.mu.Unlock()
	if !dup {
		w.fn(e)
	}
}

// symlink resolves a symlink found in rt; e.Abs is the link's own path. Links
// to regular files inside rt are kept for yieldLinks; every other link is
// noted and not followed.
func (w *walker) symlink(rt *root, e Entry) {
	fi, err := os.Stat(e.Abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			w.note(Note{Path: e.Path, Reason: "dangling symlink"})
		} else {
			w.note(Note{Path: e.Path, Reason: "symlink not resolved: " + unwrapPath(err).Error()})
		}
		return
	}
	real, err := filepath.EvalSymlinks(e.Abs)
	if err != nil {
		w.note(Note{Path: e.Path, Reason: "symlink not resolved: " + unwrapPath(err).Error()})
		return
	}
	switch {
	case !within(rt.real, real):
		w.note(Note{Path: e.Path, Reason: "symlink points outside the root; not followed"})
	case fi.IsDir():
		w.note(Note{Path: e.Path, Reason: "symlink to a directory; not followed"})
	case !fi.Mode().IsRegular():
		w.note(Note{Path: e.Path, Reason: "symlink to a " + strings.TrimSuffix(specialReason(fi.Mode().Type()), "; not opened") + "; not followed"})
	default:
		e.Abs, e.Size = real, fi.Size()
		w.mu.Lock()
		w.links = append(w.links, e)
		w.mu.Unlock()
	}
}

// yieldLinks yields, in display-path order, each kept symlink whose target
// the traversal did not yield itself (the target lies in a skipped place, or
// several links share it): every real file is scanned once.
func (w *walker) yieldLinks() {
	slices.SortFunc(w.links, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
	for _, e := range w.links {
		w.yield(e)
	}
}

// fileRoot handles a root given as a file: it is yielded whatever the ignore
// rules say (the user named it), with Ignored and Kind computed as usual.
func (w *walker) fileRoot(rt *root) {
	display := rt.display
	fi, err := os.Lstat(rt.real)
	if err != nil {
		w.note(Note{Path: display, Reason: "unreadable", Err: err})
		return
	}
	if !fi.Mode().IsRegular() {
		w.note(Note{Path: display, Reason: specialReason(fi.Mode().Type())})
		return
	}
	dir, name := filepath.Split(rt.real)
	ds := w.withIgnoreFile(w.stateFor(rt, filepath.Clean(dir)))
	var comps []string
	if ds.rp != nil {
		comps = append(slices.Clip(ds.comps), name)
	}
	w.yield(Entry{
		Path:    display,
		Abs:     rt.real,
		Size:    fi.Size(),
		Ignored: ds.fileIgnored(name, comps),
		Kind:    w.kindOf(ds.kindPath(name), rt.real),
	})
}

// kindOf is Classify, with the backend packages' build output told apart
// (backendOutput); abs is the file's real path.
func (w *walker) kindOf(kindPath, abs string) Kind {
	k := Classify(kindPath)
	if k == BuildOutput && w.backendOutput(kindPath, abs) {
		return ServerBuildOutput
	}
	return k
}

// backendOutput reports whether a build-output file (kindPath as Classify
// sees it, abs its real path) lies in the dist/, build/ or out/ of a
// backend package: the directory has no HTML entry at its top, and the
// package.json beside it names no browser framework or bundler
// (upstash.IsBrowserPackageJSON). Without a package.json the output is taken
// to ship to browsers, as before. Decided once per directory.
func (w *walker) backendOutput(kindPath, abs string) bool {
	below, ok := buildRoot(kindPath)
	if !ok {
		return false
	}
	dir := abs
	for range below {
		dir = filepath.Dir(dir)
	}
	w.mu.Lock()
	v, done := w.backend[dir]
	w.mu.Unlock()
	if done {
		return v
	}
	v = decideBackend(dir)
	w.mu.Lock()
	if w.backend == nil {
		w.backend = map[string]bool{}
	}
	w.backend[dir] = v
	w.mu.Unlock()
	return v
}

// decideBackend is backendOutput's decision for the build-output directory
// dir (a real path).
func decideBackend(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if ext := strings.ToLower(filepath.Ext(e.Name())); ext == ".html" || ext == ".htm" {
			return false
		}
	}
	pkg, err := readSmall(filepath.Join(filepath.Dir(dir), "package.json"), 1<<20)
	if err != nil {
		return false
	}
	return !upstash.IsBrowserPackageJSON(pkg)
}

// readSmall reads a regular file of at most limit bytes.
func readSmall(p string, limit int64) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > limit {
		return nil, fs.ErrInvalid
	}
	return os.ReadFile(p)
}
