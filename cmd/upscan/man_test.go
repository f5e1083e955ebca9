package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/upscan/upscan/internal/golden"
)

// manDir holds the man pages generated from the command tree (`make man`).
const manDir = "../../docs/man"

// manDate is the date the man pages carry: fixed, so that the pages depend
// only on the command tree. Move it forward with a release.
var manDate = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// TestManPages keeps docs/man/*.1 identical to what cobra/doc generates
// from the command tree: one page per command, nothing stale. `make man`
// (this test with -update) regenerates them.
func TestManPages(t *testing.T) {
	root := newRootCmd(io.Discard, io.Discard)
	root.InitDefaultCompletionCmd()
	root.DisableAutoGenTag = true
	dir := t.TempDir()
	header := &doc.GenManHeader{Title: "UPSCAN", Section: "1", Source: "upscan", Manual: "upscan manual", Date: &manDate}
	if err := doc.GenManTree(root, header, dir); err != nil {
		t.Fatal(err)
	}
	gen, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil || len(gen) == 0 {
		t.Fatalf("no man pages generated (%v)", err)
	}
	var names []string
	for _, path := range gen {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(path))
		golden.Check(t, manDir+"/"+filepath.Base(path), data)
	}
	have, _ := filepath.Glob(filepath.Join(manDir, "*.1"))
	for _, path := range have {
		if !slices.Contains(names, filepath.Base(path)) {
			if golden.Updating() {
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
				continue
			}
			t.Errorf("%s: no such command any more; run make man", path)
		}
	}
}
