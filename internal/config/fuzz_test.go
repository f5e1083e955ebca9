package config

import (
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

// FuzzParse feeds Parse what a repository can commit as .upscan.toml. It
// must never panic; an accepted configuration is valid in every field, and
// an error names the file. Seeds: f.Add below and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"fail_on = \"medium\"\nmax_file_size = \"5MB\"\ndisable = [\"UPS108\"]\n",
		"enable = [\"UPS101\", \"ups102\"]\n\n[[allowlist]]\ndescription = \"fixtures\"\npaths = [\"testdata/**\"]\nrules = [\"UPS101\"]\nfingerprints = [\"abc\"]\n",
		"[[allowlist]]\npaths = [\"a/[b\"]\n",
		"a.b.c.d = 1\n",
		"max_file_size = \"1e30GB\"\n",
		"fail_on = 3\n",
		"[allowlist]\npaths = 1\n",
		"x = \"\"\"\nmulti\n\"\"\"\n",
		"disable = [\"UPS999\"]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("c.toml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "config c.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if c.Path != "c.toml" {
			t.Fatalf("Path = %q", c.Path)
		}
		if err := CheckRules(append(append([]string{}, c.Enable...), c.Disable...)); err != nil {
			t.Fatalf("accepted an unknown rule: %v", err)
		}
		if c.FailOn != "" {
			if _, err := rules.ParseSeverity(c.FailOn); err != nil {
				t.Fatalf("accepted fail_on %q: %v", c.FailOn, err)
			}
		}
		if c.MaxFileSize != "" {
			if _, err := ParseSize(c.MaxFileSize); err != nil {
				t.Fatalf("accepted max_file_size %q: %v", c.MaxFileSize, err)
			}
		}
		for i, a := range c.Allowlist {
			if len(a.Paths)+len(a.Rules)+len(a.Fingerprints) == 0 {
				t.Fatalf("accepted an empty allowlist entry %d", i+1)
			}
		}
		// Using the configuration never panics either.
		fd := &rules.Finding{RuleID: "UPS101", Path: "testdata/a.ts", Fingerprint: "abc"}
		c.Suppresses(fd)
		c.Excludes("testdata/a.ts")
	})
}
