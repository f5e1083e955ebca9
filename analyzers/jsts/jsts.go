// Package jsts reads JavaScript and TypeScript (and the scripts of .svelte,
// .vue, .astro and .html files) with tree-sitter and turns each file into
// facts for the cross-file analyses (imports, exports, "use client", Upstash
// client constructions with the origin of their URL and token, commands,
// environment reads, and the transport facts: Upstash URLs, options that
// turn TLS verification off, TCP clients by host) plus the findings one file
// decides alone: client exposure in client-side code (UPS202) and build
// configs that expose tokens (UPS203). analyzers/transport decides
// UPS301–UPS303 from the transport facts.
//
// Parsing uses the official tree-sitter Go bindings with the JavaScript,
// TypeScript and TSX grammars pinned in go.mod (TOOLING.md §2). Each file is
// parsed once; one cursor walk copies the nodes the analysis needs into Go
// memory, and the analysis then runs without cgo calls.
package jsts

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"time"

	ts "github.com/tree-sitter/go-tree-sitter"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tsts "github.com/tree-sitter/tree-sitter-typescript/bindings/go"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// Limits on what one file may cost.
const (
	// ParseTimeout bounds the tree-sitter parse of one file (all its script
	// blocks together). A file that takes longer gets a note and the facts
	// of the blocks parsed before the deadline.
	ParseTimeout = 2 * time.Second
	// MinifiedSize is the size above which a file that looks minified (long
	// average line) is not parsed: bundles are the secrets analyzer's job.
	MinifiedSize = 1 << 20
	// minifiedLineLen is the average line length (bytes) that marks a
	// minified file.
	minifiedLineLen = 500
	// readChunk is how many bytes the parser's read callback hands to
	// tree-sitter at a time (each call copies its chunk into C memory).
	readChunk = 64 << 10
)

// Analyzer parses JavaScript/TypeScript files and extracts their facts and
// per-file findings. Build it with New; it is safe for concurrent use.
type Analyzer struct {
	grammars [numGrammars]*grammar
	pools    [numGrammars]chan *ts.Parser
	timeout  time.Duration
}

// New builds the analyzer: it loads the JavaScript, TypeScript and TSX
// grammars and their node tables. It returns an error when a grammar does not load
// (an ABI mismatch between the bindings and the grammar modules).
func New() (*Analyzer, error) {
	if err := checkLayout(); err != nil {
		return nil, fmt.Errorf("jsts: %w", err)
	}
	useLibcAllocator()
	a := &Analyzer{timeout: ParseTimeout}
	langs := [numGrammars]*ts.Language{
		gJS:  ts.NewLanguage(tsjs.Language()),
		gTS:  ts.NewLanguage(tsts.LanguageTypescript()),
		gTSX: ts.NewLanguage(tsts.LanguageTSX()),
	}
	for id, l := range langs {
		p := ts.NewParser()
		err := p.SetLanguage(l)
		p.Close()
		if err != nil {
			return nil, fmt.Errorf("jsts: load grammar %d: %w", id, err)
		}
		a.grammars[id] = newGrammar(l)
		a.pools[id] = make(chan *ts.Parser, runtime.GOMAXPROCS(0)*2)
	}
	return a, nil
}

