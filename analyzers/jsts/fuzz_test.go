//go:build cgo

package jsts

import (
	"strings"
	"testing"
)

// FuzzAnalyze feeds arbitrary bytes to Analyze under every file kind it
// reads: it must not panic (a recovered panic shows as an "internal error"
// note), must return facts, and every position must lie inside the input.
// Run with `go test ./analyzers/jsts -fuzz FuzzAnalyze`.
func FuzzAnalyze(f *testing.F) {
	for _, in := range fixtureInputs(f) {
		f.Add(in.data)
	}
	for _, s := range []string{
		"",
		"\"use client\";\nimport { Redis } from \"@upstash/redis\";\nnew Redis({ url: process.env.NEXT_PUBLIC_X, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN })",
		"<script>\nconst r = new Redis({ token: '" + fakeToken + "' })\n</script>",
		"---\nconst a = 1\n---\n<script>let b = `${`${1}`}`</script>",
		"import Redis from 'ioredis'; new Redis({ host: 'a.upstash.io', tls: { rejectUnauthorized: false } })",
		"module.exports = { env: { UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN } }",
		"const u = 'redis://default:x@fake-otter-12345.upstash.io'; process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'",
		"\xef\xbb\xbf\r\n\r\"use client\"\r\n",
		strings.Repeat("(", 300) + strings.Repeat(")", 10),
		"redis.pipeline().get().set().exec(); const p = redis.multi(); p.incr();",
		// A limit result handed to a constructor: `new X(…)` has no
		// function field (once an index out of range).
		"import { Ratelimit } from '@upstash/ratelimit';\nconst rl = new Ratelimit({});\nexport async function POST() {\n  const r = await rl.limit('x');\n  return new Response(r);\n}\n",
	} {
		f.Add([]byte(s))
	}
	a := newTestAnalyzer(f)
	paths := []string{"a.ts", "a.tsx", "a.js", "c.svelte", "c.vue", "p.astro", "public/i.html", "next.config.js", "vite.config.ts"}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range paths {
			fa, fs := analyzeFile(a, p, data)
			if fa == nil {
				t.Fatalf("%s: nil facts", p)
			}
			for _, n := range fa.Notes {
				if strings.HasPrefix(n, "internal error") {
					t.Fatalf("%s: %s", p, n)
				}
			}
			checkBounds(t, p, data, fa, fs)
		}
	})
}
