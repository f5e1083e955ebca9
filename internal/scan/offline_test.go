package scan

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanOffline scans a Go module whose go.mod requires a module that is
// in no module cache (go-redis) and a JavaScript and a Python project beside
// it, with an empty module cache and an empty build cache, and package
// managers on PATH that record any call. The scan must report the finding
// in the Go file (syntax-only, with one note), write nothing into either Go
// cache, and run no package manager (issue 16: a scan is offline).
func TestScanOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := writeTree(t, map[string]string{
		"svc/go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/redis/go-redis/v9 v9.7.0\n",
		"svc/main.go": `package main

import (
	"crypto/tls"

	"github.com/redis/go-redis/v9"
)

func main() {
	_ = redis.NewClient(&redis.Options{
		Addr:      "fake-otter-12345.upstash.io:6379",
		TLSConfig: &tls.Config{InsecureSkipVerify: true},
	})
}
`,
		"web/package.json":      `{"name":"web","dependencies":{"@upstash/redis":"^1.34.0"}}`,
		"web/index.js":          "import { Redis } from \"@upstash/redis\";\nexport const redis = Redis.fromEnv();\n",
		"py/requirements.txt":   "upstash-redis==1.1.0\n",
		"py/app.py":             "from upstash_redis import Redis\nredis = Redis.from_env()\n",
		"py/pyproject.toml":     "[project]\nname = \"app\"\ndependencies = [\"upstash-redis\"]\n",
		"web/pnpm-lock.yaml":    "lockfileVersion: '9.0'\n",
		"web/.npmrc":            "registry=http://127.0.0.1:9/\n",
		"svc/.gitignore":        "",
		"py/uv.lock":            "version = 1\n",
		"web/yarn.lock":         "# yarn lockfile v1\n",
		"web/bun.lockb.txt":     "",
		"web/deno.json":         "{}\n",
		"py/Pipfile":            "[packages]\nupstash-redis = \"*\"\n",
		"py/poetry.lock":        "",
		"web/tsconfig.json":     "{}\n",
		"web/package-lock.json": `{"name":"web","lockfileVersion":3,"packages":{}}`,
	})
	modCache, buildCache, bin := t.TempDir(), t.TempDir(), t.TempDir()
	marker := filepath.Join(t.TempDir(), "called")
	tools := []string{"npm", "npx", "pnpm", "yarn", "bun", "deno", "node", "pip", "pip3", "python", "python3", "poetry", "uv", "pipenv", "git-lfs", "curl", "wget"}
	for _, name := range tools {
		script := "#!/bin/sh\necho " + name + " >> " + marker + "\nexit 1\n"
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("GOMODCACHE", modCache)
	t.Setenv("GOCACHE", buildCache)
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "https://proxy.golang.org,direct")
	t.Setenv("GOWORK", "off")

	res, err := Run(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range res.Findings {
		if f.RuleID == "UPS302" && strings.HasSuffix(f.Path, "svc/main.go") {
			found = true
		}
	}
	if !found {
		t.Errorf("no UPS302 in svc/main.go; findings %v", ruleIDs(res.Findings))
	}
	// The module ran syntax-only: a note, not a skipped file.
	for _, p := range res.Skipped {
		if strings.Contains(p.Message, "syntax-only") {
			t.Errorf("Go note listed as a skipped file: %+v", p)
		}
	}
	notes := 0
	for _, n := range res.Notes {
		if strings.Contains(n, "syntax-only") {
			notes++
			if !strings.Contains(n, "github.com/redis/go-redis/v9@v9.7.0") || !strings.Contains(n, "svc") {
				t.Errorf("note %q does not name the module and the missing dependency", n)
			}
		}
	}
	if notes != 1 {
		t.Errorf("%d syntax-only notes, want 1: %+v", notes, res.Notes)
	}
	for _, cache := range []string{modCache, buildCache} {
		filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
			if err == nil && p != cache {
				t.Errorf("the scan wrote %s into a Go cache", p)
			}
			return nil
		})
	}
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("the scan ran %s", strings.Fields(string(b)))
	}
}
