//go:build cgo

// Package jsts reads JavaScript and TypeScript (and the scripts of .svelte,
// .vue, .astro and .html files) with tree-sitter and turns each file into
// facts for the cross-file analyses (imports, exports, "use client", Upstash
// client constructions with the origin of their URL and token, commands,
// environment reads, client-side markers, build-config settings that expose
// env values, and the transport facts: Upstash URLs, options that turn TLS
// verification off, TCP clients by host). It decides no rule:
// analyzers/exposure decides UPS202 and UPS203 and analyzers/transport
// UPS301–UPS303 from the facts.
//
// Parsing uses the official tree-sitter Go bindings with the JavaScript,
// TypeScript and TSX grammars pinned in go.mod (TOOLING.md §2). Each file is
// parsed once; one cursor walk copies the nodes the analysis needs into Go
// memory, and the analysis then runs without cgo calls.
package jsts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	ts "github.com/tree-sitter/go-tree-sitter"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tsts "github.com/tree-sitter/tree-sitter-typescript/bindings/go"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/slice"
	"github.com/upscan/upscan/analyzers/treesitter"
	"github.com/upscan/upscan/rules"
)

// Limits on what one file may cost. The parse of a file (all its script
// blocks together) and the walk that mirrors its trees are bounded by
// treesitter.DefaultBudget for the file's size: a file over it gets a note
// and the facts of what was read within it.
const (
	// MinifiedSize is the size above which a file that looks minified (long
	// average line) is not parsed: bundles are the secrets analyzer's job.
	MinifiedSize = 1 << 20
	// minifiedLineLen is the average line length (bytes) that marks a
	// minified file.
	minifiedLineLen = 500
)

// Analyzer parses JavaScript/TypeScript files and extracts their facts and
// per-file findings. Build it with New; it is safe for concurrent use.
type Analyzer struct {
	grammars [numGrammars]*grammar
	budget   treesitter.Budget
	// sliceMin is the size from which a script file is parsed sliced
	// (WithSlicing); 0: always whole.
	sliceMin int
}

// WithSlicing returns an analyzer, sharing a's grammars and parsers, that
// parses script files of minSize bytes or more sliced: only the top-level
// statements analyzers/slice selects, the facts marked Sliced. A file whose
// sliced parse shows a syntax error is parsed whole. minSize 0 parses every
// file whole.
func (a *Analyzer) WithSlicing(minSize int) *Analyzer {
	b := *a
	b.sliceMin = minSize
	return &b
}

// New builds the analyzer: it loads the JavaScript, TypeScript and TSX
// grammars and their node tables. It returns an error when a grammar does not load
// (an ABI mismatch between the bindings and the grammar modules).
func New() (*Analyzer, error) {
	if err := checkLayout(); err != nil {
		return nil, fmt.Errorf("jsts: %w", err)
	}
	a := &Analyzer{budget: treesitter.DefaultBudget}
	langs := [numGrammars]struct {
		name string
		lang *ts.Language
	}{
		gJS:  {"javascript", ts.NewLanguage(tsjs.Language())},
		gTS:  {"typescript", ts.NewLanguage(tsts.LanguageTypescript())},
		gTSX: {"tsx", ts.NewLanguage(tsts.LanguageTSX())},
	}
	for id, l := range langs {
		g, err := treesitter.Load(l.name, l.lang)
		if err != nil {
			return nil, fmt.Errorf("jsts: load grammar %d: %w", id, err)
		}
		a.grammars[id] = newGrammar(g)
	}
	return a, nil
}

// Close frees the pooled parsers. The analyzer must not be used afterwards.
// Calling it is optional: a process that exits needs not.
func (a *Analyzer) Close() {
	for _, g := range a.grammars {
		g.ts.Close()
	}
}

// Analyze parses one file and returns its facts and the findings it can
// decide from this file alone (none today: exposure and transport are
// decided by their passes from the facts). path is slash-separated and
// relative to the scan root; it is copied into the facts and findings and
// decides how the file is read (extension, client-side conventions such as
// public/ or +page.ts).
//
// The facts are never nil when Handles(path). Analyze never panics (a panic
// becomes a note and the facts gathered so far are returned), stops reading
// a file at its budget (treesitter.DefaultBudget) with a note, skips
// minified files above MinifiedSize with a note, and on syntax errors
// returns what the error-tolerant parse still shows, with a note naming the
// first error's line.
func (a *Analyzer) Analyze(p string, data []byte) (f *facts.File, out []rules.Finding) {
	return a.AnalyzeContext(context.Background(), p, data)
}

// AnalyzeContext is Analyze that stops early once ctx is done (within 100
// parse operations, or between the parse and the passes): the facts are
// then partial, with a note, and the caller is expected to discard them.
func (a *Analyzer) AnalyzeContext(ctx context.Context, p string, data []byte) (f *facts.File, out []rules.Finding) {
	f = &facts.File{Path: p, Lang: facts.JS}
	an := &analysis{ctx: ctx, a: a, path: p, f: f}
	defer func() {
		if r := recover(); r != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("internal error while analysing the file (%T); facts are partial", r))
			out = an.findings
		}
	}()
	an.run(data)
	sort.SliceStable(an.findings, func(i, j int) bool { return rules.Less(an.findings[i], an.findings[j]) })
	return f, an.findings
}

// plan decides the blocks to parse for a file.
func plan(p string, data []byte) (blocks []block, lang facts.Lang) {
	ext := strings.ToLower(path.Ext(p))
	if g, ok := scriptExts[ext]; ok {
		start := 0
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			start = 3
		}
		return []block{{start: start, end: len(data), gram: g}}, langOfGrammar(g)
	}
	if !componentExts[ext] {
		return nil, facts.JS // not a file this analyzer reads
	}
	bs := scriptBlocks(data, ext == ".astro")
	lang = facts.JS
	for _, b := range bs {
		if b.gram != gJS {
			lang = facts.TS
		}
	}
	return bs, lang
}

