package report

import "testing"

func TestSkippedHeading(t *testing.T) {
	for _, c := range []struct {
		in   []Problem
		want string
	}{
		{[]Problem{{"a.js", "too large"}, {"b.png", "binary file"}}, "Skipped 2 files"},
		{[]Problem{{"a.ts", PartlyRead + "syntax error at line 3"}, {"a.ts", PartlyRead + "parse stopped"}}, "Read 1 file partly"},
		{[]Problem{{"a.js", "too large"}, {"b.ts", PartlyRead + "x"}, {"c.svelte", PartlyRead + "y"}}, "Skipped 1 file, read 2 files partly"},
	} {
		if got := skippedHeading(c.in); got != c.want {
			t.Errorf("skippedHeading(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
