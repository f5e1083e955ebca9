package source

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
)

// benchRepo builds a repository of files files and commits commits with git
// fast-import: the first commit adds every file (20–80 lines), each later
// one edits three lines in each of three files. Set UPSCAN_BENCH_REPO to
// benchmark an existing repository instead.
func benchRepo(b *testing.B, files, commits int) string {
	b.Helper()
	if dir := os.Getenv("UPSCAN_BENCH_REPO"); dir != "" {
		return dir
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	dir := b.TempDir()
	cfg := dir + "/gitconfig"
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL="+cfg, "GIT_CONFIG_NOSYSTEM=1")
	gitIn := func(stdin []byte, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir+"/repo", env
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.Mkdir(dir+"/repo", 0o755); err != nil {
		b.Fatal(err)
	}
	gitIn(nil, "init", "-q", "-b", "main")
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("redis upstash token const let function return await import export from async url value key limit window")
	line := func() string {
		var w []string
		for range 8 {
			w = append(w, words[rng.IntN(len(words))])
		}
		return strings.Join(w, " ") + ";"
	}
	content := map[int][]string{}
	var stream bytes.Buffer
	for c := range commits {
		changed := []int{}
		if c == 0 {
			for f := range files {
				changed = append(changed, f)
				n := 20 + rng.IntN(60)
				for range n {
					content[f] = append(content[f], line())
				}
			}
		} else {
			for range 3 {
				f := rng.IntN(files)
				changed = append(changed, f)
				for range 3 {
					content[f][rng.IntN(len(content[f]))] = line()
				}
			}
		}
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Ada <ada@example.com> %d +0000\ndata 8\ncommit %d\n", 1700000000+3600*c, c%10)
		for _, f := range changed {
			data := strings.Join(content[f], "\n") + "\n"
			fmt.Fprintf(&stream, "M 100644 inline src/dir%02d/file%04d.ts\ndata %d\n%s\n", f%50, f, len(data), data)
		}
		stream.WriteString("\n")
	}
	gitIn(stream.Bytes(), "fast-import", "--quiet")
	gitIn(nil, "checkout", "-q", "-f", "main")
	return dir + "/repo"
}

// BenchmarkHistory reads every blob of a 2,000-file, 3,000-commit history
// (11,000 distinct blobs, 27.7 MB when generated).
func BenchmarkHistory(b *testing.B) {
	dir := benchRepo(b, 2000, 3000)
	b.ResetTimer()
	for b.Loop() {
		var n, size atomic.Int64
		if _, err := (History{Dir: dir}).Each(context.Background(), 0, func(f File) {
			n.Add(1)
			size.Add(int64(len(f.Data)))
		}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n.Load()), "blobs/op")
		b.SetBytes(size.Load())
	}
}

// BenchmarkStaged reads three staged files in a 2,000-file repository: the
// cost of the pre-commit hook's source.
func BenchmarkStaged(b *testing.B) {
	dir := benchRepo(b, 2000, 1)
	for i := range 3 {
		p := fmt.Sprintf("%s/src/dir%02d/file%04d.ts", dir, i, i)
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, "export const x = 1;\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command("git", "add", "-A")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git add: %v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		var n atomic.Int64
		if _, err := (Staged{Dir: dir}).Each(context.Background(), 0, func(File) { n.Add(1) }); err != nil {
			b.Fatal(err)
		}
		if n.Load() != 3 {
			b.Fatalf("%d staged files, want 3", n.Load())
		}
	}
}
