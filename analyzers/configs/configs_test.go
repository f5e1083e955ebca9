package configs

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

func TestHandles(t *testing.T) {
	for p, want := range map[string]bool{
		".env": true, ".env.local": true, ".env.production.local": true, "apps/web/.env.example": true, "prod.env": true,
		".envrc": true, ".dev.vars": true, ".dev.vars.staging": true, "env.ts": false, "environment.py": false,
		".github/workflows/ci.yml": true, "sub/.github/workflows/deploy.yaml": true, ".github/dependabot.yml": false,
		"vercel.json": true, "apps/web/vercel.json": true, "netlify.toml": true, "docker-compose.yml": true,
		"docker-compose.prod.yaml": true, "compose.yaml": true, "compose.override.yml": true, "composer.json": false,
		"wrangler.toml": true, "fly.toml": true, "fly.staging.toml": true, "app.yaml": true, "app.yml": true,
		"tsconfig.json": true, "packages/x/tsconfig.base.json": true, "jsconfig.json": true, "package.json": false,
		`win\dir\.env`: true, "config.yaml": false,
	} {
		if got := Handles(p); got != want {
			t.Errorf("Handles(%q) = %v, want %v", p, got, want)
		}
	}
}

type caseResult struct {
	vars, findings []string
}

func run(t *testing.T, path, src string) (caseResult, *facts.File, []rules.Finding) {
	t.Helper()
	f, fs := analyze(t, path, src)
	var r caseResult
	for _, v := range f.EnvVars {
		r.vars = append(r.vars, varLine(v))
	}
	for _, x := range fs {
		r.findings = append(r.findings, short(x))
		if x.Path != path || x.Message == "" || x.Key == "" || x.EndLine < x.Line || x.Line < 1 {
			t.Errorf("incomplete finding: %+v", x)
		}
	}
	return r, f, fs
}

// TestEnvFileSyntax checks the dotenv reader: names, positions and values
// as seen through the classification.
func TestEnvFileSyntax(t *testing.T) {
	src := "# comment\n" +
		"\n" +
		"PLAIN=value # inline comment\n" +
		"export EXPORTED=\"https://fake-otter-12345.upstash.io\"\n" +
		"  SPACED = 'redis://fake-otter-12345.upstash.io:6379' \n" +
		"HASH=abc#not-a-comment\n" +
		"MULTI=\"line one\n" +
		"line two\"\n" +
		"AFTER=1\r\n" +
		"BACKTICK=`x`\n" +
		"EMPTY=\n" +
		"REF=${EXPORTED}\n" +
		"not an assignment\n" +
		"UNTERMINATED=\"abc\n"
	r, f, _ := run(t, ".env", src)
	want := []string{
		"3:1 PLAIN",
		"4:8 EXPORTED url=https://fake-otter-12345.upstash.io",
		"5:3 SPACED url=redis://fake-otter-12345.upstash.io",
		"6:1 HASH",
		"7:1 MULTI",
		"9:1 AFTER",
		"10:1 BACKTICK",
		"11:1 EMPTY",
		"12:1 REF url=https://fake-otter-12345.upstash.io",
		"14:1 UNTERMINATED",
	}
	if diff := cmp.Diff(want, r.vars); diff != "" {
		t.Errorf("vars (-want +got):\n%s", diff)
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "2 line(s)") || !strings.Contains(f.Notes[0], "line 13") {
		t.Errorf("notes = %q", f.Notes)
	}
	if f.Lang != facts.Env {
		t.Errorf("lang = %s", f.Lang)
	}
}

