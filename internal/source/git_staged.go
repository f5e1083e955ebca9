package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/upscan/upscan/internal/gitcmd"
	"github.com/upscan/upscan/internal/walk"
)

// Staged reads the files a commit would record: the blobs in the git index
// that differ from HEAD (every index entry before the first commit). It
// reads the index, never the work tree, so a token that was staged and then
// removed from the work tree is still found, and an unstaged token is not
// (upscan --staged, the pre-commit hook). When git runs a hook with its own
// index (GIT_INDEX_FILE, as for `git commit -a` or `git commit PATH`), that
// index is the one read.
//
// Each staged file is scanned whole: Changed is nil. Paths are relative to
// the work tree top, as git prints them. Deleted files, symlinks and
// submodules (noted) are not scanned; unmerged paths are noted.
type Staged struct {
	// Dir is a directory inside the work tree; "" means the current one.
	Dir string
	// Options supplies the size cap (MaxFileSize); NoIgnore does not apply,
	// since everything staged is scanned.
	Options walk.Options
}

// Each calls fn for every staged text file within the size cap, from up to
// jobs goroutines (jobs <= 0: GOMAXPROCS). The index is listed by one
// `git diff-index --cached` (or `git ls-files --stage` before the first
// commit) and the blobs read by one `git cat-file --batch`. Notes cover
// binary, oversized and unreadable blobs, submodules and unmerged paths,
// sorted by path. The error wraps ErrNotGitRepo outside a work tree, carries
// git's message when git fails, or is ctx.Err().
func (s Staged) Each(ctx context.Context, jobs int, fn func(File)) ([]walk.Note, error) {
	top, err := isGitRepo(ctx, s.Dir)
	if err != nil {
		return nil, err
	}
	entries, err := stagedEntries(ctx, top)
	if err != nil {
		return nil, err
	}
	var notes noteSet
	var blobs []blobJob
	unmerged := map[string]bool{}
	for _, e := range entries {
		switch {
		case e.status == 'D':
		case e.status == 'U':
			if !unmerged[e.path] {
				unmerged[e.path] = true
				notes.add(walk.Note{Path: e.path, Reason: "unmerged (merge conflict); resolve it and git add the file to scan it"})
			}
		case e.dstMode == modeGitlink:
			notes.add(walk.Note{Path: e.path, Reason: SubmoduleNote})
		case isRegularMode(e.dstMode):
			blobs = append(blobs, blobJob{oid: e.dstOID, file: File{Path: e.path, Kind: walk.Classify(e.path)}})
		}
	}
	if len(blobs) == 0 {
		return notes.sorted(), nil
	}
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	in := make(chan blobJob, len(blobs))
	for _, b := range blobs {
		in <- b
	}
	close(in)
	br := &blobReader{top: top, jobs: min(jobs, len(blobs)), cap: s.Options.Cap(), capNote: s.Options.CapNote(), fn: fn, note: notes.add}
	if err := br.run(ctx, in); err != nil {
		return nil, err
	}
	return notes.sorted(), nil
}

// stagedEntries lists the index entries that differ from HEAD as raw diff
// records, or every index entry as an added record when HEAD does not exist
// yet (an unborn branch).
func stagedEntries(ctx context.Context, top string) ([]rawEntry, error) {
	out, err := gitcmd.Output(ctx, top, "diff-index", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames",
		"--ignore-submodules=none", "HEAD", "--")
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if _, verr := gitcmd.Output(ctx, top, "rev-parse", "-q", "--verify", "HEAD^{commit}"); verr != nil {
			var ge *gitcmd.Error
			if errors.As(verr, &ge) {
				return indexEntries(ctx, top) // no commit yet
			}
			return nil, verr
		}
		return nil, err
	}
	var entries []rawEntry
	r := bufio.NewReader(bytes.NewReader(out))
	for {
		tok, err := readToken(r)
		if err == io.EOF {
			return entries, nil
		}
		if err != nil {
			return nil, err
		}
		if tok == "" {
			continue
		}
		e, err := readRawEntry(r, tok)
		if err != nil {
			return nil, fmt.Errorf("git diff-index in %s: %w", top, err)
		}
		entries = append(entries, e)
	}
}

// indexEntries lists every index entry ("<mode> SP <oid> SP <stage> TAB
// <path>", git-ls-files(1) --stage -z) as an added raw record; entries with
// a stage other than 0 are unmerged.
func indexEntries(ctx context.Context, top string) ([]rawEntry, error) {
	out, err := gitcmd.Output(ctx, top, "ls-files", "--stage", "-z", "--full-name")
	if err != nil {
		return nil, err
	}
	var entries []rawEntry
	for rec := range strings.SplitSeq(string(out), "\x00") {
		if rec == "" {
			continue
		}
		meta, path, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 {
			return nil, fmt.Errorf("git ls-files --stage in %s: unexpected record %q", top, truncateForError(rec))
		}
		e := rawEntry{srcMode: "000000", dstMode: f[0], dstOID: f[1], status: 'A', path: path}
		if f[2] != "0" {
			e.status = 'U'
		}
		entries = append(entries, e)
	}
	return entries, nil
}
