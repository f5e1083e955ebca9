package golang_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/golang"
	"github.com/upscan/upscan/analyzers/secrets"
	"github.com/upscan/upscan/rules"
)

// stubModules maps the modules the sample service requires to their
// stand-ins under testdata/src.
var stubModules = map[string]string{
	"github.com/go-chi/chi/v5":     "github.com/go-chi/chi/v5",
	"github.com/go-chi/httprate":   "github.com/go-chi/httprate",
	"github.com/redis/go-redis/v9": "github.com/redis/go-redis/v9",
	"github.com/upstash/qstash-go": "github.com/upstash/qstash-go",
	"github.com/upstash/vector-go": "github.com/upstash/vector-go",
	"golang.org/x/time":            "golang.org/x/time",
}

// plantedSecrets are the FAKE credentials in testdata/service: no output may
// contain them.
var plantedSecrets = []string{
	"ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=",
	"Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg",
}

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

// serviceModule lays out testdata/service in a temp dir. With resolvable, its
// go.mod replaces every dependency with a stand-in module next to it, so the
// packages type-check offline; without, the dependencies are in no module
// cache and cannot be fetched (GOPROXY=off).
func serviceModule(t *testing.T, resolvable bool) (dir string, env []string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "service")
	copyTree(t, filepath.Join("testdata", "service"), dir)
	tmpl, err := os.ReadFile(filepath.Join(dir, "go.mod.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "go.mod.tmpl"))
	gomod := string(tmpl)
	if resolvable {
		for mod, src := range stubModules {
			mdir := filepath.Join(root, "mods", filepath.FromSlash(mod))
			copyTree(t, filepath.Join("testdata", "src", filepath.FromSlash(src)), mdir)
			if err := os.WriteFile(filepath.Join(mdir, "go.mod"), []byte("module "+mod+"\n\ngo 1.22\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			gomod += fmt.Sprintf("\nreplace %s => %s\n", mod, mdir)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOSUMDB=off")
	return dir, env
}

type loc struct {
	Rule, Path string
	Line, Col  int
	Secret     string
}

func locs(fs []rules.Finding) []loc {
	var out []loc
	for _, f := range fs {
		out = append(out, loc{f.RuleID, f.Path, f.Line, f.Col, f.Secret.String()})
	}
	return out
}

func checkNoLeak(t *testing.T, fs []rules.Finding, notes []golang.Note) {
	t.Helper()
	text := fmt.Sprintf("%+v %+v", fs, notes)
	for _, s := range plantedSecrets {
		if strings.Contains(text, s) {
			t.Errorf("output contains a planted secret (%s)", rules.Redact("planted", s))
		}
	}
}

var wantService = []loc{
	{"UPS301", "cmd/api/main.go", 18, 20, ""},
	{"UPS106", "cmd/api/main.go", 21, 65, "vector-search-token ABQF… (104 chars)"},
	{"UPS104", "cmd/api/main.go", 22, 28, "qstash-token Zk3p… (28 chars)"},
	{"UPS303", "cmd/api/main.go", 23, 27, ""},
	{"UPS504", "cmd/api/main.go", 30, 6, ""},
	{"UPS401", "cmd/api/main.go", 44, 2, ""},
	{"UPS401", "cmd/api/main.go", 45, 2, ""},
	{"UPS302", "internal/store/store.go", 19, 30, ""},
}

func TestRunTyped(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, env := serviceModule(t, true)
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %+v, want none (the module type-checks)", notes)
	}
	if diff := cmp.Diff(wantService, locs(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	checkNoLeak(t, fs, notes)
	for _, f := range fs {
		if strings.HasPrefix(f.Message, f.RuleID) || f.Key == "" || f.Severity == rules.Info {
			t.Errorf("%s at %s:%d: message %q, key %q, severity %s", f.RuleID, f.Path, f.Line, f.Message, f.Key, f.Severity)
		}
	}
}

// TestRunFallback checks that a module whose dependencies are missing is
// analysed syntax-only with the same findings and a single note.
func TestRunFallback(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, env := serviceModule(t, false)
	fs, notes, err := golang.Run(context.Background(), dir, []string{"./..."}, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].Path != "." || !strings.Contains(notes[0].Message, "syntax-only") {
		t.Errorf("notes = %+v, want one syntax-only note for the module", notes)
	}
	if diff := cmp.Diff(wantService, locs(fs)); diff != "" {
		t.Errorf("syntax-only findings differ from the typed ones (-want +got):\n%s", diff)
	}
	checkNoLeak(t, fs, notes)
}

func TestRunSyntaxOnly(t *testing.T) {
	dir, _ := serviceModule(t, false)
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{SyntaxOnly: true, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %+v, want none when syntax-only is asked for", notes)
	}
	if diff := cmp.Diff(wantService, locs(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestRunMatchesSecrets checks the de-duplication contract: a credential
// with a known layout is reported exactly as analyzers/secrets reports it
// for the same file, and OmitDetected drops it.
func TestRunMatchesSecrets(t *testing.T) {
	dir, _ := serviceModule(t, false)
	fs, _, err := golang.Run(context.Background(), dir, nil, golang.Options{SyntaxOnly: true, Detector: detector(t), Rules: func(id string) bool { return id[3] == '1' }})
	if err != nil {
		t.Fatal(err)
	}
	det, err := secrets.New()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "cmd", "api", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	fromSecrets, err := det.Detect("cmd/api/main.go", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromSecrets) != 1 {
		t.Fatalf("secrets found %d credentials in main.go, want 1", len(fromSecrets))
	}
	var same bool
	for _, f := range fs {
		if cmp.Equal(f, fromSecrets[0]) {
			same = true
		}
	}
	if !same {
		t.Errorf("no Go finding equals the secrets finding %s %s:%d:%d", fromSecrets[0].RuleID, fromSecrets[0].Path, fromSecrets[0].Line, fromSecrets[0].Col)
	}
	omitted, _, err := golang.Run(context.Background(), dir, nil, golang.Options{SyntaxOnly: true, Detector: detector(t), OmitDetected: true, Rules: func(id string) bool { return id[3] == '1' }})
	if err != nil {
		t.Fatal(err)
	}
	if got := locs(omitted); len(got) != 1 || got[0].Rule != "UPS104" {
		t.Errorf("OmitDetected kept %+v, want only the UPS104 value secrets cannot see", got)
	}
}

// TestRunBrokenPackage checks that a package that does not compile gets a
// note and still syntax-only results, without a panic.
func TestRunBrokenPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, env := serviceModule(t, true)
	broken := filepath.Join(dir, "internal", "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "package broken\n\nfunc f() int { return \"not an int\" }\n\nvar url = \"http://fake-otter-12345.upstash.io\"\n"
	if err := os.WriteFile(filepath.Join(broken, "broken.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 {
		t.Errorf("notes = %+v, want one", notes)
	}
	want := append(append([]loc(nil), wantService[:7]...), loc{"UPS301", "internal/broken/broken.go", 5, 12, ""}, wantService[7])
	if diff := cmp.Diff(want, locs(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestRunLooseFiles checks Go files outside any module (syntax-only, no note).
func TestRunLooseFiles(t *testing.T) {
	dir := t.TempDir()
	src := "package main\n\nimport \"github.com/redis/go-redis/v9\"\n\nvar c, _ = redis.ParseURL(\"redis://fake-otter-12345.upstash.io:6379\")\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := locs(fs); len(got) != 1 || got[0] != (loc{"UPS301", "main.go", 5, 28, ""}) || len(notes) != 0 {
		t.Errorf("findings %+v, notes %+v", got, notes)
	}
}

func TestHandles(t *testing.T) {
	for p, want := range map[string]bool{"main.go": true, "a/b_test.go": true, "x.GO": true, "go.mod": false, "a.gox": false} {
		if golang.Handles(p) != want {
			t.Errorf("Handles(%q) = %v", p, !want)
		}
	}
}

// TestCatalogueGoExamples runs the catalogue's Go samples (Path *.go)
// through Run, as internal/scan will: each Bad sample must produce its
// rule, each Good sample must not.
func TestCatalogueGoExamples(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		for i, ex := range append(append([]rules.Example{}, r.Bad...), r.Good...) {
			if !golang.Handles(ex.Path) {
				continue
			}
			n++
			bad := i < len(r.Bad)
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ex.Path), []byte(ex.Content), 0o644); err != nil {
				t.Fatal(err)
			}
			fs, _, err := golang.Run(context.Background(), dir, nil, golang.Options{Detector: detector(t)})
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, f := range fs {
				got = got || f.RuleID == string(r.ID)
			}
			if got != bad {
				t.Errorf("%s example %d (%s, bad=%v): found = %v in %v", r.ID, i, ex.Path, bad, got, locs(fs))
			}
		}
	}
	if n == 0 {
		t.Error("the catalogue has no Go samples")
	}
}

// TestRunNeverDownloads points the go command at a module proxy on
// loopback that records every request, with an empty module cache and an
// empty build cache: the service module's dependencies are missing, and the
// scan must fall back to syntax-only without asking the proxy for anything
// (a scan is offline) and without writing a single file, not even a lock
// file, into either cache.
func TestRunNeverDownloads(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	var requests atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.NotFound(w, r)
	}))
	defer proxy.Close()
	dir, _ := serviceModule(t, false)
	modCache, buildCache := t.TempDir(), t.TempDir()
	env := append(os.Environ(), "GOPROXY="+proxy.URL, "GOMODCACHE="+modCache, "GOCACHE="+buildCache,
		"GOFLAGS=-mod=mod", "GOWORK=off", "GOSUMDB=off", "GONOSUMDB=*", "GOPRIVATE=github.com/redis")
	found, notes, err := golang.Run(context.Background(), dir, []string{"./..."}, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the scan sent %d requests to the module proxy", n)
	}
	if len(notes) != 1 || !strings.Contains(notes[0].Message, "syntax-only") || !strings.Contains(notes[0].Message, "not in the module cache") {
		t.Errorf("notes = %+v, want one syntax-only note naming the missing dependency", notes)
	}
	if diff := cmp.Diff(wantService, locs(found)); diff != "" {
		t.Errorf("syntax-only findings (-want +got):\n%s", diff)
	}
	for _, cache := range []string{modCache, buildCache} {
		filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
			if err == nil && p != cache {
				t.Errorf("the scan wrote %s into a Go cache", p)
			}
			return nil
		})
	}
}

// TestRunTypedWritesNoCache checks that a module that type-checks from
// what is on disk leaves the user's build cache untouched: the go command
// gets a build cache of upscan's own.
func TestRunTypedWritesNoCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, env := serviceModule(t, true)
	buildCache := t.TempDir()
	env = append(env, "GOCACHE="+buildCache)
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %+v, want none (the module type-checks)", notes)
	}
	if diff := cmp.Diff(wantService, locs(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(buildCache)
	for _, e := range entries {
		t.Errorf("the scan wrote %s into the build cache", e.Name())
	}
}

// TestRunCgoPackage checks that a package that needs its cgo files to
// type-check (cgo is off in a scan) does not turn the whole module
// syntax-only: it is analysed syntax-only, without a note, and the other
// packages keep their types.
func TestRunCgoPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir, env := serviceModule(t, true)
	pkg := filepath.Join(dir, "internal", "native")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"lang.go": "package native\n\n// #include <stdlib.h>\nimport \"C\"\n\n// Language is a C type.\ntype Language = C.int\n",
		"use.go":  "package native\n\n// L is defined with cgo only.\nvar L Language\n\nvar url = \"http://fake-otter-12345.upstash.io\"\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(pkg, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs, notes, err := golang.Run(context.Background(), dir, nil, golang.Options{Env: env, Detector: detector(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notes = %+v, want none", notes)
	}
	want := append(append([]loc(nil), wantService[:7]...), loc{"UPS301", "internal/native/use.go", 6, 12, ""}, wantService[7])
	if diff := cmp.Diff(want, locs(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
