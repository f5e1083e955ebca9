package scan

import (
	"strings"
	"testing"

	"github.com/upscan/upscan/upstash"
)

// TestPrefilterAcceptsEveryTableEntry checks that the keyword prefilter,
// derived from the domain tables, lets through a minimal file that uses
// each SDK, framework, limiter, entry shape, TLS option, public prefix and
// directive: adding a table row can never leave its files unparsed.
func TestPrefilterAcceptsEveryTableEntry(t *testing.T) {
	c, err := newCode(0)
	if err != nil {
		t.Fatal(err)
	}
	sample := func(lang upstash.Lang, mod string) string {
		switch lang {
		case upstash.Python:
			return "from " + mod + " import thing\n"
		case upstash.Go:
			return "package x\nimport _ \"" + mod + "/v2\"\n"
		}
		return "import x from '" + mod + "';\n"
	}
	var cases []string
	for _, s := range upstash.SDKs {
		cases = append(cases, sample(s.Lang, s.Module))
	}
	for _, f := range upstash.Frameworks {
		cases = append(cases, sample(f.Lang, f.Module))
	}
	for _, l := range upstash.Limiters {
		cases = append(cases, sample(l.Lang, l.Module))
	}
	for _, l := range [][]string{upstash.EntryShapes, upstash.TLSOptions, upstash.Directives} {
		for _, w := range l {
			cases = append(cases, "x = "+w+"\n")
		}
	}
	for _, p := range upstash.PublicPrefixes {
		cases = append(cases, "const v = process.env."+p.Prefix+"X;\n")
	}
	// Python imports of a submodule name the top-level module too.
	cases = append(cases, "import upstash_redis.asyncio as r\n", "const { Ratelimit } = require(\"@upstash/ratelimit\")\n")
	for _, src := range cases {
		if !c.keywords.Contains([]byte(src)) {
			t.Errorf("prefilter rejects %q", strings.TrimSpace(src))
		}
	}
	// And it still rejects code that has nothing to do with Upstash.
	c.keywords.Each([]byte("export function add(a, b) { return a + b }\n"), func(_, lit int) bool {
		t.Errorf("prefilter accepts unrelated code (keyword %q)", c.keywords.Literal(lit).Text)
		return true
	})
}
