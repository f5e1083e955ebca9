// Package gitcmd runs git for upscan: with fixed options and environment, so
// that its output parses whatever the user's configuration says, and with
// failures turned into errors that name the command and carry git's message.
//
// Every command runs with no pager, no colour, no signature checks in logs,
// paths not quoted, no optional locks (a pre-commit hook runs while `git
// commit` holds the index lock) and no prompt for credentials. The user's
// and the system's configuration are still read (safe.directory,
// core.excludesFile), and GIT_INDEX_FILE, set by git for hooks, is inherited
// on purpose: it names the index the commit will be made from. Once the
// context is done git is killed, and its pipes are closed 5 seconds later
// at the latest.
package gitcmd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// maxStderr is how much of git's standard error is kept for messages.
const maxStderr = 4096

// Error is a git command that failed: it ran and exited with a non-zero
// status, or was killed.
type Error struct {
	// Args are the arguments after "git", without the fixed options.
	Args []string
	// Err is the *exec.ExitError.
	Err error
	// Stderr is what git wrote to standard error, at most its first 4 KiB.
	Stderr string
}

// Error returns "git ARGS: MESSAGE", the message being the first non-empty
// line of git's standard error, or the exit status when git printed nothing.
func (e *Error) Error() string {
	msg := e.Message()
	if msg == "" {
		msg = e.Err.Error()
	}
	return "git " + strings.Join(e.Args, " ") + ": " + msg
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Message returns the first non-empty line of Stderr, trimmed, or "".
func (e *Error) Message() string { return firstLine(e.Stderr) }

// ExitCode returns git's exit status, or -1 when it was killed by a signal.
func (e *Error) ExitCode() int {
	var ee *exec.ExitError
	if errors.As(e.Err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// firstLine is the first non-empty line of s, trimmed.
func firstLine(s string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// command returns the command `git ARGS` run in dir, set up as the package
// documentation says.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append([]string{"--no-pager", "-c", "color.ui=false", "-c", "log.showSignature=false", "-c", "core.quotePath=false"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// notInstalled wraps the error of a git that could not be started.
func notInstalled(err error) error {
	return fmt.Errorf("git is needed for this scan: %w", err)
}

// Output runs `git ARGS` in dir and returns its standard output. The error
// is ctx.Err() once ctx is done, an error that reads "git is needed for this
// scan: …" and wraps the *exec.Error when git cannot be started, or an
// *Error when git fails.
func Output(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := command(ctx, dir, args...)
	stderr := &limitedBuffer{}
	cmd.Stderr = stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, notInstalled(err)
		}
		return nil, &Error{Args: args, Err: err, Stderr: stderr.String()}
	}
	return out, nil
}

// Process is a running git command whose standard output is read as it is
// produced.
type Process struct {
	// Stdout reads git's standard output.
	Stdout *bufio.Reader
	// Stdin writes to git's standard input, for a process started with
	// StartWithInput (nil otherwise); the caller closes it when done.
	Stdin io.WriteCloser

	cmd    *exec.Cmd
	args   []string
	ctx    context.Context
	stderr *limitedBuffer
}

// Start starts `git ARGS` in dir for its output to be read from Stdout. The
// caller reads what it needs and then calls Wait. The errors are those of
// Output, except that a failure of git itself comes from Wait.
func Start(ctx context.Context, dir string, args ...string) (*Process, error) {
	return start(ctx, dir, false, args)
}

// StartWithInput is Start with a pipe to git's standard input in Stdin, for
// batch commands such as `git cat-file --batch` that read requests while
// their answers are read. The caller writes requests and closes Stdin while
// it reads Stdout (from another goroutine when requests and answers
// interleave), then calls Wait.
func StartWithInput(ctx context.Context, dir string, args ...string) (*Process, error) {
	return start(ctx, dir, true, args)
}

func start(ctx context.Context, dir string, input bool, args []string) (*Process, error) {
	cmd := command(ctx, dir, args...)
	p := &Process{cmd: cmd, args: args, ctx: ctx, stderr: &limitedBuffer{}}
	cmd.Stderr = p.stderr
	if input {
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return nil, err
		}
		p.Stdin = stdin
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, notInstalled(err)
		}
		return nil, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	p.Stdout = bufio.NewReaderSize(stdout, 64<<10)
	return p, nil
}

// Wait reads and discards what is left of Stdout (so git is not killed by
// SIGPIPE mid-write when the caller stopped early), waits for git to exit
// and returns ctx.Err() once ctx is done, an *Error when git failed, or nil.
func (p *Process) Wait() error {
	_, _ = io.Copy(io.Discard, p.Stdout)
	err := p.cmd.Wait()
	if p.ctx.Err() != nil {
		return p.ctx.Err()
	}
	if err != nil {
		return &Error{Args: p.args, Err: err, Stderr: p.stderr.String()}
	}
	return nil
}

// Message returns the first non-empty line git wrote to standard error, or
// "". It is complete once Wait has returned.
func (p *Process) Message() string { return firstLine(p.stderr.String()) }

// limitedBuffer keeps the first maxStderr bytes written to it and drops the
// rest. It is safe for concurrent use.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := maxStderr - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
