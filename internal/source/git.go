package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/upscan/upscan/internal/gitcmd"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// Source yields the files a code scan analyzes. WorkTree, Staged, Diff and
// History implement it.
type Source interface {
	// Each calls fn for every file to analyze, from up to jobs goroutines at
	// once (jobs <= 0 means runtime.GOMAXPROCS(0)); fn must be safe for
	// concurrent use. It returns the files noted as skipped or unreadable,
	// sorted by path, and an error when the source cannot be read at all.
	Each(ctx context.Context, jobs int, fn func(File)) ([]walk.Note, error)
}

// LineRange is a run of lines, 1-based and inclusive at both ends.
type LineRange struct{ Start, End int }

// Scope returns the findings of fs that f reports, each with Commit set to
// f.Commit when the finding has none. When f.Changed is nil every finding is
// kept. Otherwise a finding is kept when one of its lines (Line through
// EndLine; EndLine 0 means Line) lies in a changed range, and a finding
// without a line (about the whole file) is kept when any line changed. fs is
// filtered in place; the result shares its backing array.
func (f File) Scope(fs []rules.Finding) []rules.Finding {
	kept := fs[:0]
	for _, fd := range fs {
		if !f.reports(fd.Line, fd.EndLine) {
			continue
		}
		if fd.Commit == nil && f.Commit != nil {
			fd.Commit = f.Commit
		}
		kept = append(kept, fd)
	}
	return kept
}

// reports reports whether a finding on lines line..end is in scope.
func (f File) reports(line, end int) bool {
	if f.Changed == nil {
		return true
	}
	if line <= 0 {
		return len(f.Changed) > 0
	}
	end = max(end, line)
	for _, r := range f.Changed {
		if r.Start <= end && line <= r.End {
			return true
		}
	}
	return false
}

// ErrNotGitRepo is wrapped by the error IsGitRepo (and the git sources)
// return for a directory outside any git work tree.
var ErrNotGitRepo = errors.New("not inside a git work tree")

// IsGitRepo returns the top directory of the git work tree that contains dir
// ("" means the current directory), as git prints it (absolute, forward
// slashes). Outside a work tree (or in a bare repository or a .git
// directory) the error reads "/abs/dir is not inside a git work tree" and
// wraps ErrNotGitRepo; when git is missing or refuses the repository
// (for instance "detected dubious ownership"), the error carries git's
// message.
func IsGitRepo(dir string) (top string, err error) {
	return isGitRepo(context.Background(), dir)
}

func isGitRepo(ctx context.Context, dir string) (string, error) {
	top, _, err := workTree(ctx, dir)
	return top, err
}

// workTree is isGitRepo that also asks the same `git rev-parse` for more:
// more are its further arguments, and rest the lines it prints for them,
// each relative to the absolute dir it ran in (say for --git-path).
func workTree(ctx context.Context, dir string, more ...string) (top string, rest []string, err error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return "", nil, fmt.Errorf("%s: %w", dir, unwrapPathErr(err))
	} else if !fi.IsDir() {
		return "", nil, fmt.Errorf("%s: not a directory", dir)
	}
	out, err := gitcmd.Output(ctx, abs, append([]string{"rev-parse", "--is-inside-work-tree", "--show-toplevel"}, more...)...)
	if err != nil {
		var ge *gitcmd.Error
		if errors.As(err, &ge) && (strings.Contains(ge.Stderr, "not a git repository") ||
			strings.Contains(ge.Stderr, "must be run in a work tree")) {
			return "", nil, fmt.Errorf("%s is %w", abs, ErrNotGitRepo)
		}
		return "", nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "true" || lines[1] == "" {
		return "", nil, fmt.Errorf("%s is %w", abs, ErrNotGitRepo)
	}
	rest = lines[2:]
	if len(rest) > 0 && rest[0] != "" && !filepath.IsAbs(rest[0]) {
		rest[0] = filepath.Join(abs, rest[0])
	}
	return lines[1], rest, nil
}

// VerifyRevision checks that rev names a commit in the repository that
// contains dir, as the Ref of Diff and the Since of History must, so a CLI
// can reject a bad flag before scanning. The error reads
// `revision "rev": not a commit in /top` (or `… not a revision name` for
// one that starts with "-"), wraps ErrNotGitRepo outside a work tree, or
// carries git's message.
func VerifyRevision(dir, rev string) error {
	top, err := isGitRepo(context.Background(), dir)
	if err != nil {
		return err
	}
	return verifyRevision(context.Background(), top, rev)
}

func verifyRevision(ctx context.Context, top, rev string) error {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return fmt.Errorf("revision %q: not a revision name", rev)
	}
	if _, err := gitcmd.Output(ctx, top, "rev-parse", "-q", "--verify", "--end-of-options", rev+"^{commit}"); err != nil {
		var ge *gitcmd.Error
		if errors.As(err, &ge) {
			if shallow, _ := isShallow(ctx, top); shallow {
				return fmt.Errorf("revision %q: not a commit in %s; %s", rev, top, ShallowHint)
			}
			return fmt.Errorf("revision %q: not a commit in %s", rev, top)
		}
		return err
	}
	return nil
}

