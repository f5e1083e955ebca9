package scan

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/upscan/upscan/analyzers/golang"
)

// maxTypedModules is the number of Go modules above which the Go analyzers
// run syntax-only.
const maxTypedModules = 8

// goPackages runs the Go analyzers (go/analysis, with type information when
// the module builds) over each root that holds Go files the walk yielded, and
// records their findings for those files only, so that ignore rules apply to
// Go files as to any other. Credentials that analyzers/secrets reports too
// are left out by the Go analyzers (OmitDetected). It returns the notes of
// modules analysed without type information.
func (a *analysis) goPackages(ctx context.Context, roots []string) ([]Problem, error) {
	if !slices.ContainsFunc(slices.Collect(maps.Keys(a.goFiles)), golang.Handles) {
		return nil, nil
	}
	var notes []Problem
	// Loading packages with type information costs seconds per module: a
	// tree with many modules (a vendored monorepo, a module cache) is
	// analysed syntax-only, which finds the same problems less precisely.
	modules := 0
	for p := range a.goFiles {
		if path.Base(p) == "go.mod" {
			modules++
		}
	}
	// Only credential rules: the Go analyzers look for credentials passed
	// to Upstash clients, which needs no type information.
	quiet := a.opts.GoSyntaxOnly || a.noCode
	syntaxOnly := quiet || modules > maxTypedModules
	if !quiet && syntaxOnly {
		notes = append(notes, Problem{Message: fmt.Sprintf("%d Go modules: analysed without type information (more than %d)", modules, maxTypedModules)})
	}
	seen := map[string]bool{}
	for _, root := range roots {
		dir := strings.TrimSuffix(strings.TrimSuffix(root, "..."), "/")
		if dir == "" {
			dir = "."
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue // a file root: its Go file is still scanned by the other analyzers
		}
		abs, err := filepath.Abs(dir)
		if err != nil || seen[abs] {
			continue
		}
		seen[abs] = true
		fs, ns, err := golang.Run(ctx, dir, nil, golang.Options{
			Root:         displayRoot(dir),
			Rules:        a.enabled,
			Detector:     a.detector,
			OmitDetected: true,
			SyntaxOnly:   syntaxOnly,
		})
		if err != nil {
			return nil, err
		}
		var kept = fs[:0]
		for _, f := range fs {
			if a.goFiles[f.Path] {
				kept = append(kept, f)
			}
		}
		a.addFindings(kept)
		for _, n := range ns {
			notes = append(notes, Problem{Path: n.Path, Message: n.Message})
		}
	}
	return notes, nil
}

// displayRoot is the directory finding paths are relative to for a scan root
// (the walker's rule): the current directory when dir lies inside it, else dir.
func displayRoot(dir string) string {
	cwd, err := os.Getwd()
	if err != nil {
		return dir
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return cwd
	}
	return dir
}
