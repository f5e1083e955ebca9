package source

import (
	"context"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// gitEnv isolates git from the machine's configuration and fixes the
// identities and dates, for the test and for the git processes the sources
// start.
func gitEnv(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cfg := filepath.Join(t.TempDir(), "gitconfig") // not /dev/null: a shared machine may have replaced it
	if err := os.WriteFile(cfg, []byte("[init]\n\tdefaultBranch = main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL":   cfg,
		"GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME":     "Ada Author",
		"GIT_AUTHOR_EMAIL":    "ada@example.com",
		"GIT_COMMITTER_NAME":  "Carl Committer",
		"GIT_COMMITTER_EMAIL": "carl@example.com",
	} {
		t.Setenv(k, v)
	}
	t.Setenv("GIT_INDEX_FILE", "")
	os.Unsetenv("GIT_INDEX_FILE")
	t.Setenv("GIT_DIR", "")
	os.Unsetenv("GIT_DIR")
}

// repo is a scratch git repository.
type repo struct {
	t   *testing.T
	dir string
	day int // author dates advance one day per commit
}

func newRepo(t *testing.T) *repo {
	gitEnv(t)
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository and returns its output.
func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *repo) write(files map[string]string) { r.t.Helper(); writeFiles(r.t, r.dir, files) }

func (r *repo) remove(p string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(p))); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything staged with the next author date and returns
// the commit ID.
func (r *repo) commit(msg string) string {
	r.t.Helper()
	r.day++
	date := time.Date(2025, 1, r.day, 12, 0, 0, 0, time.UTC).Format(time.RFC3339)
	r.t.Setenv("GIT_AUTHOR_DATE", date)
	r.t.Setenv("GIT_COMMITTER_DATE", date)
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return strings.TrimSpace(r.git("rev-parse", "HEAD"))
}

// got is what one Each call yielded: each file by path, and the notes.
type got struct {
	files map[string]File
	notes []string
}

// collect runs src.Each and gathers its files (failing on a path given
// twice) and notes (as "path: reason", or "path: ERROR reason").
func collect(t *testing.T, src Source) got {
	t.Helper()
	g, err := tryCollect(t, src)
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	return g
}

func tryCollect(t *testing.T, src Source) (got, error) {
	t.Helper()
	var mu sync.Mutex
	g := got{files: map[string]File{}}
	notes, err := src.Each(context.Background(), 2, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := g.files[f.Path]; dup {
			t.Errorf("Each: %s given twice", f.Path)
		}
		g.files[f.Path] = f
	})
	for _, n := range notes {
		s := n.Path + ": " + n.Reason
		if n.Err != nil {
			s = n.Path + ": ERROR " + n.Reason
		}
		g.notes = append(g.notes, s)
	}
	return g, err
}

// contents maps each file's path to its content.
func (g got) contents() map[string]string {
	m := map[string]string{}
	for p, f := range g.files {
		m[p] = string(f.Data)
	}
	return m
}

func TestIsGitRepo(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"sub/a.txt": "a"})
	wantTop, err := filepath.EvalSymlinks(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{r.dir, filepath.Join(r.dir, "sub")} {
		top, err := IsGitRepo(dir)
		if err != nil {
			t.Fatalf("IsGitRepo(%s): %v", dir, err)
		}
		if got, _ := filepath.EvalSymlinks(top); got != wantTop {
			t.Errorf("IsGitRepo(%s) = %s, want %s", dir, top, wantTop)
		}
	}
	t.Chdir(filepath.Join(r.dir, "sub"))
	if top, err := IsGitRepo(""); err != nil || filepath.Clean(top) != filepath.Clean(wantTop) {
		t.Errorf(`IsGitRepo("") = %q, %v; want %s`, top, err, wantTop)
	}

	outside := t.TempDir()
	for _, dir := range []string{outside, filepath.Join(r.dir, ".git")} {
		_, err := IsGitRepo(dir)
		if !errors.Is(err, ErrNotGitRepo) {
			t.Errorf("IsGitRepo(%s) error = %v, want ErrNotGitRepo", dir, err)
			continue
		}
		abs, _ := filepath.Abs(dir)
		if want := abs + " is not inside a git work tree"; err.Error() != want {
			t.Errorf("IsGitRepo(%s) error = %q, want %q", dir, err, want)
		}
	}
	if _, err := IsGitRepo(filepath.Join(outside, "missing")); err == nil || errors.Is(err, ErrNotGitRepo) {
		t.Errorf("IsGitRepo(missing dir) error = %v, want a not-exist error", err)
	}

	// Every git source fails the same way outside a work tree.
	for _, src := range []Source{Staged{Dir: outside}, Diff{Dir: outside, Ref: "HEAD"}, History{Dir: outside}} {
		if _, err := tryCollect(t, src); !errors.Is(err, ErrNotGitRepo) {
			t.Errorf("%T outside a repository: error = %v, want ErrNotGitRepo", src, err)
		}
	}
}

