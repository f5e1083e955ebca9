// Package slice picks the top-level statements of a JavaScript, TypeScript
// or Python file that the code rules can need, so that a front-end parses
// those alone (tree-sitter's included ranges, positions unchanged) instead
// of the whole file. Parsing is most of a scan's time (docs/performance.md);
// a large module whose Upstash code is a few statements among many
// unrelated functions is parsed in a fraction of the time.
//
// A statement is kept when it can hold a fact or lead to one:
//   - the first statement, which stays first ("use client" counts only
//     there);
//   - every statement that is not a declaration: imports (in Python,
//     a try/if block that imports too, and its names count as imported),
//     re-exports,
//     `export default`, `module.exports = …`, route registrations and other
//     top-level calls;
//   - a declaration whose text holds one of the code keywords
//     (upstash.CodeKeywords: SDK, framework and limiter modules, product
//     words, entry shapes, public env prefixes, TLS options);
//   - a declaration of an entry name (upstash.EntryNames: GET, handler,
//     loader, …);
//   - a Python declaration with an import inside (`def f(): from .x
//     import kv`): its import and the uses of what it binds are facts;
//   - Python classes that assign the same attribute on self (`self.kv =
//     …`), together: the front-end keys such a client by its dotted name;
//   - Python functions using a name that a kept function binds on a
//     keyword line or to an imported name's result (`kv = Redis.from_env()`,
//     `r = get_kv()`): the front-end binds names module-wide, not per
//     function, so their commands count on that client;
//   - a declaration that uses a name the file imports, or a name a kept
//     declaration declares;
//   - a declaration that a kept statement uses (a helper, a constant).
//
// What is dropped is code that uses nothing imported and nothing of the
// kept code: utilities over their own arguments, type declarations nobody
// kept refers to. The cross-file passes can still ask for a file whole
// (facts.File.Sliced, modgraph); the front-ends parse the whole file again
// when the sliced parse has a syntax error.
//
// The statements are found by a lexer that knows strings, template
// literals, comments, regular expressions and brackets: a statement starts
// at the beginning of a line, outside any bracket, string or comment, in
// column 0, after a line that ends one. When the lexer cannot be sure (a
// bracket or string left open at the end, more closing than opening
// brackets), Select declines and the file is parsed whole. It declines too
// on source a whole parse trips on but a slice could leave out: a
// conflict marker, a Flow pragma (the results would then differ).
package slice

import (
	"bytes"
	"sort"
	"sync"

	"github.com/upscan/upscan/internal/literal"
	"github.com/upscan/upscan/upstash"
)

// Lang is the language of a file to slice.
type Lang uint8

// The languages Select reads.
const (
	JS     Lang = iota // JavaScript, TypeScript, JSX, TSX
	Python             // Python 3
)

// Range is a byte range [Start, End) of the source.
type Range struct{ Start, End int }

// kind is what a top-level statement is, for the keep decision.
type kind uint8

const (
	stmt  kind = iota // kept: not a declaration
	decl              // kept when relevant
	imp               // kept; its names are relevant
	blank             // only comments and blank lines: dropped
)

// chunk is one top-level statement (with the comments and blank lines
// after it).
type chunk struct {
	start, end int
	first      int // the first token (-1: none)
	kind       kind
	decls      []name // the names it declares
	local      []name // Python: the names its nested imports bind in a function
	keep       bool
}

// name is an identifier by its FNV-1a hash: two names with the same hash
// count as one, which can only keep more.
type name uint64

func nameOf(b []byte) name {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return name(h)
}

// ident is an identifier token of the source and the chunk it is in.
type ident struct {
	start, end, chunk int32
}

// file is the lexer's result for one source.
type file struct {
	src    []byte
	chunks []chunk
	idents []ident
}

var (
	keywordsOnce sync.Once
	keywords     *literal.Set
	useServer    int // the index of "use server" in keywords
	entryNames   map[name]bool
)

func tables() {
	keywordsOnce.Do(func() {
		keywords = literal.New(upstash.CodeKeywords())
		useServer = -1
		for i := range keywords.Len() {
			if keywords.Literal(i).Text == "use server" {
				useServer = i
			}
		}
		entryNames = map[name]bool{}
		for _, n := range upstash.EntryNames {
			entryNames[nameOf([]byte(n))] = true
		}
	})
}

