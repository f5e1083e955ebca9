package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/upscan/upscan/report"
	"github.com/upscan/upscan/rules"
)

func newExplainCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule (by ID or name): why it matters, how to fix it, examples",
		Example: `  upscan explain UPS401
  upscan explain endpoint-without-rate-limit`,
		Args: exactlyOne("rule ID or name", "upscan explain UPS401"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := lookupRule("explain: unknown rule", args[0])
			if err != nil {
				return err
			}
			color, err := useColor(colorFlag(cmd), stdout, false)
			if err != nil {
				return err
			}
			return writeExplain(stdout, r, textStyle{color: color, width: outputWidth(stdout)})
		},
	}
}

// textStyle is how a terminal text is rendered: ANSI styles or none, and
// the width prose wraps at.
type textStyle struct {
	color bool
	width int
}

// Style markers in text before wrapping: zero display width, replaced by
// ANSI sequences (or nothing) once the lines are cut.
const (
	markBold = "\x01"
	markCode = "\x02"
	markEnd  = "\x03"
)

func (s textStyle) finish(line string) string {
	if !s.color {
		return strings.NewReplacer(markBold, "", markCode, "", markEnd, "").Replace(line)
	}
	return strings.NewReplacer(markBold, "\x1b[1m", markCode, "\x1b[36m", markEnd, "\x1b[0m").Replace(line)
}

// writeExplain renders a rule for reading in a terminal: its heading and
// metadata, its help as wrapped paragraphs (markdown markers rendered or
// dropped, never printed raw) and its examples as indented code.
func writeExplain(w io.Writer, r *rules.Rule, st textStyle) error {
	var b strings.Builder
	para := func(text string) {
		for _, line := range wrapStyled(text, st.width) {
			b.WriteString(st.finish(line) + "\n")
		}
	}
	para(markBold + string(r.ID) + " " + r.Name + markEnd + " (" + r.Severity.String() + ")")
	para(r.Short + ".")
	b.WriteString("\n")
	if r.Practice > 0 {
		para(fmt.Sprintf("Upstash best practice #%d: %s", r.Practice, rules.Practices[r.Practice]))
	}
	if len(r.CWE) > 0 {
		para("CWE: " + cweList(r.CWE))
	}
	if r.Precision != "" {
		para("Precision: " + string(r.Precision) + " (" + r.PrecisionWhy + ")")
	}
	renderMarkdown(&b, r.Help, st)
	for _, ex := range []struct {
		title string
		list  []rules.Example
	}{{"Flagged", r.Bad}, {"Not flagged", r.Good}} {
		for _, e := range ex.list {
			b.WriteString("\n")
			para(markBold + ex.title + markEnd + " (" + report.Sanitize(e.Path) + "):")
			b.WriteString("\n")
			writeCode(&b, e.Content)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// codeIndent indents code blocks and examples.
const codeIndent = "    "

// writeCode writes code indented, line by line, unwrapped.
func writeCode(b *strings.Builder, code string) {
	for _, line := range strings.Split(strings.TrimRight(code, "\n"), "\n") {
		line = strings.ReplaceAll(line, "\t", "    ")
		b.WriteString(strings.TrimRight(codeIndent+report.Sanitize(line), " ") + "\n")
	}
}

// renderMarkdown writes the catalogue's help markdown as terminal text:
// paragraphs wrapped to the width, headings in bold without their #, list
// items with a hanging indent, fenced code indented without its fences,
// **bold** and `code` styled (or plain), links as "text (url)".
func renderMarkdown(b *strings.Builder, md string, st textStyle) {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(md), "\r\n", "\n"), "\n")
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		text := strings.Join(para, " ")
		para = nil
		prefix, rest := "", ""
		switch {
		case strings.HasPrefix(text, "- "), strings.HasPrefix(text, "* "):
			prefix = "  • "
			text = text[2:]
		case orderedItem.MatchString(text):
			m := orderedItem.FindString(text)
			prefix = "  " + m
			text = text[len(m):]
		}
		rest = strings.Repeat(" ", runewidth.StringWidth(prefix))
		for i, line := range wrapStyled(inlineMarkdown(text), st.width-len(rest)) {
			p := prefix
			if i > 0 {
				p = rest
			}
			b.WriteString(st.finish(p+line) + "\n")
		}
	}
	b.WriteString("\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flush()
			fence := trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			writeCode(b, strings.Join(code, "\n"))
		case trimmed == "":
			flush()
			b.WriteString("\n")
		case strings.HasPrefix(trimmed, "#"):
			flush()
			heading := strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			for _, l := range wrapStyled(markBold+inlineMarkdown(heading)+markEnd, st.width) {
				b.WriteString(st.finish(l) + "\n")
			}
		case strings.HasPrefix(trimmed, "- "), strings.HasPrefix(trimmed, "* "), orderedItem.MatchString(trimmed):
			flush()
			para = append(para, trimmed)
		default:
			para = append(para, trimmed)
		}
	}
	flush()
}

var (
	orderedItem = regexp.MustCompile(`^[0-9]+\. `)
	mdLink      = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdBold      = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdCode      = regexp.MustCompile("`([^`]+)`")
)

// inlineMarkdown replaces inline markdown with style markers: code spans
// first (their content is literal), then bold and links.
func inlineMarkdown(s string) string {
	s = report.Sanitize(s)
	var spans []string
	s = mdCode.ReplaceAllStringFunc(s, func(m string) string {
		spans = append(spans, m[1:len(m)-1])
		return fmt.Sprintf("\x04%d\x04", len(spans)-1)
	})
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdBold.ReplaceAllString(s, markBold+"$1"+markEnd)
	for i, c := range spans {
		s = strings.Replace(s, fmt.Sprintf("\x04%d\x04", i), markCode+c+markEnd, 1)
	}
	return s
}

// wrapStyled breaks s at spaces into lines of at most width display
// columns, not counting style markers; a longer word stays whole on its
// own line.
func wrapStyled(s string, width int) []string {
	width = max(width, 20)
	var lines []string
	line, lineW := "", 0
	for _, word := range strings.Fields(s) {
		ww := runewidth.StringWidth(stripMarks(word))
		switch {
		case line == "":
			line, lineW = word, ww
		case lineW+1+ww <= width:
			line, lineW = line+" "+word, lineW+1+ww
		default:
			lines = append(lines, line)
			line, lineW = word, ww
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// stripMarks removes the style markers from s.
func stripMarks(s string) string {
	return strings.NewReplacer(markBold, "", markCode, "", markEnd, "").Replace(s)
}
