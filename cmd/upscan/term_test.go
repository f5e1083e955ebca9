package main

import (
	"bytes"
	"testing"
)

func TestLookupRule(t *testing.T) {
	for _, given := range []string{"UPS401", "ups401", " UPS401 ", "endpoint-without-rate-limit", "Endpoint-Without-Rate-Limit"} {
		r, err := lookupRule("x", given)
		if err != nil || string(r.ID) != "UPS401" {
			t.Errorf("lookupRule(%q) = %v, %v; want UPS401", given, r, err)
		}
	}
	if _, err := lookupRule("explain: unknown rule", "endpoint-without-rate-limt"); err == nil ||
		err.Error() != `explain: unknown rule "endpoint-without-rate-limt"; did you mean "endpoint-without-rate-limit"?` {
		t.Errorf("lookupRule(typo) error = %v", err)
	}
}

func TestOutputWidth(t *testing.T) {
	var buf bytes.Buffer
	for _, c := range []struct {
		columns string
		want    int
	}{{"", 80}, {"120", 120}, {" 100 ", 100}, {"0", 80}, {"-5", 80}, {"wide", 80}} {
		t.Setenv("COLUMNS", c.columns)
		if got := outputWidth(&buf); got != c.want {
			t.Errorf("COLUMNS=%q: outputWidth = %d, want %d", c.columns, got, c.want)
		}
	}
}

func TestUseColor(t *testing.T) {
	var buf bytes.Buffer // not a terminal
	for _, c := range []struct {
		mode, noColor, force string
		toFile               bool
		want                 bool
	}{
		{"auto", "", "", false, false},
		{"auto", "", "1", false, true},
		{"auto", "", "0", false, false},
		{"auto", "", "false", false, false},
		{"auto", "1", "1", false, false}, // NO_COLOR wins over FORCE_COLOR
		{"auto", "", "1", true, false},   // FORCE_COLOR is about the console
		{"always", "1", "", false, true}, // the flag beats the environment
		{"always", "", "", true, true},
		{"never", "", "1", false, false},
		{"", "", "", false, false},
	} {
		t.Setenv("NO_COLOR", c.noColor)
		t.Setenv("FORCE_COLOR", c.force)
		got, err := useColor(c.mode, &buf, c.toFile)
		if err != nil || got != c.want {
			t.Errorf("useColor(%q, NO_COLOR=%q, FORCE_COLOR=%q, toFile=%v) = %v, %v; want %v", c.mode, c.noColor, c.force, c.toFile, got, err, c.want)
		}
	}
	if _, err := useColor("yes", &buf, false); err == nil {
		t.Error(`useColor("yes") accepted`)
	}
}
