package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// writeTree writes files (slash paths → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func ruleIDs(fs []rules.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	return ids
}

// TestCatalogueExamples runs every rule's Bad and Good samples through the
// real scanner: each Bad sample must produce a finding of its rule, each Good
// sample none.
func TestCatalogueExamples(t *testing.T) {
	requireParsers(t)
	for _, r := range rules.All() {
		if len(r.Bad) == 0 {
			t.Errorf("%s has no Bad example", r.ID)
		}
		if len(r.Good) == 0 {
			t.Errorf("%s has no Good example", r.ID)
		}
		for i, ex := range append(append([]rules.Example{}, r.Bad...), r.Good...) {
			bad := i < len(r.Bad)
			if ex.Path == rules.DatabaseExamplePath {
				continue // a Developer API object: analyzers/dbposture runs it
			}
			dir := writeTree(t, map[string]string{ex.Path: ex.Content})
			res, err := Run(context.Background(), Options{Paths: []string{dir}})
			if err != nil {
				t.Fatalf("%s example %s: %v", r.ID, ex.Path, err)
			}
			got := false
			for _, f := range res.Findings {
				got = got || f.RuleID == string(r.ID)
			}
			if got != bad {
				t.Errorf("%s example %d (%s, bad=%v): found rule = %v; findings: %v", r.ID, i, ex.Path, bad, got, ruleIDs(res.Findings))
			}
		}
	}
}

const fullToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"

func TestInlineIgnore(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"above.ts":      "// upscan:ignore UPS101 -- fixture\nconst a = \"" + fullToken + "\";\n",
		"same.py":       "a = \"" + fullToken + "\"  # upscan:ignore UPS101,UPS102 -- fixture\n",
		"other-rule.ts": "// upscan:ignore UPS104 -- wrong rule\nconst a = \"" + fullToken + "\";\n",
		"stale.ts":      "/* upscan:ignore UPS101 */\nconst ttl = 60;\n",
		"docs.md":       "// upscan:ignore UPS101 -- shown in docs, never reported\n",
		"all.sh":        "export T=" + fullToken + " # upscan:ignore -- every rule\n",
		"typo.ts":       "// upscan:ignore UPS999 -- no such rule\nconst ttl = 60;\n",
	})
	res, err := Run(context.Background(), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Path string
		Line int
		Rule string
	}
	var got []row
	for _, f := range res.Findings {
		got = append(got, row{filepath.Base(f.Path), f.Line, f.RuleID})
	}
	want := []row{
		{"other-rule.ts", 1, "UPS001"},
		{"other-rule.ts", 2, "UPS101"},
		{"stale.ts", 1, "UPS001"},
		{"typo.ts", 1, "UPS001"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if res.Suppressed != 3 {
		t.Errorf("Suppressed = %d, want 3", res.Suppressed)
	}
}

func TestParseDirectives(t *testing.T) {
	tests := []struct {
		line  string
		rules []string // nil: no directive
	}{
		{"// upscan:ignore UPS101 -- reason", []string{"UPS101"}},
		{"# upscan:ignore ups101, UPS102", []string{"UPS101", "UPS102"}},
		{"<!-- upscan:ignore UPS105 -->", []string{"UPS105"}},
		{"/* upscan:ignore UPS101 */", []string{"UPS101"}},
		{"-- upscan:ignore", []string{}},
		{"const s = \"upscan:ignore UPS101\"", nil}, // not in a comment
	}
	for _, tt := range tests {
		ds := parseDirectives([]byte(tt.line))
		if tt.rules == nil {
			if len(ds) != 0 {
				t.Errorf("%q: got a directive, want none", tt.line)
			}
			continue
		}
		if len(ds) != 1 {
			t.Errorf("%q: got %d directives, want 1", tt.line, len(ds))
			continue
		}
		if diff := cmp.Diff(tt.rules, ds[0].rules, cmpEmpty); diff != "" {
			t.Errorf("%q: rules (-want +got):\n%s", tt.line, diff)
		}
	}
}

var cmpEmpty = cmp.Transformer("empty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

func TestRulesFilterAndErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.ts": "const a = \"" + fullToken + "\";\n"})
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: func(id string) bool { return id != "UPS101" }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("UPS101 disabled: got %v", ruleIDs(res.Findings))
	}
	if _, err := Run(context.Background(), Options{Paths: []string{filepath.Join(dir, "missing")}}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing root: err = %v, want one naming the path", err)
	}
}

