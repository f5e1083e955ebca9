package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/upscan/upscan/rules"
)

// githubCommand maps a severity to a GitHub Actions annotation command:
// critical and high are "error", medium "warning", low and info "notice".
func githubCommand(s rules.Severity) string {
	switch {
	case s >= rules.High:
		return "error"
	case s == rules.Medium:
		return "warning"
	default:
		return "notice"
	}
}

// githubData escapes a workflow command's message the way the Actions runner
// decodes it: % → %25, CR → %0D, LF → %0A. Other control characters are
// rendered as Go escapes so they cannot reach the log as raw bytes.
func githubData(s string) string {
	return sanitize(githubDataEscaper.Replace(s))
}

// The escapers for workflow command data and property values.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubProperty escapes a workflow command property value: as githubData,
// plus : → %3A and , → %2C.
func githubProperty(s string) string {
	return sanitize(githubPropertyEscaper.Replace(s))
}

// writeGitHub renders one workflow command per finding
// (::error file=…,line=…,col=…,endLine=…,endColumn=…,title=UPS101 name::message),
// one ::error:: per runtime error, one ::warning:: per note and one
// ::notice:: counting skipped files.
// Lines and columns are 1-based; endColumn is inclusive, as in upscan.
func writeGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range sortedFindings(r.Findings) {
		var props []string
		if f.Path != "" {
			props = append(props, "file="+githubProperty(f.Path))
		}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Col))
			}
			if f.EndLine >= f.Line {
				props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
				if f.EndCol > 0 {
					props = append(props, fmt.Sprintf("endColumn=%d", f.EndCol))
				}
			}
		}
		props = append(props, "title="+githubProperty(ruleTitle(f.RuleID)))

		msg := messageWithID(f)
		if v := verificationText(f.Verification); v != "" {
			msg += " (" + v + ")"
		}
		if !f.Secret.IsZero() {
			msg += "\nsecret: " + f.Secret.String()
		}
		if c := commitText(f.Commit); c != "" {
			msg += "\n" + c
		}
		for _, rel := range f.Related {
			msg += "\nrelated: " + location(cmp.Or(rel.Path, f.Path), rel.Line, rel.Col)
			if rel.Message != "" {
				msg += " " + rel.Message
			}
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), githubData(msg))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(bw, "::error title=upscan::%s\n", githubData("upscan could not scan "+problemText(e)+"; the scan is incomplete"))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "::warning title=upscan::%s\n", githubData(n))
	}
	if n := len(r.Skipped); n > 0 {
		first := r.Skipped[0]
		msg := fmt.Sprintf("upscan skipped %s, the first: %s", plural(n, "file"), problemText(first))
		if n == 1 {
			msg = "upscan skipped " + problemText(first)
		}
		fmt.Fprintf(bw, "::notice title=upscan::%s\n", githubData(msg))
	}
	return bw.Flush()
}

// problemText renders a problem as "path: message" without sanitising; the
// caller escapes it for its format.
func problemText(pr Problem) string {
	switch {
	case pr.Path == "":
		return pr.Message
	case pr.Message == "":
		return pr.Path
	default:
		return pr.Path + ": " + pr.Message
	}
}
