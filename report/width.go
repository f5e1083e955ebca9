package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// DefaultWidth is the text format's line width when the output is not a
// terminal (a file, a pipe, a CI log).
const DefaultWidth = 100

// minColumn is the narrowest a table column is squeezed to.
const minColumn = 8

// textWidth is the line width the text format fits its tables in:
// Options.Width, or DefaultWidth when it is not set.
func textWidth(opt Options) int {
	if opt.Width > 0 {
		return opt.Width
	}
	return DefaultWidth
}

// fitWidth cuts s to at most width display columns, ending it with "…"
// when it was cut.
func fitWidth(s string, width int) string {
	if runewidth.StringWidth(s) <= width {
		return s
	}
	return runewidth.Truncate(s, max(width, 1), "…")
}

// fitLeft cuts s to at most width display columns from the left, starting
// it with "…": a location keeps its file name and line.
func fitLeft(s string, width int) string {
	if runewidth.StringWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	w := 1 // the "…"
	i := len(rs)
	for i > 0 && w+runewidth.RuneWidth(rs[i-1]) <= width {
		i--
		w += runewidth.RuneWidth(rs[i])
	}
	return "…" + string(rs[i:])
}

// columnWidths returns each column's width so that indent, the columns and
// two spaces between them fit in width: the natural widths, with the widest
// column narrowed one column at a time while the line is too long (never
// below minColumn or its title).
func columnWidths(titles []string, cells [][]string, indent, width int) []int {
	ws := make([]int, len(titles))
	floor := make([]int, len(titles))
	for j, t := range titles {
		ws[j] = runewidth.StringWidth(t)
		floor[j] = max(ws[j], minColumn)
	}
	for _, row := range cells {
		for j, c := range row {
			ws[j] = max(ws[j], runewidth.StringWidth(c))
		}
	}
	for j := range ws {
		floor[j] = min(floor[j], ws[j])
	}
	total := func() int {
		n := indent + 2*(len(ws)-1)
		for _, w := range ws {
			n += w
		}
		return n
	}
	for over := total() - width; over > 0; over-- {
		widest := -1
		for j, w := range ws {
			if w > floor[j] && (widest < 0 || w > ws[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			break
		}
		ws[widest]--
	}
	return ws
}

// writeColumns writes a plain table: a title line and one line per row,
// each starting with indent, columns two spaces apart, every line within
// width display columns. A cell too wide for its column is cut with "…";
// the second column (a location) is cut from the left so its line number
// stays. Cells must already be sanitized.
func writeColumns(w io.Writer, indent string, titles []string, cells [][]string, width int, p painter) {
	ws := columnWidths(titles, cells, len(indent), width)
	line := func(row []string, title bool) {
		var b strings.Builder
		b.WriteString(indent)
		for j, c := range row {
			if j == 1 {
				c = fitLeft(c, ws[j])
			} else {
				c = fitWidth(c, ws[j])
			}
			if j < len(row)-1 {
				c += strings.Repeat(" ", ws[j]-runewidth.StringWidth(c)+2)
			}
			b.WriteString(c)
		}
		s := fitWidth(strings.TrimRight(b.String(), " "), width)
		if title {
			s = p.paint(ansiDim, s)
		}
		fmt.Fprintln(w, s)
	}
	line(titles, true)
	for _, row := range cells {
		line(row, false)
	}
}
