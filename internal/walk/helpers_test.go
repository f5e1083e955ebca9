package walk

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestMain provides an empty global git config for the tests' git runs.
// It is a file of its own rather than /dev/null, which a shared machine may
// have turned into an ordinary file with content.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "walk-gitconfig")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cfg := filepath.Join(dir, "gitconfig")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gitEnv = append(gitEnv, "GIT_CONFIG_GLOBAL="+cfg)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// gitEnv isolates test git runs from the machine's configuration.
var gitEnv = []string{
	"GIT_CONFIG_NOSYSTEM=1",
	"GIT_AUTHOR_NAME=upscan test", "GIT_AUTHOR_EMAIL=test@example.com",
	"GIT_COMMITTER_NAME=upscan test", "GIT_COMMITTER_EMAIL=test@example.com",
}

// git runs git in dir and fails the test on error.
func git(t testing.TB, dir string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v in %s: %v\n%s", args, dir, err, out)
	}
}

// gitInit makes dir a git repository with branch main.
func gitInit(t testing.TB, dir string) {
	t.Helper()
	git(t, dir, "init", "-q", "-b", "main")
}

// writeFiles creates files (slash paths relative to dir) with contents.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// render is an entry as the tests compare it: "path", with " [ignored]"
// and/or " <kind>" for non-source kinds.
func render(e Entry) string {
	s := e.Path
	if e.Ignored {
		s += " [ignored]"
	}
	if e.Kind != Source {
		s += " <" + e.Kind.String() + ">"
	}
	return s
}

// collect walks roots and returns the rendered entries, sorted, and the
// notes. It fails the test on a fatal error or on a file yielded twice.
func collect(t testing.TB, roots []string, opts Options) ([]string, []Note) {
	t.Helper()
	var (
		mu  sync.Mutex
		got []string
	)
	notes, err := Walk(context.Background(), roots, opts, func(e Entry) {
		mu.Lock()
		got = append(got, render(e))
		mu.Unlock()
	})
	if err != nil {
		t.Fatalf("Walk(%q): %v", roots, err)
	}
	slices.Sort(got)
	if c := slices.Compact(slices.Clone(got)); len(c) != len(got) {
		t.Errorf("Walk(%q) yielded a file twice: %q", roots, got)
	}
	return got, notes
}

// noteStrings renders notes as "path: reason" (errors as "path: ERROR reason").
func noteStrings(notes []Note) []string {
	var s []string
	for _, n := range notes {
		if n.Err != nil {
			s = append(s, n.Path+": ERROR "+n.Reason)
			continue
		}
		s = append(s, n.Path+": "+n.Reason)
	}
	return s
}