// TestEnvFindings checks the per-variable findings of env files.
func TestEnvFindings(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []string
	}{
		{"full token public", ".env.local", "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\n",
			[]string{"UPS201 critical 1:1"}},
		{"old-format full token public", ".env", "VITE_REDIS_TOKEN=\"" + fakeRedisOld + "\"\n", []string{"UPS201 critical 1:1"}},
		{"read-only token public is low", ".env", "NEXT_PUBLIC_UPSTASH_REDIS_REST_READONLY_TOKEN=" + fakeRedisRO + "\n",
			[]string{"UPS201 low 1:1"}},
		{"vector admin token public", ".env", "NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN=" + fakeVectorToken + "\n", []string{"UPS201 critical 1:1"}},
		{"vector read-only token public", ".env", "PUBLIC_VECTOR_TOKEN=" + fakeVectorRO + "\n", []string{"UPS201 low 1:1"}},
		{"qstash token public", ".env", "EXPO_PUBLIC_QSTASH_TOKEN=" + fakeQStashToken + "\n", []string{"UPS201 critical 1:1"}},
		{"signing key public", ".env", "GATSBY_QSTASH_CURRENT_SIGNING_KEY=" + fakeSigningKey + "\n", []string{"UPS201 critical 1:1"}},
		{"every public prefix", ".env",
			"REACT_APP_T=" + fakeRedisToken + "\nVUE_APP_T=" + fakeRedisToken + "\nNUXT_PUBLIC_T=" + fakeRedisToken + "\nNUXT_ENV_T=" + fakeRedisToken + "\n",
			[]string{"UPS201 critical 1:1", "UPS201 critical 2:1", "UPS201 critical 3:1", "UPS201 critical 4:1"}},
		{"token in a server-only name", ".env", "UPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\n", nil},
		{"public placeholder", ".env.example", "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=your-token-here\nVITE_TOKEN=\nVITE_X=********\n", nil},
		{"public url is not a credential", ".env", "NEXT_PUBLIC_UPSTASH_REDIS_REST_URL=https://fake-otter-12345.upstash.io\n", nil},
		{"public reference to a token defined above", ".env",
			"UPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\nNEXT_PUBLIC_TOKEN=${UPSTASH_REDIS_REST_TOKEN}\n",
			[]string{"UPS201 critical 2:1"}},
		{"public reference to a token name defined elsewhere", ".env", "NEXT_PUBLIC_TOKEN=$KV_REST_API_TOKEN\n", []string{"UPS201 critical 1:1"}},
		{"public reference to a read-only name", ".env", "VITE_TOKEN=${KV_REST_API_READ_ONLY_TOKEN}\n", []string{"UPS201 low 1:1"}},
		{"public reference to a placeholder defined above", ".env", "T=changeme\nVITE_TOKEN=${T}\n", nil},
		{"single quotes do not expand", ".env", "NEXT_PUBLIC_T='${UPSTASH_REDIS_REST_TOKEN}'\n", nil},
		{"dev token public is not a leak", ".env", "NEXT_PUBLIC_QSTASH_TOKEN=" + devQStashToken + "\n", nil},
		{"redis url with password public", ".env",
			"NEXT_PUBLIC_REDIS_URL=rediss://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379\n", []string{"UPS201 critical 1:1"}},
		{"plaintext redis url", ".env", "REDIS_URL=redis://default:x@fake-otter-12345.upstash.io:6379\n", []string{"UPS301 high 1:11"}},
		{"plaintext redis url with a password reference", ".env", "REDIS_URL=redis://default:${REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379\n", []string{"UPS301 high 1:11"}},
		{"console link is not a database", ".env", "UPSTASH_CONSOLE_URL=http://console.upstash.io/redis\n", nil},
		{"vercel kv http url", ".env", "KV_REST_API_URL=http://fake-otter-12345.kv.vercel-storage.com\n", []string{"UPS301 high 1:17"}},
		{"plaintext http url", ".env", "UPSTASH_REDIS_REST_URL=http://fake-otter-12345.upstash.io\n", []string{"UPS301 high 1:24"}},
		{"fly redis url", ".env", "REDIS_URL=redis://default:x@fly-fake-otter.upstash.io\n", nil},
		{"non-upstash plaintext", ".env", "REDIS_URL=redis://localhost:6379\nAPI=http://example.com\n", nil},
		{"cert none in url", ".env", "REDIS_URL=rediss://fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none\n", []string{"UPS302 high 1:11"}},
		{"node tls off", ".env", "NODE_TLS_REJECT_UNAUTHORIZED=0\n", []string{"UPS302 high 1:1"}},
		{"node tls off in development", ".env.development", "NODE_TLS_REJECT_UNAUTHORIZED='0'\n", []string{"UPS302 medium 1:1"}},
		{"node tls on", ".env", "NODE_TLS_REJECT_UNAUTHORIZED=1\n", nil},
		{"qstash dev in production", ".env.production", "QSTASH_DEV=true\n", []string{"UPS503 critical 1:1"}},
		{"qstash dev 1 in production.local", ".env.production.local", "export QSTASH_DEV=1\n", []string{"UPS503 critical 1:8"}},
		{"qstash dev in prod.env", "deploy/prod.env", "QSTASH_DEV=TRUE\n", []string{"UPS503 critical 1:1"}},
		{"qstash dev false in production", ".env.production", "QSTASH_DEV=false\n", nil},
		{"qstash dev in development", ".env.development", "QSTASH_DEV=true\n", nil},
		{"qstash dev in plain .env", ".env", "QSTASH_DEV=true\n", nil},
		{"dev credentials in production", ".env.production",
			"QSTASH_TOKEN=" + devQStashToken + "\nQSTASH_CURRENT_SIGNING_KEY=" + devSigningKey + "\n",
			[]string{"UPS503 medium 1:1", "UPS503 critical 2:1"}},
		{"dev credentials in development", ".env.development",
			"QSTASH_TOKEN=" + devQStashToken + "\nQSTASH_CURRENT_SIGNING_KEY=" + devSigningKey + "\n", nil},
		{"real keys in production", ".env.production", "QSTASH_CURRENT_SIGNING_KEY=" + fakeSigningKey + "\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _, fs := run(t, tc.path, tc.src)
			if diff := cmp.Diff(tc.want, r.findings); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, x := range fs {
				assertNoSecret(t, "message", x.Message)
			}
		})
	}
}

