//go:build cgo

package jsts

// Type arguments on tagged templates (`` prisma.$queryRaw<User[]>`SELECT …` ``,
// `` sql<Row>`…` ``) are TypeScript the tree-sitter grammar does not know:
// it reads them as comparisons and the error swallows the statement and
// what follows. blankTaggedTypeArgs overwrites such type arguments with
// spaces before the parse, so the template parses as an ordinary tagged
// template and every position in the file stays where it was.

// maxTypeArgs bounds the length of type arguments blanked before a template.
const maxTypeArgs = 512

// blankTaggedTypeArgs returns src with the type arguments of every tagged
// template in src[start:end] replaced by spaces (newlines kept), and
// whether it changed anything. src itself is never modified; the copy is
// made on the first change.
func blankTaggedTypeArgs(src []byte, start, end int) ([]byte, bool) {
	out := src
	changed := false
	// A small lexer: code, strings, comments and templates (with ${}
	// nesting), so that a backtick is known to open a template in code.
	const (
		code = iota
		lineComment
		blockComment
		quote
		template
	)
	state := code
	var q byte
	var braces []int // per open ${: the brace depth of code inside it
	depth := 0
	for i := start; i < end; i++ {
		c := src[i]
		switch state {
		case lineComment:
			if c == '\n' {
				state = code
			}
		case blockComment:
			if c == '*' && i+1 < end && src[i+1] == '/' {
				state = code
				i++
			}
		case quote:
			switch c {
			case '\\':
				i++
			case q, '\n':
				state = code
			}
		case template:
			switch {
			case c == '\\':
				i++
			case c == '`':
				state = code
			case c == '$' && i+1 < end && src[i+1] == '{':
				braces = append(braces, depth)
				depth = 0
				state = code
				i++
			}
		default:
			switch c {
			case '/':
				if i+1 < end && src[i+1] == '/' {
					state = lineComment
				} else if i+1 < end && src[i+1] == '*' {
					state = blockComment
					i++
				}
			case '\'', '"':
				state, q = quote, c
			case '{':
				depth++
			case '}':
				if depth == 0 && len(braces) > 0 {
					depth = braces[len(braces)-1]
					braces = braces[:len(braces)-1]
					state = template
				} else if depth > 0 {
					depth--
				}
			case '`':
				if lt, gt, ok := typeArgsBefore(src, start, i); ok {
					if !changed {
						out = append([]byte(nil), src...)
						changed = true
					}
					for k := lt; k <= gt; k++ {
						if out[k] != '\n' && out[k] != '\r' {
							out[k] = ' '
						}
					}
				}
				state = template
			}
		}
	}
	return out, changed
}

// typeArgsBefore finds `<…>` right before the backtick at tick (spaces
// allowed between), directly after an identifier character: the offsets of
// '<' and '>'.
func typeArgsBefore(src []byte, start, tick int) (int, int, bool) {
	gt := tick - 1
	for gt >= start && (src[gt] == ' ' || src[gt] == '\t') {
		gt--
	}
	if gt < start || src[gt] != '>' || gt > 0 && src[gt-1] == '=' {
		return 0, 0, false
	}
	nest := 0
	for k := gt; k >= start && gt-k <= maxTypeArgs; k-- {
		switch src[k] {
		case '>':
			if k > start && src[k-1] == '=' { // an arrow in a function type
				continue
			}
			nest++
		case '<':
			nest--
			if nest == 0 {
				if k > start && identByte(src[k-1]) {
					return k, gt, true
				}
				return 0, 0, false
			}
		case '`', ';':
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// identByte reports whether c may end an identifier (ASCII).
func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
