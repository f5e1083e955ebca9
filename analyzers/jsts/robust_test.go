//go:build cgo

package jsts

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/upscan/upscan/analyzers/facts"
)

// TestSyntaxErrorPartialFacts checks that a syntax error yields a note that
// names its line, and that the facts around it are still read.
func TestSyntaxErrorPartialFacts(t *testing.T) {
	a := newTestAnalyzer(t)
	src := `import { Redis } from "@upstash/redis";
export const redis = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });
function broken( {
  return 1 +;
}
export async function GET() {
  return Response.json(await redis.get("k"));
}
`
	f, _ := a.Analyze("app/route.ts", []byte(src))
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "syntax error at line 3") {
		t.Errorf("notes = %q, want one syntax error note at line 3", f.Notes)
	}
	for _, n := range f.Notes {
		if strings.Contains(n, "return 1") {
			t.Errorf("note quotes file content: %q", n)
		}
	}
	v := viewOf(f)
	if len(v.Clients) != 1 || v.Clients[0].Token != "env(UPSTASH_REDIS_REST_TOKEN)" {
		t.Errorf("client before the error lost: %+v", v.Clients)
	}
	if len(v.Imports) != 1 {
		t.Errorf("imports = %v", v.Imports)
	}
}

// TestOneBadFileDoesNotSpoilOthers analyzes a broken file between two good
// ones with the same analyzer: the good files' results are complete.
func TestOneBadFileDoesNotSpoilOthers(t *testing.T) {
	a := newTestAnalyzer(t)
	good := "\"use client\";\nimport { Redis } from \"@upstash/redis\";\nconst r = new Redis({ url: process.env.NEXT_PUBLIC_U!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! });\n"
	_, want := a.Analyze("a.tsx", []byte(good))
	for _, bad := range []string{"import {{{ from", "\x00\xff\xfe<<<>>>", strings.Repeat("(", 5000), "`${`${`${"} {
		f, _ := a.Analyze("bad.ts", []byte(bad))
		if len(f.Notes) == 0 {
			t.Errorf("no note for %q", bad[:min(len(bad), 10)])
		}
		_, got := a.Analyze("a.tsx", []byte(good))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("results changed after a bad file:\n%s", diff)
		}
	}
}

// TestBadInputs covers CRLF, BOM, JSX in .js, decorators, Flow-ish and
// empty inputs: no notes where the code is valid, and the client is found
// at the right position.
func TestBadInputs(t *testing.T) {
	a := newTestAnalyzer(t)
	const client = "const redis = new Redis({ url: process.env.U, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN });\n"
	tests := []struct {
		name, path, src string
		line, col       int // client position; 0 when none expected
		notes           int
	}{
		{"crlf", "a.ts", "import { Redis } from \"@upstash/redis\";\r\n\r\n" + strings.ReplaceAll(client, "\n", "\r\n"), 3, 15, 0},
		{"bom", "a.ts", "\xef\xbb\xbfimport { Redis } from \"@upstash/redis\";\n" + client, 2, 15, 0},
		{"bom directive", "a.tsx", "\xef\xbb\xbf\"use client\";\nimport { Redis } from \"@upstash/redis\";\n" + client, 3, 15, 0},
		{"mixed line endings", "a.js", "import { Redis } from \"@upstash/redis\";\r\n\n\r" + client, 3, 16, 0},
		{"jsx in .js", "a.js", "import { Redis } from \"@upstash/redis\";\n" + client + "export const App = () => <div className=\"x\">{redis ? <b/> : null}</div>;\n", 2, 15, 0},
		{"decorators", "a.ts", "import { Redis } from \"@upstash/redis\";\n@Injectable()\nexport class Cache {\n  @Inject() private redis = new Redis({ url: process.env.U!, token: process.env.T! });\n}\n", 4, 29, 0},
		{"decorators in js", "a.js", "import { Redis } from \"@upstash/redis\";\n@dec\nclass Cache { redis = Redis.fromEnv(); }\n", 3, 23, 0},
		{"empty", "a.ts", "", 0, 0, 0},
		{"only comments", "a.ts", "// nothing\n/* here */\n", 0, 0, 0},
		{"non utf8", "a.js", "const s = \"\xff\xfe\";\n", 0, 0, 0},
		{"python 2 file misnamed", "a.js", "print \"hello\"\nexec 'x'\n", 0, 0, 1},
		{"svelte offsets", "a.svelte", "<h1>x</h1>\n\n<script lang=\"ts\">\n  import { Redis } from \"@upstash/redis\";\n  " + client + "</script>\n", 5, 17, 0},
		{"vue two scripts", "a.vue", "<script>\nexport default {}\n</script>\n<script setup>\nimport { Redis } from \"@upstash/redis\";\n" + client + "</script>\n", 6, 15, 0},
		{"astro without frontmatter", "a.astro", "<div/>\n<script>\nimport { Redis } from \"@upstash/redis\";\n" + client + "</script>", 4, 15, 0},
		{"html comment hides script", "a.html", "<!-- <script>const x = new Redis({token: 'y'})</script> -->\n<p>hi</p>\n", 0, 0, 0},
		{"unclosed script", "a.html", "<script>\nimport { Redis } from \"@upstash/redis\";\n" + client, 3, 15, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, fs := a.Analyze(tt.path, []byte(tt.src))
			checkBounds(t, tt.path, []byte(tt.src), f, fs)
			if len(f.Notes) != tt.notes {
				t.Errorf("notes = %q, want %d", f.Notes, tt.notes)
			}
			if tt.line == 0 {
				if len(f.Clients) != 0 {
					t.Errorf("clients = %+v, want none", f.Clients)
				}
				return
			}
			if len(f.Clients) != 1 {
				t.Fatalf("clients = %+v, want one", f.Clients)
			}
			if got := f.Clients[0].Pos; got != (facts.Pos{Line: tt.line, Col: tt.col}) {
				t.Errorf("client at %d:%d, want %d:%d", got.Line, got.Col, tt.line, tt.col)
			}
		})
	}
}