// ShallowHint is what an error or note about a shallow clone tells the user
// to do.
const ShallowHint = "shallow clone: fetch more history (fetch-depth: 0 in actions/checkout, GIT_DEPTH: 0 in GitLab CI, or git fetch --unshallow)"

// IsShallow reports whether the repository that contains dir ("" means the
// current directory) is a shallow clone (git rev-parse
// --is-shallow-repository): its history stops at the commits that were
// fetched, as in CI's default checkout (actions/checkout fetch-depth: 1), so
// a history scan misses every older commit. The errors are IsGitRepo's.
func IsShallow(dir string) (bool, error) {
	top, err := isGitRepo(context.Background(), dir)
	if err != nil {
		return false, err
	}
	return isShallow(context.Background(), top)
}

func isShallow(ctx context.Context, top string) (bool, error) {
	out, err := gitcmd.Output(ctx, top, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(string(out)) == "true", nil
}

// unwrapPathErr drops the *fs.PathError wrapper so messages name a path once.
func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readToken reads one NUL-terminated token (without the NUL). At the end of
// the output it returns io.EOF; a final token without a NUL is returned with
// a nil error.
func readToken(r *bufio.Reader) (string, error) {
	b, err := r.ReadBytes(0)
	if err == io.EOF {
		if len(b) == 0 {
			return "", io.EOF
		}
		return string(b), nil
	}
	if err != nil {
		return "", err
	}
	return string(b[:len(b)-1]), nil
}

// rawEntry is one record of `git diff --raw -z` output (diff-format(5)):
// ":srcmode dstmode srcoid dstoid status" followed by one path, or two for
// renames and copies.
type rawEntry struct {
	srcMode, dstMode string
	srcOID, dstOID   string
	status           byte // A, C, D, M, R, T, U, X
	path             string
	oldPath          string // renames and copies: the source path
}

// parseRawMeta parses the ":…" metadata token of a raw record.
func parseRawMeta(tok string) (rawEntry, error) {
	tok = strings.TrimPrefix(tok, "\n")
	f := strings.Fields(strings.TrimPrefix(tok, ":"))
	if !strings.HasPrefix(tok, ":") || len(f) != 5 || f[4] == "" {
		return rawEntry{}, fmt.Errorf("unexpected git diff --raw record %q", truncateForError(tok))
	}
	return rawEntry{srcMode: f[0], dstMode: f[1], srcOID: f[2], dstOID: f[3], status: f[4][0]}, nil
}

// readRawEntry reads one raw record (metadata token and its paths) from r;
// meta is the metadata token when already read.
func readRawEntry(r *bufio.Reader, meta string) (rawEntry, error) {
	e, err := parseRawMeta(meta)
	if err != nil {
		return e, err
	}
	first, err := readToken(r)
	if err != nil {
		return e, fmt.Errorf("git diff --raw: truncated record: %w", noEOF(err))
	}
	e.path = first
	if e.status == 'R' || e.status == 'C' {
		second, err := readToken(r)
		if err != nil {
			return e, fmt.Errorf("git diff --raw: truncated record: %w", noEOF(err))
		}
		e.oldPath, e.path = first, second
	}
	return e, nil
}

// noEOF turns io.EOF into io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// truncateForError shortens s for an error message.
func truncateForError(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// Git file modes (gitformat-index(5)).
const (
	modeSymlink = "120000"
	modeGitlink = "160000"
)

// SubmoduleNote is the walk.Note reason for a submodule (gitlink) met by a
// git source: its content lives in another repository and is not scanned.
const SubmoduleNote = "submodule; not scanned (scan its own repository)"

// isRegularMode reports whether a git mode is a regular file (100644 or
// 100755, or the legacy 100664).
func isRegularMode(m string) bool { return strings.HasPrefix(m, "100") }

// blobJob is one blob to read from the object store and hand on as a File.
type blobJob struct {
	oid  string
	file File // everything but Data
}

// blobReader reads blobs through one long-running `git cat-file --batch`
// process (git-cat-file(1), "BATCH OUTPUT"): object names are written to its
// input while earlier contents are read from its output, and the files are
// handed to a pool of workers that call fn.
type blobReader struct {
	top     string
	jobs    int
	cap     int64 // 0: none
	capNote string
	fn      func(File)
	note    func(walk.Note)
	// abort, when set, is called on a read error so that the producer of
	// the jobs (which watches the same context) stops early.
	abort func()
}

// run reads every job from in, in order, until in is closed, and calls fn for
// each text blob within the size cap. Binary blobs, blobs over the cap and
// missing objects are noted. It returns once every fn call has returned; the
// error is git's failure or ctx.Err(). The producer of in must stop when ctx
// is done.
func (b *blobReader) run(parent context.Context, in <-chan blobJob) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	git, err := gitcmd.StartWithInput(ctx, b.top, "cat-file", "--batch")
	if err != nil {
		go func() {
			for range in { // let the producer finish
			}
		}()
		return err
	}

	pending := make(chan blobJob, 1024)
	var writeErr error
	go func() { // writer: object names to git, jobs to the reader, in order
		defer close(pending)
		defer git.Stdin.Close()
		w := bufio.NewWriterSize(git.Stdin, 16<<10)
		for j := range in {
			if writeErr != nil || ctx.Err() != nil {
				continue // drain
			}
			if _, err := w.WriteString(j.oid + "\n"); err != nil {
				writeErr = err
				continue
			}
			if len(in) == 0 {
				if err := w.Flush(); err != nil {
					writeErr = err
					continue
				}
			}
			select {
			case pending <- j:
			case <-ctx.Done():
			}
		}
		if writeErr == nil {
			writeErr = w.Flush()
		}
	}()

	work := make(chan File, 2*b.jobs)
	var wg sync.WaitGroup
	for range b.jobs {
		wg.Go(func() {
			for f := range work {
				if ctx.Err() == nil {
					b.fn(f)
				}
			}
		})
	}

	out := git.Stdout
	var readErr error
	for j := range pending {
		if readErr != nil {
			continue // drain so the writer can finish
		}
		f, note, err := b.readOne(out, j)
		if err != nil {
			readErr = err
			cancel()
			if b.abort != nil {
				b.abort()
			}
			continue
		}
		if note != nil {
			b.note(*note)
			continue
		}
		select {
		case work <- f:
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
	waitErr := git.Wait()
	switch {
	case parent.Err() != nil:
		return parent.Err()
	case readErr != nil:
		if msg := git.Message(); msg != "" {
			return fmt.Errorf("git cat-file --batch: %s (%w)", msg, readErr)
		}
		return fmt.Errorf("git cat-file --batch: %w", readErr)
	case writeErr != nil:
		return fmt.Errorf("git cat-file --batch: %w", writeErr)
	}
	return waitErr
}

// readOne reads the response to one request: a header line
// "<oid> SP <type> SP <size> LF" followed by the content and LF, or
// "<name> SP missing LF". It returns the file, or a note when the blob is
// not scanned, or an error when the output cannot be parsed.
func (b *blobReader) readOne(out *bufio.Reader, j blobJob) (File, *walk.Note, error) {
	header, err := out.ReadString('\n')
	if err != nil {
		return File{}, nil, fmt.Errorf("reading object %s: %w", j.oid, noEOF(err))
	}
	fields := strings.Fields(header)
	if len(fields) == 2 && (fields[1] == "missing" || fields[1] == "ambiguous") {
		return File{}, &walk.Note{Path: j.file.Path, Reason: "unreadable",
			Err: fmt.Errorf("git object %s for %s is %s", j.oid, j.file.Path, fields[1])}, nil
	}
	if len(fields) != 3 {
		return File{}, nil, fmt.Errorf("unexpected header %q for object %s", truncateForError(header), j.oid)
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil || size < 0 {
		return File{}, nil, fmt.Errorf("unexpected header %q for object %s", truncateForError(header), j.oid)
	}
	if fields[1] != "blob" || (b.cap > 0 && size > b.cap) {
		if _, err := io.CopyN(io.Discard, out, size+1); err != nil {
			return File{}, nil, fmt.Errorf("reading object %s: %w", j.oid, noEOF(err))
		}
		if fields[1] != "blob" {
			return File{}, &walk.Note{Path: j.file.Path, Reason: "not a blob (" + fields[1] + "); not scanned"}, nil
		}
		return File{}, &walk.Note{Path: j.file.Path, Reason: b.capNote}, nil
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(out, data); err != nil {
		return File{}, nil, fmt.Errorf("reading object %s: %w", j.oid, noEOF(err))
	}
	if data[size] != '\n' {
		return File{}, nil, fmt.Errorf("object %s: content not followed by a newline", j.oid)
	}
	text, enc, relined, binary := textOf(data[:size:size])
	if binary {
		return File{}, &walk.Note{Path: j.file.Path, Reason: BinaryNote}, nil
	}
	f := j.file
	f.Data, f.Encoding, f.Relined = text, enc, relined
	return f, nil, nil
}

// noteSet collects notes from several goroutines, keeping one per path and
// reason (history meets the same binary file in many commits).
type noteSet struct {
	mu    sync.Mutex
	seen  map[[2]string]bool
	notes []walk.Note
}

func (s *noteSet) add(n walk.Note) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[[2]string]bool{}
	}
	k := [2]string{n.Path, n.Reason}
	if s.seen[k] {
		return
	}
	s.seen[k] = true
	s.notes = append(s.notes, n)
}

// sorted returns the notes sorted by path.
func (s *noteSet) sorted() []walk.Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	walk.SortNotes(s.notes)
	return s.notes
}
