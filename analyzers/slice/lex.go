package slice

import (
	"bytes"
	"sync"
)

// builder collects the chunks and identifiers of one source as a lexer
// finds them.
type builder struct {
	f          *file
	start      int // the current chunk's first byte
	first      int // its first token (-1: none yet)
	eq         int // its first assignment `=` outside brackets (-1: none)
	decorator  bool
	firstIdent int // index in f.idents of the current chunk's first identifier
	depths     []int32
}

// builders keeps builders, with their slices, for the next file.
var builders = sync.Pool{New: func() any { return &builder{f: &file{}} }}

func newBuilder(src []byte) *builder {
	b := builders.Get().(*builder)
	f := b.f
	*f = file{src: src, chunks: f.chunks[:0], idents: f.idents[:0]}
	*b = builder{f: f, first: -1, eq: -1, depths: b.depths[:0]}
	return b
}

// maxPooled is the most identifiers a builder keeps room for in the pool.
const maxPooled = 1 << 18

// release returns b to the pool, unless its slices grew large.
func (b *builder) release() {
	b.f.src = nil
	if cap(b.f.idents) <= maxPooled {
		builders.Put(b)
	}
}

// token notes a token at p of the current chunk.
func (b *builder) token(p int) {
	if b.first < 0 {
		b.first = p
	}
}

// ident records the identifier src[s:e] at bracket depth d.
func (b *builder) ident(s, e, d int) {
	b.token(s)
	b.f.idents = append(b.f.idents, ident{int32(s), int32(e), int32(len(b.f.chunks))})
	b.depths = append(b.depths, int32(d))
}

// assign notes an assignment at p outside brackets.
func (b *builder) assign(p int) {
	if b.eq < 0 {
		b.eq = p
	}
}

// split ends the current chunk at p, where a new statement starts.
func (b *builder) split(p int, classify func(*builder, chunk) chunk) {
	if p == b.start {
		return
	}
	c := chunk{start: b.start, end: p, first: b.first}
	if b.first < 0 {
		c.kind = blank
	} else {
		c = classify(b, c)
	}
	b.f.chunks = append(b.f.chunks, c)
	b.start, b.first, b.eq = p, -1, -1
	b.firstIdent = len(b.f.idents)
}

// chunkIdents returns the identifiers of the chunk being closed, with
// their depths.
func (b *builder) chunkIdents() ([]ident, []int32) {
	return b.f.idents[b.firstIdent:], b.depths[b.firstIdent:]
}

func (b *builder) text(id ident) []byte { return b.f.src[id.start:id.end] }

// nextByte returns the first byte at or after p that is not a space or
// tab, or 0.
func nextByte(src []byte, p int) byte {
	for ; p < len(src); p++ {
		if c := src[p]; c != ' ' && c != '\t' {
			return c
		}
	}
	return 0
}