func TestStaged(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{
		"committed.txt": "unchanged since HEAD\n",
		"modified.txt":  "v1\n",
		"deleted.txt":   "going\n",
		"moved.txt":     "moving\n",
	})
	r.git("add", ".")
	r.commit("base")

	r.write(map[string]string{
		"modified.txt":   "v2 STAGED-TOKEN\n",
		"staged-new.env": "KEY=STAGED\n",
		"unstaged.txt":   "never added\n",
		"img.png":        "\x89PNG\x00\x00",
		"big.txt":        strings.Repeat("b", 300),
		"dist/app.js":    "bundle\n",
	})
	r.git("add", "modified.txt", "staged-new.env", "img.png", "big.txt", "dist/app.js")
	r.git("rm", "-q", "deleted.txt")
	r.git("mv", "moved.txt", "renamed.txt")
	// Staged, then changed back in the work tree: the index still holds it.
	r.write(map[string]string{"modified.txt": "v1\n"})
	// Changed in the work tree only: not staged, not scanned.
	r.write(map[string]string{"committed.txt": "UNSTAGED-TOKEN\n"})
	// A symlink and a submodule (gitlink) in the index.
	if err := os.Symlink("renamed.txt", filepath.Join(r.dir, "link")); err != nil {
		t.Fatal(err)
	}
	r.git("add", "link")
	head := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	r.git("update-index", "--add", "--cacheinfo", "160000,"+head+",vendor/sub")

	g := collect(t, Staged{Dir: r.dir, Options: walk.Options{MaxFileSize: 200}})
	want := map[string]string{
		"modified.txt":   "v2 STAGED-TOKEN\n",
		"staged-new.env": "KEY=STAGED\n",
		"renamed.txt":    "moving\n",
		"dist/app.js":    "bundle\n",
	}
	if diff := cmp.Diff(want, g.contents()); diff != "" {
		t.Errorf("staged files (-want +got):\n%s", diff)
	}
	wantNotes := []string{
		"big.txt: larger than 200 bytes cap (--max-file-size)",
		"img.png: binary",
		"vendor/sub: " + SubmoduleNote,
	}
	if diff := cmp.Diff(wantNotes, g.notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if f := g.files["staged-new.env"]; f.Kind != walk.EnvFile || f.Ignored || f.Changed != nil || f.Commit != nil {
		t.Errorf("staged-new.env: Kind %v Ignored %v Changed %v Commit %v; want env-file, not ignored, whole file, no commit", f.Kind, f.Ignored, f.Changed, f.Commit)
	}
	if f := g.files["dist/app.js"]; f.Kind != walk.BuildOutput {
		t.Errorf("dist/app.js: Kind %v, want build-output", f.Kind)
	}

	// From a subdirectory the paths stay relative to the top.
	if err := os.MkdirAll(filepath.Join(r.dir, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	if g := collect(t, Staged{Dir: filepath.Join(r.dir, "dist")}); g.files["modified.txt"].Path != "modified.txt" {
		t.Errorf("from a subdirectory: files %v", slices.Sorted(maps.Keys(g.files)))
	}

	// The index git names in GIT_INDEX_FILE (as for `git commit -a` hooks).
	alt := filepath.Join(t.TempDir(), "alt-index")
	cmd := exec.Command("git", "read-tree", "HEAD")
	cmd.Dir, cmd.Env = r.dir, append(os.Environ(), "GIT_INDEX_FILE="+alt)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git read-tree: %v\n%s", err, out)
	}
	t.Setenv("GIT_INDEX_FILE", alt)
	if g := collect(t, Staged{Dir: r.dir}); len(g.files) != 0 || len(g.notes) != 0 {
		t.Errorf("GIT_INDEX_FILE equal to HEAD: files %v notes %v, want none", g.contents(), g.notes)
	}
}

// TestStagedNoCommit: before the first commit every index entry is staged.
func TestStagedNoCommit(t *testing.T) {
	r := newRepo(t)
	if g := collect(t, Staged{Dir: r.dir}); len(g.files) != 0 {
		t.Errorf("empty index: %v", g.contents())
	}
	r.write(map[string]string{"a.txt": "first\n", "b/c.txt": "second\n", "untracked.txt": "no\n"})
	r.git("add", "a.txt", "b/c.txt")
	g := collect(t, Staged{Dir: r.dir})
	if diff := cmp.Diff(map[string]string{"a.txt": "first\n", "b/c.txt": "second\n"}, g.contents()); diff != "" {
		t.Errorf("staged files (-want +got):\n%s", diff)
	}
}

// TestStagedUnmerged: a path in conflict is noted, not scanned.
func TestStagedUnmerged(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"c.txt": "base\n"})
	r.git("add", ".")
	r.commit("base")
	r.git("checkout", "-q", "-b", "side")
	r.write(map[string]string{"c.txt": "side\n"})
	r.git("commit", "-qam", "side")
	r.git("checkout", "-q", "main")
	r.write(map[string]string{"c.txt": "main\n"})
	r.git("commit", "-qam", "main")
	cmd := exec.Command("git", "merge", "-q", "side")
	cmd.Dir = r.dir
	if err := cmd.Run(); err == nil {
		t.Fatal("merge did not conflict")
	}
	g := collect(t, Staged{Dir: r.dir})
	if len(g.files) != 0 || len(g.notes) != 1 || !strings.HasPrefix(g.notes[0], "c.txt: unmerged") {
		t.Errorf("conflicted merge: files %v notes %v; want only an unmerged note for c.txt", g.contents(), g.notes)
	}
}

