package source

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
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
	// One git rev-parse for the work tree, its index file and whether HEAD
	// exists (`--revs-only HEAD` prints nothing on an unborn branch): each
	// git process is a few milliseconds of a pre-commit hook's time.
	top, rest, err := workTree(ctx, s.Dir, "--git-path", "index", "--show-object-format", "--revs-only", "HEAD")
	if err != nil {
		return nil, err
	}
	if err := verifyIndex(rest); err != nil {
		return nil, err
	}
	var entries []rawEntry
	if len(rest) < 3 || rest[2] == "" {
		entries, err = indexEntries(ctx, top) // no commit yet
	} else {
		entries, err = stagedEntries(ctx, top)
	}
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
		// An unborn branch has no HEAD at all; a HEAD whose commit is
		// missing or broken is git's error, not "no commit yet".
		if _, verr := gitcmd.Output(ctx, top, "rev-parse", "-q", "--verify", "HEAD"); verr != nil {
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
		if err == nil {
			err = checkIndexEntry(e)
		}
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
		if err := checkIndexEntry(e); err != nil {
			return nil, fmt.Errorf("git ls-files --stage in %s: %w", top, err)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// errCorruptIndex is wrapped by the errors about an index git read without
// complaint but that cannot be right.
var errCorruptIndex = errors.New("the git index is corrupt")

// checkIndexEntry rejects a record that git printed from a damaged index
// (git does not verify the index checksum when it reads it, so a truncated
// index yields records without a path or object): every path git stores
// passes verify_path, and every entry that is not a deletion or unmerged
// has an object.
func checkIndexEntry(e rawEntry) error {
	p := e.path
	bad := p == "" || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/")
	for c := range strings.SplitSeq(p, "/") {
		bad = bad || c == "" || c == "." || c == ".." || c == ".git"
	}
	if bad {
		return fmt.Errorf("%w: an entry with the path %q", errCorruptIndex, truncateForError(p))
	}
	if e.status != 'D' && e.status != 'U' && strings.Trim(e.dstOID, "0") == "" {
		return fmt.Errorf("%w: the entry %s has no object", errCorruptIndex, truncateForError(p))
	}
	return nil
}

// verifyIndex checks the index file that git reads for this repository (the
// one GIT_INDEX_FILE names, in a hook; index is what `git rev-parse
// --git-path index --show-object-format` prints) against its trailing checksum
// (gitformat-index(5)): git itself does not, so a truncated or damaged
// index is read as whatever its bytes say. A missing index (nothing staged
// yet) is fine, and so is one written with index.skipHash (its checksum is
// all zeros). The error names the file, wraps errCorruptIndex, and says how
// to rebuild it.
func verifyIndex(index []string) error {
	if len(index) < 1 || index[0] == "" {
		return errors.New("git rev-parse --git-path index: no path")
	}
	name := index[0]
	h := sha1.New()
	if len(index) > 1 && strings.TrimSpace(index[1]) == "sha256" {
		h = sha256.New()
	}
	err := checkIndexFile(name, h)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if errors.Is(err, errCorruptIndex) {
		return fmt.Errorf("%s: %w; rebuild it from HEAD (rm %s && git reset) and stage your changes again", name, err, name)
	}
	return err
}

// checkIndexFile reads the index file name and checks its signature and its
// trailing checksum, computed with h.
func checkIndexFile(name string, h hash.Hash) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", errCorruptIndex)
	}
	sum := int64(h.Size())
	size := fi.Size()
	const header = 12 // "DIRC", version, entry count
	if size < header+sum {
		return fmt.Errorf("%w: %d bytes, shorter than an empty index (truncated)", errCorruptIndex, size)
	}
	r := bufio.NewReaderSize(f, 64<<10)
	head, err := r.Peek(header)
	if err != nil {
		return err
	}
	if string(head[:4]) != "DIRC" {
		return fmt.Errorf("%w: no index signature", errCorruptIndex)
	}
	if _, err := io.CopyN(h, r, size-sum); err != nil {
		return fmt.Errorf("%w: %v (truncated while reading)", errCorruptIndex, err)
	}
	trailer := make([]byte, sum)
	if _, err := io.ReadFull(r, trailer); err != nil {
		return fmt.Errorf("%w: %v (truncated while reading)", errCorruptIndex, err)
	}
	if bytes.Count(trailer, []byte{0}) == len(trailer) {
		return nil // index.skipHash: no checksum to check
	}
	if !bytes.Equal(trailer, h.Sum(nil)) {
		return fmt.Errorf("%w: its checksum does not match its content (truncated or damaged)", errCorruptIndex)
	}
	return nil
}
