package config

import "fmt"

// Limits of the pre-scan that runs before the TOML decoder. The decoder's
// time grows faster than linearly with the parts of one dotted key and with
// the depth of nested inline tables (8 KB of either takes seconds, 40 KB
// minutes); .upscan.toml needs three levels and two-part keys at most.
const (
	maxKeyParts = 16 // parts of one dotted key: a.b.c is 3
	maxNesting  = 16 // arrays and inline tables inside each other, table headers included
)

// checkShape scans TOML source without decoding it and returns an error
// naming the 1-based line of the first dotted key with more than maxKeyParts
// parts or the first bracket nested deeper than maxNesting. It skips
// comments and the four kinds of strings, and never fails on malformed
// input: the decoder reports that. It reads each byte once.
func checkShape(data []byte) (line int, err error) {
	line = 1
	depth := 0
	parts := 0        // parts of the dotted chain that ends here
	afterDot := false // a '.' continues the chain
	part := func() error {
		if afterDot {
			parts++
		} else {
			parts = 1
		}
		afterDot = false
		if parts > maxKeyParts {
			return fmt.Errorf("a dotted key has more than %d parts", maxKeyParts)
		}
		return nil
	}
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\n':
			line++
			parts, afterDot = 0, false
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			var n int
			i, n = skipString(data, i)
			line += n
			if err := part(); err != nil {
				return line, err
			}
		case isBareKeyByte(c):
			for i < len(data) && isBareKeyByte(data[i]) {
				i++
			}
			if err := part(); err != nil {
				return line, err
			}
		case c == '.':
			if parts > 0 && !afterDot {
				afterDot = true
			} else {
				parts, afterDot = 0, false
			}
			i++
		case c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return line, fmt.Errorf("arrays and tables nested more than %d deep", maxNesting)
			}
			parts, afterDot = 0, false
			i++
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
			parts, afterDot = 0, false
			i++
		default:
			parts, afterDot = 0, false
			i++
		}
	}
	return line, nil
}

// skipString skips the string that starts at data[i] (a quote): basic "…"
// and literal '…' strings end at their quote or the end of the line,
// multi-line ones (three quotes) at their closing three quotes. It
// returns the offset after the string and the line breaks inside it.
func skipString(data []byte, i int) (next, lines int) {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 3
	} else {
		i++
	}
	for i < len(data) {
		c := data[i]
		switch {
		case c == '\\' && q == '"':
			if i+1 < len(data) && data[i+1] == '\n' {
				lines++
			}
			i += 2
			continue
		case c == '\n':
			if !multi {
				return i, lines // unterminated: the decoder says so
			}
			lines++
		case c == q && !multi:
			return i + 1, lines
		case c == q && i+2 < len(data) && data[i+1] == q && data[i+2] == q:
			i += 3
			for i < len(data) && data[i] == q { // up to two quotes may end the content
				i++
			}
			return i, lines
		}
		i++
	}
	return i, lines
}

// isBareKeyByte reports whether c may appear in a bare key (TOML 1.0:
// A-Za-z0-9_-); digits also make up numbers, which count as one part.
func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
