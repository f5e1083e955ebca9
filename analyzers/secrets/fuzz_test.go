package secrets

import (
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

// FuzzDetect checks that Detect never panics and that every finding points at
// its own secret: the redacted hash of the bytes at (Line, Col) with the
// reported length matches, the end position is the secret's last byte, and no
// message or related location holds the value.
func FuzzDetect(f *testing.F) {
	for _, tc := range positiveCases() {
		f.Add(tc.path, []byte(tc.content))
	}
	for _, r := range rules.All() {
		for _, ex := range append(append([]rules.Example(nil), r.Bad...), r.Good...) {
			f.Add(ex.Path, []byte(ex.Content))
		}
	}
	f.Add("x.env", []byte("token=\n"+tokFull[:20]))
	f.Add("b.bin", []byte{0xff, 0xfe, 0, 'A', 'T', 'A', '5'})
	d := newDetector(f)
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		for _, fd := range d.detect(path, data) {
			checkFinding(t, data, fd)
		}
	})
}

// checkFinding verifies one finding's position and redaction against data.
func checkFinding(t *testing.T, data []byte, fd rules.Finding) {
	t.Helper()
	lineStarts := []int{0}
	for i, c := range data {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	offset := func(line, col int) int {
		if line < 1 || line > len(lineStarts) || col < 1 {
			return -1
		}
		return lineStarts[line-1] + col - 1
	}
	start, last := offset(fd.Line, fd.Col), offset(fd.EndLine, fd.EndCol)
	if start < 0 || last < start || last >= len(data) || last-start+1 != fd.Secret.Length {
		t.Fatalf("%s: bad position %d:%d-%d:%d for a %d-byte secret in %d bytes", fd.RuleID, fd.Line, fd.Col, fd.EndLine, fd.EndCol, fd.Secret.Length, len(data))
	}
	value := string(data[start : last+1])
	if rules.Redact(fd.Secret.Kind, value) != fd.Secret {
		t.Fatalf("%s at %d:%d: redacted secret does not match the bytes at its position", fd.RuleID, fd.Line, fd.Col)
	}
	if len(value) >= 8 {
		texts := []string{fd.Message}
		for _, r := range fd.Related {
			texts = append(texts, r.Message)
		}
		for _, s := range texts {
			if strings.Contains(s, value) {
				t.Fatalf("%s at %d:%d: a message holds the secret %s", fd.RuleID, fd.Line, fd.Col, fd.Secret)
			}
		}
	}
}
