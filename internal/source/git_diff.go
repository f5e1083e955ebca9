package source

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/upscan/upscan/internal/gitcmd"
	"github.com/upscan/upscan/internal/walk"
)

// Diff reads the files that changed between a revision and the work tree
// (upscan --diff REF): what `git diff REF` shows, so staged and unstaged
// changes to tracked files both count and untracked files do not. Each file
// is read whole from the work tree, so the analyzers have its context, and
// Changed holds the lines git reports as added: a finding is reported only
// on an added line. A renamed file whose lines did not change adds no line;
// a file git treats as binary but upscan reads as text is reported whole.
//
// Paths are relative to the work tree top, as git prints them. Deleted
// files, symlinks and submodules (noted) are not scanned. For a pull
// request, pass the merge base (git merge-base origin/main HEAD) so that
// changes on the base branch do not count as the branch's.
type Diff struct {
	// Dir is a directory inside the work tree; "" means the current one.
	Dir string
	// Ref is the base revision: anything `git rev-parse` resolves to a commit.
	Ref string
	// Options supplies the size cap (MaxFileSize) and, with Project, the
	// walk's ignore handling (NoIgnore).
	Options walk.Options
	// Project, when set, also yields every other file of the work tree (as
	// WorkTree finds them under the top), with an empty Changed: nothing
	// is reported in them, but cross-file analyses see the whole project
	// (an endpoint added in the diff whose rate limiter lives in an
	// unchanged file). Notes are kept only for changed files.
	Project bool
}