// keepRatio is the share of the file's bytes above which slicing is not
// worth it: the file is parsed whole.
const keepRatio = 0.85

// Select returns the byte ranges of src to parse, in order and
// non-overlapping, and true; or false when src is to be parsed whole: it is
// smaller than minSize bytes, the lexer could not find its statements
// with certainty, it has a "use server" directive (every export of such a
// module is an endpoint), or slicing would keep most of it.
func Select(lang Lang, src []byte, minSize int) ([]Range, bool) {
	if len(src) < minSize || len(src) >= 1<<31 {
		return nil, false
	}
	tables()
	var b *builder
	var ok bool
	switch lang {
	case JS:
		b, ok = lexJS(src)
	case Python:
		b, ok = lexPython(src)
	default:
		return nil, false
	}
	defer b.release()
	f := b.f
	if !ok || len(f.chunks) < 2 {
		return nil, false
	}
	if !f.mark(lang, b.depths) {
		return nil, false
	}
	if lang == JS {
		f.keepAdjacent()
	}
	var out []Range
	kept := 0
	for _, c := range f.chunks {
		if !c.keep {
			continue
		}
		kept += c.end - c.start
		if n := len(out); n > 0 && out[n-1].End == c.start {
			out[n-1].End = c.end
			continue
		}
		out = append(out, Range{c.start, c.end})
	}
	if len(out) == 0 || float64(kept) > keepRatio*float64(len(src)) {
		return nil, false
	}
	return out, true
}

// mark decides which chunks are kept (see the package comment); depths
// are the bracket depths of f.idents. It returns false when the file is
// not to be sliced (a directive).
func (f *file) mark(lang Lang, depths []int32) bool {
	owner := make([]int32, 0, 8) // chunk of each keyword match
	server := false
	keywords.Each(f.src, func(pos, lit int) bool {
		if lit == useServer {
			server = true
		}
		c := int32(f.chunkAt(pos))
		owner = append(owner, c)
		if lang == Python && f.chunks[c].kind != blank {
			// The Python front-end binds a name module-wide, not per
			// function: `kv = Redis.from_env()` in one function and
			// `kv.pop(…)` in another read as one client. The local a
			// keyword line assigns counts as the chunk's own name, so
			// that the functions using the same name stay with it.
			if n, _, ok := f.localAssigned(pos, depths); ok {
				f.chunks[c].decls = append(f.chunks[c].decls, nameOf(n))
			}
		}
		return !server
	})
	if server {
		return false
	}
	if lang == Python {
		// The same for a local bound to what an imported name returns
		// (`r = get_redis()`).
		imported := map[name]bool{}
		for _, c := range f.chunks {
			if c.kind == imp {
				for _, d := range c.decls {
					imported[d] = true
				}
			}
			for _, d := range c.local {
				imported[d] = true
			}
		}
		for _, id := range f.idents {
			if c := &f.chunks[id.chunk]; c.kind != blank && imported[nameOf(f.src[id.start:id.end])] {
				if n, eq, ok := f.localAssigned(int(id.start), depths); ok && int(id.start) > eq {
					c.decls = append(c.decls, nameOf(n))
				}
			}
		}
	}
	declOf := map[name][]int32{}
	var queue []int32
	keep := func(i int32) {
		c := &f.chunks[i]
		if c.keep {
			return
		}
		c.keep = true
		queue = append(queue, i)
		// Declarations of the same name (overloads, merged interfaces
		// and namespaces) go together.
		for _, d := range c.decls {
			for _, j := range declOf[d] {
				if !f.chunks[j].keep && f.chunks[j].kind == decl {
					f.chunks[j].keep = true
					queue = append(queue, j)
				}
			}
		}
	}
	for i := range f.chunks {
		c := &f.chunks[i]
		for _, d := range c.decls {
			declOf[d] = append(declOf[d], int32(i))
		}
	}
	firstCode := true
	for i := range f.chunks {
		c := &f.chunks[i]
		if c.kind != blank && firstCode {
			// The first statement stays first: a directive ("use
			// client") only counts there.
			firstCode = false
			keep(int32(i))
		}
		switch c.kind {
		case stmt, imp:
			keep(int32(i))
		case decl:
			for _, d := range c.decls {
				if entryNames[d] {
					keep(int32(i))
					break
				}
			}
		}
	}
	for _, o := range owner {
		if f.chunks[o].kind != blank {
			keep(o)
		}
	}
	// refs: for each name declared or imported in the file, the chunks
	// that use it (other than where it is declared).
	refs := map[name][]int32{}
	for _, id := range f.idents {
		k := nameOf(f.src[id.start:id.end])
		if ds, ok := declOf[k]; ok {
			if l := refs[k]; len(l) == 0 || l[len(l)-1] != id.chunk {
				if !contains(ds, id.chunk) {
					refs[k] = append(l, id.chunk)
				}
			}
		}
	}
	// chunkIdents: the identifier range of each chunk, for the callee side.
	first := make([]int32, len(f.chunks)+1)
	{
		j := 0
		for i := range f.chunks {
			first[i] = int32(j)
			for j < len(f.idents) && int(f.idents[j].chunk) == i {
				j++
			}
		}
		first[len(f.chunks)] = int32(len(f.idents))
	}
	done := map[name]bool{}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		// Users of what i declares.
		for _, d := range f.chunks[i].decls {
			if done[d] {
				continue
			}
			done[d] = true
			for _, u := range refs[d] {
				if f.chunks[u].kind == decl {
					keep(u)
				}
			}
		}
		// What i uses.
		for _, id := range f.idents[first[i]:first[i+1]] {
			for _, d := range declOf[nameOf(f.src[id.start:id.end])] {
				keep(d)
			}
		}
	}
	return true
}

