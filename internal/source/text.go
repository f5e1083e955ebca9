package source

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is how a file's bytes were turned into the UTF-8 text in
// File.Data.
type Encoding uint8

const (
	// UTF8 is UTF-8 (or any ASCII-compatible bytes), read as is.
	UTF8 Encoding = iota
	// UTF16LE is UTF-16, little-endian: with a byte order mark FF FE, or
	// without one when the bytes look like text with a NUL high byte in
	// each unit, which is what Windows PowerShell 5 writes with `>`.
	UTF16LE
	// UTF16BE is UTF-16, big-endian: with a byte order mark FE FF, or
	// without one as for UTF16LE.
	UTF16BE
)

// String returns "utf-8", "utf-16le" or "utf-16be".
func (e Encoding) String() string {
	switch e {
	case UTF16LE:
		return "utf-16le"
	case UTF16BE:
		return "utf-16be"
	}
	return "utf-8"
}

// sniffUTF16 reports how the head of a file (its first 8000 bytes or fewer)
// is encoded when it is UTF-16, and ok=false when it is not: a byte order
// mark decides; without one, the head must hold at least two UTF-16 code
// units, none of them U+0000 or a C0 control other than tab, line feed,
// vertical tab, form feed, carriage return and escape, surrogates must
// pair, and at least half the units must lie below U+0100 (ASCII and
// Latin-1 text, whose high bytes are the NULs that make the file look
// binary). A file with a byte order mark is rejected only when a unit in
// its head is U+0000 (UTF-32, or binary data that starts like a mark).
func sniffUTF16(head []byte) (enc Encoding, ok bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, !hasNULUnit(head[2:], UTF16LE)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, !hasNULUnit(head[2:], UTF16BE)
	}
	if len(head) > binarySniffLen {
		head = head[:binarySniffLen]
	}
	for _, enc := range []Encoding{UTF16LE, UTF16BE} {
		if looksUTF16(head, enc) {
			return enc, true
		}
	}
	return UTF8, false
}

// unit returns the i-th UTF-16 code unit of b.
func unit(b []byte, i int, enc Encoding) uint16 {
	if enc == UTF16BE {
		return uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return uint16(b[2*i]) | uint16(b[2*i+1])<<8
}

// hasNULUnit reports whether a U+0000 unit lies in the first 8000 bytes of b.
func hasNULUnit(b []byte, enc Encoding) bool {
	n := min(len(b), binarySniffLen) / 2
	for i := range n {
		if unit(b, i, enc) == 0 {
			return true
		}
	}
	return false
}

// looksUTF16 applies sniffUTF16's test for a head without a byte order mark.
func looksUTF16(head []byte, enc Encoding) bool {
	n := len(head) / 2
	if n < 2 {
		return false
	}
	low := 0
	for i := 0; i < n; i++ {
		u := unit(head, i, enc)
		switch {
		case u == 0:
			return false
		case u < 0x20 && u != '\t' && u != '\n' && u != '\v' && u != '\f' && u != '\r' && u != 0x1B:
			return false
		case utf16.IsSurrogate(rune(u)):
			if u >= 0xDC00 { // a low surrogate first
				return false
			}
			if i+1 == n {
				break // cut by the end of the head
			}
			i++
			if l := unit(head, i, enc); l < 0xDC00 || l > 0xDFFF {
				return false
			}
		case u < 0x100:
			low++
		}
	}
	return 2*low >= n
}

// decodeUTF16 returns data (including any byte order mark, which is
// dropped) as UTF-8. Unpaired surrogates and an odd last byte become
// U+FFFD.
func decodeUTF16(data []byte, enc Encoding) []byte {
	if len(data) >= 2 && ((enc == UTF16LE && data[0] == 0xFF && data[1] == 0xFE) || (enc == UTF16BE && data[0] == 0xFE && data[1] == 0xFF)) {
		data = data[2:]
	}
	n := len(data) / 2
	units := make([]uint16, n)
	for i := range n {
		units[i] = unit(data, i, enc)
	}
	out := make([]byte, 0, n+n/2+3)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	if len(data)%2 == 1 {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// crToLF replaces each lone carriage return (one not followed by a line
// feed: the classic Mac OS line end) with a line feed, in place, and
// reports whether it replaced any. Byte offsets do not move; line numbers
// then count lone CRs as line ends, as editors and SARIF (§3.30.2) do.
// CRLF line ends are left alone.
func crToLF(data []byte) bool {
	changed := false
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 == len(data) || data[i+1] != '\n' {
			data[i] = '\n'
			changed = true
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return changed
}

// textOf turns the bytes of a file into the text the analyzers read: UTF-16
// is decoded to UTF-8 (sniffUTF16) and lone carriage returns become line
// feeds (crToLF). data may be modified and returned. binary reports a file
// that is neither (IsBinary, and not UTF-16); relined reports that line
// numbers in the text differ from those git counts (UTF-16, whose line ends
// git does not see as text, or lone CRs), so line ranges from git do not
// apply to it.
func textOf(data []byte) (text []byte, enc Encoding, relined, binary bool) {
	if looksBinary(data) {
		e, ok := sniffUTF16(data)
		if !ok {
			return nil, UTF8, false, true
		}
		text = decodeUTF16(data, e)
		crToLF(text)
		return text, e, true, false
	}
	return data, UTF8, crToLF(data), false
}

// looksBinary reports whether data needs a closer look than UTF-8 text: it
// starts with a UTF-16 byte order mark (never valid UTF-8) or IsBinary.
func looksBinary(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || IsBinary(data)
}

// binaryHead reports whether the head of a file (its first 8000 bytes)
// shows it is binary: looksBinary and not UTF-16.
func binaryHead(head []byte) bool {
	if !looksBinary(head) {
		return false
	}
	_, ok := sniffUTF16(head)
	return !ok
}
