// Package python reads Python source with the tree-sitter Python grammar and
// extracts upscan's per-file facts (imports, Upstash and Redis client
// constructions with the origin of their URL and token, the commands called
// on them, environment reads, and the transport facts: Upstash URLs in
// strings, f-strings and concatenations, options that turn TLS verification
// off, redis-py TCP clients by host). It decides no rule: analyzers/transport
// decides UPS301–UPS303 from the transport facts.
package python

import (
	"fmt"
	"path"
	"strings"
	"time"

	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// parseTimeout bounds one file's parse. tree-sitter reads Python at about
// 4 MB/s on this project's machines (TOOLING.md §2), so a 5 MB file takes
// little more than a second; the bound only stops pathological input.
const parseTimeout = 10 * time.Second

// Analyzer extracts facts and findings from Python files. It holds the
// grammar only; every Analyze call uses its own parser, so one Analyzer is
// safe for concurrent use.
type Analyzer struct {
	lang    *sitter.Language
	kinds   []kind // node kind id → the kinds the first pass collects
	timeout time.Duration
}

// New loads the tree-sitter Python grammar (tree-sitter-python v0.25.0) and
// checks that the runtime accepts it. The error names the grammar when its
// ABI version does not match go-tree-sitter's.
func New() (*Analyzer, error) {
	lang := sitter.NewLanguage(tspython.Language())
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(lang); err != nil {
		return nil, fmt.Errorf("python: load tree-sitter-python grammar: %w", err)
	}
	return &Analyzer{lang: lang, kinds: kindTable(lang), timeout: parseTimeout}, nil
}

// Handles reports whether the analyzer reads the file at path (a slash- or
// OS-separated path; only the name matters): Python sources ending in .py
// or .pyw. Type stubs (.pyi) hold no code and are skipped.
func Handles(p string) bool {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(p, "\\", "/"))) {
	case ".py", ".pyw":
		return true
	}
	return false
}

// Analyze parses one Python file and returns its facts (never nil) and the
// findings it decides alone (none today: the transport rules are decided by
// analyzers/transport from the facts), sorted by rules.Less.
// path is the slash-separated path findings print; data is the file content
// (UTF-8; a BOM is skipped and columns still count from the file's first
// byte). Syntax errors, Python 2 code and parse timeouts degrade to partial
// facts with a note in File.Notes; Analyze never panics.
func (a *Analyzer) Analyze(path string, data []byte) (f *facts.File, out []rules.Finding) {
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

	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(a.lang); err != nil {
		f.Notes = append(f.Notes, "python: "+err.Error())
		return f, nil
	}
	deadline := time.Now().Add(a.timeout)
	tree := p.ParseWithOptions(func(i int, _ sitter.Point) []byte {
		if i < len(src) {
			return src[i:]
		}
		return nil
	}, nil, &sitter.ParseOptions{ProgressCallback: func(sitter.ParseState) bool {
		return time.Now().After(deadline)
	}})
	if tree == nil {
		f.Notes = append(f.Notes, fmt.Sprintf("python: parse stopped after %s; no facts for this file", a.timeout))
		return f, nil
	}
	defer tree.Close()

	root := tree.RootNode()
	w = newWalker(path, src, bom, f)
	w.kinds = a.kinds
	if root.HasError() {
		f.Notes = append(f.Notes, w.syntaxNote(root))
	}
	w.run(root)
	return f, w.sortedFindings()
}
