package scan

import (
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	ahocorasick "github.com/BobuSumisu/aho-corasick"

	"github.com/upscan/upscan/analyzers/configs"
	"github.com/upscan/upscan/analyzers/exposure"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/jsts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/analyzers/passes"
	"github.com/upscan/upscan/analyzers/python"
	"github.com/upscan/upscan/analyzers/ratelimit"
	"github.com/upscan/upscan/analyzers/scope"
	"github.com/upscan/upscan/internal/literal"
	"github.com/upscan/upscan/internal/source"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/report"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// codeAnalyzer is a per-file analyzer that emits facts: jsts, python, configs.
type codeAnalyzer interface {
	Analyze(path string, data []byte) (*facts.File, []rules.Finding)
}

// cancelableAnalyzer is a codeAnalyzer that stops early once its context is
// done (jsts and python: their parses are the long part of a scan).
type cancelableAnalyzer interface {
	AnalyzeContext(ctx context.Context, path string, data []byte) (*facts.File, []rules.Finding)
}

// parsers are the tree-sitter front-ends; nil in a build without cgo
// (parsers_nocgo.go), whose report then says which languages it could not
// analyse (code.unparsed).
type parsers struct{ jsts, python codeAnalyzer }

// sliceMin is the size from which the first parse of a JS/TS or Python file
// is sliced (analyzers/slice): below it, the parse is cheap and slicing
// saves little.
const sliceMin = 256

// code holds the fact-producing analyzers and what they collected.
type code struct {
	// whole parses every file whole; sliced parses large files sliced
	// (analyzers/slice). A file is parsed sliced first, and whole again
	// when a cross-file pass asks for it (modgraph.Walk.Whole).
	whole, sliced parsers
	configs       *configs.Analyzer
	keywords      *literal.Set

	mu    sync.Mutex
	facts []*facts.File
	paths []string // every file of the scan, for module resolution
	// stash holds the code files not parsed (yet): parsed if the project
	// analyses want them. A work-tree file is kept without its bytes
	// (stashed): it is read again from disk when a pass asks for it, so that
	// memory does not grow with the tree. Files parsed sliced are there
	// too, with their facts in slicedAt (the index in facts), to be parsed
	// whole if a pass asks.
	stash    map[string]source.File
	slicedAt map[string]int
	// slicedCount counts the files parsed sliced, including those
	// parsed whole again later.
	slicedCount int
	parsed      int
	// endpoints is the rate-limit coverage table of the cross-file pass.
	endpoints []ratelimit.Endpoint
	// clientFiles are the modules that run in the browser or on the
	// device, with why (exposure.ClientFiles): hardcoded credentials there
	// are UPS202 too.
	clientFiles map[string]string
	// restated are per-file findings restated from what the whole scan
	// shows (exposure.ReadOnlyEvidence): a token variable that the env
	// files set to a read-only token.
	restated []rules.Finding
	// perFile turns the cross-file analyses off (--staged, --history: the
	// files are not one project): nothing is stashed.
	perFile bool
	// unparsed counts, per language, the code files this build has no
	// parser for.
	unparsed map[string]int
}

// newCode builds the front-ends; sliceMin is the size from which a file's
// first parse is sliced (0: never).
func newCode(sliceMin int) (*code, error) {
	whole, sliced, err := newParsers(sliceMin)
	if err != nil {
		return nil, err
	}
	c, err := configs.New()
	if err != nil {
		return nil, err
	}
	return &code{
		whole: whole, sliced: sliced, configs: c,
		keywords: literal.New(upstash.CodeKeywords()),
		stash:    map[string]source.File{},
		slicedAt: map[string]int{},
		unparsed: map[string]int{},
	}, nil
}

// analyzerFor returns the fact-producing analyzer for f and whether f must be
// parsed whatever the keyword prefilter says (config files, components). ps
// are the tree-sitter front-ends to use (c.whole or c.sliced).
func (c *code) analyzerFor(f source.File, ps parsers) (codeAnalyzer, bool) {
	switch {
	case configs.Handles(f.Path):
		return c.configs, true
	case f.Kind == walk.BuildOutput, f.Kind == walk.ServerBuildOutput:
		return nil, false // bundles and deployment copies: the credential rules (UPS204, UPS1xx) cover them
	case jsts.Handles(f.Path):
		if ps.jsts == nil {
			return nil, false
		}
		switch strings.ToLower(path.Ext(f.Path)) {
		case ".svelte", ".vue", ".astro", ".html", ".htm":
			return ps.jsts, true // client-side by convention: roots of the exposure analysis
		}
		return ps.jsts, isBuildConfig(f.Path)
	case python.Handles(f.Path):
		if ps.python == nil {
			return nil, false
		}
		return ps.python, false
	}
	return nil, false
}

// languageWithoutParser returns the language of f when f is code that
// analyzerFor would parse but this build has no parser for, and "" otherwise.
func (c *code) languageWithoutParser(f source.File) string {
	switch {
	case configs.Handles(f.Path), f.Kind == walk.BuildOutput:
		return ""
	case jsts.Handles(f.Path) && c.whole.jsts == nil:
		return jsts.Language(f.Path)
	case python.Handles(f.Path) && c.whole.python == nil:
		return python.Language
	}
	return ""
}

// unparsedNote is the report's one note about the files this build could
// not parse (a build without cgo), naming their languages; "" when there
// were none.
func (c *code) unparsedNote() string {
	if len(c.unparsed) == 0 {
		return ""
	}
	langs := slices.Sorted(maps.Keys(c.unparsed))
	parts := make([]string, len(langs))
	for i, l := range langs {
		files := "files"
		if c.unparsed[l] == 1 {
			files = "file"
		}
		parts[i] = fmt.Sprintf("%d %s %s", c.unparsed[l], l, files)
	}
	list := func(items []string) string { // "a", "a and b", "a, b and c"
		if n := len(items); n > 1 {
			return strings.Join(items[:n-1], ", ") + " and " + items[n-1]
		}
		return strings.Join(items, "")
	}
	return "this upscan was built without cgo and cannot analyse " + list(langs) +
		": " + list(parts) + " were checked for credentials only, not for the code rules " +
		"(use a release binary, or build with CGO_ENABLED=1 and a C compiler)"
}

// isBuildConfig reports whether p is a framework config that can expose env
// variables to the browser (next.config.*, vite.config.*, …).
func isBuildConfig(p string) bool { return upstash.BuildConfigOf(p) != "" }

// file records f's path and parses it when it is a candidate; other code
// files are stashed for the cross-file pass. It returns the per-file
// findings and whether f was parsed.
func (c *code) file(ctx context.Context, f source.File) ([]rules.Finding, bool) {
	c.mu.Lock()
	c.paths = append(c.paths, f.Path)
	c.mu.Unlock()
	an, always := c.analyzerFor(f, c.sliced)
	if an == nil {
		if lang := c.languageWithoutParser(f); lang != "" {
			c.mu.Lock()
			c.unparsed[lang]++
			c.mu.Unlock()
		}
		return nil, false
	}
	if !always && !c.keywords.Contains(f.Data) {
		if c.perFile {
			return nil, false
		}
		c.mu.Lock()
		c.stash[f.Path] = stashed(f)
		c.mu.Unlock()
		return nil, false
	}
	fs, ff := c.parse(ctx, an, f)
	c.record(f, ff)
	return fs, true
}

// record keeps ff, the facts of f, for the cross-file passes; when ff is
// sliced, f is stashed too, to be parsed whole if a pass asks.
func (c *code) record(f source.File, ff *facts.File) {
	if ff == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// The facts stay until the cross-file passes run: drop the spare
	// capacity append left in the largest list.
	ff.Funcs = slices.Clone(ff.Funcs)
	if i, ok := c.slicedAt[ff.Path]; ok { // parsed whole now
		c.facts[i] = ff
		delete(c.slicedAt, ff.Path)
		return
	}
	c.parsed++
	if ff.Sliced {
		c.slicedCount++
	}
	if ff.Sliced && !c.perFile {
		c.slicedAt[ff.Path] = len(c.facts)
		c.stash[f.Path] = stashed(f)
	}
	c.facts = append(c.facts, ff)
}

// parse runs an on f, then the per-file rule passes on its facts
// (passes.PerFile), and returns their findings and the facts. Once ctx is
// done it returns nothing (the scan then ends with ctx.Err()) at once,
// leaving the analysis to end in the background (see untilDone).
func (c *code) parse(ctx context.Context, an codeAnalyzer, f source.File) ([]rules.Finding, *facts.File) {
	var ff *facts.File
	var fs []rules.Finding
	if !untilDone(ctx, func() {
		if ca, ok := an.(cancelableAnalyzer); ok {
			ff, fs = ca.AnalyzeContext(ctx, f.Path, f.Data)
		} else {
			ff, fs = an.Analyze(f.Path, f.Data)
		}
	}) {
		return nil, nil
	}
	fs = append(fs, passes.PerFile(ff)...)
	return fs, ff
}

// crossFile parses the stashed files the project analyses ask for, until
// they ask for nothing more, then runs the analyses. It returns the per-file
// findings of the files parsed late, the cross-file findings, and the notes
// of files read only partly.
func (c *code) crossFile(ctx context.Context) (late, cross []rules.Finding, notes []Problem, err error) {
	slices.Sort(c.paths)
	idx := modgraph.NewIndex(c.paths, c.facts)
	want := wanted(modgraph.New(idx, c.facts))
	// UPS501 needs every importer of a shared client, and a module that only
	// calls redis.get may not match the prefilter: search the stash for them.
	if words := scope.ImporterKeywords(c.facts); len(words) > 0 {
		trie := ahocorasick.NewTrieBuilder().AddStrings(words).Build()
		for p, f := range c.stash {
			if _, sliced := c.slicedAt[p]; sliced {
				continue // its facts have every use of an import
			}
			if f, err := unstashed(f); err == nil && trie.MatchFirst(f.Data) != nil {
				want = append(want, p)
			}
		}
	}
	for len(want) > 0 && ctx.Err() == nil {
		slices.Sort(want)
		var more bool
		for _, p := range slices.Compact(want) {
			if ctx.Err() != nil {
				break
			}
			f, ok := c.stash[p]
			if !ok {
				continue
			}
			delete(c.stash, p)
			_, sliced := c.slicedAt[p]
			an, _ := c.analyzerFor(f, c.whole)
			if an == nil {
				continue
			}
			f, rerr := unstashed(f)
			if rerr != nil {
				notes = append(notes, Problem{Path: f.Path, Message: "not analysed: read again for the project analyses: " + rerr.Error()})
				continue
			}
			fs, ff := c.parse(ctx, an, f)
			c.record(f, ff)
			// A file parsed sliced had its per-file findings then; the
			// whole parse finds the same (analyzers/slice keeps every
			// statement a per-file rule reads).
			if !sliced {
				late = append(late, fs...)
			}
			more = true
		}
		if !more {
			break
		}
		want = wanted(modgraph.New(idx, c.facts))
	}
	c.stash = nil // the bytes are no longer needed
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	slices.SortFunc(c.facts, func(a, b *facts.File) int { return strings.Compare(a.Path, b.Path) })
	for _, ff := range c.facts {
		for _, n := range ff.Notes {
			notes = append(notes, Problem{Path: ff.Path, Message: report.PartlyRead + n})
		}
	}
	var passErr error
	if !untilDone(ctx, func() {
		g := modgraph.New(idx, c.facts)
		cross, c.endpoints, passErr = runPasses(g)
		c.clientFiles = exposure.ClientFiles(g)
		c.restated = exposure.ReadOnlyEvidence(g)
	}) {
		return nil, nil, nil, ctx.Err()
	}
	if passErr != nil {
		return nil, nil, nil, fmt.Errorf("cross-file analysis: %w", passErr)
	}
	return late, cross, notes, nil
}

// stashed is f as the stash keeps it: without its bytes when it can be
// read again from the work tree.
func stashed(f source.File) source.File {
	if f.Abs != "" {
		f.Data = nil
	}
	return f
}

// unstashed is a stashed file with its bytes again.
func unstashed(f source.File) (source.File, error) {
	if f.Data != nil || f.Abs == "" {
		return f, nil
	}
	return source.Reread(f)
}
