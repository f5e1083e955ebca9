package walk

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/upscan/upscan/internal/gitcmd"
)

// repo is one git work tree met by the walk: the paths its index tracks and
// its .git/info/exclude rules. Nested .gitignore files are read as the walk
// reaches their directories. The user's global core.excludesFile is not read:
// a scan does not depend on who runs it, and skipping fewer files is the safe
// side.
type repo struct {
	top         string              // real absolute path of the work tree top
	tracked     map[string]struct{} // slash paths, relative to top, of index entries
	trackedDirs map[string]struct{} // every directory above a tracked path, and gitlinks
	exclude     []gitignore.Pattern // .git/info/exclude, lowest priority
}

// isTracked reports whether the slash path relative to the top is in the index.
func (r *repo) isTracked(rel string) bool {
	_, ok := r.tracked[rel]
	return ok
}

// holdsTracked reports whether the directory (slash path relative to the top)
// contains a tracked path somewhere below it.
func (r *repo) holdsTracked(rel string) bool {
	_, ok := r.trackedDirs[rel]
	return ok
}

// findTop returns the nearest directory at or above dir that holds a .git
// entry (a directory, or a file as in linked worktrees and submodules).
func findTop(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// gitDirs resolves the git directory of the work tree at top and its common
// directory (where info/exclude lives; it differs for linked worktrees).
// A .git file holds "gitdir: PATH", relative to top when not absolute
// (gitrepository-layout(5)); a gitdir may hold a "commondir" file.
func gitDirs(top string) (gitDir, commonDir string, err error) {
	dotgit := filepath.Join(top, ".git")
	fi, err := os.Stat(dotgit)
	if err != nil {
		return "", "", err
	}
	gitDir = dotgit
	if !fi.IsDir() {
		b, err := os.ReadFile(dotgit)
		if err != nil {
			return "", "", err
		}
		line, _, _ := strings.Cut(string(b), "\n")
		p, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
		if !ok {
			return "", "", fmt.Errorf("%s: no \"gitdir:\" line", dotgit)
		}
		p = strings.TrimSpace(p)
		if !filepath.IsAbs(p) {
			p = filepath.Join(top, p)
		}
		gitDir = p
	}
	commonDir = gitDir
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		p := strings.TrimSpace(string(b))
		if !filepath.IsAbs(p) {
			p = filepath.Join(gitDir, p)
		}
		commonDir = p
	}
	return gitDir, commonDir, nil
}

// openRepo reads the index and info/exclude of the work tree at top. Problems
// that only weaken ignore handling are returned as reasons for a note, not
// as errors: the walk goes on and errs toward scanning more.
func openRepo(ctx context.Context, top string) (*repo, []string) {
	r := &repo{top: top, tracked: map[string]struct{}{}, trackedDirs: map[string]struct{}{}}
	gitDir, commonDir, err := gitDirs(top)
	if err != nil {
		return r, []string{fmt.Sprintf("git directory unreadable (%v); .gitignore rules applied without the index", err)}
	}
	var warn []string
	r.exclude, err = readIgnoreFile(filepath.Join(commonDir, "info", "exclude"), nil)
	if err != nil {
		warn = append(warn, fmt.Sprintf("git info/exclude unreadable: %v", err))
	}
	names, err := readIndex(filepath.Join(gitDir, "index"))
	if err != nil {
		// An index go-git cannot decode (split index, index.skipHash, a
		// newer format): ask git itself, once for the whole work tree.
		var gitErr error
		names, gitErr = lsFiles(ctx, top)
		if gitErr != nil {
			warn = append(warn, fmt.Sprintf("git index unreadable (%v; git ls-files: %v); tracked files that match .gitignore may be skipped", err, gitErr))
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, "/") { // a sparse-index directory entry
			n = strings.TrimSuffix(n, "/")
			r.trackedDirs[n] = struct{}{}
		}
		r.tracked[n] = struct{}{}
		for d := n; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 {
				break
			}
			d = d[:i]
			if _, ok := r.trackedDirs[d]; ok {
				break
			}
			r.trackedDirs[d] = struct{}{}
		}
	}
	return r, warn
}

// readIndex returns the path of every entry in a git index file (format:
// gitformat-index(5), decoded by go-git). A missing index (a repository
// with nothing added yet) tracks nothing. Gitlinks (submodules) are listed
// as directories as well.
func readIndex(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var idx index.Index
	if err := index.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(&idx); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	names := make([]string, 0, len(idx.Entries))
	for _, e := range idx.Entries {
		n := e.Name
		if e.Mode == filemode.Dir && !strings.HasSuffix(n, "/") {
			n += "/"
		}
		names = append(names, n)
	}
	return names, nil
}

// lsFiles lists the tracked paths of the work tree at top with one
// `git ls-files -z` process.
func lsFiles(ctx context.Context, top string) ([]string, error) {
	out, err := gitcmd.Output(ctx, top, "ls-files", "-z", "--cached")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range bytes.Split(out, []byte{0}) {
		if len(n) > 0 {
			names = append(names, string(n))
		}
	}
	return names, nil
}

// readIgnoreFile parses a gitignore(5) file whose patterns apply below
// domain (path components relative to the work tree top). A missing file
// has no patterns. Blank lines and "#" comments are skipped; a UTF-8 BOM and
// CRLF line ends are tolerated. Pattern syntax is go-git's.
func readIgnoreFile(path string, domain []string) ([]gitignore.Pattern, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	var ps []gitignore.Pattern
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps, nil
}

// ignoredBy reports whether the path (components relative to the work tree
// top) is excluded by the patterns, given in increasing priority: the last
// pattern that matches decides, and "!" patterns re-include.
func ignoredBy(ps []gitignore.Pattern, path []string, isDir bool) bool {
	if len(ps) == 0 {
		return false
	}
	return gitignore.NewMatcher(ps).Match(path, isDir)
}
