package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The end-to-end tests (testscript, the GitHub Action's steps, the
// pre-commit hooks) run a real upscan binary. It is built once per test run,
// into a temporary directory TestMain owns, the way the Action builds it
// (go build -trimpath), so that the Action's own build step and pre-commit's
// go install (run with -trimpath too) find every package in the build cache
// and only link.
var shared struct {
	dir  string // TestMain's temporary directory; the binary is dir/upscan
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests runs the tests with the shared binary's directory in place and
// removes it afterwards.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "upscan-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "upscan tests:", err)
		return 2
	}
	defer os.RemoveAll(dir)
	shared.dir = dir
	return m.Run()
}

// upscanBinary returns the path of the upscan binary built from this module
// for this test run, building it on first use.
func upscanBinary(t *testing.T) string {
	t.Helper()
	root := moduleRoot(t)
	shared.once.Do(func() {
		bin := filepath.Join(shared.dir, "upscan")
		cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/upscan")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			shared.err = fmt.Errorf("go build -trimpath ./cmd/upscan: %v\n%s", err, out)
			return
		}
		shared.path = bin
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.path
}

// trimpathGoFlags returns GOFLAGS for a go command that should reuse the
// shared binary's build cache entries: the configured flags plus -trimpath.
func trimpathGoFlags(t *testing.T, env []string) string {
	t.Helper()
	cmd := exec.Command("go", "env", "GOFLAGS")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go env GOFLAGS: %v", err)
	}
	return strings.TrimSpace(strings.TrimSpace(string(out)) + " -trimpath")
}

// TestScript runs the CLI end to end: testdata/script/*.txtar. Each script
// builds its own tree (and git repository where needed) and checks exit codes,
// stdout, stderr and files written. Exit codes are asserted exactly through
// `exec sh -c 'upscan …; echo exit=$?'`. upscan is the shared binary, first
// on PATH.
func TestScript(t *testing.T) {
	requireParsers(t)
	upscanBinary(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup:               scriptSetup,
	})
}

// scriptSetup is the environment of every CLI script: no colour, and git
// isolated from the machine's configuration with fixed identities.
func scriptSetup(env *testscript.Env) error {
	// The shared upscan binary (upscanBinary, called before the scripts
	// run) comes first on PATH.
	env.Setenv("PATH", filepath.Dir(shared.path)+string(os.PathListSeparator)+env.Getenv("PATH"))
	env.Setenv("NO_COLOR", "1")
	// An empty file, not /dev/null: git must not depend on a device node.
	empty := filepath.Join(env.WorkDir, ".gitconfig-empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		return err
	}
	env.Setenv("GIT_CONFIG_GLOBAL", empty)
	env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	env.Setenv("GIT_AUTHOR_NAME", "upscan test")
	env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	env.Setenv("GIT_COMMITTER_NAME", "upscan test")
	env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
	return nil
}
