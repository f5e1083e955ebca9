package scan

import (
	"os"
	"path/filepath"
	"strings"
)

// fingerprintPaths maps the paths findings print to the paths fingerprints
// use: relative to the git work tree top when the scan root lies in one, else
// to the scan root. Printed paths depend on the current directory; these do
// not, so a baseline written from one directory matches a scan run from
// another.
type fingerprintPaths struct {
	display string // absolute directory printed paths are relative to; "" = use them as they are
	key     string // absolute directory fingerprint paths are relative to
}

// newFingerprintPaths follows the walker's rule for printed paths: relative
// to the current directory when the (first) root lies inside it, else to the
// root. Sources other than the work tree print paths relative to the
// repository top already (gitTop false).
func newFingerprintPaths(roots []string, workTree bool) fingerprintPaths {
	if !workTree {
		return fingerprintPaths{}
	}
	root := "."
	if len(roots) > 0 {
		root = strings.TrimSuffix(strings.TrimSuffix(roots[0], "..."), "/")
		if root == "" {
			root = "."
		}
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return fingerprintPaths{}
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	display := abs
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			display = cwd
		}
	}
	key := abs
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			key = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return fingerprintPaths{display: display, key: key}
}

// of returns the fingerprint path of a printed path.
func (fp fingerprintPaths) of(path string) string {
	if fp.display == "" || path == "" {
		return path
	}
	rel, err := filepath.Rel(fp.key, filepath.Join(fp.display, filepath.FromSlash(path)))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.ToSlash(rel)
}
