package secrets

import (
	"fmt"
	"strings"
	"testing"
)

// escapeAll writes s as \u escapes, with prefix before each "u" (`\` for
// JSON, `\\` for a Python string inside a JSON notebook cell).
func escapeAll(s, prefix string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "%su%04x", prefix, r)
	}
	return b.String()
}

func TestUnescapeASCII(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`plain`, ""},
		{`caf\u00e9`, ""}, // not ASCII: left alone
		{`\u0041\u0042`, "AB"},
		{`x\\u0041y`, "xAy"},
		{`\U0041`, "A"},
		{`a\u000ab`, ""}, // a line feed stays an escape: lines do not move
		{`\u00zz\u0041`, `\u00zzA`},
		{`\u004`, ""},
	} {
		u, ok := unescapeASCII(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("unescapeASCII(%q) = %q, want no change", tt.in, u.text)
			}
			continue
		}
		if !ok || u.text != tt.want || len(u.from) != len(u.text) || len(u.to) != len(u.text) {
			t.Errorf("unescapeASCII(%q) = %q, %v, want %q", tt.in, u.text, ok, tt.want)
		}
	}
}

// TestDetectEscapedToken: a token written entirely as \u escapes (in a
// notebook's JSON, or a Python string inside it) is found and located on
// the escapes; one that also appears plainly is reported once.
func TestDetectEscapedToken(t *testing.T) {
	d := newDetector(t)
	tok := fakeRedisToken(false, 12345, false)
	for _, prefix := range []string{`\`, `\\`} {
		esc := escapeAll(tok, prefix)
		line2 := `  "source": ["import os\n", "os.environ[\"UPSTASH_REDIS_REST_TOKEN\"] = \"` + esc + `\"\n"],`
		nb := "{\"cells\": [{\"cell_type\": \"code\",\n" + line2 + "\n\"metadata\": {}}], \"nbformat\": 4}\n"
		fs := detectAll(d, "analysis.ipynb", []byte(nb))
		if len(fs) != 1 {
			t.Fatalf("prefix %q: %d findings, want 1: %+v", prefix, len(fs), fs)
		}
		f := fs[0]
		col := strings.Index(line2, esc) + 1
		if f.RuleID != "UPS101" || f.Line != 2 || f.Col != col || f.EndLine != 2 || f.EndCol != col+len(esc)-1 {
			t.Errorf("prefix %q: %s at %d:%d-%d:%d, want UPS101 at 2:%d-2:%d", prefix, f.RuleID, f.Line, f.Col, f.EndLine, f.EndCol, col, col+len(esc)-1)
		}
		if f.Secret.Prefix != tok[:4] || f.Secret.Length != len(tok) {
			t.Errorf("prefix %q: secret %v, want the decoded token's redaction", prefix, f.Secret)
		}
	}
	// The same token plainly and escaped: once, at the plain one.
	src := "const a = \"" + tok + "\"\nconst b = \"" + escapeAll(tok, `\`) + "\"\n"
	fs := detectAll(d, "a.js", []byte(src))
	if len(fs) != 1 || fs[0].Line != 1 {
		t.Errorf("plain and escaped: %+v, want one finding on line 1", fs)
	}
}
