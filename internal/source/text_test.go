package source

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/upscan/upscan/internal/walk"
)

// encodeUTF16 encodes s as UTF-16 in enc, with a byte order mark when bom.
func encodeUTF16(s string, enc Encoding, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if enc == UTF16BE {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return out
}

func TestTextOf(t *testing.T) {
	const env = "A=1\r\nUPSTASH_REDIS_REST_TOKEN=x\r\nNAME=café 🚀\r\n"
	for _, tt := range []struct {
		name     string
		in       []byte
		want     string
		enc      Encoding
		relined  bool
		isBinary bool
	}{
		{"utf-8", []byte("a\nb\n"), "a\nb\n", UTF8, false, false},
		{"crlf", []byte("a\r\nb\r\n"), "a\r\nb\r\n", UTF8, false, false},
		{"cr only", []byte("a\rb\rc"), "a\nb\nc", UTF8, true, false},
		{"trailing cr", []byte("a\r\nb\r"), "a\r\nb\n", UTF8, true, false},
		{"invalid utf-8", []byte("k=\xc3\x28\xff\n"), "k=\xc3\x28\xff\n", UTF8, false, false},
		{"utf-16le bom", encodeUTF16(env, UTF16LE, true), env, UTF16LE, true, false},
		{"utf-16be bom", encodeUTF16(env, UTF16BE, true), env, UTF16BE, true, false},
		{"utf-16le no bom", encodeUTF16(env, UTF16LE, false), env, UTF16LE, true, false},
		{"utf-16be no bom", encodeUTF16(env, UTF16BE, false), env, UTF16BE, true, false},
		{"utf-16le cr only", encodeUTF16("a\rb", UTF16LE, true), "a\nb", UTF16LE, true, false},
		{"utf-16 odd length", append(encodeUTF16("ab", UTF16LE, true), 'c'), "ab\uFFFD", UTF16LE, true, false},
		{"bom only", []byte{0xFF, 0xFE}, "", UTF16LE, true, false},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", UTF8, false, true},
		{"nul in text", []byte("abc\x00def"), "", UTF8, false, true},
		{"utf-32le bom", []byte("\xff\xfe\x00\x00a\x00\x00\x00"), "", UTF8, false, true},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), "", UTF8, false, true},
		{"one unit", []byte("a\x00"), "", UTF8, false, true},
		{"binary with a token", append([]byte("\x00\x01\x02\x03"), "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"...), "", UTF8, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]byte(nil), tt.in...)
			text, enc, relined, binary := textOf(in)
			if binary != tt.isBinary {
				t.Fatalf("binary = %v, want %v", binary, tt.isBinary)
			}
			if binary {
				return
			}
			if string(text) != tt.want || enc != tt.enc || relined != tt.relined {
				t.Errorf("textOf = %q, %v, relined=%v; want %q, %v, relined=%v", text, enc, relined, tt.want, tt.enc, tt.relined)
			}
		})
	}
	// A lone surrogate decodes to U+FFFD.
	lone := append(encodeUTF16("x", UTF16LE, true), 0x00, 0xD8, 'y', 0)
	if text, _, _, _ := textOf(lone); string(text) != "x\uFFFDy" {
		t.Errorf("lone surrogate: %q", text)
	}
}

// TestWorkTreeUTF16: an env file written by Windows PowerShell 5 (`>`:
// UTF-16LE with a byte order mark) and a BOM-less one larger than the sniff
// window are read as text, whole, with line numbers intact.
func TestWorkTreeUTF16(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("# padding line\r\n", 1000) + "KEY=value\r\n"
	writeFiles(t, dir, map[string]string{
		".env":      string(encodeUTF16("A=1\r\nKEY=value\r\n", UTF16LE, true)),
		"big.env":   string(encodeUTF16(long, UTF16LE, false)),
		"be.txt":    string(encodeUTF16("x\ny\n", UTF16BE, true)),
		"mac.env":   "A=1\rKEY=value\r",
		"image.bin": "\x00\x00\x01\x00binary",
	})
	t.Chdir(dir)
	res := each(t, WorkTree{}, 2)
	want := map[string]string{
		".env":    "A=1\r\nKEY=value\r\n",
		"big.env": long,
		"be.txt":  "x\ny\n",
		"mac.env": "A=1\nKEY=value\n",
	}
	for p, w := range want {
		f, ok := res.files[p]
		if !ok {
			t.Errorf("%s not yielded (notes %v)", p, res.notes)
			continue
		}
		if string(f.Data) != w {
			t.Errorf("%s = %.80q…, want %.80q…", p, f.Data, w)
		}
		wantEnc := map[string]Encoding{".env": UTF16LE, "big.env": UTF16LE, "be.txt": UTF16BE}[p]
		if f.Encoding != wantEnc {
			t.Errorf("%s: encoding %v, want %v", p, f.Encoding, wantEnc)
		}
		if f.Kind != walk.Classify(p) {
			t.Errorf("%s: kind %v", p, f.Kind)
		}
	}
	if len(res.notes) != 1 || res.notes[0] != "image.bin: binary" {
		t.Errorf("notes = %v, want only image.bin as binary", res.notes)
	}
}

// TestGitUTF16: the git sources decode blobs the same way, and --diff
// reports every line of a file whose lines git counts differently.
func TestGitUTF16(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"a.env": "A=1\n", "mac.txt": "one\rtwo\r"})
	r.git("add", ".")
	r.commit("base")
	r.write(map[string]string{"a.env": string(encodeUTF16("A=1\r\nB=2\r\n", UTF16LE, true)), "mac.txt": "one\rtwo\rthree\r"})
	r.git("add", ".")
	g := collect(t, Staged{Dir: r.dir})
	if got := string(g.files["a.env"].Data); got != "A=1\r\nB=2\r\n" {
		t.Errorf("staged UTF-16 blob = %q", got)
	}
	diff := Diff{Dir: r.dir, Ref: "HEAD"}
	if _, err := diff.Each(context.Background(), 1, func(f File) {
		if f.Changed != nil {
			t.Errorf("diff %s: Changed = %v, want nil (every line)", f.Path, f.Changed)
		}
		if f.Path == "mac.txt" && string(f.Data) != "one\ntwo\nthree\n" {
			t.Errorf("diff mac.txt = %q", f.Data)
		}
	}); err != nil {
		t.Fatal(err)
	}
}