// budgetClient is a small file with one client, read in full.
const budgetClient = "import { Redis } from \"@upstash/redis\";\nconst r = Redis.fromEnv();\n"

// nested is a statement of depth pairs of nested parentheses.
func nested(depth int) string {
	return "export const deep = " + strings.Repeat("(", depth) + "1" + strings.Repeat(")", depth) + ";\n"
}

// analyzeTwice analyzes src twice, the second time with one P and another
// goroutine spinning, and fails when the results differ.
func analyzeTwice(t *testing.T, a *Analyzer, path, src string) *facts.File {
	t.Helper()
	f1, fs1 := a.Analyze(path, []byte(src))
	prev := runtime.GOMAXPROCS(1)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() { // keeps the only P busy: the scheduler preempts it
		defer close(done)
		for !stop.Load() {
		}
	}()
	f2, fs2 := a.Analyze(path, []byte(src))
	stop.Store(true)
	<-done
	runtime.GOMAXPROCS(prev)
	if d := cmp.Diff(renderFacts(f1)+renderFindings(fs1), renderFacts(f2)+renderFindings(fs2)); d != "" {
		t.Errorf("%s: the second run differs (-first +second):\n%s", path, d)
	}
	return f1
}

// TestParseBudget checks that a parse over its step budget stops with a
// note, the same way on every run and under load, and that the analyzer
// keeps working afterwards.
func TestParseBudget(t *testing.T) {
	a := newTestAnalyzer(t)
	a.budget.StepsFloor, a.budget.StepsPerKB = 50, 1
	f := analyzeTwice(t, a, "deep.ts", budgetClient+nested(10000))
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "parse stopped: the file needs more than its budget of 69 parse steps for 20090 bytes") {
		t.Errorf("notes = %q, want one parse-budget note", f.Notes)
	}
	// Component files: the blocks before the one over budget keep their facts.
	f = analyzeTwice(t, a, "c.svelte", "<script context=\"module\">\n"+budgetClient+"</script>\n<script>\n"+nested(10000)+"</script>\n")
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "parse stopped") || len(f.Clients) != 1 {
		t.Errorf("svelte: notes = %q, clients %d, want a parse-budget note and 1 client", f.Notes, len(f.Clients))
	}
	f, _ = a.Analyze("small.ts", []byte(budgetClient))
	if len(f.Notes) != 0 || len(f.Clients) != 1 {
		t.Errorf("after a stopped parse: notes %q, clients %d", f.Notes, len(f.Clients))
	}
}

// TestNodeBudget checks that a tree over the node budget is read up to the
// budget: the facts before the cut are kept, a note names the last line
// read, and the result is the same on every run and under load.
func TestNodeBudget(t *testing.T) {
	a := newTestAnalyzer(t)
	a.budget.NodesFloor, a.budget.NodesPerKB = 100, 0
	f := analyzeTwice(t, a, "deep.ts", budgetClient+nested(200)+budgetClient)
	want := "read up to line 3: the file has more than its budget of 100 syntax nodes for 557 bytes; facts after it are missing"
	if len(f.Notes) != 1 || f.Notes[0] != want {
		t.Errorf("notes = %q, want %q", f.Notes, want)
	}
	if len(f.Clients) != 1 || f.Clients[0].Pos.Line != 2 {
		t.Errorf("clients = %+v, want the one on line 2", f.Clients)
	}
}