func TestDiff(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{
		"edit.txt":     "one\nOLD-TOKEN\nthree\nfour\nfive\n",
		"rename.txt":   "kept\nOLD-TOKEN\n",
		"renedit.txt":  "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n",
		"gone.txt":     "deleted\n",
		"bin.dat":      "looks like text\n",
		"type":         "x",
		"unchanged.md": "same\n",
	})
	r.git("add", ".")
	base := r.commit("base")

	r.write(map[string]string{
		"edit.txt":       "one\nOLD-TOKEN\nthree\nNEW-1\nfour\nfive\nNEW-2\n",
		"new.txt":        "a\nb\n",
		"bin.dat":        "still text, but marked binary\n",
		".gitattributes": "*.dat binary\n",
	})
	r.git("mv", "rename.txt", "renamed.txt")
	r.git("mv", "renedit.txt", "renedited.txt")
	r.write(map[string]string{"renedited.txt": "l1\nl2\nl3\nl4\nCHANGED\nl6\nl7\nl8\nl9\nl10\n"})
	r.git("rm", "-q", "gone.txt")
	r.remove("type")
	if err := os.Symlink("new.txt", filepath.Join(r.dir, "type")); err != nil {
		t.Fatal(err)
	}
	r.git("add", "-A")
	mid := r.commit("mid")
	// Unstaged work-tree edits count too; an untracked file does not.
	r.write(map[string]string{"renamed.txt": "kept\nOLD-TOKEN\nWORKTREE\n", "untracked.txt": "no\n"})
	// Type change back: symlink → regular file, in the work tree.
	r.remove("type")
	r.write(map[string]string{"type": "t1\nt2\n"})

	g := collect(t, Diff{Dir: r.dir, Ref: base})
	type fileView struct {
		Changed []LineRange
		Kind    walk.Kind
	}
	view := map[string]fileView{}
	for p, f := range g.files {
		view[p] = fileView{f.Changed, f.Kind}
	}
	want := map[string]fileView{
		"edit.txt":       {Changed: []LineRange{{4, 4}, {7, 7}}},
		"new.txt":        {Changed: []LineRange{{1, 2}}},
		"renamed.txt":    {Changed: []LineRange{{3, 3}}},
		"renedited.txt":  {Changed: []LineRange{{5, 5}}},
		"bin.dat":        {Changed: nil}, // git prints no line diff: every line counts
		".gitattributes": {Changed: []LineRange{{1, 1}}},
		"type":           {Changed: []LineRange{{1, 2}}},
	}
	if diff := cmp.Diff(want, view); diff != "" {
		t.Errorf("diff files (-want +got):\n%s", diff)
	}
	if got := string(g.files["edit.txt"].Data); !strings.Contains(got, "OLD-TOKEN") {
		t.Errorf("edit.txt is not read whole: %q", got)
	}

	// Project: every work-tree file, the unchanged ones with nothing to
	// report; the same ranges for the changed ones; a changed file the walk
	// skips (under node_modules) still given.
	r.write(map[string]string{"node_modules/pkg/index.js": "old\n"})
	r.git("add", "-f", "node_modules/pkg/index.js")
	r.git("commit", "-q", "-m", "vendored")
	r.write(map[string]string{"node_modules/pkg/index.js": "old\nnew\n"})
	pg := collect(t, Diff{Dir: r.dir, Ref: base, Project: true})
	for p, want := range map[string][]LineRange{
		"edit.txt":                  {{4, 4}, {7, 7}},
		"renamed.txt":               {{3, 3}},
		"unchanged.md":              {},
		"untracked.txt":             {},
		"node_modules/pkg/index.js": {{1, 2}},
	} {
		f, ok := pg.files[p]
		if !ok || f.Changed == nil || !cmp.Equal(want, f.Changed) {
			t.Errorf("Project: %s given %v, Changed %#v; want %v", p, ok, f.Changed, want)
		}
	}
	if len(pg.files) != len(g.files)+3 {
		t.Errorf("Project: %d files, want the %d changed ones and 3 more: %v", len(pg.files), len(g.files), slices.Sorted(maps.Keys(pg.files)))
	}

	// Against mid: the pure rename is gone, the work tree edit remains.
	g = collect(t, Diff{Dir: r.dir, Ref: mid})
	if got := g.files["renamed.txt"].Changed; !cmp.Equal(got, []LineRange{{3, 3}}) {
		t.Errorf("renamed.txt against mid: Changed %v, want [{3 3}]", got)
	}
	if _, ok := g.files["edit.txt"]; ok {
		t.Error("edit.txt did not change since mid but was given")
	}

	// A pure rename with no other change adds no line.
	r.git("add", "-A")
	r.commit("more")
	r.git("mv", "renamed.txt", "again.txt")
	g = collect(t, Diff{Dir: r.dir, Ref: "HEAD"})
	if f, ok := g.files["again.txt"]; !ok || f.Changed == nil || len(f.Changed) != 0 {
		t.Errorf("pure rename: given %v, Changed %#v; want given with no changed line", ok, f.Changed)
	}

	for _, ref := range []string{"no-such-branch", "--output=x", ""} {
		_, err := tryCollect(t, Diff{Dir: r.dir, Ref: ref})
		if err == nil || !strings.Contains(err.Error(), "revision \""+ref+"\"") {
			t.Errorf("Diff with ref %q: error %v, want one naming the revision", ref, err)
		}
	}
}

