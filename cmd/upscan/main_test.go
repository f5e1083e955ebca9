package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"upscan": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the CLI end to end: testdata/script/*.txtar. Each script
// builds its own tree (and git repository where needed) and checks exit codes,
// stdout, stderr and files written. Exit codes are asserted exactly through
// `exec sh -c 'upscan …; echo exit=$?'`.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup:               scriptSetup,
	})
}

// scriptSetup is the environment of every CLI script: no colour, and git
// isolated from the machine's configuration with fixed identities.
func scriptSetup(env *testscript.Env) error {
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
