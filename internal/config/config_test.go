package config

import (
	"strconv"
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
		{"bad coverage", "coverage = \"some\"\n", `c.toml:1: coverage: unknown coverage mode "some" (want one of upstash, all, none)`},
		{"bad size", "max_file_size = \"lots\"\n", `c.toml:1: max_file_size: invalid size "lots"`},
		{"unknown rule", "disable = [\"UPS999\"]\n", `c.toml:1: disable: unknown rule "UPS999" (see ` + "`upscan rules`)"},
		{"rule name typo", "enable = [\"UPS101\", \"endpoint-without-rate-limt\"]\n", `c.toml:1: enable: unknown rule "endpoint-without-rate-limt"; did you mean "endpoint-without-rate-limit"?`},
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

// TestRuleNames checks that enable and disable take rule names, as the
// flags do, case-insensitive.
func TestRuleNames(t *testing.T) {
	c, err := Parse("c.toml", []byte("enable = [\"endpoint-without-rate-limit\", \"UPS101\"]\ndisable = [\"Endpoint-Without-Rate-Limit\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Enable) != 2 || len(c.Disable) != 1 {
		t.Errorf("enable %v, disable %v", c.Enable, c.Disable)
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
	for in, want := range map[string]int64{
		"4096": 4096, "10MB": 10 << 20, "512kb": 512 << 10, "1.5 MB": 3 << 19, "1GiB": 1 << 30, "2k": 2 << 10,
		" 7B ": 7, "0.5KB": 512, "9223372036854775807": 1<<63 - 1,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	// 2^33 GiB is 2^63 bytes, one past the largest int64.
	if got, err := ParseSize("8589934591GB"); err != nil || got != (1<<33-1)<<30 {
		t.Errorf("ParseSize(8589934591GB) = %d, %v", got, err)
	}
	// Issue 15 row 5: each of these once made the cap disappear or silently
	// become the default.
	for in, why := range map[string]string{
		"": "", "-1": "", "0": " (zero)", "0KB": " (zero)", "lots": "", "10XB": "", "MB": "", "10KI": "",
		"NaN": "", "nan": "", "inf": "", "+Inf": "", "-inf": "", "1e30GB": "", "1e3": "", "0x10": "", "1_000": "",
		"0.1": " (a fraction of a byte)", "1.5": " (a fraction of a byte)", "1.5B": " (a fraction of a byte)",
		"0.0000000001KB": " (a fraction of a byte)",
		"8589934592GB":   " (too large)", "99999999999999999999GB": " (too large)", "9223372036854775808": " (too large)",
		"123456789012345678901": "",
	} {
		_, err := ParseSize(in)
		want := "invalid size " + strconv.Quote(in) + why + ": want a whole number of bytes with an optional KB/MB/GB suffix, e.g. 10MB"
		if err == nil || err.Error() != want {
			t.Errorf("ParseSize(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestParseErrorsRedact: a token pasted as a configuration value or key is
// never echoed in an error (issue 15 row 11), only its kind, first four
// characters and length.
func TestParseErrorsRedact(t *testing.T) {
	const token = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // FAKE (UPSTASH.md §1.2)
	const apiKey = "0f0f0f0f-1111-4222-8333-444455556666"                           // FAKE Developer API key
	const redacted = "[redacted: redis-rest-token ATA5… (63 chars)]"
	tests := []struct{ name, src, want string }{
		{"fail_on", "fail_on = \"" + token + "\"\n", "c.toml:1: fail_on: unknown severity " + redacted},
		{"max_file_size", "max_file_size = \"" + token + "\"\n", "c.toml:1: max_file_size: invalid size " + redacted},
		{"enable", "enable = [\"" + token + "\"]\n", "c.toml:1: enable: unknown rule " + redacted},
		{"allowlist rules", "[[allowlist]]\nrules = [\"" + apiKey + "\"]\n", "unknown rule ID [redacted: unrecognised-token 0f0f… (36 chars)]"},
		{"glob", "[[allowlist]]\npaths = [\"a/[" + token + "\"]\n", `invalid path glob "a/[[redacted: redis-rest-token ATA5… (63 chars)]"`},
		{"unknown key", token + " = 1\n", "c.toml:1: unknown key " + redacted},
		{"unknown dotted key", "x." + apiKey + " = 1\n", "c.toml:1: unknown key [redacted: unrecognised-token x.0f… (38 chars)]"},
		{"duplicate key", token + " = 1\n" + token + " = 2\n", "c.toml:2: Key '" + redacted + "' has already been defined."},
		{"bare value", "fail_on = " + token + "\n", "c.toml:1: "},
		{"wrong type", "[[allowlist]]\n" + token + " = [1]\n", "c.toml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			for _, secret := range []string{token, apiKey} {
				if strings.Contains(err.Error(), secret[4:12]) {
					t.Fatalf("err = %v: it holds the credential beyond its first 4 characters", err)
				}
			}
		})
	}
}
