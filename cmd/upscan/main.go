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
func run(args []string, stdout, stderr io.Writer) int {
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	var code exitCode
	switch {
	case err == nil:
		return exitClean
	case errors.As(err, &code):
		return int(code)
	default:
		// Every error passes through RedactText, in case some path quoted
		// a credential it was handed (a token pasted as an ID or a value).
		fmt.Fprintf(stderr, "upscan: %s\n", rules.RedactText(err.Error()))
		return exitError
	}
}