// getParser takes a parser for grammar g from the pool or makes one.
func (a *Analyzer) getParser(g grammarID) (*ts.Parser, error) {
	select {
	case p := <-a.pools[g]:
		return p, nil
	default:
	}
	p := ts.NewParser()
	if err := p.SetLanguage(a.grammars[g].lang); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// putParser returns a parser to its pool, or frees it when the pool is full.
func (a *Analyzer) putParser(g grammarID, p *ts.Parser) {
	p.Reset()
	//lint:ignore SA1019 see parse
	p.SetTimeoutMicros(0)
	if err := p.SetIncludedRanges(nil); err != nil {
		p.Close()
		return
	}
	select {
	case a.pools[g] <- p:
	default:
		p.Close()
	}
}

// Close frees the pooled parsers. The analyzer must not be used afterwards.
// Calling it is optional: a process that exits needs not.
func (a *Analyzer) Close() {
	for _, pool := range a.pools {
		for {
			select {
			case p := <-pool:
				p.Close()
				continue
			default:
			}
			break
		}
	}
}

// scriptExts are the extensions whose whole content is JavaScript/TypeScript.
var scriptExts = map[string]grammarID{
	".js": gJS, ".jsx": gJS, ".mjs": gJS, ".cjs": gJS,
	".ts": gTS, ".mts": gTS, ".cts": gTS,
	".tsx": gTSX,
}

// componentExts are the extensions whose scripts sit in <script> elements
// (and, for .astro, the frontmatter).
var componentExts = map[string]bool{".svelte": true, ".vue": true, ".astro": true, ".html": true, ".htm": true}

// Handles reports whether Analyze reads the file at path (slash-separated):
// .js .jsx .mjs .cjs .ts .tsx .mts .cts (not .d.ts declarations), .svelte,
// .vue, .astro, .html and .htm. Build configs (next.config.*, vite.config.*,
// nuxt.config.*, svelte.config.*, astro.config.*) are among them by extension.
func Handles(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if _, ok := scriptExts[ext]; ok {
		base := strings.ToLower(path.Base(p))
		return !strings.HasSuffix(base, ".d.ts") && !strings.HasSuffix(base, ".d.mts") && !strings.HasSuffix(base, ".d.cts")
	}
	return componentExts[ext]
}

// Analyze parses one file and returns its facts and the findings it can
// decide from this file alone (UPS202 in client-side code, UPS203 in build
// configs; the transport rules are analyzers/transport's, from the facts).
// path is slash-separated and relative to the scan
// root; it is copied into the facts and findings and decides how the file is
// read (extension, client-side conventions such as public/ or +page.ts).
//
// The facts are never nil when Handles(path). Analyze never panics (a panic
// becomes a note and the facts gathered so far are returned), never runs
// longer than about ParseTimeout in the parser, skips minified files above
// MinifiedSize with a note, and on syntax errors returns what the error-
// tolerant parse still shows, with a note naming the first error's line.
func (a *Analyzer) Analyze(p string, data []byte) (f *facts.File, out []rules.Finding) {
	f = &facts.File{Path: p, Lang: facts.JS}
	an := &analysis{a: a, path: p, f: f}
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

// parse parses the blocks of a file into one mirror tree. It stops at the
// deadline and notes which blocks it could not parse.
func (an *analysis) parse(data []byte, blocks []block) {
	a := an.a
	tr := &tree{src: data}
	an.tr = tr
	deadline := time.Now().Add(a.timeout)
	var lines lineIndex
	for _, b := range blocks {
		left := time.Until(deadline)
		if left <= 0 {
			an.note(fmt.Sprintf("parse timed out after %s; facts are partial", a.timeout))
			return
		}
		p, err := a.getParser(b.gram)
		if err != nil {
			an.note(fmt.Sprintf("no parser: %v", err))
			return
		}
		if b.start != 0 || b.end != len(data) {
			if lines.starts == nil {
				lines = newLineIndex(data)
			}
			r := ts.Range{
				StartByte: uint(b.start), EndByte: uint(b.end),
				StartPoint: lines.point(b.start), EndPoint: lines.point(b.end),
			}
			if err := p.SetIncludedRanges([]ts.Range{r}); err != nil {
				a.putParser(b.gram, p)
				an.note(fmt.Sprintf("script block at line %d not parsed: %v", r.StartPoint.Row+1, err))
				continue
			}
		}
		//lint:ignore SA1019 the timeout API has no per-call allocation; ParseOptions' callback leaks a registry entry per parse in v0.25.0
		p.SetTimeoutMicros(uint64(max(left/time.Microsecond, 1))) // 0 would mean no limit
		t := p.ParseWithOptions(func(i int, _ ts.Point) []byte {
			if i >= len(data) {
				return nil
			}
			end := i + readChunk
			if end > len(data) {
				end = len(data)
			}
			return data[i:end]
		}, nil, nil)
		if t == nil {
			a.putParser(b.gram, p)
			an.note(fmt.Sprintf("parse timed out after %s; facts are partial", a.timeout))
			return
		}
		startNode := int32(len(tr.nodes))
		err = tr.mirrorC(a.grammars[b.gram], t)
		t.Close()
		a.putParser(b.gram, p)
		if err != nil {
			an.note("script block not read: " + err.Error())
			continue
		}
		an.spans = append(an.spans, span{first: startNode, end: int32(len(tr.nodes)), client: b.client})
		if e := tr.errors[len(tr.errors)-1]; e.count > 0 {
			an.note(fmt.Sprintf("syntax error at line %d column %d (or syntax the grammar does not know); facts around it may be missing", e.row+1, e.col+1))
		}
	}
}

// lineIndex converts byte offsets to tree-sitter points.
type lineIndex struct{ starts []int }

func newLineIndex(data []byte) lineIndex {
	starts := []int{0}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return lineIndex{starts: starts}
		}
		off += i + 1
		starts = append(starts, off)
	}
}

func (l lineIndex) point(off int) ts.Point {
	lo, hi := 0, len(l.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return ts.Point{Row: uint(lo), Column: uint(off - l.starts[lo])}
}