// TestFingerprintsIndependentOfCwd: a baseline written from one directory
// must match a scan run from another, and two identical problems in one file
// must not share a fingerprint.
func TestFingerprintsIndependentOfCwd(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/lib/a.ts": "const a = \"" + fullToken + "\";\nconst b = \"" + fullToken + "\";\n",
	})
	scanFrom := func(cwd, root string) []string {
		t.Chdir(cwd)
		res, err := Run(context.Background(), Options{Paths: []string{root}})
		if err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, f := range res.Findings {
			fps = append(fps, f.Fingerprint)
		}
		return fps
	}
	outside := scanFrom(dir, "app")
	inside := scanFrom(filepath.Join(dir, "app"), ".")
	if len(outside) != 2 {
		t.Fatalf("got %d findings, want 2", len(outside))
	}
	if outside[0] == outside[1] {
		t.Error("two identical tokens in one file share a fingerprint")
	}
	if diff := cmp.Diff(outside, inside); diff != "" {
		t.Errorf("fingerprints depend on the current directory (-from parent +from app):\n%s", diff)
	}
}

// TestParsesOnlyCandidates: in a Next.js-like tree, only files that mention
// Upstash (or a client directive, a public env prefix…), the configs, and the
// modules client-side code imports are parsed; plain UI code is not.
func TestParsesOnlyCandidates(t *testing.T) {
	requireParsers(t)
	files := map[string]string{
		"tsconfig.json":             `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
		"src/lib/redis.ts":          "import { Redis } from \"@upstash/redis\";\nexport const redis = Redis.fromEnv();\n",
		"src/app/api/hits/route.ts": "import { redis } from \"@/lib/redis\";\nexport async function GET() { return Response.json(await redis.incr(\"hits\")); }\n",
		"src/app/widget.tsx":        "\"use client\";\nimport { fmt } from \"@/lib/format\";\nexport function W() { return <b>{fmt(1)}</b>; }\n",
		"src/lib/format.ts":         "export const fmt = (n: number) => n.toFixed(2);\n",
	}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("src/ui/button%d.tsx", i)] = "export function B() { return <button>ok</button>; }\n"
	}
	res, err := Run(context.Background(), Options{Paths: []string{writeTree(t, files)}})
	if err != nil {
		t.Fatal(err)
	}
	// tsconfig, redis.ts, route.ts (an endpoint), widget.tsx ("use client")
	// and format.ts (imported by client code): 5 of 45 files.
	if res.Files != 45 || res.Parsed != 5 {
		t.Errorf("files %d, parsed %d; want 45 files, 5 parsed", res.Files, res.Parsed)
	}
}

// TestReadOnlyEnvEvidence checks that a public token variable read in
// client code is low, not critical, when the committed env file sets it to
// a read-only token (decoded), and that the message says so; a full-access
// value keeps it critical.
func TestReadOnlyEnvEvidence(t *testing.T) {
	requireParsers(t)
	const readOnly = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw" // FAKE read-only Redis REST token
	page := "\"use client\";\nimport { Redis } from \"@upstash/redis\";\nconst redis = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! });\nexport function P() { return null; }\n"
	read := "\"use client\";\nexport const t = process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN;\n"
	for _, tt := range []struct {
		name, file, content string
	}{{"client", "app/page.tsx", page}, {"read", "app/other.tsx", read}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{
				".env.production": "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=" + readOnly + "\n",
				tt.file:           tt.content,
			})
			res, err := Run(context.Background(), Options{Paths: []string{dir}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.RuleID == "UPS202" {
					got = append(got, f.Path+" "+f.Severity.String())
					if !strings.Contains(f.Message, "read-only") || !strings.Contains(f.Message, "read every key") || strings.Contains(f.Message, readOnly) {
						t.Errorf("message %q does not say the token is read-only", f.Message)
					}
				}
			}
			if diff := cmp.Diff([]string{tt.file + " low"}, got); diff != "" {
				t.Errorf("UPS202 (-want +got):\n%s", diff)
			}
		})
	}
}
