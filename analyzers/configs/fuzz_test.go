package configs

import (
	"strings"
	"testing"
)

// fuzzCheck runs one input through Analyze under path and checks the
// invariants: facts for the path, findings inside the file with a message,
// no planted secret in messages or notes.
func fuzzCheck(t *testing.T, a *Analyzer, path, src string) {
	f, fs := analyzeFile(a, path, []byte(src))
	if f == nil || f.Path != path {
		t.Fatal("missing facts")
	}
	lines := strings.Count(src, "\n") + 1
	for _, x := range fs {
		if x.Line < 1 || x.Line > lines || x.Col < 1 || x.EndLine < x.Line || x.Message == "" {
			t.Fatalf("bad finding %s at %d:%d-%d:%d", x.RuleID, x.Line, x.Col, x.EndLine, x.EndCol)
		}
	}
	for _, v := range f.EnvVars {
		if v.Pos.Line < 1 || v.Pos.Line > lines {
			t.Fatalf("var outside the file: %d", v.Pos.Line)
		}
	}
	out := strings.Join(f.Notes, "\n")
	for _, x := range fs {
		out += x.Message
	}
	for _, sec := range plantedSecrets {
		if strings.Contains(out, sec[:12]) {
			t.Fatal("output holds a planted secret")
		}
	}
}

func FuzzEnvFile(f *testing.F) {
	for _, s := range []string{
		"A=1\nexport B='x'\nC=\"multi\nline\"\n# c\nD=${A} # x\n",
		"NEXT_PUBLIC_T=" + fakeRedisToken + "\nQSTASH_DEV=true\nNODE_TLS_REJECT_UNAUTHORIZED=0\n",
		"R=redis://default:x@fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none\nV=`" + fakeVectorRO + "`\n",
		"U=\"unterminated", "=x\n", "\uFEFFA=1\r\nB=2\r\n", "A=\"\\\"\\\\\"\n",
	} {
		f.Add(s)
	}
	a, _ := New()
	f.Fuzz(func(t *testing.T, src string) {
		fuzzCheck(t, a, ".env.production", src)
	})
}

func FuzzWorkflow(f *testing.F) {
	for _, s := range []string{
		"env:\n  NEXT_PUBLIC_T: ${{ secrets.UPSTASH_REDIS_REST_TOKEN }}\njobs:\n  p:\n    environment: production\n    env: {QSTASH_DEV: '1'}\n    steps:\n      - env:\n          A: http://x.upstash.io\n",
		"a: &x {b: 1}\nc: *x\n", "env: [1, 2]\n", "jobs: 3\n", ": :\n", "\t- x",
	} {
		f.Add(s)
	}
	a, _ := New()
	f.Fuzz(func(t *testing.T, src string) {
		fuzzCheck(t, a, ".github/workflows/ci.yml", src)
		fuzzCheck(t, a, "docker-compose.yml", src)
	})
}

func FuzzTOML(f *testing.F) {
	for _, s := range []string{
		"[build.environment]\nA = \"1\"\n[context.production.environment]\nQSTASH_DEV = true\n",
		"[vars]\nX = \"redis://fake-otter-12345.upstash.io\"\n[env.production.vars]\nY = 1\n",
		"[env]\n  A = { b = 1 }\n", "[[x]]\n", "a = \"\n",
	} {
		f.Add(s)
	}
	a, _ := New()
	f.Fuzz(func(t *testing.T, src string) {
		fuzzCheck(t, a, "netlify.toml", src)
		fuzzCheck(t, a, "wrangler.toml", src)
		fuzzCheck(t, a, "fly.toml", src)
	})
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{
		`{"env": {"QSTASH_DEV": "true", "NEXT_PUBLIC_T": "@upstash-token"}, "build": {"env": {"A": 1}}}`,
		"{\n // c\n \"compilerOptions\": {\"paths\": {\"@/*\": [\"./src/*\",],},}, /* x */\n}",
		`{"a": "\"\\"}`, `[`, `{"env": [1, {"A": "b"}]}`, "/* unterminated", `{"extends": ["a", "b"]}`,
	} {
		f.Add(s)
	}
	a, _ := New()
	f.Fuzz(func(t *testing.T, src string) {
		fuzzCheck(t, a, "vercel.json", src)
		fuzzCheck(t, a, "tsconfig.json", src)
		// Stripping comments keeps every offset: same length, same newlines.
		clean := stripJSONC([]byte(src))
		if len(clean) != len(src) || strings.Count(string(clean), "\n") != strings.Count(src, "\n") {
			t.Fatal("stripJSONC moved bytes")
		}
	})
}
