// Package dotenv reads and updates dotenv files (.env, .env.local,
// .dev.vars): KEY=value lines as the dotenv npm package reads them.
package dotenv

import (
	"strings"
)

// Quote is the character that quotes a value in the file, or Unquoted.
type Quote byte

// The ways a value can be written.
const (
	Unquoted Quote = 0
	Single   Quote = '\''
	Double   Quote = '"'
	Backtick Quote = '`'
)

// Entry is one assignment of a dotenv file. Offsets are byte offsets into the
// parsed source; lines and columns are 1-based and columns count bytes.
type Entry struct {
	Name string
	// Value is the value as a program loading the file sees it, before any
	// ${VAR} expansion: without its quotes, with the escapes of a
	// double-quoted value decoded (\n \r \t \" \\ \$ \'), and for an unquoted
	// value without a trailing " # comment" and trailing blanks. A quoted
	// value may span lines.
	Value string
	// Quote is how the value is quoted.
	Quote Quote
	// Export is true when the line starts with "export ".
	Export bool
	// Unterminated marks a quoted value without its closing quote; Value is
	// then the rest of the line after the opening quote.
	Unterminated bool
	// NameOff is the offset of Name.
	NameOff int
	// ValueOff and ValueEnd delimit the value's text in the file, inside any
	// quotes and before escapes are decoded; ValueEnd is exclusive and equal
	// to ValueOff for an empty value.
	ValueOff, ValueEnd int
	// Line is the line of Name; ValueLine and ValueCol are the position of
	// ValueOff.
	Line, ValueLine, ValueCol int
	// Start and End delimit the lines the entry occupies: from the start of
	// its first line to past the newline that ends its last line (or the
	// end of the source). Replacing src[Start:End] replaces the assignment.
	Start, End int
}

// File is a parsed dotenv file.
type File struct {
	// Entries are the assignments in file order, duplicates included.
	Entries []Entry
	// Malformed are the lines, in order, that are neither blank, a comment
	// nor an assignment, and the line of each Unterminated entry.
	Malformed []int
}

// Parse reads a dotenv file: `KEY=value` and `export KEY=value` lines, #
// comments, single-, double- and backtick-quoted values (which may span
// lines; double quotes take \n \t \" \\ escapes) and unquoted values with
// inline ` #` comments. A name starts with a letter or _ and goes on with
// letters, digits, _, . and -. src should not start with a byte order mark.
// Parse never fails: what it cannot read is listed in File.Malformed.
func Parse(src []byte) File {
	var f File
	s := string(src)
	line := 1
	for i := 0; i < len(s); {
		lineEnd := strings.IndexByte(s[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += i
		}
		e, next, ok := parseLine(s, i, lineEnd)
		next = min(next, len(s))
		switch {
		case !ok:
			if strings.TrimSpace(strings.TrimSuffix(s[i:lineEnd], "\r")) != "" {
				f.Malformed = append(f.Malformed, line)
			}
		case e.Name != "":
			e.Start, e.End, e.Line = i, next, line
			e.ValueLine = line + strings.Count(s[i:e.ValueOff], "\n")
			e.ValueCol = e.ValueOff - (strings.LastIndexByte(s[:e.ValueOff], '\n') + 1) + 1
			if e.Unterminated {
				f.Malformed = append(f.Malformed, line)
			}
			f.Entries = append(f.Entries, e)
		}
		line += strings.Count(s[i:next], "\n")
		i = next
	}
	return f
}

// parseLine reads one assignment starting at the line at s[start:end]. It
// returns the entry (Name "" for a blank or comment line), the offset of the
// next line, and false when the line is not an assignment.
func parseLine(s string, start, end int) (Entry, int, bool) {
	i := start
	skipSpace := func() {
		for i < end && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	skipSpace()
	if i >= end || s[i] == '#' || s[i] == '\r' {
		return Entry{}, end + 1, true
	}
	export := false
	if strings.HasPrefix(s[i:end], "export ") || strings.HasPrefix(s[i:end], "export\t") {
		i += len("export")
		export = true
		skipSpace()
	}
	keyOff := i
	for i < end && isNameByte(s[i], i == keyOff) {
		i++
	}
	if i == keyOff {
		return Entry{}, end + 1, false
	}
	e := Entry{Name: s[keyOff:i], NameOff: keyOff, Export: export}
	skipSpace()
	if i >= end || s[i] != '=' {
		return Entry{}, end + 1, false
	}
	i++
	skipSpace()
	if i < end && (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
		q := s[i]
		e.Quote = Quote(q)
		e.ValueOff = i + 1
		j := e.ValueOff
		for j < len(s) && s[j] != q {
			if q == '"' && s[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(s) {
			// Unterminated: the rest of the line is the value.
			e.ValueEnd = e.ValueOff + len(strings.TrimRight(s[e.ValueOff:end], " \t\r"))
			e.Value = s[e.ValueOff:e.ValueEnd]
			e.Unterminated = true
			return e, end + 1, true
		}
		e.ValueEnd = j
		e.Value = s[e.ValueOff:e.ValueEnd]
		if q == '"' {
			e.Value = unescapeDouble(e.Value)
		}
		next := strings.IndexByte(s[j:], '\n')
		if next < 0 {
			return e, len(s), true
		}
		return e, j + next + 1, true
	}
	e.ValueOff = i
	v := s[i:end]
	if k := inlineComment(v); k >= 0 {
		v = v[:k]
	}
	v = strings.TrimRight(v, " \t\r")
	e.ValueEnd = e.ValueOff + len(v)
	e.Value = v
	return e, end + 1, true
}

// isNameByte reports whether c may appear in a variable name at that place.
func isNameByte(c byte, first bool) bool {
	if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' {
		return true
	}
	return !first && (c >= '0' && c <= '9' || c == '.' || c == '-')
}

// inlineComment returns the offset of a # that starts a comment in an
// unquoted value (at the start or after whitespace), or -1.
func inlineComment(v string) int {
	for i := 0; i < len(v); i++ {
		if v[i] == '#' && (i == 0 || v[i-1] == ' ' || v[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// unescapeDouble decodes the escapes dotenv honours in double quotes.
func unescapeDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '"', '\\', '$', '\'':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
