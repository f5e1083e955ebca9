package report

import (
	"fmt"
	"io"
	"slices"
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
// two spaces between them fit in width. It starts from the natural widths
// and narrows the widest column one at a time while the line is too long:
// first down to each column's soft floor (soft[j]; 0 means the column
// keeps its natural width in this pass), then down to minColumn or its
// title's width.
func columnWidths(titles []string, cells [][]string, soft []int, indent, width int) []int {
	ws := make([]int, len(titles))
	hard := make([]int, len(titles))
	for j, t := range titles {
		ws[j] = runewidth.StringWidth(t)
		hard[j] = max(ws[j], minColumn)
	}
	for _, row := range cells {
		for j, c := range row {
			ws[j] = max(ws[j], runewidth.StringWidth(c))
		}
	}
	total := indent + 2*(len(ws)-1)
	for _, w := range ws {
		total += w
	}
	firm := make([]int, len(ws))
	for j := range ws {
		hard[j] = min(hard[j], ws[j])
		firm[j] = ws[j]
		if soft[j] > 0 {
			firm[j] = max(min(soft[j], ws[j]), hard[j])
		}
	}
	for _, floor := range [][]int{firm, hard} {
		for ; total > width; total-- {
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
	}
	return ws
}

// maxCellLines is how many lines a wrapped cell takes at most.
const maxCellLines = 3

// wrapCell breaks s into lines of at most width display columns: at a
// space (which it drops), after a "/" or ",", else anywhere.
func wrapCell(s string, width int) []string {
	var lines []string
	for s != "" {
		if runewidth.StringWidth(s) <= width {
			lines = append(lines, s)
			break
		}
		cut := runewidth.Truncate(s, width, "")
		if cut == "" { // a first rune wider than the column
			cut = string([]rune(s)[:1])
		}
		if i := strings.LastIndexAny(cut, " /,"); i > 0 {
			cut = cut[:i+1]
		}
		lines = append(lines, strings.TrimRight(cut, " "))
		s = strings.TrimLeft(s[len(cut):], " ")
	}
	return lines
}

// clipLines keeps at most maxCellLines of a wrapped cell: the first ones,
// the last ending with "…", or with fromEnd the last ones, the first
// starting with "…" (a location keeps its file name and line).
func clipLines(lines []string, width int, fromEnd bool) []string {
	if len(lines) <= maxCellLines {
		return lines
	}
	if fromEnd {
		out := slices.Clone(lines[len(lines)-maxCellLines:])
		out[0] = fitLeft("…"+out[0], width)
		return out
	}
	out := slices.Clone(lines[:maxCellLines])
	out[maxCellLines-1] = fitWidth(out[maxCellLines-1]+" …", width)
	return out
}

// writeRow writes one table row in the columns ws: each line starts with
// indent, columns are two spaces apart, cells wrap onto at most
// maxCellLines lines (the column given by left is clipped from the start,
// so a location keeps its line number) and no line is wider than width.
// Cells must already be sanitized.
func writeRow(w io.Writer, indent string, row []string, ws []int, left, width int, paint func(string) string) {
	cells := make([][]string, len(row))
	n := 1
	for j, c := range row {
		cells[j] = clipLines(wrapCell(c, ws[j]), ws[j], j == left)
		n = max(n, len(cells[j]))
	}
	for i := range n {
		var b strings.Builder
		b.WriteString(indent)
		for j := range row {
			c := ""
			if i < len(cells[j]) {
				c = cells[j][i]
			}
			b.WriteString(c)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", max(ws[j]-runewidth.StringWidth(c), 0)+2))
			}
		}
		fmt.Fprintln(w, paint(fitWidth(strings.TrimRight(b.String(), " "), width)))
	}
}
