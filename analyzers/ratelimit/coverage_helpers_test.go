//go:build cgo

package ratelimit

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/upscan/upscan/analyzers/configs"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/jsts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/analyzers/python"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// The rate-limit tests run the real per-file analyzers over fixture apps
// (testdata/<app>) and real-world examples, then the rate-limit
// pass: the facts it reads are the facts the scanner produces.

var (
	analyzersOnce sync.Once
	jsAnalyzer    *jsts.Analyzer
	pyAnalyzer    *python.Analyzer
	cfgAnalyzer   *configs.Analyzer
	analyzersErr  error
)

func loadAnalyzers(t testing.TB) {
	t.Helper()
	analyzersOnce.Do(func() {
		if jsAnalyzer, analyzersErr = jsts.New(); analyzersErr != nil {
			return
		}
		if pyAnalyzer, analyzersErr = python.New(); analyzersErr != nil {
			return
		}
		cfgAnalyzer, analyzersErr = configs.New()
	})
	if analyzersErr != nil {
		t.Fatal(analyzersErr)
	}
}

// scanTree analyzes every file under root that an analyzer handles and
// returns the facts, every path (for the Index) and the per-file findings.
func scanTree(t testing.TB, root string) ([]*facts.File, []string, []rules.Finding) {
	t.Helper()
	loadAnalyzers(t)
	var files []*facts.File
	var paths []string
	var per []rules.Finding
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "node_modules" || n == ".git" || n == ".next" || n == "dist" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		paths = append(paths, rel)
		var an interface {
			Analyze(string, []byte) (*facts.File, []rules.Finding)
		}
		switch {
		case configs.Handles(rel):
			an = cfgAnalyzer
		case jsts.Handles(rel):
			an = jsAnalyzer
		case python.Handles(rel):
			an = pyAnalyzer
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, fs := an.Analyze(rel, data)
		files = append(files, f)
		per = append(per, fs...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return files, paths, per
}

// renderCoverage renders rows and the rate-limit findings as the golden
// text: one block per endpoint, then the findings of the UPS4xx family.
func renderCoverage(rows []Endpoint, fs []rules.Finding) string {
	var b strings.Builder
	fmt.Fprintln(&b, Summary(rows))
	for _, e := range rows {
		fmt.Fprintf(&b, "%s %s %s:%d [%s %s %s] %s\n", e.Method, orDash(e.Path), e.File, e.Line, e.Kind, e.Framework, e.Handler, e.Verdict)
		if e.Upstash != "" {
			fmt.Fprintf(&b, "    upstash: %s\n", e.Upstash)
		}
		if e.Limited != "" {
			fmt.Fprintf(&b, "    limited: %s\n", e.Limited)
		}
		if len(e.Rules) > 0 {
			fmt.Fprintf(&b, "    rules: %s\n", strings.Join(e.Rules, " "))
		}
		if e.Tier != TierPublic {
			fmt.Fprintf(&b, "    caller: %s %s\n", e.Tier, e.Caller)
		}
	}
	for _, f := range fs {
		if !strings.HasPrefix(f.RuleID, "UPS40") {
			continue
		}
		fmt.Fprintf(&b, "%s %s %s:%d:%d %s\n", f.RuleID, f.Severity, f.Path, f.Line, f.Col, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "    related %s:%d:%d %s\n", r.Path, r.Line, r.Col, r.Message)
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TestRealWorldDump prints the coverage of the tree in UPSCAN_COVERAGE_DIR
// (a manual check on real apps; skipped otherwise).
func TestRealWorldDump(t *testing.T) {
	dir := os.Getenv("UPSCAN_COVERAGE_DIR")
	if dir == "" {
		t.Skip("set UPSCAN_COVERAGE_DIR")
	}
	files, paths, _ := scanTree(t, dir)
	if os.Getenv("UPSCAN_PREFILTER") != "" {
		files, paths = scanTreeLikeScan(t, dir)
	}
	rows, fs := Analyze(modgraph.New(modgraph.NewIndex(paths, files), files))
	t.Log("\n" + renderCoverage(rows, fs))
}

// scanTreeLikeScan analyzes root the way internal/scan does: code files are
// parsed when a keyword matches (upstash.CodeKeywords), then Wanted is
// asked until it returns nothing.
func scanTreeLikeScan(t testing.TB, root string) ([]*facts.File, []string) {
	t.Helper()
	loadAnalyzers(t)
	keywords := upstash.CodeKeywords()
	stash := map[string][]byte{}
	var files []*facts.File
	var paths []string
	parse := func(rel string, data []byte) {
		switch {
		case configs.Handles(rel):
			f, _ := cfgAnalyzer.Analyze(rel, data)
			files = append(files, f)
		case jsts.Handles(rel):
			f, _ := jsAnalyzer.Analyze(rel, data)
			files = append(files, f)
		case python.Handles(rel):
			f, _ := pyAnalyzer.Analyze(rel, data)
			files = append(files, f)
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "node_modules" || n == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		paths = append(paths, rel)
		if !configs.Handles(rel) && !jsts.Handles(rel) && !python.Handles(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ext := filepath.Ext(rel)
		always := configs.Handles(rel) || ext == ".svelte" || ext == ".vue" || ext == ".astro"
		match := false
		for _, k := range keywords {
			if strings.Contains(string(data), k) {
				match = true
				break
			}
		}
		if always || match {
			parse(rel, data)
		} else {
			stash[rel] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	idx := modgraph.NewIndex(paths, files)
	for round := 0; round < 50; round++ {
		more := false
		for _, p := range Wanted(modgraph.New(idx, files)) {
			if data, ok := stash[p]; ok {
				delete(stash, p)
				parse(p, data)
				more = true
			}
		}
		if !more {
			break
		}
	}
	return files, paths
}

// TestWriteExamples regenerates docs/examples/coverage-<name>.md from the
// real-world apps in UPSCAN_REALWORLD (ratelimit-js, redis-js, qstash-js),
// scanned as the scanner does. Skipped unless both variables are set:
//
//	UPSCAN_REALWORLD=/work/shared/realworld UPSCAN_WRITE_EXAMPLES=../../docs/examples \
//	  go test ./analyzers/ratelimit -run TestWriteExamples
func TestWriteExamples(t *testing.T) {
	src, dst := os.Getenv("UPSCAN_REALWORLD"), os.Getenv("UPSCAN_WRITE_EXAMPLES")
	if src == "" || dst == "" {
		t.Skip("set UPSCAN_REALWORLD and UPSCAN_WRITE_EXAMPLES")
	}
	for _, name := range []string{"ratelimit-js", "redis-js", "qstash-js"} {
		files, paths := scanTreeLikeScan(t, filepath.Join(src, name))
		rows, _ := Analyze(modgraph.New(modgraph.NewIndex(paths, files), files))
		var b strings.Builder
		fmt.Fprintf(&b, "# Rate-limit coverage: %s\n\n", name)
		fmt.Fprintf(&b, "The coverage table upscan builds for Upstash's own `%s` example apps (`../shared/realworld/%s`, "+
			"examples copied from upstream with fake credentials). Generated by `TestWriteExamples` in "+
			"analyzers/ratelimit; how endpoints are found and what the verdicts mean: [docs/ratelimit.md](../ratelimit.md).\n\n", name, name)
		fmt.Fprintf(&b, "%s.\n\n", Summary(rows))
		b.WriteString("| Method | Path | Location | Upstash | Limited by | Verdict |\n|---|---|---|---|---|---|\n")
		for _, e := range rows {
			p := e.Path
			if p == "" {
				p = "(" + strings.ReplaceAll(e.Kind, "-", " ") + " " + e.Handler + ")"
			}
			verdict := e.Verdict
			if len(e.Rules) > 0 {
				verdict += " (" + strings.Join(e.Rules, ", ") + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", e.Method, mdCode(p), mdCode(fmt.Sprintf("%s:%d", e.File, e.Line)),
				mdText(orDash(e.Upstash)), mdText(orDash(e.Limited)), verdict)
		}
		out := filepath.Join(dst, "coverage-"+name+".md")
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mdCode(s string) string { return "`" + strings.ReplaceAll(s, "|", `\|`) + "`" }

func mdText(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "<", `\<`, ">", `\>`).Replace(s)
}

// BenchmarkCoverageRealWorld measures the pass (facts already built) on
// the real-world apps in UPSCAN_REALWORLD.
func BenchmarkCoverageRealWorld(b *testing.B) {
	src := os.Getenv("UPSCAN_REALWORLD")
	if src == "" {
		b.Skip("set UPSCAN_REALWORLD")
	}
	files, paths, _ := scanTree(b, src)
	idx := modgraph.NewIndex(paths, files)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Analyze(modgraph.New(idx, files))
	}
	b.ReportMetric(float64(len(files)), "files")
}