// prevByte returns the last byte before p that is not white space, or 0.
func prevByte(src []byte, p int) byte {
	for p--; p >= 0; p-- {
		if c := src[p]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

// --- JavaScript and TypeScript ---

// jsContinues are the words after which a line cannot end a statement.
var jsContinues = map[string]bool{
	"export": true, "default": true, "extends": true, "implements": true, "new": true, "typeof": true,
	"instanceof": true, "in": true, "of": true, "as": true, "satisfies": true, "await": true, "yield": true,
	"void": true, "delete": true, "return": true, "throw": true, "case": true, "async": true,
	"function": true, "class": true, "const": true, "let": true, "var": true, "import": true, "from": true,
	"keyof": true, "readonly": true, "declare": true, "abstract": true, "type": true, "interface": true,
	"enum": true, "namespace": true, "module": true, "else": true, "do": true,
}

// jsRegexAfter are the words after which `/` starts a regular expression.
var jsRegexAfter = map[string]bool{
	"return": true, "typeof": true, "case": true, "do": true, "else": true, "in": true, "of": true,
	"new": true, "delete": true, "void": true, "throw": true, "yield": true, "await": true, "instanceof": true,
}

// lexJS finds the top-level statements of JavaScript or TypeScript source.
func lexJS(src []byte) (*builder, bool) {
	b := newBuilder(src)
	n := len(src)
	depth := 0
	var tmpl []int      // bracket depth at each open template `${`
	var prev byte       // last significant byte; 0 at the start
	var prevWord []byte // the last token when it was an identifier
	i := 0
	// template scans a template literal's text from i (after the backtick
	// or the `}` closing a substitution); it returns false when the source
	// ends inside it.
	template := func() bool {
		for i < n {
			switch src[i] {
			case '\\':
				i += 2
				continue
			case '`':
				i++
				prev, prevWord = '`', nil
				return true
			case '$':
				if i+1 < n && src[i+1] == '{' {
					tmpl = append(tmpl, depth)
					depth++
					i += 2
					prev, prevWord = '{', nil
					return true
				}
			}
			i++
		}
		return false
	}
	lineStart := true
	for i < n {
		c := src[i]
		if lineStart {
			lineStart = false
			if conflictMarker(src, i) {
				return b, false
			}
			if i > 0 && depth == 0 && len(tmpl) == 0 && jsStatementStart(c) && jsEnds(prev, prevWord) {
				if b.decorator {
					b.decorator = c == '@'
				} else {
					b.split(i, classifyJS)
					b.decorator = c == '@'
				}
			}
		}
		switch {
		case c == '\n':
			lineStart = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < n && src[i+1] == '/':
			s := i
			for i < n && src[i] != '\n' {
				i++
			}
			if flowPragma(src[s:i]) {
				return b, false
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 || flowPragma(src[i:i+2+end]) {
				return b, false
			}
			i += 2 + end + 2
		case c == '/':
			b.token(i)
			if regexAllowed(prev, prevWord) {
				if j, ok := scanRegex(src, i); ok {
					i = j
					prev, prevWord = '/', nil
					continue
				}
			}
			i++
			prev, prevWord = '/', nil
		case c == '\'' || c == '"':
			b.token(i)
			i = scanQuoted(src, i)
			prev, prevWord = c, nil
		case c == '`':
			b.token(i)
			i++
			if !template() {
				return b, false
			}
		case identStart(c):
			s := i
			for i < n && identPart(src[i]) {
				i++
			}
			b.ident(s, i, depth)
			prev, prevWord = src[i-1], src[s:i]
		case c >= '0' && c <= '9':
			b.token(i)
			for i < n && (identPart(src[i]) || src[i] == '.') {
				i++
			}
			prev, prevWord = '0', nil
		case c == '(' || c == '[' || c == '{':
			b.token(i)
			depth++
			i++
			prev, prevWord = c, nil
		case c == ')' || c == ']' || c == '}':
			b.token(i)
			i++
			if c == '}' && len(tmpl) > 0 && tmpl[len(tmpl)-1] == depth-1 {
				tmpl = tmpl[:len(tmpl)-1]
				depth--
				if !template() {
					return b, false
				}
				continue
			}
			depth--
			if depth < 0 {
				return b, false
			}
			prev, prevWord = c, nil
		default:
			b.token(i)
			if c == '=' && depth == 0 && i+1 < n && src[i+1] != '=' && src[i+1] != '>' && !bytes.ContainsRune([]byte("=!<>+-*/%&|^?"), rune(prev)) {
				b.assign(i)
			}
			i++
			prev, prevWord = c, nil
		}
	}
	if depth != 0 || len(tmpl) != 0 {
		return b, false
	}
	b.split(n, classifyJS)
	return b, true
}

// flowPragma reports whether a comment holds Flow's @flow or @noflow
// pragma: the file's type annotations are a syntax error to the JavaScript
// grammar, and a whole parse reads less of it than a sliced parse that
// leaves the annotated declarations out would.
func flowPragma(head []byte) bool {
	return bytes.Contains(head, []byte("@flow")) || bytes.Contains(head, []byte("@noflow"))
}

// conflictMarker reports whether the line at i is a version-control
// conflict marker (<<<<<<<, ======= or >>>>>>> in column 0): a syntax
// error whose effect on a whole parse a sliced parse would not share when
// the slice leaves its statement out.
func conflictMarker(src []byte, i int) bool {
	if i+7 > len(src) {
		return false
	}
	switch c := src[i]; c {
	case '<', '=', '>':
		for j := i + 1; j < i+7; j++ {
			if src[j] != c {
				return false
			}
		}
		return i+7 == len(src) || src[i+7] == ' ' || src[i+7] == '\n' || src[i+7] == '\r'
	}
	return false
}

// jsStatementStart reports whether a line starting with c can start a
// statement (rather than continue an expression).
func jsStatementStart(c byte) bool {
	switch c {
	case '@', '\'', '"', '`', '(', '[', '{', '!', '/', '#', ';':
		return true
	}
	return identStart(c)
}

// jsEnds reports whether a line whose last token is prev (word, when an
// identifier) can end a statement.
func jsEnds(prev byte, word []byte) bool {
	switch {
	case prev == 0:
		return true
	case word != nil:
		return !jsContinues[string(word)]
	}
	switch prev {
	case ';', '}', ')', ']', '\'', '"', '`', '/', '0':
		return true
	}
	return false
}

// regexAllowed reports whether `/` after prev (word) starts a regular
// expression rather than a division.
func regexAllowed(prev byte, word []byte) bool {
	if word != nil {
		return jsRegexAfter[string(word)]
	}
	switch prev {
	case ')', ']', '}', '\'', '"', '`', '0', '/':
		return false
	}
	return true
}

// scanRegex returns the end of the regular expression literal at i, or
// false when the line ends first (it is then a division).
func scanRegex(src []byte, i int) (int, bool) {
	n := len(src)
	class := false
	for j := i + 1; j < n; j++ {
		switch src[j] {
		case '\\':
			j++
		case '\n':
			return 0, false
		case '[':
			class = true
		case ']':
			class = false
		case '/':
			if !class {
				j++
				for j < n && identPart(src[j]) {
					j++
				}
				return j, true
			}
		}
	}
	return 0, false
}

// scanQuoted returns the end of the quoted string at i: after its closing
// quote, or at the end of the line (JSX text holds unpaired quotes).
func scanQuoted(src []byte, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '\n':
			return j
		case q:
			return j + 1
		}
	}
	return len(src)
}

// classifyJS decides the kind and declared names of a JavaScript chunk.
func classifyJS(b *builder, c chunk) chunk {
	src := b.f.src
	ids, depths := b.chunkIdents()
	if len(ids) == 0 || int(ids[0].start) != b.first {
		c.kind = stmt
		return c
	}
	k := 0
	word := func() string {
		if k < len(ids) {
			return string(b.text(ids[k]))
		}
		return ""
	}
	after := func() byte { return nextByte(src, int(ids[k].end)) }
	for _, id := range ids {
		if w := string(b.text(id)); w == "require" || w == "import" {
			if nextByte(src, int(id.end)) == '(' || w == "import" && int(id.start) == b.first {
				c.kind = imp
				c.decls = jsImportNames(b, ids)
				return c
			}
		}
	}
	if word() == "export" {
		switch after() {
		case '{', '*', '=':
			c.kind = imp
			c.decls = jsImportNames(b, ids)
			return c
		}
		k++
		if w := word(); w == "default" || w == "as" {
			c.kind = stmt
			return c
		}
	}
	for {
		switch word() {
		case "declare", "abstract", "async":
			k++
			continue
		}
		break
	}
	if k >= len(ids) {
		c.kind = stmt
		return c
	}
	switch w := word(); w {
	case "function", "class", "interface", "enum", "namespace", "module", "type":
		if w != "function" && w != "class" && !identStart(after()) {
			c.kind = stmt
			return c
		}
		if k+1 < len(ids) {
			c.kind = decl
			c.decls = []name{nameOf(b.text(ids[k+1]))}
			return c
		}
	case "const", "let", "var":
		if k+1 < len(ids) && string(b.text(ids[k+1])) == "enum" {
			if k+2 < len(ids) {
				c.kind = decl
				c.decls = []name{nameOf(b.text(ids[k+2]))}
				return c
			}
			break
		}
		c.kind = decl
		for j := k + 1; j < len(ids); j++ {
			id := ids[j]
			if b.eq < 0 || int(id.start) < b.eq || depths[j] == 0 && prevByte(src, int(id.start)) == ',' {
				c.decls = append(c.decls, nameOf(b.text(id)))
			}
		}
		return c
	}
	c.kind = stmt
	return c
}

// jsImportNames returns the names an import-like chunk binds or names:
// its identifiers except the import syntax words.
func jsImportNames(b *builder, ids []ident) []name {
	var out []name
	for _, id := range ids {
		switch string(b.text(id)) {
		case "import", "export", "from", "as", "type", "typeof", "default", "require", "const", "let", "var", "await":
		default:
			out = append(out, nameOf(b.text(id)))
		}
	}
	return out
}

// --- Python ---

// pyContinues are the words that continue a compound statement at column 0.
var pyContinues = map[string]bool{"else": true, "elif": true, "except": true, "finally": true}

// lexPython finds the top-level statements of Python source.
func lexPython(src []byte) (*builder, bool) {
	b := newBuilder(src)
	n := len(src)
	depth := 0
	continued := false // the previous line ended with a backslash
	i := 0
	lineStart := true
	for i < n {
		c := src[i]
		if lineStart {
			lineStart = false
			if conflictMarker(src, i) {
				return b, false
			}
			if i > 0 && depth == 0 && !continued && pyStatementStart(src, i) {
				if b.decorator {
					b.decorator = c == '@'
				} else {
					b.split(i, classifyPython)
					b.decorator = c == '@'
				}
			}
			continued = false
		}
		switch {
		case c == '\n':
			lineStart = true
			i++
		case c == '\\' && i+1 < n && (src[i+1] == '\n' || src[i+1] == '\r'):
			continued = true
			i++
			if src[i] == '\r' && i+1 < n && src[i+1] == '\n' {
				i++
			}
			i++
			lineStart = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '#':
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '\'' || c == '"':
			b.token(i)
			j, ok := scanPyString(b, src, i, false, depth)
			if !ok {
				return b, false
			}
			i = j
		case identStart(c):
			s := i
			for i < n && identPart(src[i]) {
				i++
			}
			if i < n && (src[i] == '\'' || src[i] == '"') && pyStringPrefix(src[s:i]) {
				b.token(s)
				j, ok := scanPyString(b, src, i, bytes.ContainsAny(src[s:i], "fFtT"), depth)
				if !ok {
					return b, false
				}
				i = j
				continue
			}
			b.ident(s, i, depth)
		case c >= '0' && c <= '9':
			b.token(i)
			for i < n && (identPart(src[i]) || src[i] == '.') {
				i++
			}
		case c == '(' || c == '[' || c == '{':
			b.token(i)
			depth++
			i++
		case c == ')' || c == ']' || c == '}':
			b.token(i)
			depth--
			if depth < 0 {
				return b, false
			}
			i++
		default:
			b.token(i)
			if c == '=' && depth == 0 && (i+1 >= n || src[i+1] != '=') && (i == 0 || !bytes.ContainsRune([]byte("=!<>+-*/%&|^@:"), rune(src[i-1]))) {
				b.assign(i)
			}
			i++
		}
	}
	if depth != 0 {
		return b, false
	}
	b.split(n, classifyPython)
	return b, true
}

// pyStatementStart reports whether the line at i starts a new top-level
// statement: it starts in column 0 with a name, a decorator, a string or a
// bracket, and is not the else/elif/except/finally of the statement before.
func pyStatementStart(src []byte, i int) bool {
	c := src[i]
	switch {
	case c == '@', c == '\'', c == '"', c == '(', c == '[', c == '{':
		return true
	case !identStart(c):
		return false
	}
	j := i
	for j < len(src) && identPart(src[j]) {
		j++
	}
	return !pyContinues[string(src[i:j])]
}

// pyStringPrefix reports whether p is a Python string prefix (r, b, f, u,
// t and their two-letter combinations, any case).
func pyStringPrefix(p []byte) bool {
	if len(p) > 2 {
		return false
	}
	for _, c := range p {
		switch c | 0x20 {
		case 'r', 'b', 'f', 'u', 't':
		default:
			return false
		}
	}
	return true
}

// scanPyString returns the end of the string literal whose quote is at i.
// A single-quoted string ends at its quote or at the end of the line; a
// triple-quoted one must close (false otherwise). In an f-string (format),
// the words inside are recorded as identifiers: its replacement fields use
// names.
func scanPyString(b *builder, src []byte, i int, format bool, depth int) (int, bool) {
	q := src[i]
	n := len(src)
	triple := i+2 < n && src[i+1] == q && src[i+2] == q
	j := i + 1
	if triple {
		j = i + 3
	}
	for j < n {
		c := src[j]
		switch {
		case c == '\\':
			j += 2
			continue
		case c == q && !triple:
			return j + 1, true
		case c == q && j+2 < n && src[j+1] == q && src[j+2] == q:
			return j + 3, true
		case c == '\n' && !triple:
			return j, true
		case format && identStart(c):
			s := j
			for j < n && identPart(src[j]) {
				j++
			}
			b.ident(s, j, depth)
			continue
		}
		j++
	}
	return n, !triple
}

// classifyPython decides the kind and declared names of a Python chunk.
// Imports nested in a statement count: a `try:` or `if TYPE_CHECKING:`
// whose block imports binds module names as an import does, and a
// declaration with an import inside (`def reset(): from .store import kv`)
// is kept like a statement, since its import and the uses of what it
// imports are facts (a write there decides UPS501) that only its own text
// holds.
func classifyPython(b *builder, c chunk) chunk {
	c = classifyPythonDecl(b, c)
	if c.kind == imp || c.kind == blank {
		return c
	}
	if c.kind == decl {
		c.decls = append(c.decls, pySelfAttrs(b)...)
	}
	names, ok := pyNestedImports(b)
	switch {
	case !ok:
	case c.kind == decl:
		c.kind = stmt
		c.local = names
	default:
		c.kind = imp
		c.decls = append(c.decls, names...)
	}
	return c
}

// pySelfAttrs returns the attributes the chunk being closed assigns on
// self or cls (`self.kv = …`, `self.kv: Redis = …`): the Python front-end
// keys a client bound that way by its dotted name in the whole module, so a
// class that assigns the same attribute reads as using that client (a
// Counter given the Store's client runs its writes), and the two go
// together as declarations of one name do.
func pySelfAttrs(b *builder) []name {
	ids, _ := b.chunkIdents()
	src := b.f.src
	var out []name
	for i := 0; i+1 < len(ids); i++ {
		if w := b.text(ids[i]); string(w) != "self" && string(w) != "cls" {
			continue
		}
		x := ids[i+1]
		if between := bytes.TrimSpace(src[ids[i].end:x.start]); len(between) != 1 || between[0] != '.' {
			continue
		}
		p := int(x.end)
		for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
			p++
		}
		if p < len(src) && (src[p] == ':' || src[p] == '=' && (p+1 >= len(src) || src[p+1] != '=')) {
			out = append(out, nameOf(b.text(x)))
		}
	}
	return out
}

