package source

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzTextOf feeds textOf any file content. It must never panic; UTF-16 is
// decoded to valid UTF-8, other text keeps its bytes and offsets (lone CRs
// become LFs), and only content IsBinary flags is refused. Seeds: f.Add
// below and testdata/fuzz/FuzzTextOf.
func FuzzTextOf(f *testing.F) {
	for _, s := range []string{
		"", "a\nb\r\nc\rd", "\xff\xfeA\x00=\x001\x00\r\x00\n\x00", "\xfe\xff\x00A\x00=",
		"A\x00B\x00C\x00", "\x00A\x00B\x00C", "\x89PNG\r\n\x1a\n\x00\x00", "\xff\xfe\x00\xd8a\x00",
		"caf\xe9\r", "\xff\xfe", "\xff\xfe\x00\x00a\x00\x00\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		text, enc, relined, binary := textOf(data)
		switch {
		case binary:
			if !looksBinary(orig) {
				t.Fatalf("refused as binary without a NUL or a byte order mark: %q", orig)
			}
		case enc != UTF8:
			if !utf8.Valid(text) || !relined {
				t.Fatalf("UTF-16 decoded to invalid UTF-8 or not relined: %q", text)
			}
		default:
			if len(text) != len(orig) {
				t.Fatalf("UTF-8 text changed length: %d → %d", len(orig), len(text))
			}
			want := bytes.Count(orig, []byte("\n")) + bytes.Count(orig, []byte("\r")) - bytes.Count(orig, []byte("\r\n"))
			if got := bytes.Count(text, []byte("\n")); got != want {
				t.Fatalf("%d line ends, want %d", got, want)
			}
			if relined != (want != bytes.Count(orig, []byte("\n"))) {
				t.Fatalf("relined = %v", relined)
			}
		}
	})
}
