package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchFile(b *testing.B, path string, repeat int) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", "repo", path))
	if err != nil {
		b.Fatal(err)
	}
	return []byte(strings.Repeat(string(data), repeat))
}

// BenchmarkEnvFile measures a 100-line env file, the common case.
func BenchmarkEnvFile(b *testing.B) {
	a, _ := New()
	src := benchFile(b, ".env.production", 6)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze(".env.production", src)
	}
}

// BenchmarkWorkflow measures a workflow with several jobs.
func BenchmarkWorkflow(b *testing.B) {
	a, _ := New()
	src := benchFile(b, ".github/workflows/deploy.yml", 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze(".github/workflows/deploy.yml", src)
	}
}

// BenchmarkNetlify measures TOML decoding plus the key-position search.
func BenchmarkNetlify(b *testing.B) {
	a, _ := New()
	src := benchFile(b, "netlify.toml", 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze("netlify.toml", src)
	}
}

// BenchmarkTSConfig measures JSONC stripping and decoding.
func BenchmarkTSConfig(b *testing.B) {
	a, _ := New()
	src := benchFile(b, "tsconfig.json", 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze("tsconfig.json", src)
	}
}
