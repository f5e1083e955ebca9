package config

import (
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "fail_on = \"high\"\n\nallowlist = [[[\n", "c.toml:3: "},
		{"unknown key", "fail_on = \"high\"\nrule = \"UPS101\"\n", `c.toml:2: unknown key "rule"`},
		{"bad severity", "fail_on = \"severe\"\n", `c.toml:1: fail_on: unknown severity "severe"`},
		{"bad size", "max_file_size = \"lots\"\n", `c.toml:1: max_file_size: invalid size "lots"`},
		{"unknown rule", "disable = [\"UPS999\"]\n", `c.toml:1: disable: unknown rule ID "UPS999"`},
		{"empty entry", "[[allowlist]]\ndescription = \"x\"\n", "allowlist entry 1 sets none of paths, rules, fingerprints"},
		{"bad glob", "[[allowlist]]\npaths = [\"a/[b\"]\n", `c.toml:2: allowlist entry 1: invalid path glob "a/[b"`},
		{"wrong type", "disable = 3\n", "c.toml:1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestSuppresses(t *testing.T) {
	c, err := Parse("c.toml", []byte(`
[[allowlist]]
description = "fixtures"
paths = ["testdata/**"]

[[allowlist]]
rules = ["UPS102"]
paths = ["public/*.js"]

[[allowlist]]
fingerprints = ["abc123"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		base string
		f    rules.Finding
		want bool
	}{
		{"", rules.Finding{RuleID: "UPS101", Path: "testdata/a/b.ts"}, true},
		{"", rules.Finding{RuleID: "UPS101", Path: "src/testdata.ts"}, false},
		{"", rules.Finding{RuleID: "UPS102", Path: "public/app.js"}, true},
		{"", rules.Finding{RuleID: "UPS101", Path: "public/app.js"}, false},
		{"", rules.Finding{RuleID: "UPS104", Path: "x.ts", Fingerprint: "ABC123"}, true},
		{"sub", rules.Finding{RuleID: "UPS101", Path: "sub/testdata/x.ts"}, true},
		{"sub", rules.Finding{RuleID: "UPS101", Path: "other/x.ts"}, false},
	}
	for _, tt := range tests {
		c.Base = tt.base
		if got, _ := c.Suppresses(&tt.f); got != tt.want {
			t.Errorf("base %q, %s %s: Suppresses = %v, want %v", tt.base, tt.f.RuleID, tt.f.Path, got, tt.want)
		}
	}
}

func TestExcludes(t *testing.T) {
	c, err := Parse("c.toml", []byte("[[allowlist]]\npaths = [\"testdata/**\"]\n\n[[allowlist]]\npaths = [\"lib/**\"]\nrules = [\"UPS401\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{"testdata/app/route.ts": true, "lib/route.ts": false, "app/route.ts": false} {
		if got := c.Excludes(path); got != want {
			t.Errorf("Excludes(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"4096": 4096, "10MB": 10 << 20, "512kb": 512 << 10, "1.5 MB": 3 << 19, "1GiB": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "0", "lots", "10XB", "MB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) succeeded", in)
		}
	}
}
