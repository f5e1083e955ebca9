package source

import (
	"bufio"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/upscan/upscan/internal/gitcmd"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// History reads every blob that the commits of a repository added or
// changed (upscan --history): a token deleted since is still in the history,
// and still valid until it is rotated. Each blob is read once, however many
// commits and paths hold it, with Commit set to the first commit that
// introduced it, walking parents before children (git log --reverse
// --topo-order), and Path to its path in that commit.
//
// The walk covers every ref (branches, tags, remote-tracking branches; git
// log --all) and every commit reachable from them, including both sides of
// each merge. A merge commit is compared with its first parent, so content
// that first appears in a conflict resolution is attributed to the merge;
// content merged from the other side is already attributed to the commit
// that introduced it there. Renames are not followed: a renamed file keeps
// its blob, so it is not read again. Deleted files, symlinks and submodules
// (noted) are not scanned; binary and oversized blobs are noted once per
// path.
//
// The same credential usually sits in many blobs (every later version of
// its file): OldestFirst reduces the findings to one per credential.
type History struct {
	// Dir is a directory inside the work tree; "" means the current one.
	Dir string
	// Since, when set, limits the walk to commits that are not reachable
	// from this revision (git log --all ^Since).
	Since string
	// MaxCount, when positive, limits the walk to the newest MaxCount
	// commits (git log --max-count), which are then read oldest first.
	MaxCount int
	// Options supplies the size cap (MaxFileSize).
	Options walk.Options
}

// historyFormat is the git log --format of a commit header: \x01, then the
// commit ID, the author name (mailmap applied) and the strict ISO 8601
// author date, NUL-terminated.
const historyFormat = "%x01%H%x00%aN%x00%aI"

// Each calls fn for every distinct text blob within the size cap that the
// walked commits introduced, from up to jobs goroutines (jobs <= 0:
// GOMAXPROCS). Files arrive in no particular order. One `git log --raw`
// process lists the commits and their changes while one `git cat-file
// --batch` process reads the blobs. The error wraps ErrNotGitRepo outside a
// work tree, names Since when git cannot resolve it, carries git's message
// when git fails, or is ctx.Err(). A repository without commits yields
// nothing.
func (h History) Each(ctx context.Context, jobs int, fn func(File)) ([]walk.Note, error) {
	top, err := isGitRepo(ctx, h.Dir)
	if err != nil {
		return nil, err
	}
	args := []string{"log", "--raw", "-z", "--no-abbrev", "--no-renames", "-m", "--reverse", "--topo-order",
		"--format=" + historyFormat, "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none"}
	if h.MaxCount > 0 {
		args = append(args, "--max-count="+strconv.Itoa(h.MaxCount))
	}
	args = append(args, "--all")
	if h.Since != "" {
		if err := verifyRevision(ctx, top, h.Since); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		args = append(args, "^"+h.Since)
	}
	if ok, err := hasCommits(ctx, top); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("reading the history of %s: %w", top, err)
	} else if !ok {
		return nil, nil
	}
	args = append(args, "--")

	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var notes noteSet
	in := make(chan blobJob, 256)
	var (
		logErr error
		wg     sync.WaitGroup
	)
	wg.Go(func() {
		defer close(in)
		logErr = h.walkLog(ctx, top, args, in, notes.add)
		if logErr != nil {
			cancel()
		}
	})
	br := &blobReader{top: top, jobs: jobs, cap: h.Options.Cap(), capNote: h.Options.CapNote(), fn: fn, note: notes.add, abort: cancel}
	readErr := br.run(ctx, in)
	wg.Wait()
	switch {
	case logErr != nil && !errors.Is(logErr, context.Canceled):
		return nil, logErr
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return nil, readErr
	case logErr != nil:
		return nil, logErr
	case readErr != nil:
		return nil, readErr
	}
	return notes.sorted(), nil
}

// hasCommits reports whether any ref points at a commit (a fresh repository
// has none, and git log --all then prints nothing anyway). A repository
// whose refs point at missing or broken objects is an error carrying git's
// message ("fatal: bad object refs/heads/main"), never "no commits": a scan
// of nothing must not pass for a clean history.
func hasCommits(ctx context.Context, top string) (bool, error) {
	out, err := gitcmd.Output(ctx, top, "rev-list", "--all", "--max-count=1")
	if err != nil {
		return false, err
	}
	return len(strings.TrimSpace(string(out))) > 0, nil
}

