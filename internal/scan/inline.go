package scan

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/upscan/upscan/rules"
)

// unusedIgnoreRule is reported for an inline ignore that suppressed nothing.
const unusedIgnoreRule = rules.UnusedIgnore

// directiveRE finds `upscan:ignore [IDs] [-- reason]` after a comment marker of
// any common syntax (//, #, /*, <!--, --, ;, *, ').
var directiveRE = regexp.MustCompile(`(?://|#|/\*|<!--|--|;|\*|')\s*upscan:ignore\b([^\n]*)`)

var ruleIDRE = regexp.MustCompile(`(?i)^UPS\d{3}$`)

// directive is one inline ignore comment.
type directive struct {
	line  int      // 1-based
	col   int      // 1-based byte column of "upscan:ignore"
	rules []string // upper-case IDs; empty means every rule
	text  string   // the comment text, for the fingerprint
	used  bool
}

// covers reports whether d suppresses a finding of rule id on line.
func (d *directive) covers(id string, line int) bool {
	if line != d.line && line != d.line+1 {
		return false
	}
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == id {
			return true
		}
	}
	return false
}

// parseDirectives returns the inline ignore comments in data, in line order.
func parseDirectives(data []byte) []*directive {
	if !bytes.Contains(data, []byte("upscan:ignore")) {
		return nil
	}
	var out []*directive
	line, start := 1, 0
	for start <= len(data) {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data) - start
		}
		text := data[start : start+end]
		if m := directiveRE.FindSubmatchIndex(text); m != nil {
			d := &directive{line: line, col: bytes.Index(text, []byte("upscan:ignore")) + 1}
			args := string(text[m[2]:m[3]])
			if i := strings.Index(args, "--"); i >= 0 {
				args = args[:i]
			}
			for _, f := range strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				if ruleIDRE.MatchString(f) {
					d.rules = append(d.rules, strings.ToUpper(f))
				} else {
					break // "*/", "-->" and other trailing comment syntax ends the list
				}
			}
			d.text = strings.TrimSpace(string(text[m[0]:m[1]]))
			out = append(out, d)
		}
		start += end + 1
		line++
	}
	return out
}

// docExtensions are files whose comments show the directive's syntax rather
// than use it: unused directives there are not reported.
var docExtensions = map[string]bool{".md": true, ".mdx": true, ".markdown": true, ".rst": true, ".txt": true, ".adoc": true}

// isDoc reports whether p is a documentation file.
func isDoc(p string) bool { return docExtensions[strings.ToLower(path.Ext(p))] }

// applyInline drops the findings of st that an inline directive covers and,
// when reportUnused, adds an unused-ignore finding for each directive that
// covered nothing although every rule it names ran on the file (ran). It
// returns the remaining findings and how many were suppressed.
func applyInline(st *fileState, ran func(id string) bool, reportUnused bool) ([]rules.Finding, int) {
	if len(st.directives) == 0 {
		return st.findings, 0
	}
	var kept []rules.Finding
	suppressed := 0
	for _, fd := range st.findings {
		hidden := false
		for _, d := range st.directives {
			if d.covers(fd.RuleID, fd.Line) {
				d.used, hidden = true, true
			}
		}
		if hidden {
			suppressed++
		} else {
			kept = append(kept, fd)
		}
	}
	if !reportUnused {
		return kept, suppressed
	}
	for _, d := range st.directives {
		var msg string
		if unknown := slices.DeleteFunc(slices.Clone(d.rules), func(id string) bool { return rules.Lookup(id) != nil }); len(unknown) > 0 {
			msg = fmt.Sprintf("upscan:ignore names %s, which is not an upscan rule (see upscan rules); fix or remove it", strings.Join(unknown, ", "))
		} else if d.used || len(d.rules) == 0 || !allRan(d.rules, ran) {
			continue
		} else {
			msg = fmt.Sprintf("upscan:ignore for %s suppresses nothing on this line or the next; remove it", strings.Join(d.rules, ", "))
		}
		fd := rules.Finding{
			RuleID:   string(unusedIgnoreRule),
			Severity: rules.Get(unusedIgnoreRule).Severity,
			Path:     st.path,
			Line:     d.line,
			Col:      d.col,
			Message:  msg,
		}
		fd.SetKey(d.text)
		kept = append(kept, fd)
	}
	return kept, suppressed
}

func allRan(ids []string, ran func(string) bool) bool {
	for _, id := range ids {
		if !ran(id) {
			return false
		}
	}
	return true
}