// TestEnvVarFacts checks kinds, hosts and redaction in EnvVar facts.
func TestEnvVarFacts(t *testing.T) {
	src := "UPSTASH_REDIS_REST_URL=https://fake-otter-12345.upstash.io\n" +
		"UPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\n" +
		"KV_REST_API_READ_ONLY_TOKEN=" + fakeRedisRO + "\n" +
		"QSTASH_TOKEN=" + fakeQStashToken + "\n" +
		"QSTASH_NEXT_SIGNING_KEY=" + fakeSigningKey + "\n" +
		"KV_URL=rediss://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379\n" +
		"KV_RO=rediss://default_ro:9f8e7d6c5b4a39281706f5e4d3c2b1a0@fake-otter-12345.upstash.io:6379\n" +
		"VERCEL=https://fake-otter-12345.kv.vercel-storage.com\n" +
		"OTHER=https://example.com\n" +
		"PLACEHOLDER_URL=https://<your-db>.upstash.io\n"
	f, _ := analyze(t, ".env.local", src)
	var got []string
	for _, v := range f.EnvVars {
		got = append(got, varLine(v))
		if (v.Kind == "") != v.Secret.IsZero() {
			t.Errorf("%s: Kind %q and Secret %v disagree", v.Name, v.Kind, v.Secret)
		}
	}
	want := []string{
		"1:1 UPSTASH_REDIS_REST_URL url=https://fake-otter-12345.upstash.io",
		"2:1 UPSTASH_REDIS_REST_TOKEN kind=redis-rest-token",
		"3:1 KV_REST_API_READ_ONLY_TOKEN kind=redis-read-only-token",
		"4:1 QSTASH_TOKEN kind=qstash-token",
		"5:1 QSTASH_NEXT_SIGNING_KEY kind=qstash-signing-key",
		"6:1 KV_URL kind=redis-rest-token url=rediss://fake-otter-12345.upstash.io",
		"7:1 KV_RO kind=redis-read-only-password url=rediss://fake-otter-12345.upstash.io",
		"8:1 VERCEL url=https://fake-otter-12345.kv.vercel-storage.com",
		"9:1 OTHER",
		"10:1 PLACEHOLDER_URL",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("vars (-want +got):\n%s", diff)
	}
}

