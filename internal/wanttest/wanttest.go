// Package wanttest checks the findings of a scan against expectations
// written beside the code that should trigger them, in the style of
// golang.org/x/tools/go/analysis/analysistest, for every kind of file
// upscan reads.
//
// An expectation is a comment on the line where a finding is expected,
// naming its rule; several rules are listed one after the other:
//
//	new Redis("redis://fake-otter-12345.upstash.io:6379") // want "UPS301"
//	r = redis.Redis(host=HOST, ssl_cert_reqs=None)  # want "UPS302"
//	NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=… # want "UPS101" "UPS201"
//	<script src="/app.js"></script> <!-- want "UPS204" -->
//
// The comment may start with //, #, /* or <!--: JS/TS and Go use //,
// Python, YAML, TOML and env files use #, HTML uses <!--. JSON has no
// comments; JSON cells use // as the JSONC files upscan reads allow
// (vercel.json, tsconfig.json). A file-level finding (line 0) cannot be
// wanted.
//
// [Diff] compares the set of (file, line, rule) of the findings with the
// set of expectations: every finding must be wanted and every want found.
// [Check] reports the differences on a testing.TB. A [Runner] produces the
// findings, so the same expectations serve the whole scanner
// (internal/scan.Run over a directory, as the CLI runs) and a single
// analyzer's tests.
package wanttest

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

// Key is one expected or reported finding: where, and which rule.
type Key struct {
	Path string // slash-separated, relative to the directory checked
	Line int    // 1-based
	Rule string // "UPS301"
}

// String formats k as path:line: rule.
func (k Key) String() string { return fmt.Sprintf("%s:%d: %s", k.Path, k.Line, k.Rule) }

// Runner returns the findings of a scan of the tree rooted at dir. Finding
// paths are relative to dir (absolute paths and paths relative to the
// working directory are accepted too). An error fails the check: a
// runner should return one when a file could not be analysed.
type Runner func(dir string) ([]rules.Finding, error)

// Problem is one difference between findings and expectations: a finding
// no comment wants (Missing false, Message set) or a want no finding
// matches (Missing true).
type Problem struct {
	Key
	Missing bool
	Message string // the finding's message; never a secret (rules.Finding.Message)
}

// String describes p for a test failure: place, rule and, for an
// unexpected finding, its message.
func (p Problem) String() string {
	if p.Missing {
		return fmt.Sprintf("%s:%d: missing %s: no finding of the wanted rule on this line", p.Path, p.Line, p.Rule)
	}
	return fmt.Sprintf("%s:%d: unexpected %s: %s", p.Path, p.Line, p.Rule, p.Message)
}

// Check runs run over dir and reports each [Problem] as a test error, in
// file and line order. It fails the test when the expectations cannot be
// read or run returns an error.
func Check(t testing.TB, dir string, run Runner) {
	t.Helper()
	problems, err := Diff(dir, run)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// Diff runs run over dir and returns the differences between its findings
// and the want comments of the files under dir, sorted by path, line,
// rule. It returns an error when a want comment is malformed, a file
// cannot be read, or run fails.
func Diff(dir string, run Runner) ([]Problem, error) {
	wants, err := Expectations(dir)
	if err != nil {
		return nil, err
	}
	findings, err := run(dir)
	if err != nil {
		return nil, fmt.Errorf("scanning %s: %w", dir, err)
	}
	return Compare(dir, wants, findings), nil
}

// Compare returns the differences between the expectations wants and
// findings, whose paths are made relative to dir as [Runner] describes.
// Findings are compared as a set: two findings of one rule on one line
// satisfy one want.
func Compare(dir string, wants []Key, findings []rules.Finding) []Problem {
	want := map[Key]bool{}
	for _, k := range wants {
		want[k] = true
	}
	got := map[Key]string{}
	for _, f := range findings {
		p := f.Path
		if p == "" {
			p = f.Logical
		} else {
			p = relPath(dir, p)
		}
		k := Key{Path: p, Line: f.Line, Rule: f.RuleID}
		if _, ok := got[k]; !ok {
			got[k] = f.Message
		}
	}
	var out []Problem
	for k, msg := range got {
		if !want[k] {
			out = append(out, Problem{Key: k, Message: msg})
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			out = append(out, Problem{Key: k, Missing: true})
		}
	}
	slices.SortFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule))
	})
	return out
}

// relPath returns the finding path p relative to dir, slash-separated.
func relPath(dir, p string) string {
	fp := filepath.FromSlash(p)
	if !filepath.IsAbs(fp) {
		if _, err := os.Stat(filepath.Join(dir, fp)); err == nil {
			return path.Clean(p)
		}
		abs, err := filepath.Abs(fp)
		if err != nil {
			return p
		}
		fp = abs
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(absDir, fp)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.ToSlash(rel)
}

// wantRE matches a want comment: a comment opener, "want", then one or
// more double-quoted strings.
var wantRE = regexp.MustCompile(`(?://|#|/\*|<!--)\s*want((?:\s+"[^"]*")+)`)

// quotedRE matches one double-quoted string of a want comment.
var quotedRE = regexp.MustCompile(`"([^"]*)"`)

// ruleIDRE is the form of a rule ID.
var ruleIDRE = regexp.MustCompile(`^UPS[0-9]{3}$`)

// Expectations returns the want comments of every file under dir, sorted
// by path, line and rule. Files with a NUL byte (binary files) are
// skipped. A want naming something that is not a rule ID ("UPS301") is an
// error that names the file and line.
func Expectations(dir string) ([]Key, error) {
	var out []Key
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		ks, err := fileWants(filepath.ToSlash(rel), data)
		out = append(out, ks...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading want comments: %w", err)
	}
	slices.SortFunc(out, func(a, b Key) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Rule, b.Rule))
	})
	return slices.Compact(out), nil
}

// fileWants returns the want comments of one file, named rel.
func fileWants(rel string, data []byte) ([]Key, error) {
	var out []Key
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for line := 1; sc.Scan(); line++ {
		m := wantRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		for _, q := range quotedRE.FindAllStringSubmatch(m[1], -1) {
			if !ruleIDRE.MatchString(q[1]) {
				return out, fmt.Errorf("%s:%d: want %q: not a rule ID (want \"UPS301\")", rel, line, q[1])
			}
			out = append(out, Key{Path: rel, Line: line, Rule: q[1]})
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", rel, err)
	}
	return out, nil
}
