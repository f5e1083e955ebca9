package golang

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMissingDependency checks the on-disk test that decides whether the go
// command may run: every required module's go.mod and files in the module
// cache, the go.mod files of an unpruned (pre-1.17) dependency's own
// requirements, or a vendor directory instead.
func TestMissingDependency(t *testing.T) {
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	cache := filepath.Join(root, "modcache")
	mod := filepath.Join(root, "app")
	write(filepath.Join(mod, "go.mod"), "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/A v1.0.0\n\texample.com/local v0.0.0\n)\n\nreplace example.com/local => ../local\n")
	write(filepath.Join(root, "local", "go.mod"), "module example.com/local\n\ngo 1.22\n")
	s := goSettings{GOMODCACHE: cache, GOMOD: filepath.Join(mod, "go.mod")}
	check := func(want string) {
		t.Helper()
		got, err := missingDependency(s)
		if err != nil || got != want {
			t.Errorf("missingDependency = %q, %v; want %q", got, err, want)
		}
	}
	// Module paths are case-encoded in the cache (A → !a).
	check("example.com/A@v1.0.0")
	write(filepath.Join(cache, "cache", "download", "example.com", "!a", "@v", "v1.0.0.mod"), "module example.com/A\n\ngo 1.16\n\nrequire example.com/b v1.2.0\n")
	check("example.com/A@v1.0.0") // go.mod there, files not extracted
	if err := os.MkdirAll(filepath.Join(cache, "example.com", "!a@v1.0.0"), 0o755); err != nil {
		t.Fatal(err)
	}
	check("example.com/b@v1.2.0") // go 1.16: its requirements' go.mod files are read too
	write(filepath.Join(cache, "cache", "download", "example.com", "b", "@v", "v1.2.0.mod"), "module example.com/b\n")
	check("")
	os.RemoveAll(filepath.Join(root, "local"))
	check("../local (replacement directory)")
	write(filepath.Join(mod, "vendor", "modules.txt"), "# example.com/A v1.0.0\n")
	check("") // vendor mode: the module cache is not read
	s.GOFLAGS = "-mod=mod"
	check("../local (replacement directory)")
}
