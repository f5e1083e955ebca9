package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

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
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("%s: %w", dir, unwrapPathErr(err))
	} else if !fi.IsDir() {
		return "", fmt.Errorf("%s: not a directory", dir)
	}
	out, err := runGit(ctx, abs, "rev-parse", "--is-inside-work-tree", "--show-toplevel")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && (strings.Contains(ge.stderr, "not a git repository") ||
			strings.Contains(ge.stderr, "must be run in a work tree")) {
			return "", fmt.Errorf("%s is %w", abs, ErrNotGitRepo)
		}
		return "", err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "true" || lines[1] == "" {
		return "", fmt.Errorf("%s is %w", abs, ErrNotGitRepo)
	}
	return lines[1], nil
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
	if _, err := runGit(ctx, top, "rev-parse", "-q", "--verify", "--end-of-options", rev+"^{commit}"); err != nil {
		var ge *gitError
		if errors.As(err, &ge) {
			return fmt.Errorf("revision %q: not a commit in %s", rev, top)
		}
		return err
	}
	return nil
}

// unwrapPathErr drops the *fs.PathError wrapper so messages name a path once.
func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// gitError is a git command that failed: its arguments, exit status and the
// first line of its standard error.
type gitError struct {
	args   []string
	err    error
	stderr string
}

func (e *gitError) Error() string {
	msg := firstLine(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return "git " + strings.Join(e.args, " ") + ": " + msg
}

func (e *gitError) Unwrap() error { return e.err }

// firstLine is the first non-empty line of s, trimmed.
func firstLine(s string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// gitCommand builds a git command run in dir whose output upscan can parse
// whatever the user's configuration says: no pager, no colour, no signature
// checks in logs, and no optional locks (a pre-commit hook runs while
// `git commit` holds the index lock). GIT_INDEX_FILE, set by git for hooks,
// is inherited on purpose: it names the index the commit will be made from.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append([]string{"--no-pager", "-c", "color.ui=false", "-c", "log.showSignature=false", "-c", "core.quotePath=false"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// runGit runs a short git command and returns its standard output. A failure
// is a *gitError naming the command and git's message.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := gitCommand(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git is needed for this scan: %w", err)
		}
		return nil, &gitError{args: args, err: err, stderr: stderr.String()}
	}
	return out, nil
}

// limitedBuffer keeps the first max bytes written to it and drops the rest.
type limitedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// stream is a long-running git command whose standard output is read as it
// is produced.
type stream struct {
	cmd    *exec.Cmd
	args   []string
	out    *bufio.Reader
	pipe   io.ReadCloser
	stderr *limitedBuffer
	ctx    context.Context
}

// startGit starts a git command in dir and returns its output stream.
func startGit(ctx context.Context, dir string, args ...string) (*stream, error) {
	cmd := gitCommand(ctx, dir, args...)
	s := &stream{cmd: cmd, args: args, stderr: &limitedBuffer{buf: new(bytes.Buffer), max: 4096}, ctx: ctx}
	cmd.Stderr = s.stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git is needed for this scan: %w", err)
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	s.pipe = pipe
	s.out = bufio.NewReaderSize(pipe, 64<<10)
	return s, nil
}

// wait reaps the command after its output has been read (or abandoned) and
// returns a *gitError when it failed, or ctx.Err() when it was cancelled.
func (s *stream) wait() error {
	// Drain what is left so git is not killed by SIGPIPE mid-write when we
	// stopped early on an error of our own.
	_, _ = io.Copy(io.Discard, s.out)
	err := s.cmd.Wait()
	if s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	if err != nil {
		return &gitError{args: s.args, err: err, stderr: s.stderr.String()}
	}
	return nil
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
	cmd := gitCommand(ctx, b.top, "cat-file", "--batch")
	stderr := &limitedBuffer{buf: new(bytes.Buffer), max: 4096}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			err = fmt.Errorf("git is needed for this scan: %w", err)
		}
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
		defer stdin.Close()
		w := bufio.NewWriterSize(stdin, 16<<10)
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

	out := bufio.NewReaderSize(stdout, 64<<10)
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
	_, _ = io.Copy(io.Discard, out)
	waitErr := cmd.Wait()
	switch {
	case parent.Err() != nil:
		return parent.Err()
	case readErr != nil:
		if msg := firstLine(stderr.String()); msg != "" {
			return fmt.Errorf("git cat-file --batch: %s (%w)", msg, readErr)
		}
		return fmt.Errorf("git cat-file --batch: %w", readErr)
	case writeErr != nil:
		return fmt.Errorf("git cat-file --batch: %w", writeErr)
	case waitErr != nil:
		return &gitError{args: []string{"cat-file", "--batch"}, err: waitErr, stderr: stderr.String()}
	}
	return nil
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
	data = data[:size:size]
	if IsBinary(data) {
		return File{}, &walk.Note{Path: j.file.Path, Reason: BinaryNote}, nil
	}
	f := j.file
	f.Data = data
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
