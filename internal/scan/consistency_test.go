//go:build cgo

package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/upscan/upscan/internal/scan"
	"github.com/upscan/upscan/internal/wanttest"
	"github.com/upscan/upscan/rules"
)

// consistencyDir holds the cross-language consistency matrix (issue 12):
// testdata/consistency/<shape>/<lang>/ is one cell, the same mistake (or
// the same correct code) written in one language or file format, with its
// expected findings in want comments (see internal/wanttest).
var consistencyDir = filepath.Join("..", "..", "testdata", "consistency")

// knownGaps are the cells that fail today: the scan gives a different
// answer for the same shape depending on the language (issue 12). Each
// entry says what goes wrong. A listed cell that passes fails the test, so
// the list only shrinks: remove a cell when its rule is fixed.
var knownGaps = map[string]string{}

// TestConsistency scans every cell of the matrix with scan.Run, as the CLI
// does, and compares the findings with the cell's want comments. Each cell
// is copied to a temporary directory first, so that nothing around it (the
// upscan module, git ignore rules, .upscan.toml) changes what is found;
// Go cells have no go.mod and are analysed syntax-only.
func TestConsistency(t *testing.T) {
	cells, err := filepath.Glob(filepath.Join(consistencyDir, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cells {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			names = append(names, filepath.Base(filepath.Dir(c))+"/"+filepath.Base(c))
		}
	}
	if len(names) == 0 {
		t.Fatalf("no cells under %s", consistencyDir)
	}
	for gap := range knownGaps {
		if !slices.Contains(names, gap) {
			t.Errorf("knownGaps names %s, which is not a cell under %s", gap, consistencyDir)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(consistencyDir, filepath.FromSlash(name)))); err != nil {
				t.Fatal(err)
			}
			problems, err := wanttest.Diff(dir, scanDir)
			if err != nil {
				t.Fatal(err)
			}
			gap, known := knownGaps[name]
			switch {
			case known && len(problems) == 0:
				t.Errorf("%s passes now: remove it from knownGaps (%s)", name, gap)
			case known:
				t.Logf("known gap: %s", gap)
				for _, p := range problems {
					t.Log(p)
				}
			default:
				for _, p := range problems {
					t.Error(p)
				}
			}
		})
	}
}

// scanDir is the wanttest.Runner of the whole scanner: scan.Run over dir
// with no configuration, as `upscan dir` runs without a .upscan.toml. A
// file that could not be analysed is an error.
func scanDir(dir string) ([]rules.Finding, error) {
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}})
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		var msgs []string
		for _, p := range res.Errors {
			msgs = append(msgs, p.Path+": "+p.Message)
		}
		return nil, fmt.Errorf("files not analysed: %s", strings.Join(msgs, "; "))
	}
	for _, f := range res.Findings {
		for _, secret := range plantedSecrets {
			if strings.Contains(f.Message, secret) {
				return nil, fmt.Errorf("%s:%d: %s message quotes a planted credential", f.Path, f.Line, f.RuleID)
			}
		}
	}
	return res.Findings, nil
}

// plantedSecrets are the FAKE credentials the matrix plants (UPSTASH.md
// §1.2, §1.3): no finding message may quote them.
var plantedSecrets = []string{
	"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU",
	"AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw",
	"eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=",
	"sig_3xAmPLe4FakeKeyNotReaLpQrSt7",
}
