//go:build cgo

// TestShapes needs the JS/TS front-end (tree-sitter, cgo).

package exposure_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upscan/upscan/internal/scan"
	"github.com/upscan/upscan/internal/wanttest"
	"github.com/upscan/upscan/rules"
)

// TestShapes scans each shape under testdata (one directory per shape, the
// shape written in every language and file format it occurs in) as `upscan
// <dir>` does, and checks the credential and exposure findings (UPS1xx,
// UPS2xx) against the want comments beside the code.
func TestShapes(t *testing.T) {
	shapes, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range shapes {
		if !s.IsDir() {
			continue
		}
		t.Run(s.Name(), func(t *testing.T) {
			// A copy, so that nothing around the shape (the repository's
			// ignore rules, .upscan.toml) changes what is found.
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", s.Name()))); err != nil {
				t.Fatal(err)
			}
			wanttest.Check(t, dir, scanDir)
		})
	}
}

// scanDir is the wanttest.Runner: scan.Run over dir, keeping the
// credential and exposure families. A file that could not be analysed is
// an error; so is a message that quotes a planted credential.
func scanDir(dir string) ([]rules.Finding, error) {
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}})
	if err != nil {
		return nil, err
	}
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("files not analysed: %v", res.Errors)
	}
	var out []rules.Finding
	for _, f := range res.Findings {
		for _, secret := range planted {
			if strings.Contains(f.Message, secret) {
				return nil, fmt.Errorf("%s:%d: %s message quotes a planted credential", f.Path, f.Line, f.RuleID)
			}
		}
		if strings.HasPrefix(f.RuleID, "UPS1") || strings.HasPrefix(f.RuleID, "UPS2") {
			out = append(out, f)
		}
	}
	return out, nil
}

// planted are the FAKE credentials of the shapes (UPSTASH.md §1.2).
var planted = []string{
	"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU",
	"AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw",
}
