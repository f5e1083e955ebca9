package secrets

import (
	"sort"
	"strings"

	"github.com/upscan/upscan/rules"
)

// unescaped is a file's text with its \u escapes of printable ASCII decoded
// (a token written as "\u0041\u0054…" in a JSON notebook, a JS string or a
// Python literal), and the way back to the original offsets.
type unescaped struct {
	text string
	// from[i] and to[i] are the original byte range [from, to) that
	// text[i] came from: the byte itself, or the whole escape.
	from, to []int
}

// unescapeASCII decodes every \uXXXX escape (also \UXXXX and the doubled
// \\uXXXX of a string inside a JSON string) whose code point is printable
// ASCII (U+0020 to U+007E) and leaves everything else alone, so line breaks
// stay where they were. ok is false when s has no such escape.
func unescapeASCII(s string) (u unescaped, ok bool) {
	if !strings.Contains(s, `\u00`) && !strings.Contains(s, `\U00`) {
		return u, false
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if r, n := asciiEscapeAt(s, i); n > 0 {
			b.WriteByte(r)
			u.from = append(u.from, i)
			u.to = append(u.to, i+n)
			i += n
			ok = true
			continue
		}
		b.WriteByte(s[i])
		u.from = append(u.from, i)
		u.to = append(u.to, i+1)
		i++
	}
	u.text = b.String()
	return u, ok
}

// asciiEscapeAt returns the character an escape at s[i:] stands for and
// the escape's length, or n == 0 when none starts there.
func asciiEscapeAt(s string, i int) (r byte, n int) {
	j := i
	if j+1 < len(s) && s[j] == '\\' && s[j+1] == '\\' {
		j++ // \\u0041
	}
	if j+6 > len(s) || s[j] != '\\' || (s[j+1] != 'u' && s[j+1] != 'U') {
		return 0, 0
	}
	v := 0
	for _, c := range []byte(s[j+2 : j+6]) {
		d := hexDigit(c)
		if d < 0 {
			return 0, 0
		}
		v = v<<4 | d
	}
	if v < 0x20 || v > 0x7E {
		return 0, 0
	}
	return byte(v), j + 6 - i
}

// hexDigit returns the value of a hex digit, or -1.
func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// withEscaped adds to the findings of a file those found only in its
// unescaped text (see unescapeASCII), with their positions moved back to
// the original escapes: a credential found both ways is reported once, at
// its plain position.
func (d *Detector) withEscaped(path, data string, out []rules.Finding) []rules.Finding {
	u, ok := unescapeASCII(data)
	if !ok {
		return out
	}
	extra := d.detectText(path, u.text)
	if len(extra) == 0 {
		return out
	}
	type key struct{ rule, secret string }
	have := map[key]bool{}
	for _, f := range out {
		have[key{f.RuleID, f.Secret.SHA256}] = true
	}
	m := newPositionMap(data, u)
	added := false
	for _, f := range extra {
		if f.Secret.IsZero() || have[key{f.RuleID, f.Secret.SHA256}] {
			continue
		}
		f.Line, f.Col, f.EndLine, f.EndCol = m.span(f.Line, f.Col, f.EndLine, f.EndCol)
		for i := range f.Related {
			r := &f.Related[i]
			if r.Path == "" || r.Path == path {
				r.Line, r.Col, r.EndLine, r.EndCol = m.span(r.Line, r.Col, r.EndLine, r.EndCol)
			}
		}
		out = append(out, f)
		added = true
	}
	if added {
		sort.SliceStable(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	}
	return out
}

// positionMap turns 1-based line and byte column positions in unescaped
// text into positions in the original text.
type positionMap struct {
	u              unescaped
	textStarts     []int // line starts in u.text
	originalStarts []int // line starts in the original
}

func newPositionMap(original string, u unescaped) positionMap {
	return positionMap{u: u, textStarts: lineStartsOf(u.text), originalStarts: lineStartsOf(original)}
}

// span maps a start position and an inclusive end position; a zero end
// stays zero, and an unknown position is returned as is.
func (m positionMap) span(line, col, endLine, endCol int) (int, int, int, int) {
	if off, ok := m.offset(line, col); ok {
		line, col = m.position(m.u.from[off])
	}
	if off, ok := m.offset(endLine, endCol); ok {
		endLine, endCol = m.position(m.u.to[off] - 1)
	}
	return line, col, endLine, endCol
}

// offset returns the byte offset in the unescaped text of a position.
func (m positionMap) offset(line, col int) (int, bool) {
	if line < 1 || line > len(m.textStarts) || col < 1 {
		return 0, false
	}
	off := m.textStarts[line-1] + col - 1
	return off, off < len(m.u.from)
}

// position returns the 1-based line and column of an original offset.
func (m positionMap) position(off int) (int, int) {
	n := sort.SearchInts(m.originalStarts, off+1) // lines starting at or before off
	return n, off - m.originalStarts[n-1] + 1
}
