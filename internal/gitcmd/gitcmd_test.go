package gitcmd

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a repository with one committed file, isolated from the
// machine's git configuration, and returns its directory.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	home := t.TempDir()
	cfg := filepath.Join(home, "gitconfig")
	if err := os.WriteFile(cfg, []byte("[init]\n\tdefaultBranch = main\n[color]\n\tui = always\n[core]\n\tquotePath = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", cfg)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ä file.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one"},
	} {
		if _, err := Output(ctx, dir, args...); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOutput(t *testing.T) {
	dir := repo(t)
	// The user's colour and pager settings do not reach the output, and
	// paths are not quoted.
	for _, tc := range []struct{ args, want string }{
		{"log --name-only --format=%s", "one\n\nä file.txt\n"},
		{"branch --list", "* main\n"},
	} {
		out, err := Output(context.Background(), dir, strings.Fields(tc.args)...)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(out); got != tc.want {
			t.Errorf("git %s: output %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestOutputError(t *testing.T) {
	dir := repo(t)
	_, err := Output(context.Background(), dir, "rev-parse", "--verify", "no-such-branch")
	var ge *Error
	if !errors.As(err, &ge) {
		t.Fatalf("error %v (%T), want an *Error", err, err)
	}
	if ge.ExitCode() != 128 || !strings.HasPrefix(err.Error(), "git rev-parse --verify no-such-branch: fatal: ") {
		t.Errorf("exit code %d, message %q", ge.ExitCode(), err)
	}

	// Exit status 1 without a message: the status is the message.
	_, err = Output(context.Background(), dir, "check-ignore", "-q", "--", "ä file.txt")
	if !errors.As(err, &ge) || ge.ExitCode() != 1 || err.Error() != "git check-ignore -q -- ä file.txt: exit status 1" {
		t.Errorf("check-ignore: %v", err)
	}
}

func TestNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Output(context.Background(), ".", "version")
	var ee *exec.Error
	if !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), "git is needed for this scan: ") {
		t.Errorf("Output without git: %v", err)
	}
	if _, err := Start(context.Background(), ".", "version"); !errors.As(err, &ee) {
		t.Errorf("Start without git: %v", err)
	}
}

func TestCancelled(t *testing.T) {
	dir := repo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Output(ctx, dir, "status"); !errors.Is(err, context.Canceled) {
		t.Errorf("Output after cancel: %v", err)
	}
}

func TestStartWithInput(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	p, err := StartWithInput(ctx, dir, "cat-file", "--batch")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		io.WriteString(p.Stdin, "HEAD:ä file.txt\nHEAD:missing\n")
		p.Stdin.Close()
	}()
	out, err := io.ReadAll(p.Stdout)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) != 5 || !strings.HasSuffix(lines[0], " blob 6") || lines[1] != "hello" || lines[3] != "HEAD:missing missing" {
		t.Errorf("cat-file output %q", out)
	}
}

func TestStartWaitError(t *testing.T) {
	dir := repo(t)
	p, err := Start(context.Background(), dir, "log", "no-such-branch", "--")
	if err != nil {
		t.Fatal(err)
	}
	err = p.Wait()
	var ge *Error
	if !errors.As(err, &ge) || !strings.HasPrefix(err.Error(), "git log no-such-branch --: fatal: ") || p.Message() != ge.Message() {
		t.Errorf("Wait: %v; Message %q", err, p.Message())
	}
}
