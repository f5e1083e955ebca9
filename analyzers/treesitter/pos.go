//go:build cgo

package treesitter

import (
	"bytes"
	"sort"

	ts "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
)

// Lines indexes the line starts of a source so that byte offsets convert to
// positions. Lines are separated by '\n' (as tree-sitter counts rows);
// columns count UTF-8 bytes.
type Lines struct {
	starts []int // byte offset of each line start
	bom    int   // bytes before the source, added to first-line columns
}

// NewLines indexes src. bom is the number of bytes the file has before src
// (a UTF-8 byte order mark the parser was not given): they are added to the
// columns of the first line, so that positions count from the file's first
// byte. Pass 0 when src is the whole file.
func NewLines(src []byte, bom int) *Lines {
	l := &Lines{starts: []int{0}, bom: bom}
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return l
		}
		off += i + 1
		l.starts = append(l.starts, off)
	}
}

// line returns the 0-based line holding byte offset off (clamped to 0).
func (l *Lines) line(off int) int {
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
}

// Point converts byte offset off in src to a tree-sitter point: 0-based row
// and byte column, without the BOM (the parser's coordinates).
func (l *Lines) Point(off int) ts.Point {
	off = max(off, 0)
	i := l.line(off)
	return ts.Point{Row: uint(i), Column: uint(off - l.starts[i])}
}

// Pos converts byte offset off in src to a 1-based file position (line, and
// column in UTF-8 bytes from the file's first byte). Negative offsets count
// as 0; offsets past the end extend the last line.
func (l *Lines) Pos(off int) facts.Pos {
	return PointPos(l.Point(off), l.bom)
}

// End is the 1-based file position of the last byte of src[start:end], or
// of start when the range is empty.
func (l *Lines) End(start, end int) facts.Pos {
	if end > start {
		return l.Pos(end - 1)
	}
	return l.Pos(start)
}

// PointPos converts a tree-sitter point (0-based row, byte column) to a
// 1-based file position; bom is added to columns on the first row (see
// NewLines).
func PointPos(p ts.Point, bom int) facts.Pos {
	col := int(p.Column) + 1
	if p.Row == 0 {
		col += bom
	}
	return facts.Pos{Line: int(p.Row) + 1, Col: col}
}
