package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestReleaseWorkflowPinned: every action the release workflow uses is
// pinned by a full commit SHA (a tag can be moved).
func TestReleaseWorkflowPinned(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(moduleRoot(t), ".github", "workflows", "release.yml"))
	if err != nil {
		t.Fatal(err)
	}
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)`).FindAllSubmatch(data, -1)
	if len(uses) == 0 {
		t.Fatal("release.yml uses no action")
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	for _, u := range uses {
		if !pinned.Match(u[1]) {
			t.Errorf("release.yml: %s is not pinned by commit SHA", u[1])
		}
	}
}

// TestGoReleaserCheck runs `goreleaser check` on .goreleaser.yaml when
// goreleaser is installed (docs/releasing.md names the pinned version).
func TestGoReleaserCheck(t *testing.T) {
	bin, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Skip("goreleaser not installed")
	}
	cmd := exec.Command(bin, "check")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}
