package walk

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"src/lib/redis.ts", Source},
		{"index.js", Source},
		{"dist/bundle.js", BuildOutput},
		{"apps/web/dist/assets/index-3f2a.js", BuildOutput},
		{"build/static/js/main.js", BuildOutput},
		{"out/index.html", BuildOutput},
		{"public/config.js", BuildOutput},
		{"apps/web/public/sw.js", BuildOutput},
		{"src/routes/public/feed.ts", Source}, // a Hono router: server code
		{"app/api/public/route.ts", Source},
		{"src/public/x.js", Source},
		{".next/static/chunks/app.js", BuildOutput},
		{"apps/web/.next/static/x.js", BuildOutput},
		{".next/server/app/page.js", Source},
		{".next/cache/webpack.pack", Source},
		{"static/x.js", Source},
		{"dist", Source}, // a file named dist
		{".aws-sam/build/Fn/app.js", ServerBuildOutput},
		{".serverless/cloudformation-template-update-stack.json", ServerBuildOutput},
		{".vercel/output/functions/api.func/index.js", ServerBuildOutput},
		{".vercel/output/static/app.js", BuildOutput},
		{".vercel/project.json", Source},
		{".netlify/functions/hello.js", ServerBuildOutput},
		{"apps/site/dist/server/entry.mjs", ServerBuildOutput},
		{"apps/site/dist/client/app.js", BuildOutput},
		{".aws-sam/cache/x.js", Source},
		{"distribution/x.js", Source}, // whole components only
		{"Dist/x.js", Source},         // case-sensitive
		{".env", EnvFile},
		{".env.local", EnvFile},
		{"apps/api/.env.production", EnvFile},
		{".envrc", EnvFile},
		{"prod.env", EnvFile},
		{"config/staging.env", EnvFile},
		{"env", Source},
		{".env-example.md", EnvFile},
		{"environment.ts", Source},
		{"public/.env", BuildOutput}, // served: build output wins
	}
	for _, tt := range tests {
		if got := Classify(tt.path); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestHumanSizeAndCapNote(t *testing.T) {
	if got, want := (Options{}).CapNote(), "larger than 10 MB cap (--max-file-size)"; got != want {
		t.Errorf("default CapNote = %q, want %q", got, want)
	}
	for n, want := range map[int64]string{1 << 20: "1 MB", 512 << 10: "512 KB", 1000: "1000 bytes", 3 << 30: "3 GB", 1536 << 10: "1536 KB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
	if got := (Options{MaxFileSize: -1}).Cap(); got != 0 {
		t.Errorf("negative MaxFileSize: Cap() = %d, want 0 (no cap)", got)
	}
}

// gitFixture builds a work tree that exercises every ignore rule the walk
// knows and returns its path.
func gitFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitInit(t, dir)
	writeFiles(t, dir, map[string]string{
		".gitignore": "# build and local files\n*.log\ndist/\nbuild/\n.next/\n/.env*\n!.env.example\n" +
			"secret.txt\ntracked-ignored.txt\nignored-dir/\ntmp/\nnode_modules/\n",
		".git/info/exclude":              "excluded-by-info.txt\n",
		"excluded-by-info.txt":           "x",
		"secret.txt":                     "x",
		"tracked-ignored.txt":            "x",
		"notes.md":                       "x",
		"src/app.ts":                     "x",
		"src/debug.log":                  "x",
		"src/.gitignore":                 "generated.ts\r\n!keep.log\r\n",
		"src/generated.ts":               "x",
		"src/keep.log":                   "x",
		"other/generated.ts":             "x",
		"dist/bundle.js":                 "x",
		"dist/assets/chunk.js":           "x",
		"build/app.js":                   "x",
		".env.local":                     "x",
		".env.production":                "x",
		".env.example":                   "x",
		".next/static/chunks/main.js":    "x",
		".next/cache/big.pack":           "x",
		".next/server/page.js":           "x",
		"public/logo.svg":                "x",
		"ignored-dir/tracked.ts":         "x",
		"ignored-dir/untracked.ts":       "x",
		"ignored-dir/sub/x.ts":           "x",
		"tmp/.env":                       "x",
		"node_modules/pkg/index.js":      "x",
		"node_modules/pkg/dist/index.js": "x",
		"vendor/lib.go":                  "x",
		".venv/lib/site.py":              "x",
	})
	git(t, dir, "add", "-A")
	git(t, dir, "add", "-f", "tracked-ignored.txt", "ignored-dir/tracked.ts")
	return dir
}

// defaultFixtureWant is what a default walk of gitFixture yields.
var defaultFixtureWant = []string{
	".env.example <env-file>",
	".env.local [ignored] <env-file>",
	".env.production [ignored] <env-file>",
	".gitignore",
	".next/static/chunks/main.js [ignored] <build-output>",
	"build/app.js [ignored] <build-output>",
	"dist/assets/chunk.js [ignored] <build-output>",
	"dist/bundle.js [ignored] <build-output>",
	"ignored-dir/tracked.ts",
	"notes.md",
	"other/generated.ts",
	"public/logo.svg <build-output>",
	"src/.gitignore",
	"src/app.ts",
	"src/keep.log",
	"tracked-ignored.txt",
}

func TestWalkGitIgnore(t *testing.T) {
	dir := gitFixture(t)
	tests := []struct {
		name  string
		cwd   string // relative to the fixture
		roots []string
		opts  Options
		want  []string
	}{
		{name: "default", roots: []string{"."}, want: defaultFixtureWant},
		{name: "no roots means dot", roots: nil, want: defaultFixtureWant},
		{name: "dot-dot-dot", roots: []string{"./..."}, want: defaultFixtureWant},
		{name: "overlapping roots", roots: []string{"src", "./...", "src/app.ts", ".", "dist"}, want: defaultFixtureWant},
		{name: "no-ignore", roots: []string{"."}, opts: Options{NoIgnore: true}, want: []string{
			".env.example <env-file>",
			".env.local [ignored] <env-file>",
			".env.production [ignored] <env-file>",
			".gitignore",
			".next/cache/big.pack [ignored]",
			".next/server/page.js [ignored]",
			".next/static/chunks/main.js [ignored] <build-output>",
			".venv/lib/site.py",
			"build/app.js [ignored] <build-output>",
			"dist/assets/chunk.js [ignored] <build-output>",
			"dist/bundle.js [ignored] <build-output>",
			"excluded-by-info.txt [ignored]",
			"ignored-dir/sub/x.ts [ignored]",
			"ignored-dir/tracked.ts",
			"ignored-dir/untracked.ts [ignored]",
			"node_modules/pkg/dist/index.js [ignored] <build-output>",
			"node_modules/pkg/index.js [ignored]",
			"notes.md",
			"other/generated.ts",
			"public/logo.svg <build-output>",
			"secret.txt [ignored]",
			"src/.gitignore",
			"src/app.ts",
			"src/debug.log [ignored]",
			"src/generated.ts [ignored]",
			"src/keep.log",
			"tmp/.env [ignored] <env-file>",
			"tracked-ignored.txt",
			"vendor/lib.go",
		}},
		// A root below the top still gets the top's .gitignore (*.log).
		{name: "subdir root", roots: []string{"src"}, want: []string{"src/.gitignore", "src/app.ts", "src/keep.log"}},
		{name: "subdir root with slash-dots", roots: []string{"src/..."}, want: []string{"src/.gitignore", "src/app.ts", "src/keep.log"}},
		{name: "cwd in subdir", cwd: "src", roots: []string{"."}, want: []string{".gitignore", "app.ts", "keep.log"}},
		{name: "cwd in subdir, root above", cwd: "src", roots: []string{"../other"}, want: []string{"generated.ts"}},
		{name: "ignored dir as root", roots: []string{"ignored-dir"}, want: []string{"ignored-dir/tracked.ts"}},
		{name: "ignored build dir as root", roots: []string{"dist"}, want: []string{
			"dist/assets/chunk.js [ignored] <build-output>", "dist/bundle.js [ignored] <build-output>"}},
		{name: "ignored file given as root", roots: []string{"secret.txt"}, want: []string{"secret.txt [ignored]"}},
		{name: "env file given as root", roots: []string{".env.local"}, want: []string{".env.local [ignored] <env-file>"}},
		{name: "file in subdir given as root", roots: []string{"src/generated.ts"}, want: []string{"src/generated.ts [ignored]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(filepath.Join(dir, tt.cwd))
			got, notes := collect(t, tt.roots, tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Walk(%q) entries (-want +got):\n%s", tt.roots, diff)
			}
			if len(notes) != 0 {
				t.Errorf("Walk(%q) notes = %q, want none", tt.roots, noteStrings(notes))
			}
		})
	}
}

// TestWalkNotGit: outside a work tree .gitignore files mean nothing, but
// dependency trees are still skipped.
func TestWalkNotGit(t *testing.T) {
	dir := t.TempDir()
	if top, ok := findTop(dir); ok {
		t.Skipf("temp dir is inside the git work tree %s", top)
	}
	writeFiles(t, dir, map[string]string{
		".gitignore":            "*.txt\n",
		"a.txt":                 "x",
		"node_modules/m/x.js":   "x",
		"vendor/v.go":           "x",
		".venv/lib/p.py":        "x",
		"sub/vendor/deep.go":    "x",
		"dist/x.js":             "x",
		"packages/a/.env.local": "x",
	})
	t.Chdir(dir)
	base := []string{".gitignore", "a.txt", "dist/x.js <build-output>", "packages/a/.env.local <env-file>"}
	got, _ := collect(t, []string{"."}, Options{})
	if diff := cmp.Diff(base, got); diff != "" {
		t.Errorf("default (-want +got):\n%s", diff)
	}
	got, _ = collect(t, []string{"."}, Options{NoIgnore: true})
	want := append(base, ".venv/lib/p.py", "node_modules/m/x.js", "sub/vendor/deep.go", "vendor/v.go")
	if diff := cmp.Diff(sorted(want), got); diff != "" {
		t.Errorf("no-ignore (-want +got):\n%s", diff)
	}
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// TestWalkNestedRepo: a repository inside another uses its own rules only.
func TestWalkNestedRepo(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeFiles(t, dir, map[string]string{
		".gitignore":       "*.gen\n",
		"x.gen":            "x",
		"inner/.gitignore": "*.tmp\n",
		"inner/a.gen":      "x",
		"inner/b.tmp":      "x",
		"inner/c.ts":       "x",
	})
	gitInit(t, filepath.Join(dir, "inner"))
	git(t, filepath.Join(dir, "inner"), "add", "-f", "a.gen")
	t.Chdir(dir)
	got, notes := collect(t, []string{"."}, Options{})
	want := []string{".gitignore", "inner/.gitignore", "inner/a.gen", "inner/c.ts"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %q, want none", noteStrings(notes))
	}
}

// TestWalkLinkedWorktree: a .git file ("gitdir: …") is followed to the
// worktree's index, and info/exclude is read from the common directory.
func TestWalkLinkedWorktree(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main")
	if err := os.Mkdir(main, 0o755); err != nil {
		t.Fatal(err)
	}
	gitInit(t, main)
	writeFiles(t, main, map[string]string{
		".gitignore":        "*.log\n",
		"kept.log":          "x",
		"app.ts":            "x",
		".git/info/exclude": "excluded.txt\n",
	})
	git(t, main, "add", ".gitignore", "app.ts")
	git(t, main, "add", "-f", "kept.log")
	git(t, main, "commit", "-q", "-m", "init")
	git(t, main, "worktree", "add", "-q", filepath.Join(dir, "wt"))
	wt := filepath.Join(dir, "wt")
	writeFiles(t, wt, map[string]string{"excluded.txt": "x", "new.log": "x", "new.ts": "x"})
	t.Chdir(wt)
	got, notes := collect(t, []string{"."}, Options{})
	want := []string{".gitignore", "app.ts", "kept.log", "new.ts"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %q, want none", noteStrings(notes))
	}
}

// TestWalkSplitIndex: an index go-git cannot decode (split index) falls back
// to one `git ls-files`, so tracked files matching .gitignore still count.
func TestWalkSplitIndex(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeFiles(t, dir, map[string]string{".gitignore": "*.log\n", "kept.log": "x", "drop.log": "x"})
	git(t, dir, "add", "-f", ".gitignore", "kept.log")
	git(t, dir, "update-index", "--split-index")
	if _, err := readIndex(filepath.Join(dir, ".git", "index")); err == nil {
		t.Log("go-git decoded the split index; the fallback is not exercised")
	}
	t.Chdir(dir)
	got, notes := collect(t, []string{"."}, Options{})
	if diff := cmp.Diff([]string{".gitignore", "kept.log"}, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %q, want none", noteStrings(notes))
	}
}

func TestWalkSizeCap(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeFiles(t, dir, map[string]string{
		".gitignore":  "ignored.txt\n",
		"small.txt":   "0123456789",
		"big.txt":     "0123456789abcdefx",
		"ignored.txt": "0123456789abcdefx", // ignored source: dropped silently
		"dist/big.js": "0123456789abcdefx", // ignored build output: noted
	})
	git(t, dir, "add", ".gitignore")
	t.Chdir(dir)
	got, notes := collect(t, []string{"."}, Options{MaxFileSize: 16})
	if diff := cmp.Diff([]string{".gitignore", "small.txt"}, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	wantNotes := []string{
		"big.txt: larger than 16 bytes cap (--max-file-size)",
		"dist/big.js: larger than 16 bytes cap (--max-file-size)",
	}
	if diff := cmp.Diff(wantNotes, noteStrings(notes)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

func TestWalkDisplayPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"proj/a.txt":     "x",
		"proj/sub/b.txt": "x",
		"elsewhere/c":    "x",
	})
	tests := []struct {
		name, cwd string
		roots     []string
		want      []string
	}{
		{"root is cwd", "proj", []string{"."}, []string{"a.txt", "sub/b.txt"}},
		{"root inside cwd", ".", []string{"proj/sub"}, []string{"proj/sub/b.txt"}},
		{"root inside cwd, unclean", ".", []string{"./proj//sub/"}, []string{"proj/sub/b.txt"}},
		{"file root inside cwd", ".", []string{"proj/sub/b.txt"}, []string{"proj/sub/b.txt"}},
		{"root outside cwd", "elsewhere", []string{"../proj"}, []string{"a.txt", "sub/b.txt"}},
		{"root outside cwd, dots", "elsewhere", []string{"../proj/..."}, []string{"a.txt", "sub/b.txt"}},
		{"file root outside cwd", "elsewhere", []string{"../proj/sub/b.txt"}, []string{"b.txt"}},
		{"absolute root inside cwd", "proj", []string{filepath.Join(dir, "proj", "sub")}, []string{"sub/b.txt"}},
		{"same root twice", "proj", []string{".", filepath.Join(dir, "proj"), "sub/b.txt"}, []string{"a.txt", "sub/b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(filepath.Join(dir, tt.cwd))
			got, _ := collect(t, tt.roots, Options{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Walk(%q) (-want +got):\n%s", tt.roots, diff)
			}
		})
	}
}

func TestWalkMissingRoot(t *testing.T) {
	t.Chdir(t.TempDir())
	called := false
	_, err := Walk(context.Background(), []string{".", "no-such-dir"}, Options{}, func(Entry) { called = true })
	if err == nil {
		t.Fatal("Walk of a missing root: no error")
	}
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "no-such-dir") {
		t.Errorf("error = %v, want fs.ErrNotExist naming no-such-dir", err)
	}
	if called {
		t.Error("fn called although a root is missing")
	}
}

func TestWalkCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a/b.txt": "x", "c.txt": "x"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Walk(ctx, []string{dir}, Options{}, func(Entry) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk with a cancelled context: err = %v, want context.Canceled", err)
	}
}