func TestParseHunkHeader(t *testing.T) {
	tests := []struct {
		line string
		want LineRange
		ok   bool
	}{
		{"@@ -1,0 +2 @@ a\n", LineRange{2, 2}, true},
		{"@@ -3 +3,4 @@\n", LineRange{3, 6}, true},
		{"@@ -5,2 +4,0 @@ func x()\n", LineRange{}, false},
		{"@@ -0,0 +1,120 @@\n", LineRange{1, 120}, true},
	}
	for _, tt := range tests {
		got, ok, err := parseHunkHeader(tt.line)
		if err != nil || ok != tt.ok || got != tt.want {
			t.Errorf("parseHunkHeader(%q) = %v, %v, %v; want %v, %v", tt.line, got, ok, err, tt.want, tt.ok)
		}
	}
	for _, bad := range []string{"@@ nonsense @@\n", "@@ -1 +x,2 @@\n", "@@ -1 +2\n"} {
		if _, _, err := parseHunkHeader(bad); err == nil {
			t.Errorf("parseHunkHeader(%q) succeeded", bad)
		}
	}
}

func TestScope(t *testing.T) {
	commit := &rules.Commit{ID: "abc"}
	fs := func() []rules.Finding {
		return []rules.Finding{
			{RuleID: "A", Line: 2},
			{RuleID: "B", Line: 4, EndLine: 6},
			{RuleID: "C", Line: 9},
			{RuleID: "D"},
		}
	}
	ids := func(fs []rules.Finding) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.RuleID)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		changed []LineRange
		want    string
	}{
		{nil, "A,B,C,D"},
		{[]LineRange{}, ""},
		{[]LineRange{{6, 8}}, "B,D"},
		{[]LineRange{{1, 2}, {9, 9}}, "A,C,D"},
	}
	for _, tt := range tests {
		if got := ids(File{Changed: tt.changed}.Scope(fs())); got != tt.want {
			t.Errorf("Scope with Changed %v = %s, want %s", tt.changed, got, tt.want)
		}
	}
	out := File{Commit: commit}.Scope(fs())
	for _, f := range out {
		if f.Commit != commit {
			t.Errorf("Scope did not set Commit on %s", f.RuleID)
		}
	}
}

