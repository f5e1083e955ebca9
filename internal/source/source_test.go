package source

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/internal/walk"
)

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIsBinary(t *testing.T) {
	at := func(n int) []byte { b := bytes.Repeat([]byte("a"), n+10); b[n] = 0; return b }
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"empty", nil, false},
		{"text", []byte("const x = 1\n"), false},
		{"invalid utf-8", []byte("caf\xe9 \xff\xfe"), false},
		{"utf-16 with NULs", []byte("a\x00b\x00"), true},
		{"NUL first", at(0), true},
		{"NUL at 7999", at(7999), true},
		{"NUL at 8000", at(8000), false},
	}
	for _, tt := range tests {
		if got := IsBinary(tt.data); got != tt.want {
			t.Errorf("IsBinary(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 2000) // 20,000 bytes
	tests := []struct {
		name        string
		size, limit int64
		wantLen     int
	}{
		{"exact size", 20000, -1, 20000},
		{"size unknown (procfs)", 0, -1, 20000},
		{"size too small (file grew)", 100, -1, 20000},
		{"size too large (file shrank)", 50000, -1, 20000},
		{"limit cuts one past the cap", 20000, 10001, 10001},
	}
	for _, tt := range tests {
		got, binary, err := readAll(bytes.NewReader(data), tt.size, tt.limit)
		if err != nil || binary {
			t.Errorf("%s: err %v, binary %v", tt.name, err, binary)
			continue
		}
		if len(got) != tt.wantLen || !bytes.Equal(got, data[:tt.wantLen]) {
			t.Errorf("%s: read %d bytes, want the first %d", tt.name, len(got), tt.wantLen)
		}
	}
	bin := append(bytes.Repeat([]byte("x"), 100), 0)
	bin = append(bin, bytes.Repeat([]byte("y"), 1<<20)...)
	r := &countingReader{r: bytes.NewReader(bin)}
	if _, binary, _ := readAll(r, int64(len(bin)), -1); !binary {
		t.Error("readAll: binary data not detected")
	}
	if r.n > 64<<10 {
		t.Errorf("readAll read %d bytes of a binary file, want only its head", r.n)
	}
}

type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// eachResult is what one Each call produced.
type eachResult struct {
	files map[string]File
	notes []string
}

func each(t *testing.T, w WorkTree, jobs int) eachResult {
	t.Helper()
	var mu sync.Mutex
	res := eachResult{files: map[string]File{}}
	notes, err := w.Each(context.Background(), jobs, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := res.files[f.Path]; dup {
			t.Errorf("Each: %s given twice", f.Path)
		}
		res.files[f.Path] = f
	})
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	if !slices.IsSortedFunc(notes, func(a, b walk.Note) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("notes not sorted by path: %v", notes)
	}
	for _, n := range notes {
		s := n.Path + ": " + n.Reason
		if n.Err != nil {
			s = n.Path + ": ERROR " + n.Reason
		}
		res.notes = append(res.notes, s)
	}
	return res
}

func TestWorkTreeEach(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("const a = 1;\n", 1000) // 13,000 bytes: crosses the 8000-byte sniff
	late := []byte(strings.Repeat("b", 9000))
	late[8500] = 0 // NUL after the first 8000 bytes: text
	writeFiles(t, dir, map[string]string{
		"src/app.ts":        "export const x = 1\n",
		"src/big.ts":        big,
		"empty.txt":         "",
		"latin1.txt":        "caf\xe9\n",
		"late-nul.txt":      string(late),
		"img.png":           "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"huge.bin":          "\x00" + strings.Repeat("z", 100),
		"dist/app.js":       "bundle",
		".env.production":   "KEY=1",
		"node_modules/x.js": "skipped",
		"over.txt":          strings.Repeat("o", 20001),
	})
	t.Chdir(dir)
	want := map[string]File{
		"src/app.ts":      {Path: "src/app.ts", Data: []byte("export const x = 1\n")},
		"src/big.ts":      {Path: "src/big.ts", Data: []byte(big)},
		"empty.txt":       {Path: "empty.txt", Data: []byte{}},
		"latin1.txt":      {Path: "latin1.txt", Data: []byte("caf\xe9\n")},
		"late-nul.txt":    {Path: "late-nul.txt", Data: late},
		"dist/app.js":     {Path: "dist/app.js", Data: []byte("bundle"), Kind: walk.BuildOutput},
		".env.production": {Path: ".env.production", Data: []byte("KEY=1"), Kind: walk.EnvFile},
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, f := range want {
		f.Abs = filepath.Join(real, filepath.FromSlash(p))
		want[p] = f
	}
	wantNotes := []string{"huge.bin: binary", "img.png: binary", "over.txt: larger than 20000 bytes cap (--max-file-size)"}
	for _, jobs := range []int{0, 1, 4} {
		res := each(t, WorkTree{Roots: []string{"./..."}, Options: walk.Options{MaxFileSize: 20000}}, jobs)
		if diff := cmp.Diff(want, res.files); diff != "" {
			t.Errorf("jobs=%d files (-want +got):\n%s", jobs, diff)
		}
		// A file read again (a later pass that did not keep the bytes)
		// is the file read first.
		for p, f := range res.files {
			g, err := Reread(File{Path: f.Path, Abs: f.Abs, Kind: f.Kind})
			if err != nil || !cmp.Equal(f, g) {
				t.Errorf("jobs=%d: Reread(%s) = %+v, %v; want %+v", jobs, p, g, err, f)
			}
		}
		if diff := cmp.Diff(wantNotes, res.notes); diff != "" {
			t.Errorf("jobs=%d notes (-want +got):\n%s", jobs, diff)
		}
	}
}

// TestWorkTreeIgnored: Ignored and Kind come through from the walk.
func TestWorkTreeIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".gitignore": "dist/\n.env.local\n*.log\n", "dist/a.js": "a", ".env.local": "b", "x.log": "c", "y.ts": "d"})
	cmd := exec.Command("git", "init", "-q")
	cmd.Dir = dir
	cfg := filepath.Join(t.TempDir(), "gitconfig") // not /dev/null: a shared machine may have replaced it
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+cfg, "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	t.Chdir(dir)
	res := each(t, WorkTree{}, 2)
	var got []string
	for p, f := range res.files {
		got = append(got, p+" "+f.Kind.String()+" ignored="+map[bool]string{true: "yes", false: "no"}[f.Ignored])
	}
	slices.Sort(got)
	want := []string{".env.local env-file ignored=yes", ".gitignore source ignored=no", "dist/a.js build-output ignored=yes", "y.ts source ignored=no"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestWorkTreeJobsBound: fn never runs on more than jobs goroutines at once.
func TestWorkTreeJobsBound(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 200 {
		files[filepath.Join("d", string(rune('a'+i%26)), strings.Repeat("f", 1+i/26)+".txt")] = "x"
	}
	writeFiles(t, dir, files)
	var cur, peak atomic.Int32
	n := 0
	var mu sync.Mutex
	_, err := WorkTree{Roots: []string{dir}}.Each(context.Background(), 3, func(File) {
		c := cur.Add(1)
		for {
			p := peak.Load()
			if c <= p || peak.CompareAndSwap(p, c) {
				break
			}
		}
		mu.Lock()
		n++
		mu.Unlock()
		cur.Add(-1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 200 || peak.Load() > 3 {
		t.Errorf("Each(jobs=3): %d files, peak concurrency %d; want 200 files, peak <= 3", n, peak.Load())
	}
}

func TestWorkTreeErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := WorkTree{Roots: []string{"missing"}}.Each(context.Background(), 0, func(File) {})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing root: err = %v, want fs.ErrNotExist naming it", err)
	}

	writeFiles(t, ".", map[string]string{"a.txt": "x", "b.txt": "y"})
	ctx, cancel := context.WithCancel(context.Background())
	_, err = WorkTree{}.Each(ctx, 1, func(File) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}
