package dotenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	src := "# comment\n" +
		"A=1\n" +
		"export  B = two words # note\n" +
		"C='single $X'\n" +
		"D=\"line\\nnext \\\"q\\\" \\$Y\"  # after\n" +
		"E=`multi\nline`\n" +
		"not an assignment\n" +
		"\tF=\r\n" +
		"exported_G=x#not-a-comment\n" +
		"H=\"open\n"
	got := Parse([]byte(src))
	type short struct {
		Name, Value             string
		Quote                   Quote
		Export, Unterminated    bool
		Line, ValueLine, ValCol int
		Raw, Lines              string
	}
	var entries []short
	for _, e := range got.Entries {
		entries = append(entries, short{e.Name, e.Value, e.Quote, e.Export, e.Unterminated, e.Line, e.ValueLine, e.ValueCol,
			src[e.ValueOff:e.ValueEnd], src[e.Start:e.End]})
	}
	want := []short{
		{"A", "1", Unquoted, false, false, 2, 2, 3, "1", "A=1\n"},
		{"B", "two words", Unquoted, true, false, 3, 3, 13, "two words", "export  B = two words # note\n"},
		{"C", "single $X", Single, false, false, 4, 4, 4, "single $X", "C='single $X'\n"},
		{"D", "line\nnext \"q\" $Y", Double, false, false, 5, 5, 4, `line\nnext \"q\" \$Y`, "D=\"line\\nnext \\\"q\\\" \\$Y\"  # after\n"},
		{"E", "multi\nline", Backtick, false, false, 6, 6, 4, "multi\nline", "E=`multi\nline`\n"},
		{"F", "", Unquoted, false, false, 9, 9, 4, "", "\tF=\r\n"},
		{"exported_G", "x#not-a-comment", Unquoted, false, false, 10, 10, 12, "x#not-a-comment", "exported_G=x#not-a-comment\n"},
		{"H", "open", Double, false, true, 11, 11, 4, "open", "H=\"open\n"},
	}
	if diff := cmp.Diff(want, entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{8, 11}, got.Malformed); diff != "" {
		t.Errorf("malformed lines (-want +got):\n%s", diff)
	}
}

