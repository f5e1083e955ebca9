package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPureGoBuild: upscan built with CGO_ENABLED=0 (no C compiler, no
// tree-sitter) still scans a repository: it finds the credential in the env
// file, and says once that it could not analyse the TypeScript file.
func TestPureGoBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds upscan with CGO_ENABLED=0")
	}
	bin := filepath.Join(t.TempDir(), "upscan-purego")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/upscan")
	build.Dir = moduleRoot(t)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build ./cmd/upscan: %v\n%s", err, out)
	}

	const token = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // FAKE (UPSTASH.md format)
	repo := t.TempDir()
	files := map[string]string{
		".env": "UPSTASH_REDIS_REST_URL=https://fake-otter-12345.upstash.io\nUPSTASH_REDIS_REST_TOKEN=" + token + "\n",
		"src/app.ts": `import { Redis } from "@upstash/redis";
export const redis = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });
`,
		"src/other.ts": "export const x: number = 1;\n",
	}
	for name, content := range files {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	cmd := exec.Command(bin, "--no-progress", ".")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	if strings.Contains(text, token[8:]) {
		t.Fatal("the report printed the credential")
	}
	if code != 1 || !strings.Contains(text, ".env") || !strings.Contains(text, "UPS10") {
		t.Errorf("exit %d, want 1 with the env file's credential (UPS10x); output:\n%s", code, text)
	}
	if n := strings.Count(text, "cannot analyse TypeScript"); n != 1 {
		t.Errorf("the note that TypeScript was not analysed appears %d times, want once; output:\n%s", n, text)
	}
	if !strings.Contains(text, "2 TypeScript files") {
		t.Errorf("the note does not count the 2 TypeScript files; output:\n%s", text)
	}
}