// keepAdjacent keeps, before a kept statement that starts with a token
// that can continue an expression ( ( [ ` + - / ), every statement since
// the kept one before it, unless that one ends with a semicolon: without
// the statements between them, automatic semicolon insertion could join
// the two into one expression (`x = foo` then `(init)()` is a call).
func (f *file) keepAdjacent() {
	last := -1 // the last kept chunk with code
	for i := range f.chunks {
		c := &f.chunks[i]
		if !c.keep || c.kind == blank {
			continue
		}
		if last >= 0 && last < i-1 && c.first >= 0 {
			switch f.src[c.first] {
			case '(', '[', '`', '+', '-', '/':
				if prevByte(f.src, f.chunks[last].end) != ';' {
					for j := last + 1; j < i; j++ {
						f.chunks[j].keep = true
					}
				}
			}
		}
		last = i
	}
}

// localAssigned returns the name that the indented line holding pos
// assigns outside brackets (`    kv = Redis.from_env()`, `    kv: Redis =
// …`; not a keyword argument on a line of its own), if it is one.
func (f *file) localAssigned(pos int, depths []int32) ([]byte, int, bool) {
	src := f.src
	i := bytes.LastIndexByte(src[:pos], '\n') + 1
	j := i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j == i || j >= len(src) || !identStart(src[j]) {
		return nil, 0, false
	}
	k := sort.Search(len(f.idents), func(k int) bool { return int(f.idents[k].start) >= j })
	if k == len(f.idents) || int(f.idents[k].start) != j || depths[k] != 0 {
		return nil, 0, false
	}
	n := src[j:f.idents[k].end]
	j = int(f.idents[k].end)
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j < len(src) && src[j] == ':' {
		for j < len(src) && src[j] != '=' && src[j] != '\n' {
			j++
		}
	}
	if j+1 < len(src) && src[j] == '=' && src[j+1] != '=' {
		return n, j, true
	}
	return nil, 0, false
}

func contains(l []int32, x int32) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}

// chunkAt returns the index of the chunk holding byte offset p.
func (f *file) chunkAt(p int) int {
	lo, hi := 0, len(f.chunks)
	for lo < hi {
		m := (lo + hi) / 2
		if f.chunks[m].end <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(f.chunks) {
		return len(f.chunks) - 1
	}
	return lo
}

// identStart and identPart classify identifier bytes; every byte of a
// multi-byte UTF-8 character counts as a letter.
func identStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == '$' || b >= 0x80
}

func identPart(b byte) bool { return identStart(b) || b >= '0' && b <= '9' }