func langOfGrammar(g grammarID) facts.Lang {
	switch g {
	case gTS:
		return facts.TS
	case gTSX:
		return facts.TSX
	}
	return facts.JS
}

// minified reports whether data looks like a minified bundle: large, with a
// long average line.
func minified(data []byte) bool {
	if len(data) <= MinifiedSize {
		return false
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	return len(data)/lines > minifiedLineLen
}

// sliceRanges returns the ranges of a whole script file to parse
// (analyzers/slice) when the analyzer slices and the file is one for it;
// nil when it is to be parsed whole.
func (an *analysis) sliceRanges(data []byte, blocks []block) []treesitter.Range {
	if an.a.sliceMin <= 0 || len(blocks) != 1 || blocks[0].start != 0 || blocks[0].end != len(data) {
		return nil
	}
	rs, ok := slice.Select(slice.JS, data, an.a.sliceMin)
	if !ok {
		return nil
	}
	ranges := make([]treesitter.Range, len(rs))
	for i, r := range rs {
		ranges[i] = treesitter.Range{Start: r.Start, End: r.End}
	}
	return ranges
}

// parseSliced parses the ranges of data. It returns no tree and no error
// when the file is to be parsed whole instead: its sliced parse has a
// syntax error (the lexer may have cut a statement) or failed.
func (an *analysis) parseSliced(g *grammar, data []byte, ranges []treesitter.Range, steps int) (*ts.Tree, int, error) {
	t, used, err := g.ts.ParseRangesContext(an.ctx, data, an.tr.lineIndex(), ranges, steps)
	if err != nil && an.ctx.Err() == nil {
		return nil, 0, nil
	}
	if t != nil && t.RootNode().HasError() {
		t.Close()
		return nil, 0, nil
	}
	an.f.Sliced = err == nil
	return t, used, err
}

// blankTypeArgs blanks the type arguments of tagged templates
// (blankTaggedTypeArgs) in the TypeScript blocks, within [start, end).
func blankTypeArgs(data []byte, blocks []block, start, end int) []byte {
	for _, b := range blocks {
		if (b.gram == gTS || b.gram == gTSX) && max(b.start, start) < min(b.end, end) {
			data, _ = blankTaggedTypeArgs(data, max(b.start, start), min(b.end, end))
		}
	}
	return data
}

// parse parses the blocks of a file into one mirror tree. The parse steps
// and mirrored nodes of all blocks together are bounded by the file's
// budget; past it, it notes what it could not read and stops.
func (an *analysis) parse(data []byte, blocks []block) {
	a := an.a
	ranges := an.sliceRanges(data, blocks)
	if ranges == nil {
		data = blankTypeArgs(data, blocks, 0, len(data))
	}
	for _, r := range ranges {
		data = blankTypeArgs(data, blocks, r.Start, r.End)
	}
	tr := &tree{src: data}
	an.tr = tr
	steps, nodes := a.budget.Steps(len(data)), a.budget.Nodes(len(data))
	for _, b := range blocks {
		g := a.grammars[b.gram]
		var t *ts.Tree
		var used int
		var err error
		if ranges != nil {
			t, used, err = an.parseSliced(g, data, ranges, steps)
			if t == nil && err == nil { // parse it whole
				ranges = nil
				data = blankTypeArgs(data, blocks, 0, len(data))
				tr.src = data
			}
		}
		switch {
		case t != nil || err != nil: // parsed sliced
		case b.start != 0 || b.end != len(data):
			t, used, err = g.ts.ParseRangeContext(an.ctx, data, tr.lineIndex(), b.start, b.end, steps)
		default:
			t, used, err = g.ts.ParseContext(an.ctx, data, steps)
		}
		steps -= used
		if an.ctx.Err() != nil {
			if t != nil {
				t.Close()
			}
			an.note("analysis interrupted: " + an.ctx.Err().Error())
			return
		}
		if errors.Is(err, treesitter.ErrBudget) {
			an.note(fmt.Sprintf("parse stopped: the file needs more than its budget of %d parse steps for %d bytes (deeply nested or very long code); facts are partial",
				a.budget.Steps(len(data)), len(data)))
			return
		}
		if err != nil {
			an.note(fmt.Sprintf("script block at line %d not parsed: %v", tr.lineIndex().Pos(b.start).Line, err))
			continue
		}
		startNode := int32(len(tr.nodes))
		complete, err := tr.mirrorC(g, t, nodes)
		t.Close()
		if err != nil {
			an.note("script block not read: " + err.Error())
			continue
		}
		nodes -= len(tr.nodes) - int(startNode)
		if len(tr.nodes) > int(startNode) {
			an.spans = append(an.spans, span{first: startNode, end: int32(len(tr.nodes)), client: b.client})
		}
		if e := tr.errors[len(tr.errors)-1]; e.count > 0 {
			an.note(fmt.Sprintf("syntax error at line %d column %d (or syntax the grammar does not know); facts around it may be missing", e.row+1, e.col+1))
		}
		if !complete {
			line := tr.lineIndex().Pos(b.start).Line
			if len(tr.nodes) > int(startNode) {
				line = int(tr.nodes[len(tr.nodes)-1].row) + 1
			}
			an.note(fmt.Sprintf("read up to line %d: the file has more than its budget of %d syntax nodes for %d bytes; facts after it are missing",
				line, a.budget.Nodes(len(data)), len(data)))
			return
		}
	}
}
