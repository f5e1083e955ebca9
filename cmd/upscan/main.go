// Command upscan finds Upstash security problems in code: hardcoded Redis,
// QStash and Vector credentials, and (in later rule families) client
// exposure, insecure transport and missing rate limits.
//
// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
// 2 usage or runtime error. See README.md for every flag.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/upscan/upscan/rules"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes, the contract with CI (DESIGN.md "CLI contract").
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// exitCode carries a non-error exit status out of a command (findings found).
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// run executes the command line args and returns the process exit code.
// Output lost to a write error (a full disk, /dev/full, a closed pipe) exits
// 2 with the error, whichever command wrote it and whether or not it checked.
func run(args []string, stdout, stderr io.Writer) int {
	out, errOut := &outputWriter{w: stdout, name: "standard output"}, &outputWriter{w: stderr, name: "standard error"}
	cmd := newRootCmd(out, errOut)
	cmd.SetArgs(args)
	err := cmd.Execute()
	var code exitCode
	if out.err != nil && (err == nil || errors.As(err, &code)) {
		err = out.err
	}
	switch {
	case err == nil && errOut.err == nil:
		return exitClean
	case err == nil:
		return exitError // stderr is lost: nowhere to say so
	case errors.As(err, &code) && errOut.err == nil:
		return int(code)
	case errors.As(err, &code):
		return exitError
	default:
		// Every error passes through RedactText, in case some path quoted
		// a credential it was handed (a token pasted as an ID or a value).
		fmt.Fprintf(stderr, "upscan: %s\n", rules.RedactText(err.Error()))
		return exitError
	}
}

// outputWriter is standard output or error as run hands it to the
// commands: it remembers the first write error and fails every later write,
// so that no command can lose output silently.
type outputWriter struct {
	w    io.Writer
	name string // "standard output", for the error; "" leaves the error as it is
	err  error  // "writing standard output: no space left on device"
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	switch {
	case err != nil && o.name != "":
		o.err = fmt.Errorf("writing %s: %w", o.name, unwrapPathError(err))
	case err != nil:
		o.err = err
	}
	return n, o.err
}

// checkedWrite calls write with w and returns its error or, when write
// returned nil, the first error w gave it: a writer that dropped an error
// (fmt.Fprintf unchecked) still fails.
func checkedWrite(w io.Writer, write func(io.Writer) error) error {
	o := &outputWriter{w: w}
	if err := write(o); err != nil {
		return err
	}
	return o.err
}