// Each calls fn for every changed text file within the size cap (and, with
// Project, every other work-tree file), from up to jobs goroutines (jobs <=
// 0: GOMAXPROCS). One `git diff --raw -p -U0`
// process lists the changes and their added lines. The error wraps
// ErrNotGitRepo outside a work tree, names Ref when git cannot resolve it,
// carries git's message when git fails, or is ctx.Err().
func (d Diff) Each(ctx context.Context, jobs int, fn func(File)) ([]walk.Note, error) {
	top, err := isGitRepo(ctx, d.Dir)
	if err != nil {
		return nil, err
	}
	if err := verifyRevision(ctx, top, d.Ref); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	changes, err := diffChanges(ctx, top, d.Ref)
	if err != nil {
		return nil, err
	}

	var notes noteSet
	var files []walk.Entry
	changed := map[string][]LineRange{}
	for _, c := range changes {
		e := c.entry
		switch {
		case e.dstMode == modeGitlink:
			notes.add(walk.Note{Path: e.path, Reason: SubmoduleNote})
		case isRegularMode(e.dstMode):
			files = append(files, walk.Entry{Path: e.path, Abs: filepath.Join(top, filepath.FromSlash(e.path)), Kind: walk.Classify(e.path)})
			changed[e.path] = c.added
		}
	}
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if d.Project {
		var mu sync.Mutex
		seen := map[string]bool{}
		walkNotes, err := WorkTree{Roots: []string{top}, Options: d.Options}.Each(ctx, jobs, func(f File) {
			added, ok := changed[f.Path]
			if !ok {
				added = []LineRange{}
			} else {
				mu.Lock()
				seen[f.Path] = true
				mu.Unlock()
				if f.Relined {
					added = nil // git's line numbers are not the text's
				}
			}
			f.Changed = added
			fn(f)
		})
		if err != nil {
			return nil, err
		}
		for _, n := range walkNotes {
			if _, ok := changed[n.Path]; ok {
				seen[n.Path] = true
				notes.add(n)
			}
		}
		// Changed files the walk does not yield (a tracked file under
		// node_modules or vendor) are read below.
		files = slices.DeleteFunc(files, func(e walk.Entry) bool { return seen[e.Path] })
	}
	if len(files) == 0 {
		return notes.sorted(), nil
	}
	entries := make(chan walk.Entry, len(files))
	for _, f := range files {
		entries <- f
	}
	close(entries)
	var wg sync.WaitGroup
	for range min(jobs, len(files)) {
		wg.Go(func() {
			r := reader{cap: d.Options.Cap(), capNote: d.Options.CapNote()}
			for e := range entries {
				if ctx.Err() != nil {
					continue
				}
				f, note := r.read(e)
				if note != nil {
					notes.add(*note)
					continue
				}
				f.Changed = changed[e.Path]
				if f.Relined {
					f.Changed = nil
				}
				fn(f)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return notes.sorted(), nil
}

// change is one file in a diff and the lines added to it: nil when every
// line counts (git printed no line diff, e.g. for what it takes for binary),
// empty when none was added.
type change struct {
	entry rawEntry
	added []LineRange
}

// diffChanges runs `git diff --raw -z -p -U0 REF` in top and pairs each raw
// record with its patch section. The raw records come first, NUL-terminated,
// then an empty record, then the patch; each record has one "diff --git"
// section, except a type change, which git prints as a deletion followed by
// an addition. Deleted files are left out (--diff-filter), renames are
// detected (-M) and context is zero lines, so hunk headers
// ("@@ -a,b +c,d @@", diff-generate-patch(5)) give exactly the added lines.
func diffChanges(ctx context.Context, top, ref string) ([]change, error) {
	s, err := gitcmd.Start(ctx, top, "diff", "--raw", "-z", "-p", "-U0", "--inter-hunk-context=0", "--no-abbrev",
		"-M", "--diff-filter=ACMRT", "--no-ext-diff", "--no-textconv", "--no-relative", "--submodule=short",
		"--ignore-submodules=none", "--no-color", "--end-of-options", ref, "--")
	if err != nil {
		return nil, err
	}
	changes, perr := parseDiff(s.Stdout)
	if werr := s.Wait(); werr != nil {
		return nil, werr
	}
	if perr != nil {
		return nil, fmt.Errorf("git diff %s in %s: %w", ref, top, perr)
	}
	return changes, nil
}

// parseDiff parses the combined --raw -z and -p output of git diff.
func parseDiff(r *bufio.Reader) ([]change, error) {
	var changes []change
	for {
		tok, err := readToken(r)
		if err == io.EOF {
			return changes, nil // no changes at all
		}
		if err != nil {
			return nil, err
		}
		if tok == "" {
			break // end of the raw part
		}
		e, err := readRawEntry(r, tok)
		if err != nil {
			return nil, err
		}
		changes = append(changes, change{entry: e})
	}
	sections, err := parsePatch(r)
	if err != nil {
		return nil, err
	}
	want := 0
	for _, c := range changes {
		want++
		if c.entry.status == 'T' {
			want++
		}
	}
	if len(sections) != want {
		// Unexpected layout: count every line of every file rather
		// than guess which added lines belong where.
		return changes, nil
	}
	i := 0
	for k := range changes {
		if changes[k].entry.status == 'T' {
			i++ // the deletion half of a type change
		}
		changes[k].added = sections[i]
		i++
	}
	return changes, nil
}

// parsePatch splits unified diff output into its "diff --git" sections and
// returns each section's added line ranges (nil for a section with a binary
// notice, which has no line diff).
func parsePatch(r *bufio.Reader) ([][]LineRange, error) {
	var sections [][]LineRange
	cur := -1
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			switch {
			case strings.HasPrefix(line, "diff --git "):
				sections = append(sections, []LineRange{})
				cur = len(sections) - 1
			case cur < 0:
			case strings.HasPrefix(line, "@@ "):
				rg, ok, perr := parseHunkHeader(line)
				if perr != nil {
					return nil, perr
				}
				if ok && sections[cur] != nil {
					sections[cur] = appendRange(sections[cur], rg)
				}
			case strings.HasPrefix(line, "Binary files ") || strings.HasPrefix(line, "GIT binary patch"):
				sections[cur] = nil
			}
		}
		if err == io.EOF {
			return sections, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// parseHunkHeader parses "@@ -a[,b] +c[,d] @@…" and returns the added lines
// c..c+d-1; ok is false when the hunk adds nothing (d == 0).
func parseHunkHeader(line string) (LineRange, bool, error) {
	rest, ok := strings.CutPrefix(line, "@@ -")
	if !ok {
		return LineRange{}, false, fmt.Errorf("bad hunk header %q", truncateForError(line))
	}
	_, rest, ok = strings.Cut(rest, " +")
	if !ok {
		return LineRange{}, false, fmt.Errorf("bad hunk header %q", truncateForError(line))
	}
	spec, _, ok := strings.Cut(rest, " @@")
	if !ok {
		return LineRange{}, false, fmt.Errorf("bad hunk header %q", truncateForError(line))
	}
	startStr, countStr, hasCount := strings.Cut(spec, ",")
	start, err := strconv.Atoi(startStr)
	if err != nil {
		return LineRange{}, false, fmt.Errorf("bad hunk header %q", truncateForError(line))
	}
	count := 1
	if hasCount {
		if count, err = strconv.Atoi(countStr); err != nil {
			return LineRange{}, false, fmt.Errorf("bad hunk header %q", truncateForError(line))
		}
	}
	if count <= 0 {
		return LineRange{}, false, nil
	}
	return LineRange{Start: start, End: start + count - 1}, true, nil
}

// appendRange appends rg, merging it into the last range when they touch.
func appendRange(rs []LineRange, rg LineRange) []LineRange {
	if n := len(rs); n > 0 && rs[n-1].End+1 >= rg.Start {
		rs[n-1].End = max(rs[n-1].End, rg.End)
		return rs
	}
	return append(rs, rg)
}
