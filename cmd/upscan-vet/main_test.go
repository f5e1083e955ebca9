package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// stubs are the stand-in modules (analyzers/golang/testdata/src) the sample
// service requires.
var stubs = []string{
	"github.com/go-chi/chi/v5", "github.com/go-chi/httprate", "github.com/redis/go-redis/v9",
	"github.com/upstash/qstash-go", "github.com/upstash/vector-go", "golang.org/x/time",
}

const testdata = "../../analyzers/golang/testdata"

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGoVet builds upscan-vet and runs it through go vet -vettool on the
// sample service, whose dependencies are stand-in modules (no network).
func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds upscan-vet and runs go vet")
	}
	root := t.TempDir()
	tool := buildTool(t, root)
	mod := filepath.Join(root, "service")
	copyTree(t, filepath.Join(testdata, "service"), mod)
	gomod, err := os.ReadFile(filepath.Join(mod, "go.mod.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	writeGoMod(t, root, mod, gomod)
	out := goVet(t, tool, mod)
	for _, want := range []string{
		"cmd/api/main.go:18:20: UPS301: Plaintext redis:// URL",
		"cmd/api/main.go:21:65: UPS106: ",
		"cmd/api/main.go:22:28: UPS104: QStash token passed to qstash.NewClient",
		"cmd/api/main.go:23:27: UPS303: ",
		"cmd/api/main.go:30:6: UPS504: ",
		"cmd/api/main.go:44:2: UPS401: chi endpoint \"GET /search\" reaches Upstash Vector",
		"cmd/api/main.go:45:2: UPS401: chi endpoint \"GET /items/{id}\" reaches Upstash Redis TCP ((redis.Client).Get)",
		"internal/store/store.go:19:30: UPS302: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("go vet output lacks %q", want)
		}
	}
	if strings.Count(out, ": UPS") != 8 {
		t.Errorf("go vet reported %d findings, want 8", strings.Count(out, ": UPS"))
	}
	for _, secret := range []string{"ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMx", "Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg"} {
		if strings.Contains(out, secret) {
			t.Error("go vet output contains a planted secret")
		}
	}
	if t.Failed() {
		t.Logf("go vet output:\n%s", out)
	}
}

// buildTool builds upscan-vet into dir.
func buildTool(t *testing.T, dir string) string {
	t.Helper()
	tool := filepath.Join(dir, "upscan-vet")
	if out, err := exec.Command("go", "build", "-o", tool, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return tool
}

// writeGoMod writes mod/go.mod from gomod (a go.mod that requires the stub
// modules) with each stub module copied under root/mods and replaced there,
// so that the module type-checks offline.
func writeGoMod(t *testing.T, root, mod string, gomod []byte) {
	t.Helper()
	for _, m := range stubs {
		dir := filepath.Join(root, "mods", filepath.FromSlash(m))
		copyTree(t, filepath.Join(testdata, "src", filepath.FromSlash(m)), dir)
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+m+"\n\ngo 1.22\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		gomod = fmt.Appendf(gomod, "\nreplace %s => %s\n", m, dir)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goVet runs go vet -vettool=tool ./... in mod, offline, and returns its
// diagnostics (stderr). It fails the test unless go vet exits 1 (findings).
func goVet(t *testing.T, tool, mod string) string {
	t.Helper()
	cmd := exec.Command("go", "vet", "-vettool="+tool, "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOSUMDB=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("go vet: %v (want exit status 1 with findings)\n%s", err, stderr.String())
	}
	return stderr.String()
}