// TestServerBuildOutput checks that server-side build output is walked
// even when git ignores it, and told apart from output served to browsers:
// a backend package's dist/ (no HTML, no browser dependency) is server
// output, a frontend package's dist/ and one with an HTML entry are not.
func TestServerBuildOutput(t *testing.T) {
	dir := t.TempDir()
	gitInit(t, dir)
	writeFiles(t, dir, map[string]string{
		".gitignore":                           ".aws-sam/\n.serverless/\n.vercel/\ndist/\n",
		".aws-sam/build/Fn/app.js":             "x",
		".serverless/handler.js":               "x",
		".vercel/output/functions/a.func/i.js": "x",
		".vercel/output/static/app.js":         "x",
		"packages/api/package.json":            `{"dependencies":{"express":"4"}}`,
		"packages/api/dist/index.js":           "x",
		"packages/web/package.json":            `{"devDependencies":{"vite":"5"}}`,
		"packages/web/dist/index.js":           "x",
		"packages/site/package.json":           `{"dependencies":{"express":"4"}}`,
		"packages/site/dist/index.html":        "<script src=app.js></script>",
		"packages/site/dist/app.js":            "x",
		"packages/lib/dist/index.js":           "x", // no package.json: taken as browser output
	})
	got, _ := collect(t, []string{dir}, Options{})
	for i := range got {
		got[i] = strings.TrimPrefix(filepath.ToSlash(got[i]), filepath.ToSlash(dir)+"/")
	}
	want := []string{
		".aws-sam/build/Fn/app.js [ignored] <server-build-output>",
		".gitignore",
		".serverless/handler.js [ignored] <server-build-output>",
		".vercel/output/functions/a.func/i.js [ignored] <server-build-output>",
		".vercel/output/static/app.js [ignored] <build-output>",
		"packages/api/dist/index.js [ignored] <server-build-output>",
		"packages/api/package.json",
		"packages/lib/dist/index.js [ignored] <build-output>",
		"packages/site/dist/app.js [ignored] <build-output>",
		"packages/site/dist/index.html [ignored] <build-output>",
		"packages/site/package.json",
		"packages/web/dist/index.js [ignored] <build-output>",
		"packages/web/package.json",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
}
