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

// code holds the fact-producing analyzers and what they collected.
type code struct {
	// jsts and python are the tree-sitter front-ends; nil in a build
	// without cgo (parsers_nocgo.go), whose report then says which
	// languages it could not analyse (unparsed).
	jsts     codeAnalyzer
	python   codeAnalyzer
	configs  *configs.Analyzer
	keywords *ahocorasick.Trie

	mu    sync.Mutex
	facts []*facts.File
	paths []string // every file of the scan, for module resolution
	// stash holds the code files not parsed (yet): parsed if the project
	// analyses want them. A work-tree file is kept without its bytes
	// (stashed): it is read again from disk when a pass asks for it, so that
	// memory does not grow with the tree.
	stash  map[string]source.File
	parsed int
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

func newCode() (*code, error) {
	j, p, err := newParsers()
	if err != nil {
		return nil, err
	}
	c, err := configs.New()
	if err != nil {
		return nil, err
	}
	return &code{
		jsts: j, python: p, configs: c,
		keywords: ahocorasick.NewTrieBuilder().AddStrings(upstash.CodeKeywords()).Build(),
		stash:    map[string]source.File{},
		unparsed: map[string]int{},
	}, nil
}

// analyzerFor returns the fact-producing analyzer for f and whether f must be
// parsed whatever the keyword prefilter says (config files, components).
func (c *code) analyzerFor(f source.File) (codeAnalyzer, bool) {
	switch {
	case configs.Handles(f.Path):
		return c.configs, true
	case f.Kind == walk.BuildOutput, f.Kind == walk.ServerBuildOutput:
		return nil, false // bundles and deployment copies: the credential rules (UPS204, UPS1xx) cover them
	case jsts.Handles(f.Path):
		if c.jsts == nil {
			return nil, false
		}
		switch strings.ToLower(path.Ext(f.Path)) {
		case ".svelte", ".vue", ".astro", ".html", ".htm":
			return c.jsts, true // client-side by convention: roots of the exposure analysis
		}
		return c.jsts, isBuildConfig(f.Path)
	case python.Handles(f.Path):
		if c.python == nil {
			return nil, false
		}
		return c.python, false
	}
	return nil, false
}

// languageWithoutParser returns the language of f when f is code that
// analyzerFor would parse but this build has no parser for, and "" otherwise.
func (c *code) languageWithoutParser(f source.File) string {
	switch {
	case configs.Handles(f.Path), f.Kind == walk.BuildOutput:
		return ""
	case jsts.Handles(f.Path) && c.jsts == nil:
		return jsts.Language(f.Path)
	case python.Handles(f.Path) && c.python == nil:
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
	an, always := c.analyzerFor(f)
	if an == nil {
		if lang := c.languageWithoutParser(f); lang != "" {
			c.mu.Lock()
			c.unparsed[lang]++
			c.mu.Unlock()
		}
		return nil, false
	}
	if !always && c.keywords.MatchFirst(f.Data) == nil {
		if c.perFile {
			return nil, false
		}
		c.mu.Lock()
		c.stash[f.Path] = stashed(f)
		c.mu.Unlock()
		return nil, false
	}
	return c.parse(ctx, an, f), true
}

// parse runs an on f, then the per-file rule passes on its facts
// (passes.PerFile), and records the facts. Once ctx is done nothing is recorded (the scan then
// ends with ctx.Err()) and parse returns at once, leaving the analysis to
// end in the background (see untilDone).
func (c *code) parse(ctx context.Context, an codeAnalyzer, f source.File) []rules.Finding {
	var ff *facts.File
	var fs []rules.Finding
	if !untilDone(ctx, func() {
		if ca, ok := an.(cancelableAnalyzer); ok {
			ff, fs = ca.AnalyzeContext(ctx, f.Path, f.Data)
		} else {
			ff, fs = an.Analyze(f.Path, f.Data)
		}
	}) {
		return nil
	}
	fs = append(fs, passes.PerFile(ff)...)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.parsed++
	if ff != nil {
		// The facts stay until the cross-file passes run: drop the spare
		// capacity append left in the largest list.
		ff.Funcs = slices.Clone(ff.Funcs)
		c.facts = append(c.facts, ff)
	}
	return fs
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
			an, _ := c.analyzerFor(f)
			if an == nil {
				continue
			}
			f, rerr := unstashed(f)
			if rerr != nil {
				notes = append(notes, Problem{Path: f.Path, Message: "not analysed: read again for the project analyses: " + rerr.Error()})
				continue
			}
			late = append(late, c.parse(ctx, an, f)...)
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