// TestDefaultBudget checks that the default budget leaves deeply nested
// and long input whole: it stops only super-linear parses.
func TestDefaultBudget(t *testing.T) {
	a := newTestAnalyzer(t)
	var long strings.Builder
	for long.Len() < 1<<20 {
		long.WriteString("export const x = [1, 2, 3].map((n) => ({ n, s: `${n}` })).filter(Boolean);\n")
	}
	for name, src := range map[string]string{
		"nested.ts":  budgetClient + nested(20000),
		"sparse.js":  budgetClient + "x = [" + strings.Repeat(",", 100000) + "];\n",
		"long.ts":    budgetClient + long.String(),
		"arrows.tsx": budgetClient + "x = " + strings.Repeat("() => ", 20000) + "1;\n",
	} {
		f, _ := a.Analyze(name, []byte(src))
		if len(f.Notes) != 0 || len(f.Clients) != 1 {
			t.Errorf("%s: notes %q, clients %d, want it read in full", name, f.Notes, len(f.Clients))
		}
	}
}

// TestMinifiedSkipped checks that a large one-line bundle is not parsed.
func TestMinifiedSkipped(t *testing.T) {
	a := newTestAnalyzer(t)
	line := bytes.Repeat([]byte("var a=new Redis({url:\"x\",token:\"y\"});"), MinifiedSize/36+10)
	f, fs := a.Analyze("dist/assets/index.js", line)
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "minified") || len(fs) != 0 || len(f.Clients) != 0 {
		t.Errorf("notes %q, findings %d, clients %d", f.Notes, len(fs), len(f.Clients))
	}
	// The same size with normal lines is parsed.
	normal := bytes.Repeat([]byte("var a = 1;\n"), MinifiedSize/11+10)
	if f, _ := a.Analyze("big.js", normal); len(f.Notes) != 0 {
		t.Errorf("normal big file: notes %q", f.Notes)
	}
}

// TestHandles lists the paths the analyzer reads.
func TestHandles(t *testing.T) {
	for p, want := range map[string]bool{
		"a.js": true, "a.jsx": true, "a.mjs": true, "a.cjs": true, "a.ts": true, "a.tsx": true, "a.mts": true, "a.cts": true,
		"a.svelte": true, "a.vue": true, "a.astro": true, "public/index.html": true, "A.TS": true,
		"next.config.mjs": true, "types.d.ts": false, "a.d.mts": false, "a.json": false, "a.py": false, ".env": false, "README.md": false,
	} {
		if got := Handles(p); got != want {
			t.Errorf("Handles(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestConcurrent runs Analyze from many goroutines on one Analyzer (run
// with -race) and checks every result equals the sequential one.
func TestConcurrent(t *testing.T) {
	a := newTestAnalyzer(t)
	inputs := fixtureInputs(t)
	want := make([]string, len(inputs))
	for i, in := range inputs {
		f, fs := a.Analyze(in.path, in.data)
		want[i] = renderFacts(f) + renderFindings(fs)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				f, fs := a.Analyze(in.path, in.data)
				if got := renderFacts(f) + renderFindings(fs); got != want[i] {
					t.Errorf("%s: concurrent result differs", in.path)
				}
			}
		}()
	}
	wg.Wait()
}

// TestNoSecretInOutput checks that no finding, note or fact rendering holds
// a planted credential beyond its 4-character prefix.
func TestNoSecretInOutput(t *testing.T) {
	a := newTestAnalyzer(t)
	secrets := []string{fakeToken, fakeROToken, fakeQStash}
	for _, s := range secrets {
		for _, src := range []string{
			"\"use client\";\nimport { Redis } from \"@upstash/redis\";\nconst r = new Redis({ url: \"https://" + fakeHost + "\", token: \"" + s + "\" });\n",
			"module.exports = { env: { T: \"" + s + "\" } };\n",
			"import Redis from \"ioredis\";\nconst r = new Redis(\"redis://default:" + s + "@" + fakeHost + ":6379\");\n",
		} {
			for _, p := range []string{"c.tsx", "next.config.js", "lib/r.ts"} {
				f, fs := a.Analyze(p, []byte(src))
				out := renderFacts(f) + renderFindings(fs) + fmt.Sprintf("%+v %+v", f, fs)
				if strings.Contains(out, s) || strings.Contains(out, s[4:20]) {
					t.Errorf("%s: output holds the planted secret", p)
				}
			}
		}
	}
}

type input struct {
	path string
	data []byte
}

// fixtureInputs returns every handled file of the fixture apps.
func fixtureInputs(t testing.TB) []input {
	var out []input
	err := filepath.Walk("testdata/apps", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !Handles(p) {
			return err
		}
		data, err := os.ReadFile(p)
		out = append(out, input{path: filepath.ToSlash(p), data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFactsEquateEmpty keeps viewOf honest: an empty file has empty facts.
func TestFactsEquateEmpty(t *testing.T) {
	a := newTestAnalyzer(t)
	f, fs := a.Analyze("x.ts", nil)
	if diff := cmp.Diff(view{}, viewOf(f), cmpopts.EquateEmpty()); diff != "" || len(fs) != 0 {
		t.Errorf("empty file: %s %v", diff, fs)
	}
}