// TestConfigFiles checks each CI/deploy config kind: facts and findings.
func TestConfigFiles(t *testing.T) {
	tests := []struct {
		name, path, src string
		vars, findings  []string
	}{
		{
			name: "workflow env levels and environments",
			path: ".github/workflows/deploy.yml",
			src: `name: deploy
env:
  NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN: ${{ secrets.UPSTASH_REDIS_REST_TOKEN }}
  NEXT_PUBLIC_UPSTASH_REDIS_REST_URL: ${{ secrets.UPSTASH_REDIS_REST_URL }}
jobs:
  deploy-prod:
    environment:
      name: production
      url: https://example.com
    env:
      QSTASH_DEV: "1"
    container:
      image: node
      env:
        NODE_TLS_REJECT_UNAUTHORIZED: 0
    steps:
      - uses: actions/checkout@v4
      - run: npm run build
        env:
          UPSTASH_REDIS_REST_URL: http://fake-otter-12345.upstash.io
          VITE_TOKEN: ${{ secrets.MY_REDIS }}
  staging:
    environment: staging
    env:
      QSTASH_DEV: true
  test:
    env:
      NODE_TLS_REJECT_UNAUTHORIZED: "0"
`,
			vars: []string{
				"3:3 NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN public",
				"4:3 NEXT_PUBLIC_UPSTASH_REDIS_REST_URL public",
				"11:7 QSTASH_DEV env=production",
				"15:9 NODE_TLS_REJECT_UNAUTHORIZED env=production",
				"20:11 UPSTASH_REDIS_REST_URL url=http://fake-otter-12345.upstash.io env=production",
				"21:11 VITE_TOKEN public env=production",
				"25:7 QSTASH_DEV env=staging",
				"28:7 NODE_TLS_REJECT_UNAUTHORIZED env=test",
			},
			findings: []string{
				"UPS201 critical 3:3", "UPS503 critical 11:7", "UPS302 high 15:9", "UPS301 high 20:35",
				"UPS302 medium 28:7",
			},
		},
		{
			name: "workflow with a job id that says production",
			path: ".github/workflows/release.yaml",
			src:  "on: push\njobs:\n  production:\n    runs-on: ubuntu-latest\n    steps:\n      - env: {QSTASH_DEV: 'true'}\n        run: x\n",
			vars: []string{"6:15 QSTASH_DEV env=production"}, findings: []string{"UPS503 critical 6:15"},
		},
		{
			name: "vercel.json env and build.env",
			path: "vercel.json",
			src: `{
  "env": {"QSTASH_DEV": "true", "NEXT_PUBLIC_REDIS_TOKEN": "@upstash-redis-rest-token"},
  "build": {"env": {"VITE_RO": "` + fakeRedisRO + `", "X": 1}},
  "rewrites": [{"source": "/a", "destination": "/b"}]
}`,
			vars:     []string{"2:12 QSTASH_DEV", "2:34 NEXT_PUBLIC_REDIS_TOKEN public", "3:22 VITE_RO public kind=redis-read-only-token", "3:91 X"},
			findings: []string{"UPS503 critical 2:12", "UPS201 critical 2:34", "UPS201 low 3:22"},
		},
		{
			name: "netlify contexts",
			path: "netlify.toml",
			src: `[build]
  command = "npm run build"
  [build.environment]
    NODE_TLS_REJECT_UNAUTHORIZED = "0"
[context.production.environment]
  QSTASH_DEV = true
  VITE_T = "` + fakeRedisToken + `"
[context.deploy-preview]
  environment = { QSTASH_DEV = "true", REDIS_URL = "redis://fake-otter-12345.upstash.io:6379" }
`,
			vars: []string{
				"4:5 NODE_TLS_REJECT_UNAUTHORIZED",
				"9:19 QSTASH_DEV env=deploy-preview",
				"9:40 REDIS_URL url=redis://fake-otter-12345.upstash.io env=deploy-preview",
				"6:3 QSTASH_DEV env=production",
				"7:3 VITE_T public kind=redis-rest-token env=production",
			},
			findings: []string{"UPS302 high 4:5", "UPS503 critical 6:3", "UPS201 critical 7:3", "UPS301 high 9:53"},
		},
		{
			name: "docker compose list and map",
			path: "docker-compose.yml",
			src: `services:
  web:
    environment:
      - REDIS_URL=redis://fake-otter-12345.upstash.io:6379
      - "NEXT_PUBLIC_T=` + fakeRedisToken + `"
      - PASSTHROUGH
  worker-prod:
    environment:
      QSTASH_DEV: "true"
      EMPTY:
`,
			vars: []string{
				"4:9 REDIS_URL url=redis://fake-otter-12345.upstash.io",
				"5:10 NEXT_PUBLIC_T public kind=redis-rest-token",
				"6:9 PASSTHROUGH",
				"9:7 QSTASH_DEV env=worker-prod",
				"10:7 EMPTY env=worker-prod",
			},
			findings: []string{"UPS301 high 4:19", "UPS201 critical 5:10", "UPS503 critical 9:7"},
		},
		{
			name: "compose file named for development",
			path: "docker-compose.dev.yml",
			src:  "services:\n  app:\n    environment:\n      QSTASH_DEV: 'true'\n",
			vars: []string{"4:7 QSTASH_DEV env=development"},
		},
		{
			name: "wrangler vars and envs",
			path: "wrangler.toml",
			src: `name = "worker"
[vars]
QSTASH_DEV = "true"
[env.staging.vars]
QSTASH_DEV = "true"
[env.production.vars]
UPSTASH_REDIS_REST_URL = "http://fake-otter-12345.upstash.io"
`,
			vars:     []string{"3:1 QSTASH_DEV", "7:1 UPSTASH_REDIS_REST_URL url=http://fake-otter-12345.upstash.io env=production", "5:1 QSTASH_DEV env=staging"},
			findings: []string{"UPS503 critical 3:1", "UPS301 high 7:27"},
		},
		{
			name: "fly env",
			path: "fly.toml",
			src:  "app = \"shop-staging\"\n[env]\n  QSTASH_DEV = \"true\"\n  REDIS_URL = \"redis://default:x@fly-shop.upstash.io\"\n",
			vars: []string{"3:3 QSTASH_DEV env=shop-staging", "4:3 REDIS_URL url=redis://fly-shop.upstash.io env=shop-staging"},
		},
		{
			name: "fly env of a production app",
			path: "fly.toml",
			src:  "app = \"shop\"\n[env]\n  QSTASH_DEV = \"1\"\n",
			vars: []string{"3:3 QSTASH_DEV"}, findings: []string{"UPS503 critical 3:3"},
		},
		{
			name:     "app engine",
			path:     "app.yaml",
			src:      "runtime: python312\nenv_variables:\n  QSTASH_DEV: \"true\"\n  UPSTASH_REDIS_REST_URL: \"https://fake-otter-12345.upstash.io\"\n",
			vars:     []string{"3:3 QSTASH_DEV", "4:3 UPSTASH_REDIS_REST_URL url=https://fake-otter-12345.upstash.io"},
			findings: []string{"UPS503 critical 3:3"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, f, fs := run(t, tc.path, tc.src)
			if diff := cmp.Diff(tc.vars, r.vars); diff != "" {
				t.Errorf("vars (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.findings, r.findings); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if len(f.Notes) > 0 {
				t.Errorf("notes: %v", f.Notes)
			}
			if f.Lang != facts.Config {
				t.Errorf("lang = %s", f.Lang)
			}
			for _, x := range fs {
				assertNoSecret(t, "message", x.Message)
			}
		})
	}
}

func TestTSConfig(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            string
	}{
		{"jsonc", "apps/web/tsconfig.json", `{
  // line comment with "quotes" and a /* fake block
  "extends": "../../tsconfig.base.json", /* block
  comment */
  "compilerOptions": {
    "baseUrl": "./src",
    "paths": {"@/*": ["./*"], "~lib/*": ["../lib/*", "./vendor/*",], "url//like": ["http://x/*"]},
  },
}`, "  tsconfig dir=apps/web baseUrl=./src extends=../../tsconfig.base.json paths=@/*=./*,url//like=http://x/*,~lib/*=../lib/*|./vendor/*\n"},
		{"jsconfig minimal", "jsconfig.json", `{"compilerOptions":{"paths":{"@/*":["src/*"]}}}`,
			"  tsconfig dir=. baseUrl= extends= paths=@/*=src/*\n"},
		{"extends list", "tsconfig.json", `{"extends": ["a.json", "b.json"]}`, "  tsconfig dir=. baseUrl= extends=b.json paths=\n"},
		{"empty file", "tsconfig.json", "", "  tsconfig dir=. baseUrl= extends= paths=\n"},
		{"bom", "tsconfig.json", "\uFEFF{\"compilerOptions\":{\"baseUrl\":\".\"}}", "  tsconfig dir=. baseUrl=. extends= paths=\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := analyze(t, tc.path, tc.src)
			got := render(f, nil)
			got = got[strings.IndexByte(got, '\n')+1:]
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestMalformed checks that bad input yields a note, no panic, and leaves
// other results intact.
func TestMalformed(t *testing.T) {
	tests := []struct{ path, src, note string }{
		{".github/workflows/x.yml", "env:\n  A: [unclosed\n  B: x\n", "not valid YAML (line"},
		{".github/workflows/x.yml", "- just\n- a list\n", "top level is not a mapping"},
		{"docker-compose.yml", "services: {web: {environment: \"KEY=" + fakeRedisToken + "\"\n", "not valid YAML"},
		{"netlify.toml", "[build.environment]\nA = \"" + fakeRedisToken + "\n", "syntax error at line 2"},
		{"wrangler.toml", "[vars\n", "not valid TOML"},
		{"vercel.json", "{\"env\": {\"A\": \"1\", \"B\": }", "not valid JSON (syntax error at line 1)"},
		{"tsconfig.json", "{\"compilerOptions\": {\"paths\": [}", "not valid JSON with comments"},
		{".env", "A=\"" + fakeRedisToken, "unterminated quote"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			f, fs := analyze(t, tc.path, tc.src)
			notes := strings.Join(f.Notes, "; ")
			if !strings.Contains(notes, tc.note) {
				t.Errorf("notes = %q, want %q", notes, tc.note)
			}
			assertNoSecret(t, "notes", notes)
			_ = fs
		})
	}
	t.Run("partial vercel.json keeps what came before the error", func(t *testing.T) {
		f, fs := analyze(t, "vercel.json", `{"env": {"QSTASH_DEV": "true", "B": }`)
		if len(f.EnvVars) != 1 || len(fs) != 1 || len(f.Notes) != 1 {
			t.Errorf("vars %v findings %v notes %v", f.EnvVars, fs, f.Notes)
		}
	})
}

// TestNoSecretInOutput checks facts, findings and notes for planted values.
func TestNoSecretInOutput(t *testing.T) {
	var src strings.Builder
	for i, s := range plantedSecrets {
		src.WriteString("NEXT_PUBLIC_T" + strconv.Itoa(i+1) + "=" + s + "\n")
		src.WriteString("T" + strconv.Itoa(i+1) + "='" + s + "'\n")
	}
	src.WriteString("NEXT_PUBLIC_URL=redis://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379\n")
	f, fs := analyze(t, ".env.production", src.String())
	out := render(f, fs)
	for _, x := range fs {
		out += x.Key + x.Secret.Prefix + x.Secret.SHA256
	}
	assertNoSecret(t, "output", out)
	if len(fs) < len(plantedSecrets) {
		t.Errorf("only %d findings:\n%s", len(fs), out)
	}
}

// TestConcurrent runs one Analyzer from several goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	a, _ := New()
	files := map[string]string{
		".env.production":          "QSTASH_DEV=true\nNEXT_PUBLIC_T=" + fakeRedisToken + "\n",
		".github/workflows/ci.yml": "env:\n  A: http://fake-otter-12345.upstash.io\n",
		"netlify.toml":             "[build.environment]\nNODE_TLS_REJECT_UNAUTHORIZED = \"0\"\n",
		"tsconfig.json":            `{"compilerOptions":{"paths":{"@/*":["src/*"]}}}`,
	}
	want := map[string]string{}
	for p, s := range files {
		want[p] = render(analyzeFile(a, p, []byte(s)))
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p, s := range files {
				if got := render(analyzeFile(a, p, []byte(s))); got != want[p] {
					t.Errorf("%s differs under concurrency", p)
				}
			}
		}()
	}
	wg.Wait()
}
