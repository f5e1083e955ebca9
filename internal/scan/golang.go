package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/upscan/upscan/analyzers/golang"
)

// goPackages runs the Go analyzers (go/analysis, with type information when
// the module builds) over each root that holds Go files the walk yielded, and
// records their findings for those files only, so that ignore rules apply to
// Go files as to any other. Credentials that analyzers/secrets reports too
// are left out by the Go analyzers (OmitDetected). It returns the notes of
// modules analysed without type information.
func (a *analysis) goPackages(ctx context.Context, roots []string) ([]Problem, error) {
	if len(a.goFiles) == 0 {
		return nil, nil
	}
	var notes []Problem
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
