//go:build cgo

package jsts

import (
	"bytes"
	"strings"
)

// block is one region of a file parsed as JavaScript or TypeScript: the
// whole file for .js/.ts, a <script> element's content or the frontmatter of
// an .astro file. Offsets are bytes into the file, so positions in the tree
// are positions in the file.
type block struct {
	start, end int
	gram       grammarID
	client     bool // runs in the browser
}

// scriptBlocks finds the script regions of an HTML-like component file:
// every <script> element outside HTML comments whose type is JavaScript
// (not JSON, import maps or templates), and for .astro the leading `---`
// frontmatter, which runs on the server. defaultTS makes untyped scripts
// TypeScript (Astro compiles every script as TS).
func scriptBlocks(data []byte, astro bool) []block {
	var out []block
	pos := 0
	if astro {
		if b, end, ok := frontmatter(data); ok {
			out = append(out, b)
			pos = end
		}
	}
	for pos < len(data) {
		rest := data[pos:]
		open := indexFold(rest, "<script")
		if open < 0 {
			break
		}
		if c := bytes.Index(rest, []byte("<!--")); c >= 0 && c < open {
			end := bytes.Index(rest[c+4:], []byte("-->"))
			if end < 0 {
				break
			}
			pos += c + 4 + end + 3
			continue
		}
		tagStart := pos + open
		after := tagStart + len("<script")
		// `<scripts>` or `<script-foo>` is another element.
		if after < len(data) && !isSpace(data[after]) && data[after] != '>' && data[after] != '/' {
			pos = after
			continue
		}
		gt := tagEnd(data[after:])
		if gt < 0 { // an unclosed quote: read the tag as plain text
			gt = bytes.IndexByte(data[after:], '>')
		}
		if gt < 0 {
			break
		}
		attrs := string(data[after : after+gt])
		contentStart := after + gt + 1
		if strings.HasSuffix(strings.TrimSpace(attrs), "/") { // <script src="…" />
			pos = contentStart
			continue
		}
		close := indexFold(data[contentStart:], "</script")
		contentEnd := len(data)
		if close >= 0 {
			contentEnd = contentStart + close
		}
		pos = contentEnd
		g, ok := scriptGrammar(attrs, astro)
		if !ok || contentEnd <= contentStart {
			continue
		}
		out = append(out, block{start: contentStart, end: contentEnd, gram: g, client: true})
	}
	return out
}

// tagEnd returns the offset of the '>' that closes a tag whose attributes
// start s, skipping quoted attribute values: Svelte 5's
// `generics="T extends Record<string, unknown>"` and Vue's `generic="…"`
// hold '>' characters. -1 when the tag does not close.
func tagEnd(s []byte) int {
	var q byte
	for i, c := range s {
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			if i > 0 && (s[i-1] == '=' || isSpace(s[i-1])) {
				q = c
			}
		case c == '>':
			return i
		}
	}
	return -1
}

// frontmatter returns the server-side code block between the leading `---`
// lines of an .astro file, and the offset after the closing fence.
func frontmatter(data []byte) (block, int, bool) {
	i := 0
	for i < len(data) && (isSpace(data[i])) {
		i++
	}
	if !bytes.HasPrefix(data[i:], []byte("---")) {
		return block{}, 0, false
	}
	nl := bytes.IndexByte(data[i:], '\n')
	if nl < 0 {
		return block{}, 0, false
	}
	start := i + nl + 1
	for j := start; j < len(data); {
		e := bytes.IndexByte(data[j:], '\n')
		line := data[j:]
		if e >= 0 {
			line = data[j : j+e]
		}
		if strings.TrimRight(string(line), " \t\r") == "---" {
			return block{start: start, end: j, gram: gTS}, j + len(line), true
		}
		if e < 0 {
			break
		}
		j += e + 1
	}
	return block{}, 0, false
}

// scriptGrammar reads a <script> tag's attributes: lang="ts"/"tsx" and the
// MIME type. Non-JavaScript types (JSON, import maps, templates) are skipped.
func scriptGrammar(attrs string, astro bool) (grammarID, bool) {
	g := gJS
	if astro {
		g = gTS
	}
	lang := strings.ToLower(attrValue(attrs, "lang"))
	switch lang {
	case "ts", "typescript":
		g = gTS
	case "tsx":
		g = gTSX
	case "", "js", "javascript", "jsx":
	default:
		return 0, false // coffee, pug…
	}
	switch t := strings.ToLower(attrValue(attrs, "type")); t {
	case "", "module", "text/javascript", "application/javascript", "text/babel", "text/jsx", "module/javascript":
	case "text/typescript", "application/typescript":
		g = gTS
	default:
		return 0, false
	}
	return g, true
}

// attrValue returns the value of attribute name in a tag's attribute text
// ("" when absent or valueless).
func attrValue(attrs, name string) string {
	lower := strings.ToLower(attrs)
	for i := 0; ; {
		j := strings.Index(lower[i:], name)
		if j < 0 {
			return ""
		}
		j += i
		before := j == 0 || isSpace(lower[j-1])
		k := j + len(name)
		for k < len(lower) && isSpace(lower[k]) {
			k++
		}
		if !before || k >= len(lower) || lower[k] != '=' {
			i = j + len(name)
			continue
		}
		k++
		for k < len(lower) && isSpace(lower[k]) {
			k++
		}
		if k >= len(attrs) {
			return ""
		}
		if q := attrs[k]; q == '"' || q == '\'' {
			e := strings.IndexByte(attrs[k+1:], q)
			if e < 0 {
				return attrs[k+1:]
			}
			return attrs[k+1 : k+1+e]
		}
		e := k
		for e < len(attrs) && !isSpace(attrs[e]) {
			e++
		}
		return attrs[k:e]
	}
}

// indexFold is bytes.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s []byte, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+n > len(s) {
			return -1
		}
		ok := true
		for k := 1; k < n; k++ {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[k] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