// walkLog runs git log with args in top and sends a job for each blob the
// first time it appears, until the log ends or ctx is done.
func (h History) walkLog(ctx context.Context, top string, args []string, out chan<- blobJob, note func(walk.Note)) error {
	s, err := gitcmd.Start(ctx, top, args...)
	if err != nil {
		return err
	}
	perr := parseLog(ctx, s.Stdout, func(oid string, f File) bool {
		select {
		case out <- blobJob{oid: oid, file: f}:
			return true
		case <-ctx.Done():
			return false
		}
	}, note)
	werr := s.Wait()
	if perr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("git log in %s: %w", top, perr)
	}
	return werr
}

// parseLog reads `git log --raw -z --format=historyFormat` output and calls
// emit for each regular-file blob not seen before (emit returns false to
// stop). With -m, a merge's header and records repeat once per parent; a
// repeated blob is skipped like any other.
func parseLog(ctx context.Context, br *bufio.Reader, emit func(oid string, f File) bool, note func(walk.Note)) error {
	seen := map[string]struct{}{}
	var commit *rules.Commit
	for {
		tok, err := readToken(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		tok = strings.TrimPrefix(tok, "\n")
		switch {
		case tok == "":
		case tok[0] == '\x01':
			id := tok[1:]
			author, err1 := readToken(br)
			date, err2 := readToken(br)
			if err := cmp.Or(err1, err2); err != nil {
				return fmt.Errorf("truncated commit header for %s: %w", id, noEOF(err))
			}
			if commit == nil || commit.ID != id {
				c := &rules.Commit{ID: id, Author: author}
				if t, err := time.Parse(time.RFC3339, strings.TrimSpace(date)); err == nil {
					c.Date = t
				}
				commit = c
			}
		case tok[0] == ':':
			e, err := readRawEntry(br, tok)
			if err != nil {
				return err
			}
			if commit == nil {
				return fmt.Errorf("change record before any commit header")
			}
			switch {
			case e.status == 'D':
			case e.dstMode == modeGitlink:
				note(walk.Note{Path: e.path, Reason: SubmoduleNote})
			case isRegularMode(e.dstMode):
				key, err := hex.DecodeString(e.dstOID)
				if err != nil {
					return fmt.Errorf("bad object name %q", truncateForError(e.dstOID))
				}
				if _, dup := seen[string(key)]; dup {
					continue
				}
				seen[string(key)] = struct{}{}
				if !emit(e.dstOID, File{Path: e.path, Kind: walk.Classify(e.path), Commit: commit}) {
					return ctx.Err()
				}
			}
		default:
			return fmt.Errorf("unexpected git log output %q", truncateForError(tok))
		}
	}
}

// OldestFirst reduces the findings of a history scan to one per credential:
// among findings with the same rule and secret (rules.Redacted.SHA256), or,
// for findings without a secret, the same fingerprint, it keeps the one
// whose commit has the oldest author date (then the smallest path, line and
// column, so the result does not depend on scheduling). Findings without a
// commit sort after those with one; findings with neither a secret nor a
// fingerprint are all kept. The result is a new slice in no particular
// order; fs is not modified.
func OldestFirst(fs []rules.Finding) []rules.Finding {
	type key struct{ rule, content string }
	best := map[key]int{}
	var keep []int
	for i, f := range fs {
		var k key
		switch {
		case !f.Secret.IsZero() && f.Secret.SHA256 != "":
			k = key{f.RuleID, "secret:" + f.Secret.SHA256}
		case f.Fingerprint != "":
			k = key{f.RuleID, "fp:" + f.Fingerprint}
		default:
			keep = append(keep, i)
			continue
		}
		j, ok := best[k]
		if !ok || older(f, fs[j]) {
			best[k] = i
		}
	}
	for _, i := range best {
		keep = append(keep, i)
	}
	slices.Sort(keep)
	out := make([]rules.Finding, 0, len(keep))
	for _, i := range keep {
		out = append(out, fs[i])
	}
	return out
}

// older reports whether a was introduced before b.
func older(a, b rules.Finding) bool {
	switch {
	case a.Commit != nil && b.Commit == nil:
		return true
	case a.Commit == nil && b.Commit != nil:
		return false
	case a.Commit != nil && !a.Commit.Date.Equal(b.Commit.Date):
		return a.Commit.Date.Before(b.Commit.Date)
	}
	return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) < 0
}