func TestHistory(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"app.ts": "const v = 1\n"})
	r.git("add", ".")
	c1 := r.commit("one")
	r.write(map[string]string{"app.ts": "const v = 1\nconst token = 'HISTORY-TOKEN'\n"})
	r.git("add", ".")
	c2 := r.commit("add the token")
	r.git("mv", "app.ts", "lib.ts") // same blob: not read again
	r.commit("rename")
	r.git("rm", "-q", "lib.ts")
	r.write(map[string]string{"logo.png": "\x89PNG\x00\x00\x00", "big.txt": strings.Repeat("x", 300)})
	r.git("add", ".")
	r.commit("delete it, add a binary")
	// A side branch, merged with a conflict whose resolution adds content.
	r.git("checkout", "-q", "-b", "side")
	r.write(map[string]string{"conf.txt": "side\n", "side.txt": "from side\n"})
	r.git("add", ".")
	cSide := r.commit("side")
	r.git("checkout", "-q", "main")
	r.write(map[string]string{"conf.txt": "main\n"})
	r.git("add", ".")
	cMain := r.commit("main")
	cmd := exec.Command("git", "merge", "-q", "side")
	cmd.Dir = r.dir
	_ = cmd.Run() // conflicts on conf.txt
	r.write(map[string]string{"conf.txt": "RESOLUTION-TOKEN\n"})
	r.git("add", ".")
	cMerge := r.commit("merge")
	// An unmerged branch is walked too.
	r.git("checkout", "-q", "-b", "wip")
	r.write(map[string]string{"wip.txt": "wip\n"})
	r.git("add", ".")
	cWip := r.commit("wip")
	r.git("checkout", "-q", "main")

	type view struct{ Content, Commit, Author, Date string }
	look := func(g got) map[string]view {
		m := map[string]view{}
		for p, f := range g.files {
			v := view{Content: string(f.Data)}
			if f.Commit != nil {
				v.Commit, v.Author, v.Date = f.Commit.ID, f.Commit.Author, f.Commit.Date.UTC().Format("2006-01-02")
			}
			m[p] = v
		}
		return m
	}

	var mu sync.Mutex
	var all []File
	notes, err := History{Dir: r.dir, Options: walk.Options{MaxFileSize: 200}}.Each(context.Background(), 2, func(f File) {
		mu.Lock()
		all = append(all, f)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	type blob struct{ Path, Content, Commit string }
	var blobs []blob
	for _, f := range all {
		blobs = append(blobs, blob{f.Path, string(f.Data), f.Commit.ID})
	}
	slices.SortFunc(blobs, func(a, b blob) int { return strings.Compare(a.Path+a.Content, b.Path+b.Content) })
	wantBlobs := []blob{
		{"app.ts", "const v = 1\n", c1},
		{"app.ts", "const v = 1\nconst token = 'HISTORY-TOKEN'\n", c2},
		{"conf.txt", "RESOLUTION-TOKEN\n", cMerge},
		{"conf.txt", "main\n", cMain},
		{"conf.txt", "side\n", cSide},
		{"side.txt", "from side\n", cSide},
		{"wip.txt", "wip\n", cWip},
	}
	if diff := cmp.Diff(wantBlobs, blobs); diff != "" {
		t.Errorf("history blobs (-want +got):\n%s", diff)
	}
	var gotNotes []string
	for _, n := range notes {
		gotNotes = append(gotNotes, n.String())
	}
	if diff := cmp.Diff([]string{"big.txt: larger than 200 bytes cap (--max-file-size)", "logo.png: binary"}, gotNotes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	for _, f := range all {
		if f.Commit.Author != "Ada Author" || f.Commit.Date.IsZero() {
			t.Errorf("%s: commit author %q date %v", f.Path, f.Commit.Author, f.Commit.Date)
		}
	}

	// --max-count 2: the newest two commits (wip and the merge). The side
	// commit is not walked, so what it added is attributed to the merge.
	g := collect(t, History{Dir: r.dir, MaxCount: 2})
	wantMax := map[string]view{
		"conf.txt": {"RESOLUTION-TOKEN\n", cMerge, "Ada Author", "2025-01-07"},
		"side.txt": {"from side\n", cMerge, "Ada Author", "2025-01-07"},
		"wip.txt":  {"wip\n", cWip, "Ada Author", "2025-01-08"},
	}
	if diff := cmp.Diff(wantMax, look(g)); diff != "" {
		t.Errorf("MaxCount 2 (-want +got):\n%s", diff)
	}
	// --since the merge: only wip.
	g = collect(t, History{Dir: r.dir, Since: cMerge})
	if diff := cmp.Diff([]string{"wip.txt"}, slices.Sorted(maps.Keys(g.files))); diff != "" {
		t.Errorf("Since merge (-want +got):\n%s", diff)
	}
	if _, err := tryCollect(t, History{Dir: r.dir, Since: "nope"}); err == nil || !strings.Contains(err.Error(), `revision "nope"`) {
		t.Errorf("unknown Since: error %v", err)
	}

	// A repository without commits yields nothing.
	empty := newRepo(t)
	if g := collect(t, History{Dir: empty.dir}); len(g.files) != 0 {
		t.Errorf("empty repository: %v", g.contents())
	}
}

// TestHistoryCancel: a cancelled walk returns ctx.Err() and stops its git
// processes.
func TestHistoryCancel(t *testing.T) {
	r := newRepo(t)
	for i := range 30 {
		r.write(map[string]string{"f.txt": strings.Repeat("line\n", i+1)})
		r.git("add", ".")
		r.commit("c")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := History{Dir: r.dir}.Each(ctx, 1, func(File) { cancel() })
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled history: error %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("History.Each did not return after cancellation")
	}
}

func TestOldestFirst(t *testing.T) {
	day := func(d int) *rules.Commit {
		return &rules.Commit{ID: strings.Repeat(string(rune('a'+d)), 40), Date: time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC)}
	}
	secret := rules.Redact("redis-rest-token", "FAKE-VALUE-ONE")
	other := rules.Redact("redis-rest-token", "FAKE-VALUE-TWO")
	fs := []rules.Finding{
		{RuleID: "UPS101", Path: "later.ts", Line: 3, Secret: secret, Commit: day(5)},
		{RuleID: "UPS101", Path: "first.ts", Line: 9, Secret: secret, Commit: day(2)},
		{RuleID: "UPS101", Path: "moved.ts", Line: 1, Secret: secret, Commit: day(7)},
		{RuleID: "UPS101", Path: "a.ts", Line: 1, Secret: other, Commit: day(4)},
		{RuleID: "UPS102", Path: "a.ts", Line: 1, Secret: other, Commit: day(6)}, // another rule: its own finding
		{RuleID: "UPS301", Path: "x.ts", Line: 2, Fingerprint: "fp1", Commit: day(3)},
		{RuleID: "UPS301", Path: "x.ts", Line: 5, Fingerprint: "fp1", Commit: day(1)},
		{RuleID: "UPS999", Path: "y.ts"}, // neither secret nor fingerprint: kept
	}
	var got []string
	for _, f := range OldestFirst(fs) {
		got = append(got, f.RuleID+" "+f.Path)
	}
	slices.Sort(got)
	want := []string{"UPS101 a.ts", "UPS101 first.ts", "UPS102 a.ts", "UPS301 x.ts", "UPS999 y.ts"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OldestFirst (-want +got):\n%s", diff)
	}
	for _, f := range OldestFirst(fs) {
		if f.RuleID == "UPS301" && f.Line != 5 {
			t.Errorf("UPS301 kept line %d, want the oldest (line 5)", f.Line)
		}
	}
	if fs[0].Path != "later.ts" {
		t.Error("OldestFirst modified its input")
	}
}

func TestVerifyRevision(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"a.txt": "a\n"})
	r.git("add", ".")
	id := r.commit("one")
	for _, rev := range []string{"HEAD", "main", id, id[:8]} {
		if err := VerifyRevision(r.dir, rev); err != nil {
			t.Errorf("VerifyRevision(%q): %v", rev, err)
		}
	}
	tree := strings.TrimSpace(r.git("rev-parse", "HEAD^{tree}"))
	for rev, want := range map[string]string{
		"nope":      `revision "nope": not a commit in `,
		tree:        `revision "` + tree + `": not a commit in `, // a tree, not a commit
		"--all":     `revision "--all": not a revision name`,
		"":          `revision "": not a revision name`,
		"HEAD~5":    `revision "HEAD~5": not a commit in `,
		"main..x y": `revision "main..x y": not a commit in `,
	} {
		if err := VerifyRevision(r.dir, rev); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("VerifyRevision(%q) = %v, want %q…", rev, err, want)
		}
	}
	if err := VerifyRevision(t.TempDir(), "HEAD"); !errors.Is(err, ErrNotGitRepo) {
		t.Errorf("VerifyRevision outside a repository: %v", err)
	}
}

// TestHistoryEmptyCommits: commits without changes (and a repository whose
// only commits are empty) parse.
func TestHistoryEmptyCommits(t *testing.T) {
	r := newRepo(t)
	r.commit("empty root")
	if g := collect(t, History{Dir: r.dir}); len(g.files) != 0 {
		t.Errorf("only empty commits: %v", g.contents())
	}
	r.write(map[string]string{"a.txt": "a\n"})
	r.git("add", ".")
	first := r.commit("a")
	r.commit("empty")
	r.commit("empty again")
	r.write(map[string]string{"b.txt": "b\n"})
	r.git("add", ".")
	last := r.commit("b")
	g := collect(t, History{Dir: r.dir})
	got := map[string]string{}
	for p, f := range g.files {
		got[p] = f.Commit.ID
	}
	if diff := cmp.Diff(map[string]string{"a.txt": first, "b.txt": last}, got); diff != "" {
		t.Errorf("history with empty commits (-want +got):\n%s", diff)
	}
}
