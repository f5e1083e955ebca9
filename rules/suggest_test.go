package rules

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"explain", "explain", 0},
		{"expalin", "explain", 1}, // a transposition is one edit
		{"ups4o1", "ups401", 1},
		{"rulse", "rules", 1},
		{"scna", "scan", 1},
		{"db", "rules", 5},
		{"é", "e", 1},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	cmds := []string{"scan", "rules", "explain", "baseline", "version", "db", "init", "completion"}
	for _, c := range []struct{ typed, want string }{
		{"expalin", "explain"},
		{"EXPLIAN", "explain"},
		{"verison", "version"},
		{"completoin", "completion"},
		{"src", ""}, // a short word two edits from "scan" is a path, not a typo
		{"app", ""},
		{"lib", ""},
	} {
		if got := Closest(c.typed, cmds); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	if got := Closest("UPS999", []string{"UPS109", "UPS401"}); got != "" {
		t.Errorf("Closest(UPS999) = %q, want none (two edits from UPS109)", got)
	}
}
