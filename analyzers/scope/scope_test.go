package scope

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/upscan/upscan/analyzers/facts"
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/upstash"
)

func TestReadOnly(t *testing.T) {
	full := ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN")
	tests := []struct {
		name  string
		files []*facts.File
		want  []ft.Summary
	}{
		{
			name:  "module only reads with the full token",
			files: []*facts.File{ft.File("lib/cache.ts", ft.RedisClient("redis", full, "get", "hgetall", "json.get"))},
			want:  []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "lib/cache.ts", Related: []string{"lib/cache.ts", "lib/cache.ts", "lib/cache.ts"}}},
		},
		{
			name:  "KV token, fromEnv default and literal full token count",
			files: []*facts.File{ft.File("a.ts", ft.RedisClient("a", ft.SrvEnv("KV_REST_API_TOKEN"), "get")), ft.File("b.ts", ft.RedisClient("b", ft.FromEnvDefault(), "zrange")), ft.File("c.ts", ft.RedisClient("c", ft.Literal("redis-rest-token"), "mget"))},
			want:  []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "a.ts", Related: []string{"a.ts"}}, {Rule: "UPS501", Severity: "low", Path: "b.ts", Related: []string{"b.ts"}}, {Rule: "UPS501", Severity: "low", Path: "c.ts", Related: []string{"c.ts"}}},
		},
		{
			name:  "a write disqualifies",
			files: []*facts.File{ft.File("lib/cache.ts", ft.RedisClient("redis", full, "get", "set"))},
		},
		{
			name:  "scan and keys are blocked for read-only tokens",
			files: []*facts.File{ft.File("a.ts", ft.RedisClient("redis", full, "get", "scan")), ft.File("b.ts", ft.RedisClient("redis", full, "keys"))},
		},
		{
			name:  "pipeline, eval and unknown methods disqualify",
			files: []*facts.File{ft.File("a.ts", ft.RedisClient("redis", full, "get", "pipeline")), ft.File("b.ts", ft.RedisClient("redis", full, "evalsha")), ft.File("c.ts", ft.RedisClient("redis", full, "frobnicate"))},
		},
		{
			name:  "a client passed on (rate limiter) may write",
			files: []*facts.File{ft.File("lib/limit.ts", ft.RedisClient("redis", full, "get", facts.Escaped))},
		},
		{
			name: "a rate limiter in the module or in an importer may write",
			files: []*facts.File{
				ft.File("lib/a.ts", ft.RedisClient("redis", full, "get"), ft.Client(facts.Client{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "limiter"})),
				ft.File("lib/b.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis")),
				ft.File("app/c.ts", ft.Imports("../lib/b", "redis"), ft.Client(facts.Client{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "limiter"})),
			},
		},
		{
			name:  "unused client is not reported",
			files: []*facts.File{ft.File("lib/cache.ts", ft.RedisClient("redis", full))},
		},
		{
			name:  "read-only token is fine",
			files: []*facts.File{ft.File("a.ts", ft.RedisClient("redis", ft.SrvEnv("KV_REST_API_READ_ONLY_TOKEN"), "get")), ft.File("b.ts", ft.Client(facts.Client{Product: facts.Redis, Var: "r", ReadOnlyToken: true, Token: ft.Literal("redis-rest-token"), Commands: []facts.Command{{Name: "get"}}}))},
		},
		{
			name:  "unknown token name is not judged",
			files: []*facts.File{ft.File("a.ts", ft.RedisClient("redis", ft.SrvEnv("MY_REDIS_TOKEN"), "get"))},
		},
		{
			name: "exported client: reads across importers, info",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis")),
				ft.File("app/a.ts", ft.Imports("../lib/redis", "redis"), ft.Uses("redis", "hget", "zrange")),
				ft.File("app/b.ts", ft.Imports("../lib/redis", "redis as kv"), ft.Uses("kv", "json.get")),
				ft.File("app/c.ts", ft.Imports("../lib/redis", "redis"), ft.Uses("other", "set")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "info", Path: "lib/redis.ts", Related: []string{"app/a.ts", "app/a.ts", "app/b.ts", "lib/redis.ts"}}},
		},
		{
			name: "a write in an importer disqualifies",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis")),
				ft.File("app/a.ts", ft.Imports("../lib/redis", "redis"), ft.Uses("redis", "get")),
				ft.File("app/b.ts", ft.Imports("../lib/redis", "redis as kv"), ft.Uses("kv", "incr")),
			},
			// The client writes; app/a.ts, which only reads, could hold a
			// read-only client of its own.
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/a.ts", Related: []string{"app/a.ts"}}},
		},
		{
			name: "shared client: a module that also writes, passes it on, runs by hand or already reads with the read-only token is not reported",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full), ft.Exports("redis")),
				ft.File("lib/ro.ts", ft.RedisClient("ro", ft.SrvEnv("UPSTASH_REDIS_REST_READ_ONLY_TOKEN")), ft.Exports("ro")),
				ft.File("app/api/both/route.ts", ft.Imports("../../../lib/redis", "redis"), ft.Uses("redis", "get", "set")),
				ft.File("app/api/pass/route.ts", ft.Imports("../../../lib/redis", "redis"), ft.Uses("redis", "get", facts.Escaped)),
				ft.File("scripts/seed.ts", ft.Imports("../lib/redis", "redis"), ft.Uses("redis", "get")),
				ft.File("app/api/split/route.ts", ft.Imports("../../../lib/redis", "redis"), ft.Imports("../../../lib/ro", "ro"), ft.Uses("redis", "get")),
				ft.File("app/api/read/route.ts", ft.Imports("../../../lib/redis", "redis"), ft.Uses("redis", "zrange", "get")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/api/read/route.ts", Related: []string{"app/api/read/route.ts", "app/api/read/route.ts"}}},
		},
		{
			name: "factory: a module that only reads the result is reported, one that writes or passes the factory on is not",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@upstash/redis", Factory: "getRedis", Token: full}), ft.Exports("getRedis")),
				ft.File("app/read.ts", ft.Imports("../lib/redis", "getRedis"), ft.Uses("getRedis()", "get", "zrange")),
				ft.File("app/write.ts", ft.Imports("../lib/redis", "getRedis"), ft.Uses("getRedis()", "get", "set")),
				ft.File("app/dep.py", ft.Imports("../lib/redis", "getRedis"), ft.Uses("getRedis()", "get"), ft.Uses("getRedis", facts.Escaped)),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/read.ts", Related: []string{"app/read.ts", "app/read.ts"}}},
		},
		{
			name: "factory: every result only read is one info finding at the client; once the factory escapes, only the reading module is",
			files: []*facts.File{
				ft.File("lib/a.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@upstash/redis", Factory: "getA", Default: true, Token: ft.FromEnvDefault()}), ft.Exports("getA")),
				ft.File("app/a.ts", ft.Imports("../lib/a", "getA"), ft.Uses("getA()", "get")),
				ft.File("lib/b.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@upstash/redis", Factory: "getB", Default: true, Token: ft.FromEnvDefault()}), ft.Exports("getB")),
				ft.File("app/b.ts", ft.Imports("../lib/b", "getB"), ft.Uses("getB()", "get")),
				ft.File("app/c.ts", ft.Imports("../lib/b", "getB"), ft.Uses("getB", facts.Escaped)),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/b.ts", Related: []string{"app/b.ts"}}, {Rule: "UPS501", Severity: "info", Path: "lib/a.ts", Related: []string{"app/a.ts"}}},
		},
		{
			name: "scripts and seed files are never candidates",
			files: []*facts.File{
				ft.File("scripts/report.ts", ft.RedisClient("redis", full, "get")),
				ft.File("prisma/seed.ts", ft.RedisClient("redis", full, "get")),
				ft.File("bin/check.js", ft.RedisClient("redis", full, "get")),
			},
		},
		{
			name: "a write behind a barrel re-export disqualifies",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis")),
				ft.File("lib/index.ts", ft.Reexports("./redis", "*")),
				ft.File("app/a.ts", ft.Imports("../lib", "redis"), ft.Uses("redis", "del")),
			},
		},
		{
			name: "a write through a named re-export and a local re-export disqualifies",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full), ft.Exports("redis as db")),
				ft.File("lib/db.ts", ft.Reexports("./redis", "db")),
				ft.File("lib/more.ts", ft.Imports("./db", "db"), ft.Exports("db as store")),
				ft.File("app/a.ts", ft.Imports("../lib/more", "store"), ft.Uses("store", "hset")),
			},
		},
		{
			name: "namespace import: member path names the export",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full), ft.Exports("redis")),
				ft.File("app/a.ts", ft.Imports("../lib/redis", "* as db"), ft.Uses("db", "redis.get", "other.set")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "info", Path: "lib/redis.ts", Related: []string{"app/a.ts"}}},
		},
		{
			name: "namespace passed on disqualifies",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis")),
				ft.File("app/a.ts", ft.Imports("../lib/redis", "* as db"), ft.Uses("db", facts.Escaped)),
			},
		},
		{
			name: "CommonJS module.exports = redis",
			files: []*facts.File{
				ft.File("lib/redis.js", ft.RedisClient("redis", full), ft.Exports("redis as default")),
				ft.File("app/a.js", ft.Imports("../lib/redis", "* as r"), ft.Uses("r", "get")),
				ft.File("app/b.js", ft.Imports("../lib/redis", "* as r"), ft.Uses("r", "lpush")),
			},
		},
		{
			name: "import cycle between importers terminates",
			files: []*facts.File{
				ft.File("lib/redis.ts", ft.RedisClient("redis", full, "get"), ft.Exports("redis"), ft.Reexports("./x", "*")),
				ft.File("lib/x.ts", ft.Reexports("./redis", "*"), ft.Imports("./redis", "redis"), ft.Uses("redis", "ttl")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "info", Path: "lib/redis.ts", Related: []string{"lib/redis.ts", "lib/x.ts"}}},
		},
		{
			name: "Python module-level client imported elsewhere",
			files: []*facts.File{
				ft.File("app/cache.py", ft.Client(facts.Client{Product: facts.Redis, SDK: "upstash_redis", Var: "redis", Default: true, Commands: []facts.Command{{Name: "get", Pos: ft.Pos()}}})),
				ft.File("app/routes.py", ft.Imports("app.cache", "redis"), ft.Uses("redis", "hgetall")),
				ft.File("app/jobs.py", ft.Imports(".", "cache"), ft.Uses("cache", "redis.set")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/routes.py", Related: []string{"app/routes.py"}}},
		},
		{
			name: "Python reads only, through relative and submodule imports",
			files: []*facts.File{
				ft.File("app/__init__.py"),
				ft.File("app/cache.py", ft.Client(facts.Client{Product: facts.Redis, SDK: "upstash_redis", Var: "redis", Default: true, Pos: ft.Pos()})),
				ft.File("app/routes.py", ft.Imports(".cache", "redis"), ft.Uses("redis", "hgetall")),
				ft.File("app/jobs.py", ft.Imports("app", "cache"), ft.Uses("cache", "redis.get")),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "info", Path: "app/cache.py", Related: []string{"app/jobs.py", "app/routes.py"}}},
		},
		{
			name: "@vercel/kv kv is one shared client",
			files: []*facts.File{
				ft.File("app/a.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "get", Pos: ft.Pos()}}})),
				ft.File("app/b.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "smembers", Pos: ft.Pos()}}})),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "info", Path: "app/a.ts", Related: []string{"app/a.ts", "app/b.ts"}}},
		},
		{
			name: "@vercel/kv written elsewhere",
			files: []*facts.File{
				ft.File("app/a.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "get", Pos: ft.Pos()}}})),
				ft.File("app/b.ts", ft.Client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "set", Pos: ft.Pos()}}})),
			},
			want: []ft.Summary{{Rule: "UPS501", Severity: "low", Path: "app/a.ts", Related: []string{"app/a.ts"}}},
		},
		{
			name: "a public-prefixed token or a client in client code is UPS202's, not UPS501's",
			files: []*facts.File{
				ft.File("lib/a.ts", ft.RedisClient("redis", ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"), "get")),
				ft.File("app/b.tsx", ft.UseClient, ft.RedisClient("redis", full, "get")),
			},
		},
		{
			name: "the env files show the token is read-only",
			files: []*facts.File{
				ft.File(".env.production", func(f *facts.File) {
					f.EnvVars = append(f.EnvVars, facts.EnvVar{Name: "UPSTASH_REDIS_REST_TOKEN", Kind: "redis-read-only-token", Credential: upstash.Credential{Kind: "redis-read-only-token", ReadOnly: true}, Pos: ft.Pos()})
				}),
				ft.File("lib/cache.ts", ft.RedisClient("redis", full, "get")),
			},
		},
		{
			name:  "tests are not judged",
			files: []*facts.File{ft.File("lib/cache.test.ts", ft.RedisClient("redis", full, "get"))},
		},
		{
			name:  "TCP and QStash clients are not judged",
			files: []*facts.File{ft.File("a.ts", ft.Client(facts.Client{Product: facts.RedisTCP, Var: "r", Token: full, Commands: []facts.Command{{Name: "get"}}}))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ReadOnly(graph(tt.files))
			ft.CheckWellFormed(t, got)
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS501 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadOnlyMessage(t *testing.T) {
	got := ReadOnly(graph([]*facts.File{ft.File("lib/cache.ts", ft.RedisClient("redis", ft.SrvEnv("KV_REST_API_TOKEN"), "hgetall", "get", "get"))}))
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1", len(got))
	}
	for _, want := range []string{"(get, hgetall)", "KV_REST_API_TOKEN", "KV_REST_API_READ_ONLY_TOKEN"} {
		if !strings.Contains(got[0].Message, want) {
			t.Errorf("message %q lacks %q", got[0].Message, want)
		}
	}
}

func TestEnvironments(t *testing.T) {
	const host, other = "fake-otter-12345.upstash.io", "fake-heron-23456.upstash.io"
	tests := []struct {
		name  string
		files []*facts.File
		want  []ft.Summary
	}{
		{
			name:  "development and production env files share a host",
			files: []*facts.File{ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
			want:  []ft.Summary{{Rule: "UPS502", Severity: "medium", Path: ".env.production", Related: []string{".env.development"}}},
		},
		{
			name: "workflow jobs for staging and production in one file",
			files: []*facts.File{ft.File(".github/workflows/deploy.yml",
				ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "staging"), ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "prod"))},
			want: []ft.Summary{{Rule: "UPS502", Severity: "medium", Path: ".github/workflows/deploy.yml", Related: []string{".github/workflows/deploy.yml"}}},
		},
		{
			name:  "without production it is low",
			files: []*facts.File{ft.File(".env.local", ft.EnvVar("KV_URL", host, "")), ft.File(".env.test", ft.EnvVar("KV_URL", host, "")), ft.File("docker-compose.staging.yml", ft.EnvVar("KV_URL", host, ""))},
			want:  []ft.Summary{{Rule: "UPS502", Severity: "low", Path: "docker-compose.staging.yml", Related: []string{".env.test", ".env.local"}}},
		},
		{
			name:  ".env.production.local is production",
			files: []*facts.File{ft.File(".env.production.local", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File(".env.local", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
			want:  []ft.Summary{{Rule: "UPS502", Severity: "medium", Path: ".env.production.local", Related: []string{".env.local"}}},
		},
		{
			name:  "same token without a host",
			files: []*facts.File{ft.File(".env.development", ft.EnvToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")), ft.File(".env.production", ft.EnvToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1"))},
			want:  []ft.Summary{{Rule: "UPS502", Severity: "medium", Path: ".env.production", Related: []string{".env.development"}}},
		},
		{
			name: "token next to a shared host is not reported twice",
			files: []*facts.File{
				ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""), ft.EnvToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")),
				ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""), ft.EnvToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")),
			},
			want: []ft.Summary{{Rule: "UPS502", Severity: "medium", Path: ".env.production", Related: []string{".env.development"}}},
		},
		{
			name:  "separate databases",
			files: []*facts.File{ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", other, "")), ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  ".env holds defaults for every environment",
			files: []*facts.File{ft.File(".env", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  "examples are not environments",
			files: []*facts.File{ft.File(".env.production.example", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  "placeholder hosts are not databases",
			files: []*facts.File{ft.File(".env.development", ft.EnvVar("UPSTASH_REDIS_REST_URL", "your-db.upstash.io", "")), ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", "your-db.upstash.io", ""))},
		},
		{
			name:  "QStash host is shared by every account",
			files: []*facts.File{ft.File(".env.development", ft.EnvVar("QSTASH_URL", "qstash.upstash.io", "")), ft.File(".env.production", ft.EnvVar("QSTASH_URL", "qstash.upstash.io", ""))},
		},
		{
			name:  "one environment in two files",
			files: []*facts.File{ft.File(".env.production", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File("netlify.toml", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "production"))},
		},
		{
			name:  "workflow without environments",
			files: []*facts.File{ft.File(".github/workflows/ci.yml", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, "")), ft.File(".github/workflows/release.yml", ft.EnvVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Environments(graph(tt.files))
			ft.CheckWellFormed(t, got)
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS502 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWebhooks(t *testing.T) {
	route := func(opts ...func(*facts.File)) *facts.File {
		return ft.File("app/api/webhook/route.ts", opts...)
	}
	tests := []struct {
		name  string
		files []*facts.File
		want  []ft.Summary
	}{
		{
			name:  "reads Upstash-Signature, never verifies",
			files: []*facts.File{route(ft.Header("Upstash-Signature"))},
			want:  []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "app/api/webhook/route.ts", Related: nil}},
		},
		{
			name:  "reads delivery headers, never verifies",
			files: []*facts.File{route(ft.Header("upstash-message-id"))},
			want:  []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "app/api/webhook/route.ts", Related: nil}},
		},
		{
			name:  "publishing headers are not receiving",
			files: []*facts.File{route(ft.Header("Upstash-Delay"), ft.Header("upstash-forward-authorization"))},
		},
		{
			name:  "verifySignatureAppRouter wrapper",
			files: []*facts.File{route(ft.Header("upstash-message-id"), ft.Imports("@upstash/qstash/nextjs", "verifySignatureAppRouter"))},
		},
		{
			name:  "Receiver built and verify called",
			files: []*facts.File{route(ft.Header("Upstash-Signature"), ft.Imports("@upstash/qstash", "Receiver"), ft.Client(facts.Client{Product: facts.QStash, SDK: "@upstash/qstash", Var: "receiver", Commands: []facts.Command{{Name: "verify"}}}))},
		},
		{
			name: "verification in an imported helper, two hops away",
			files: []*facts.File{
				route(ft.Header("Upstash-Signature"), ft.Imports("@/lib/qstash", "checkQStash")),
				ft.File("lib/qstash.ts", ft.Imports("./receiver", "receiver"), ft.Uses("receiver", "verify")),
				ft.File("lib/receiver.ts"),
			},
		},
		{
			name: "verification in Next.js middleware of the project",
			files: []*facts.File{
				ft.File("package.json"),
				route(ft.Header("Upstash-Signature")),
				ft.File("middleware.ts", ft.Imports("@upstash/qstash/nextjs", "verifySignatureEdge")),
			},
		},
		{
			name: "middleware of another project does not count",
			files: []*facts.File{
				ft.File("web/package.json"), ft.File("web/middleware.ts", ft.Imports("@upstash/qstash/nextjs", "verifySignatureEdge")),
				ft.File("api/package.json"), ft.File("api/app/hook/route.ts", ft.Header("Upstash-Signature")),
			},
			want: []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "api/app/hook/route.ts", Related: nil}},
		},
		{
			name: "a type-only import of a verifying module verifies nothing",
			files: []*facts.File{
				route(ft.Header("Upstash-Signature"), ft.TypeImport("../../../lib/qstash")),
				ft.File("lib/qstash.ts", ft.Imports("@upstash/qstash", "Receiver")),
			},
			want: []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "app/api/webhook/route.ts", Related: nil}},
		},
		{
			name:  "workflow serve verifies once the signing keys are deployed: not reported",
			files: []*facts.File{route(ft.Imports("@upstash/workflow/nextjs", "serve"))},
		},
		{
			name: "workflow serve with receiver: undefined verifies nothing",
			files: []*facts.File{func() *facts.File {
				f := route(ft.Imports("@upstash/workflow/nextjs", "serve"))
				f.Unverified = []facts.Pos{{Line: 3, Col: 14}}
				return f
			}()},
			want: []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "app/api/webhook/route.ts", Related: nil}},
		},
		{
			name:  "workflow serve with signing keys in an env file",
			files: []*facts.File{route(ft.Imports("@upstash/workflow/nextjs", "serve")), ft.File(".env.local.example", ft.EnvVar("QSTASH_CURRENT_SIGNING_KEY", "", ""))},
		},
		{
			name:  "workflow serve with a Receiver passed",
			files: []*facts.File{route(ft.Imports("@upstash/qstash/nextjs", "serve"), ft.Imports("@upstash/qstash", "Receiver"))},
		},
		{
			name:  "Python FastAPI receiver with qstash Receiver",
			files: []*facts.File{ft.File("api/main.py", ft.Header("upstash-signature"), ft.Imports("qstash", "Receiver"))},
		},
		{
			name:  "hand-written HS256 check",
			files: []*facts.File{route(ft.Header("Upstash-Signature"), ft.Imports("node:crypto", "createHmac"))},
		},
		{
			name:  "Python FastAPI receiver verifying with PyJWT",
			files: []*facts.File{ft.File("api/main.py", ft.Header("upstash-signature"), ft.Imports("jwt"))},
		},
		{
			name:  "Python FastAPI receiver without verification",
			files: []*facts.File{ft.File("api/main.py", ft.Header("upstash-signature"))},
			want:  []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "api/main.py", Related: nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Webhooks(graph(tt.files))
			ft.CheckWellFormed(t, got)
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS504 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImporterKeywords(t *testing.T) {
	files := []*facts.File{
		ft.File("lib/redis.ts", ft.RedisClient("redis", ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN")), ft.Exports("redis")),
		ft.File("lib/kv/index.ts", ft.RedisClient("kv", ft.FromEnvDefault()), ft.Exports("kv as default")),
		ft.File("app/cache/__init__.py", ft.Client(facts.Client{Product: facts.Redis, Var: "r", Default: true})),
		ft.File("lib/local.ts", ft.RedisClient("redis", ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN"))), // not exported
		ft.File("lib/ro.ts", ft.RedisClient("redis", ft.SrvEnv("KV_REST_API_READ_ONLY_TOKEN")), ft.Exports("redis")),
		nil,
	}
	if diff := cmp.Diff([]string{"cache", "kv", "redis"}, ImporterKeywords(files)); diff != "" {
		t.Errorf("ImporterKeywords (-want +got):\n%s", diff)
	}
}

// graph builds the module graph of files.
func graph(files []*facts.File) *modgraph.Graph {
	return modgraph.New(nil, files)
}