// TestParseNames: which lines assign which names.
func TestParseNames(t *testing.T) {
	for line, want := range map[string][2]string{
		"A=1\n":            {"A", ""},
		"export  B = 2\n":  {"B", "export"},
		"  C=\n":           {"C", ""},
		"# D=1\n":          {"", ""},
		"no equals\n":      {"", ""},
		"=x\n":             {"", ""},
		"E F=1\n":          {"", ""},
		"\tUPSTASH_X=y\n":  {"UPSTASH_X", ""},
		"export\tG=1\n":    {"G", "export"},
		"exported_H=1\n":   {"exported_H", ""},
		"export I=1 # c\n": {"I", "export"},
		"1J=1\n":           {"", ""},
		"K.L-M=1":          {"K.L-M", ""},
	} {
		var got [2]string
		if es := Parse([]byte(line)).Entries; len(es) == 1 {
			got[0] = es[0].Name
			if es[0].Export {
				got[1] = "export"
			}
		}
		if got != want {
			t.Errorf("Parse(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestSet(t *testing.T) {
	for _, tc := range []struct{ name, old, want string }{
		{"new file", "", "A=1\nB=2\n"},
		{"no final newline", "X=1", "X=1\nA=1\nB=2\n"},
		{"replace, keep export, drop duplicates",
			"# keep\nexport B=old\nOTHER=keep\r\nB=dup\nA='multi\nline'\nZ=9",
			"# keep\nexport B=2\nOTHER=keep\r\nA=1\nZ=9\n"},
		{"unterminated value replaced", "A=\"open\nC=3\n", "A=1\nC=3\nB=2\n"},
		{"names inside a quoted value are not assignments", "Q=\"\nA=inside\n\"\n", "Q=\"\nA=inside\n\"\nA=1\nB=2\n"},
	} {
		got := string(Set([]byte(tc.old), []Var{{"A", "1"}, {"B", "2"}}))
		if got != tc.want {
			t.Errorf("%s: Set(%q) = %q, want %q", tc.name, tc.old, got, tc.want)
		}
	}
}

func TestFormatReadsBack(t *testing.T) {
	for _, tc := range []struct{ value, line string }{
		{"", "K="},
		{"https://fake-otter-12345.upstash.io", "K=https://fake-otter-12345.upstash.io"},
		{"rediss://default:p%40ss@fake-otter-12345.upstash.io:6379", "K=rediss://default:p%40ss@fake-otter-12345.upstash.io:6379"},
		{"two words", "K='two words'"},
		{"a#b", "K='a#b'"},
		{"$HOME", "K='$HOME'"},
		{`it's "$x" \ok`, `K="it's \"\$x\" \\ok"`},
		{"line\nbreak\r", `K="line\nbreak\r"`},
		{" padded ", "K=' padded '"},
	} {
		line := Format("K", tc.value)
		if line != tc.line {
			t.Errorf("Format(%q) = %s, want %s", tc.value, line, tc.line)
		}
		checkReadsBack(t, tc.value)
	}
}

func checkReadsBack(t *testing.T, value string) {
	t.Helper()
	f := Parse([]byte(Format("K", value) + "\n"))
	if len(f.Entries) != 1 || f.Entries[0].Value != value || len(f.Malformed) > 0 {
		t.Errorf("Format(%q) reads back as %+v", value, f)
	}
}

func FuzzFormat(f *testing.F) {
	for _, s := range []string{"", "a b", "'\"`$\\", "x\ny", "#", "a #b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		checkReadsBack(t, value)
	})
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("A=1\nexport B='x'\nC=\"y\\\"\nD=`z"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := Parse(src)
		for _, e := range file.Entries {
			if e.Start > e.NameOff || e.NameOff > e.ValueOff || e.ValueOff > e.ValueEnd || e.ValueEnd > e.End || e.End > len(src) {
				t.Fatalf("offsets out of order: %+v", e)
			}
		}
		// Setting a variable keeps every other assignment.
		out := Parse(Set(src, []Var{{"UPSCAN_FUZZ", "v"}}))
		n := 0
		for _, e := range out.Entries {
			if e.Name == "UPSCAN_FUZZ" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("Set wrote %d assignments of the variable", n)
		}
	})
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env.local")
	if err := os.WriteFile(path, []byte("X=1\nA=old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []Var{{"A", "2"}, {"B", "3"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "X=1\nA=2\nB=3\n" {
		t.Errorf("file %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if es, _ := os.ReadDir(filepath.Dir(path)); len(es) != 1 {
		t.Errorf("directory holds %d entries, want the file alone", len(es))
	}
	if err := WriteFile(filepath.Join(t.TempDir(), "missing", ".env"), []Var{{"A", "1"}}); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

// TestSetLineBreakStaysOneEntry: a value with a line break, however placed,
// is written as one escaped line; it never adds an assignment (issue 15 row
// 14: "KEY=…" lines injected through a reset-password answer).
func TestSetLineBreakStaysOneEntry(t *testing.T) {
	for _, value := range []string{
		"x\nEVIL=1", "x\r\nEVIL=1", "x\rEVIL=1", "\nEVIL=1\n", "it's\nEVIL=1", "a\"b\nEVIL='1'", "\\\nEVIL=1",
	} {
		out := Set([]byte("A=keep\n"), []Var{{"K", value}})
		f := Parse(out)
		if len(f.Entries) != 2 || f.Entries[1].Name != "K" || f.Entries[1].Value != value || len(f.Malformed) > 0 {
			t.Errorf("Set(K=%q) = %q parses as %+v", value, out, f)
		}
		if n := strings.Count(string(out), "\n"); n != 2 {
			t.Errorf("Set(K=%q) = %q: %d lines, want 2", value, out, n)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, vars := range [][]Var{
		{{"A", "x\x00"}}, {{"A", "x\x1b[31m"}}, {{"A", "\x7f"}}, {{"A", "x\u2028y"}}, {{"A", "\u0085"}},
		{{"A\nB", "1"}}, {{"", "1"}}, {{"1A", "1"}}, {{"A B", "1"}},
	} {
		if err := Check(vars); err == nil {
			t.Errorf("Check(%q) = nil", vars)
		} else if strings.Contains(err.Error(), vars[0].Value) && vars[0].Value != "1" {
			t.Errorf("Check error %q quotes the value", err)
		}
	}
	if err := Check([]Var{{"UPSTASH_REDIS_URL", "rediss://default:p%40ss@x.upstash.io:6379"}, {"K", "tab\tand\nline"}}); err != nil {
		t.Errorf("Check refused a writable value: %v", err)
	}
	path := filepath.Join(t.TempDir(), ".env")
	if err := WriteFile(path, []Var{{"A", "1"}, {"B", "x\x00"}}); err == nil {
		t.Error("WriteFile wrote a value with NUL")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("WriteFile created the file despite the refused value")
	}
}
