//go:build cgo

// Package python reads Python source with the tree-sitter Python grammar and
// extracts upscan's per-file facts (imports, Upstash and Redis client
// constructions with the origin of their URL and token, the commands called
// on them, environment reads, and the transport facts: Upstash URLs in
// strings, f-strings and concatenations, options that turn TLS verification
// off, redis-py TCP clients by host). It decides no rule: analyzers/transport
// decides UPS301–UPS303 from the transport facts.
package python

import (
	"context"
	"errors"
	"fmt"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/slice"
	"github.com/upscan/upscan/analyzers/treesitter"
	"github.com/upscan/upscan/rules"
)

// Analyzer extracts facts and findings from Python files. It holds the
// grammar and its parsers (pooled, one per concurrent Analyze call), so one
// Analyzer is safe for concurrent use. A file's parse and the first pass of
// its extraction are bounded by treesitter.DefaultBudget for its size.
type Analyzer struct {
	grammar *treesitter.Grammar
	kinds   []kind // node kind id → the kinds the first pass collects
	budget  treesitter.Budget
	// sliceMin is the size from which a file is parsed sliced
	// (WithSlicing); 0: always whole.
	sliceMin int
}

// WithSlicing returns an analyzer, sharing a's grammars and parsers, that
// parses files of minSize bytes or more sliced: only the top-level
// statements analyzers/slice selects, the facts marked Sliced. A file whose
// sliced parse shows a syntax error is parsed whole. minSize 0 parses every
// file whole.
func (a *Analyzer) WithSlicing(minSize int) *Analyzer {
	b := *a
	b.sliceMin = minSize
	return &b
}

// parseSliced parses src sliced (analyzers/slice) when the analyzer slices
// and src is large enough. It returns no tree and no error when src is to
// be parsed whole: not sliced, or its sliced parse has a syntax error.
func (a *Analyzer) parseSliced(ctx context.Context, src []byte) (*sitter.Tree, error) {
	if a.sliceMin <= 0 {
		return nil, nil
	}
	rs, ok := slice.Select(slice.Python, src, a.sliceMin)
	if !ok {
		return nil, nil
	}
	ranges := make([]treesitter.Range, len(rs))
	for i, r := range rs {
		ranges[i] = treesitter.Range{Start: r.Start, End: r.End}
	}
	t, _, err := a.grammar.ParseRangesContext(ctx, src, treesitter.NewLines(src, 0), ranges, a.budget.Steps(len(src)))
	if err != nil && ctx.Err() == nil {
		return nil, nil
	}
	if t != nil && t.RootNode().HasError() {
		t.Close()
		return nil, nil
	}
	return t, err
}

// New loads the tree-sitter Python grammar (tree-sitter-python v0.25.0) and
// checks that the runtime accepts it. The error names the grammar when its
// ABI version does not match go-tree-sitter's.
func New() (*Analyzer, error) {
	g, err := treesitter.Load("python", sitter.NewLanguage(tspython.Language()))
	if err != nil {
		return nil, fmt.Errorf("python: load tree-sitter-python grammar: %w", err)
	}
	return &Analyzer{grammar: g, kinds: kindTable(g), budget: treesitter.DefaultBudget}, nil
}

// Analyze parses one Python file and returns its facts (never nil) and the
// findings it decides alone (none today: the transport rules are decided by
// analyzers/transport from the facts), sorted by rules.Less.
// path is the slash-separated path findings print; data is the file content
// (UTF-8; a BOM is skipped and columns still count from the file's first
// byte). Syntax errors, Python 2 code and files over their budget degrade
// to partial facts with a note in File.Notes; Analyze never panics.
func (a *Analyzer) Analyze(path string, data []byte) (f *facts.File, out []rules.Finding) {
	return a.AnalyzeContext(context.Background(), path, data)
}

// AnalyzeContext is Analyze that stops early once ctx is done (within 100
// parse operations, or before the walk): the facts are then partial, with a
// note, and the caller is expected to discard them.
func (a *Analyzer) AnalyzeContext(ctx context.Context, path string, data []byte) (f *facts.File, out []rules.Finding) {
	f = &facts.File{Path: path, Lang: facts.Python}
	var w *walker
	defer func() {
		if r := recover(); r != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("python: analyzer failed (%T recovered); facts are partial", r))
			if w != nil {
				out = w.sortedFindings()
			}
		}
	}()

	bom := 0
	if strings.HasPrefix(string(data[:min(len(data), 3)]), "\uFEFF") {
		bom = 3
	}
	src := data[bom:]

	if depth := indentLevels(src); depth > maxIndentLevels {
		f.Notes = append(f.Notes, fmt.Sprintf("python: not parsed: up to %d levels of indentation, more than the %d tree-sitter-python can track; no facts for this file", depth, maxIndentLevels))
		return f, nil
	}
	tree, err := a.parseSliced(ctx, src)
	f.Sliced = tree != nil
	if tree == nil && err == nil {
		tree, _, err = a.grammar.ParseContext(ctx, src, a.budget.Steps(len(src)))
	}
	if ctx.Err() != nil {
		if tree != nil {
			tree.Close()
		}
		f.Notes = append(f.Notes, "python: analysis interrupted: "+ctx.Err().Error())
		return f, nil
	}
	if errors.Is(err, treesitter.ErrBudget) {
		f.Notes = append(f.Notes, fmt.Sprintf("python: parse stopped: the file needs more than its budget of %d parse steps for %d bytes (deeply nested or very long code); no facts for this file", a.budget.Steps(len(src)), len(src)))
		return f, nil
	}
	if err != nil {
		f.Notes = append(f.Notes, "python: "+err.Error())
		return f, nil
	}
	defer tree.Close()

	root := tree.RootNode()
	w = newWalker(path, src, bom, f)
	w.kinds = a.kinds
	w.maxNodes = a.budget.Nodes(len(src))
	if root.HasError() {
		f.Notes = append(f.Notes, w.syntaxNote(root))
	}
	w.run(root)
	return f, w.sortedFindings()
}

// maxIndentLevels is how many indentation levels tree-sitter-python v0.25.0
// can be given safely. Its external scanner saves its state after every
// token into tree-sitter's 1,024-byte buffer: 2 bytes, up to 255 bytes of
// open string delimiters, then 2 bytes per indentation level while fewer
// than 1,024 are written. After an odd number of delimiters the last level
// overruns the buffer, and tree-sitter aborts the process on a C assertion
// (src/scanner.c, tree_sitter_python_external_scanner_serialize; parser.c,
// ts_parser__external_scanner_serialize): about 511 levels with one open
// string. 383 levels fit whatever the delimiters.
const maxIndentLevels = 383

// indentLevels returns an upper bound on the depth of tree-sitter-python's
// indentation stack for src: the number of distinct non-zero indentation
// widths, measured as its scanner does (a space counts 1 and a tab 8, in 16
// bits; a carriage return or form feed starts again; a backslash-newline
// continues), that end the whitespace after a newline. The stack holds
// strictly increasing widths taken at such points, so it is never deeper.
func indentLevels(src []byte) int {
	var seen [1 << 16 / 64]uint64
	levels := 0
	var width uint16
	inRun := true // in the whitespace after a newline (or at the start)
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			width, inRun = 0, true
		case !inRun:
		case c == ' ':
			width++
		case c == '\t':
			width += 8
		case c == '\r' || c == '\f':
			width = 0
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i++
		case c == '\\' && i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n':
			i += 2
		default:
			if width != 0 && seen[width/64]&(1<<(width%64)) == 0 {
				seen[width/64] |= 1 << (width % 64)
				levels++
			}
			inRun = false
		}
	}
	return levels
}