// pyNestedImports returns the names that the import statements inside the
// chunk being closed bind (with the dotted parts and originals of aliases:
// more names only keep more), and whether it has any.
func pyNestedImports(b *builder) ([]name, bool) {
	ids, depths := b.chunkIdents()
	src := b.f.src
	var out []name
	found := false
	for i := 0; i < len(ids); i++ {
		if string(b.text(ids[i])) != "import" {
			continue
		}
		found = true
		d0 := depths[i]
		for j := i + 1; j < len(ids); j++ {
			if depths[j] == d0 && bytes.IndexByte(src[ids[j-1].end:ids[j].start], '\n') >= 0 {
				break
			}
			if w := b.text(ids[j]); string(w) != "as" && string(w) != "import" {
				out = append(out, nameOf(w))
			}
			i = j
		}
	}
	return out, found
}

// classifyPythonDecl classifies a Python chunk by its first statement.
func classifyPythonDecl(b *builder, c chunk) chunk {
	src := b.f.src
	ids, depths := b.chunkIdents()
	if len(ids) == 0 {
		c.kind = stmt
		return c
	}
	w0 := string(b.text(ids[0]))
	if int(ids[0].start) == b.first {
		switch w0 {
		case "import", "from":
			c.kind = imp
			seen := w0 == "import"
			for _, id := range ids[1:] {
				w := string(b.text(id))
				switch {
				case w == "import":
					seen = true
				case seen && w != "as":
					c.decls = append(c.decls, nameOf(b.text(id)))
				}
			}
			return c
		case "def", "class", "async":
			return pyDef(b, c, ids)
		case "try":
			// `try:` is a statement, not an annotated name.
			c.kind = stmt
			return c
		}
		if b.eq > 0 || nextByte(src, int(ids[0].end)) == ':' {
			next := nextByte(src, int(ids[0].end))
			if next != '=' && next != ':' && next != ',' {
				c.kind = stmt
				return c
			}
			c.kind = decl
			c.decls = []name{nameOf(b.text(ids[0]))}
			for j, id := range ids[1:] {
				if b.eq >= 0 && int(id.start) > b.eq {
					break
				}
				if depths[j+1] == 0 && prevByte(src, int(id.start)) == ',' {
					c.decls = append(c.decls, nameOf(b.text(id)))
				}
			}
			return c
		}
		c.kind = stmt
		return c
	}
	if src[b.first] == '@' {
		return pyDef(b, c, ids)
	}
	c.kind = stmt
	return c
}

// pyDef classifies a def or class, decorated or not: a declaration of the
// name after the first def/class keyword outside brackets.
func pyDef(b *builder, c chunk, ids []ident) chunk {
	_, depths := b.chunkIdents()
	for j, id := range ids {
		if w := string(b.text(id)); (w == "def" || w == "class") && depths[j] == 0 && j+1 < len(ids) {
			c.kind = decl
			c.decls = []name{nameOf(b.text(ids[j+1]))}
			return c
		}
	}
	c.kind = stmt
	return c
}
