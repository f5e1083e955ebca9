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
// keeps its natural width in this pass) but not below its longest word,
// then down to its longest word, then down to minColumn or its title's
// width: a word is broken only when the line cannot fit otherwise.
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
	words := make([]int, len(ws))
	for j := range ws {
		hard[j] = min(hard[j], ws[j])
		words[j] = hard[j]
		for _, row := range cells {
			if j < len(row) {
				words[j] = max(words[j], min(longestWord(row[j]), ws[j]))
			}
		}
		firm[j] = ws[j]
		if soft[j] > 0 {
			firm[j] = max(min(soft[j], ws[j]), words[j])
		}
	}
	for _, floor := range [][]int{firm, words, hard} {
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
// space (which it drops), after a "/" or ",", before a "(", and inside a
// word only when the word is longer than the column.
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
		if len(cut) < len(s) && s[len(cut)] != ' ' && s[len(cut)] != '(' {
			if i := breakAt(cut); i > 0 {
				cut = cut[:i]
			}
		}
		lines = append(lines, strings.TrimRight(cut, " "))
		s = strings.TrimLeft(s[len(cut):], " ")
	}
	return lines
}

// breakAt returns the length of the longest prefix of cut that ends at a
// break opportunity (after a space, "/" or ",", before a "("), or 0.
func breakAt(cut string) int {
	i := strings.LastIndexAny(cut, " /,") + 1
	if j := strings.LastIndexByte(cut, '('); j > 0 && j > i {
		i = j
	}
	return i
}

// longestWord returns the display width of the widest piece of s between
// break opportunities (wrapCell's): what a column needs so that no word
// of s is broken.
func longestWord(s string) int {
	w, start := 0, 0
	for i := 0; i <= len(s); i++ {
		end := i == len(s)
		if !end && i > start && s[i] == '(' {
			w = max(w, runewidth.StringWidth(strings.TrimRight(s[start:i], " ")))
			start = i
		}
		if end || s[i] == ' ' || s[i] == '/' || s[i] == ',' {
			j := i
			if !end && s[i] != ' ' {
				j = i + 1
			}
			w = max(w, runewidth.StringWidth(s[start:j]))
			start = i + 1
		}
	}
	return w
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
