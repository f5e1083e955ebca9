package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/internal/scan"
)

// consistency is the cross-language matrix (testdata/consistency).
const consistency = "../../testdata/consistency"

// vetLine is one go vet diagnostic: "path:line:col: UPS301: message".
var vetLine = regexp.MustCompile(`^(.*?):(\d+):(\d+): (UPS\d{3}): (.*)$`)

// TestVetAgreesWithCLI checks that upscan-vet under go vet (type-checked,
// unitchecker) and the CLI (scan.Run: syntax-only on a directory without
// go.mod, every front-end and pass) report the same findings, with the
// same rule, position and message, on every Go cell of the consistency
// matrix.
func TestVetAgreesWithCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds upscan-vet and runs go vet")
	}
	cells, err := filepath.Glob(filepath.Join(consistency, "*", "go", "main.go"))
	if err != nil || len(cells) == 0 {
		t.Fatalf("no Go cells under %s (%v)", consistency, err)
	}
	root := t.TempDir()
	tool := buildTool(t, root)

	// One module holds every cell, each its own main package.
	mod := filepath.Join(root, "cells")
	var cli []string
	for _, cell := range cells {
		shape := filepath.Base(filepath.Dir(filepath.Dir(cell)))
		data, err := os.ReadFile(cell)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(mod, shape)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		// The CLI, as TestConsistency runs it: the cell alone.
		alone := filepath.Join(root, "alone", shape)
		if err := os.MkdirAll(alone, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(alone, "main.go"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := scan.Run(context.Background(), scan.Options{Paths: []string{alone}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			cli = append(cli, fmt.Sprintf("%s/main.go:%d:%d: %s: %s", shape, f.Line, f.Col, f.RuleID, f.Message))
		}
	}
	// The sample service's go.mod requires every stub module.
	tmpl, err := os.ReadFile(filepath.Join(testdata, "service", "go.mod.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	writeGoMod(t, root, mod, []byte(strings.Replace(string(tmpl), "module example.com/service", "module example.com/cells", 1)))

	var vet []string
	out := goVet(t, tool, mod)
	for _, line := range strings.Split(out, "\n") {
		m := vetLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		rel, err := filepath.Rel(mod, m[1])
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = strings.TrimPrefix(filepath.ToSlash(m[1]), "./")
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		vet = append(vet, fmt.Sprintf("%s:%d:%d: %s: %s", filepath.ToSlash(rel), l, c, m[4], m[5]))
	}
	slices.Sort(cli)
	slices.Sort(vet)
	if len(vet) == 0 {
		t.Fatalf("go vet reported nothing on the cells:\n%s", out)
	}
	if diff := cmp.Diff(cli, vet); diff != "" {
		t.Errorf("CLI and go vet disagree on the Go cells (-CLI +vet):\n%s", diff)
	}
}
