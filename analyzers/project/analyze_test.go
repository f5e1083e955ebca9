package project

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

func TestExposure(t *testing.T) {
	redisLib := func(tok facts.Value) *facts.File {
		return file("lib/redis.ts", imports("@upstash/redis", "Redis"), redisClient("redis", tok, "get"), exports("redis"))
	}
	page := func(spec string, opts ...func(*facts.File)) *facts.File {
		return file("app/page.tsx", append([]func(*facts.File){useClient, imports(spec, "redis")}, opts...)...)
	}
	tests := []struct {
		name  string
		files []*facts.File
		want  []summary
	}{
		{
			name:  "public full token through an alias",
			files: []*facts.File{file("tsconfig.json", tsconfig("", "", "@/*=./*")), page("@/lib/redis"), redisLib(pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
			want:  []summary{{"UPS202", "critical", "lib/redis.ts", []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name: "chain through a component and a barrel index",
			files: []*facts.File{
				page("../components/Stats"),
				file("components/Stats.tsx", imports("../lib", "redis")),
				file("lib/index.ts", reexports("./redis", "*")),
				redisLib(pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")),
			},
			want: []summary{{"UPS202", "critical", "lib/redis.ts", []string{"app/page.tsx", "components/Stats.tsx", "lib/index.ts", "lib/redis.ts"}}},
		},
		{
			name:  "literal full token",
			files: []*facts.File{page("../lib/redis"), redisLib(literal("redis-rest-token"))},
			want:  []summary{{"UPS202", "critical", "lib/redis.ts", []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name:  "read-only public token is low",
			files: []*facts.File{page("../lib/redis"), redisLib(pubEnv("NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN"))},
			want:  []summary{{"UPS202", "low", "lib/redis.ts", []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name:  "unknown public token name is high",
			files: []*facts.File{page("../lib/redis"), redisLib(pubEnv("NEXT_PUBLIC_CACHE_KEY"))},
			want:  []summary{{"UPS202", "high", "lib/redis.ts", []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name: "public token env read in an imported module",
			files: []*facts.File{
				file("src/App.svelte", clientSideFile, imports("./config", "cfg")),
				file("src/config.ts", envRead("PUBLIC_UPSTASH_REDIS_REST_URL", true), envRead("PUBLIC_UPSTASH_REDIS_REST_TOKEN", true), envRead("PUBLIC_UPSTASH_REDIS_REST_TOKEN", true)),
			},
			want: []summary{{"UPS202", "critical", "src/config.ts", []string{"src/App.svelte"}}},
		},
		{
			// exposure.File reports a VITE_ read outside server paths in the
			// module itself; it is not reported twice.
			name: "browser-only env read in an imported module is the module's own finding",
			files: []*facts.File{
				file("src/App.svelte", clientSideFile, imports("./config", "cfg")),
				file("src/config.ts", envRead("VITE_UPSTASH_REDIS_REST_TOKEN", true)),
			},
		},
		{
			name:  "server-only env var reached from client code is not a finding",
			files: []*facts.File{page("../lib/redis"), redisLib(srvEnv("UPSTASH_REDIS_REST_TOKEN"))},
		},
		{
			name:  "SDK default (fromEnv) reached from client code is not a finding",
			files: []*facts.File{page("../lib/redis"), redisLib(fromEnvDefault())},
		},
		{
			name:  "server env reads are not findings",
			files: []*facts.File{page("../lib/cfg"), file("lib/cfg.ts", envRead("UPSTASH_REDIS_REST_TOKEN", false), envRead("NEXT_PUBLIC_APP_NAME", true))},
		},
		{
			name: "use server module is a boundary",
			files: []*facts.File{
				page("../lib/actions"),
				file("lib/actions.ts", useServer, imports("./redis", "redis")),
				redisLib(pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")),
			},
		},
		{
			name:  "server-only import is a boundary",
			files: []*facts.File{page("../lib/redis"), file("lib/redis.ts", imports("server-only"), redisClient("redis", pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
		},
		{
			name:  "SvelteKit $lib/server is a boundary",
			files: []*facts.File{file("svelte.config.js"), file("src/routes/+page.svelte", clientSideFile, imports("$lib/server/redis", "redis")), file("src/lib/server/redis.ts", redisClient("redis", pubEnv("PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
		},
		{
			name:  "type-only imports bundle nothing",
			files: []*facts.File{file("app/page.tsx", useClient, typeImport("../lib/redis")), redisLib(pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
		},
		{
			name: "an .astro frontmatter import is server code",
			files: []*facts.File{file("src/pages/index.astro", clientSideFile, func(f *facts.File) {
				f.Imports = append(f.Imports, facts.Import{Spec: "../lib/redis", ServerOnly: true, Pos: pos()})
			}), file("src/lib/redis.ts", redisClient("redis", pubEnv("PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
		},
		{
			name:  "the client-side file itself is analyzers/jsts's finding",
			files: []*facts.File{file("app/page.tsx", useClient, redisClient("redis", pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
		},
		{
			name:  "server code importing the module is not client code",
			files: []*facts.File{file("app/api/route.ts", imports("../../lib/redis", "redis")), redisLib(pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
		},
		{
			name: "import cycles terminate and report once",
			files: []*facts.File{
				page("../lib/a"),
				file("lib/a.ts", imports("./b", "b")),
				file("lib/b.ts", imports("./a", "a"), imports("./redis", "redis")),
				file("lib/redis.ts", imports("./a", "a"), imports("@upstash/redis", "Redis"), redisClient("redis", pubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))),
			},
			want: []summary{{"UPS202", "critical", "lib/redis.ts", []string{"app/page.tsx", "lib/a.ts", "lib/b.ts", "lib/redis.ts"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only("UPS202", Analyze(tt.files))
			checkWellFormed(t, got)
			if diff := cmp.Diff(tt.want, summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS202 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExposureSecretRedacted(t *testing.T) {
	files := []*facts.File{file("app/page.tsx", useClient, imports("../lib/redis", "redis")),
		file("lib/redis.ts", redisClient("redis", literal("redis-rest-token")))}
	got := only("UPS202", Analyze(files))
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1", len(got))
	}
	f := got[0]
	if f.Secret.Kind != "redis-rest-token" || f.Secret.SHA256 == "" {
		t.Errorf("literal token finding lacks its redaction: kind %q", f.Secret.Kind)
	}
	if f.Key != rules.Fingerprint("UPS202", "", f.Secret.SHA256) {
		t.Error("a credential finding's key must come from the secret's hash")
	}
	if !strings.Contains(f.Message, "app/page.tsx → lib/redis.ts") {
		t.Errorf("message does not show the chain: %q", f.Message)
	}
}

func TestReadOnly(t *testing.T) {
	full := srvEnv("UPSTASH_REDIS_REST_TOKEN")
	tests := []struct {
		name  string
		files []*facts.File
		want  []summary
	}{
		{
			name:  "module only reads with the full token",
			files: []*facts.File{file("lib/cache.ts", redisClient("redis", full, "get", "hgetall", "json.get"))},
			want:  []summary{{"UPS501", "low", "lib/cache.ts", []string{"lib/cache.ts", "lib/cache.ts", "lib/cache.ts"}}},
		},
		{
			name:  "KV token, fromEnv default and literal full token count",
			files: []*facts.File{file("a.ts", redisClient("a", srvEnv("KV_REST_API_TOKEN"), "get")), file("b.ts", redisClient("b", fromEnvDefault(), "zrange")), file("c.ts", redisClient("c", literal("redis-rest-token"), "mget"))},
			want:  []summary{{"UPS501", "low", "a.ts", []string{"a.ts"}}, {"UPS501", "low", "b.ts", []string{"b.ts"}}, {"UPS501", "low", "c.ts", []string{"c.ts"}}},
		},
		{
			name:  "a write disqualifies",
			files: []*facts.File{file("lib/cache.ts", redisClient("redis", full, "get", "set"))},
		},
		{
			name:  "scan and keys are blocked for read-only tokens",
			files: []*facts.File{file("a.ts", redisClient("redis", full, "get", "scan")), file("b.ts", redisClient("redis", full, "keys"))},
		},
		{
			name:  "pipeline, eval and unknown methods disqualify",
			files: []*facts.File{file("a.ts", redisClient("redis", full, "get", "pipeline")), file("b.ts", redisClient("redis", full, "evalsha")), file("c.ts", redisClient("redis", full, "frobnicate"))},
		},
		{
			name:  "a client passed on (rate limiter) may write",
			files: []*facts.File{file("lib/limit.ts", redisClient("redis", full, "get", facts.Escaped))},
		},
		{
			name: "a rate limiter in the module or in an importer may write",
			files: []*facts.File{
				file("lib/a.ts", redisClient("redis", full, "get"), client(facts.Client{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "limiter"})),
				file("lib/b.ts", redisClient("redis", full, "get"), exports("redis")),
				file("app/c.ts", imports("../lib/b", "redis"), client(facts.Client{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "limiter"})),
			},
		},
		{
			name:  "unused client is not reported",
			files: []*facts.File{file("lib/cache.ts", redisClient("redis", full))},
		},
		{
			name:  "read-only token is fine",
			files: []*facts.File{file("a.ts", redisClient("redis", srvEnv("KV_REST_API_READ_ONLY_TOKEN"), "get")), file("b.ts", client(facts.Client{Product: facts.Redis, Var: "r", ReadOnlyToken: true, Token: literal("redis-rest-token"), Commands: []facts.Command{{Name: "get"}}}))},
		},
		{
			name:  "unknown token name is not judged",
			files: []*facts.File{file("a.ts", redisClient("redis", srvEnv("MY_REDIS_TOKEN"), "get"))},
		},
		{
			name: "exported client: reads across importers, info",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full, "get"), exports("redis")),
				file("app/a.ts", imports("../lib/redis", "redis"), uses("redis", "hget", "zrange")),
				file("app/b.ts", imports("../lib/redis", "redis as kv"), uses("kv", "json.get")),
				file("app/c.ts", imports("../lib/redis", "redis"), uses("other", "set")),
			},
			want: []summary{{"UPS501", "info", "lib/redis.ts", []string{"app/a.ts", "app/a.ts", "app/b.ts", "lib/redis.ts"}}},
		},
		{
			name: "a write in an importer disqualifies",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full, "get"), exports("redis")),
				file("app/a.ts", imports("../lib/redis", "redis"), uses("redis", "get")),
				file("app/b.ts", imports("../lib/redis", "redis as kv"), uses("kv", "incr")),
			},
		},
		{
			name: "a write behind a barrel re-export disqualifies",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full, "get"), exports("redis")),
				file("lib/index.ts", reexports("./redis", "*")),
				file("app/a.ts", imports("../lib", "redis"), uses("redis", "del")),
			},
		},
		{
			name: "a write through a named re-export and a local re-export disqualifies",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full), exports("redis as db")),
				file("lib/db.ts", reexports("./redis", "db")),
				file("lib/more.ts", imports("./db", "db"), exports("db as store")),
				file("app/a.ts", imports("../lib/more", "store"), uses("store", "hset")),
			},
		},
		{
			name: "namespace import: member path names the export",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full), exports("redis")),
				file("app/a.ts", imports("../lib/redis", "* as db"), uses("db", "redis.get", "other.set")),
			},
			want: []summary{{"UPS501", "info", "lib/redis.ts", []string{"app/a.ts"}}},
		},
		{
			name: "namespace passed on disqualifies",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full, "get"), exports("redis")),
				file("app/a.ts", imports("../lib/redis", "* as db"), uses("db", facts.Escaped)),
			},
		},
		{
			name: "CommonJS module.exports = redis",
			files: []*facts.File{
				file("lib/redis.js", redisClient("redis", full), exports("redis as default")),
				file("app/a.js", imports("../lib/redis", "* as r"), uses("r", "get")),
				file("app/b.js", imports("../lib/redis", "* as r"), uses("r", "lpush")),
			},
		},
		{
			name: "import cycle between importers terminates",
			files: []*facts.File{
				file("lib/redis.ts", redisClient("redis", full, "get"), exports("redis"), reexports("./x", "*")),
				file("lib/x.ts", reexports("./redis", "*"), imports("./redis", "redis"), uses("redis", "ttl")),
			},
			want: []summary{{"UPS501", "info", "lib/redis.ts", []string{"lib/redis.ts", "lib/x.ts"}}},
		},
		{
			name: "Python module-level client imported elsewhere",
			files: []*facts.File{
				file("app/cache.py", client(facts.Client{Product: facts.Redis, SDK: "upstash_redis", Var: "redis", Default: true, Commands: []facts.Command{{Name: "get", Pos: pos()}}})),
				file("app/routes.py", imports("app.cache", "redis"), uses("redis", "hgetall")),
				file("app/jobs.py", imports(".", "cache"), uses("cache", "redis.set")),
			},
		},
		{
			name: "Python reads only, through relative and submodule imports",
			files: []*facts.File{
				file("app/__init__.py"),
				file("app/cache.py", client(facts.Client{Product: facts.Redis, SDK: "upstash_redis", Var: "redis", Default: true, Pos: pos()})),
				file("app/routes.py", imports(".cache", "redis"), uses("redis", "hgetall")),
				file("app/jobs.py", imports("app", "cache"), uses("cache", "redis.get")),
			},
			want: []summary{{"UPS501", "info", "app/cache.py", []string{"app/jobs.py", "app/routes.py"}}},
		},
		{
			name: "@vercel/kv kv is one shared client",
			files: []*facts.File{
				file("app/a.ts", client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "get", Pos: pos()}}})),
				file("app/b.ts", client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "smembers", Pos: pos()}}})),
			},
			want: []summary{{"UPS501", "info", "app/a.ts", []string{"app/a.ts", "app/b.ts"}}},
		},
		{
			name: "@vercel/kv written elsewhere",
			files: []*facts.File{
				file("app/a.ts", client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "get", Pos: pos()}}})),
				file("app/b.ts", client(facts.Client{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, Commands: []facts.Command{{Name: "set", Pos: pos()}}})),
			},
		},
		{
			name:  "tests are not judged",
			files: []*facts.File{file("lib/cache.test.ts", redisClient("redis", full, "get"))},
		},
		{
			name:  "TCP and QStash clients are not judged",
			files: []*facts.File{file("a.ts", client(facts.Client{Product: facts.RedisTCP, Var: "r", Token: full, Commands: []facts.Command{{Name: "get"}}}))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only("UPS501", Analyze(tt.files))
			checkWellFormed(t, got)
			if diff := cmp.Diff(tt.want, summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS501 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadOnlyMessage(t *testing.T) {
	got := only("UPS501", Analyze([]*facts.File{file("lib/cache.ts", redisClient("redis", srvEnv("KV_REST_API_TOKEN"), "hgetall", "get", "get"))}))
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
		want  []summary
	}{
		{
			name:  "development and production env files share a host",
			files: []*facts.File{file(".env.development", envVar("UPSTASH_REDIS_REST_URL", host, "")), file(".env.production", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
			want:  []summary{{"UPS502", "medium", ".env.production", []string{".env.development"}}},
		},
		{
			name: "workflow jobs for staging and production in one file",
			files: []*facts.File{file(".github/workflows/deploy.yml",
				envVar("UPSTASH_REDIS_REST_URL", host, "staging"), envVar("UPSTASH_REDIS_REST_URL", host, "prod"))},
			want: []summary{{"UPS502", "medium", ".github/workflows/deploy.yml", []string{".github/workflows/deploy.yml"}}},
		},
		{
			name:  "without production it is low",
			files: []*facts.File{file(".env.local", envVar("KV_URL", host, "")), file(".env.test", envVar("KV_URL", host, "")), file("docker-compose.staging.yml", envVar("KV_URL", host, ""))},
			want:  []summary{{"UPS502", "low", "docker-compose.staging.yml", []string{".env.test", ".env.local"}}},
		},
		{
			name:  ".env.production.local is production",
			files: []*facts.File{file(".env.production.local", envVar("UPSTASH_REDIS_REST_URL", host, "")), file(".env.local", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
			want:  []summary{{"UPS502", "medium", ".env.production.local", []string{".env.local"}}},
		},
		{
			name:  "same token without a host",
			files: []*facts.File{file(".env.development", envToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")), file(".env.production", envToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1"))},
			want:  []summary{{"UPS502", "medium", ".env.production", []string{".env.development"}}},
		},
		{
			name: "token next to a shared host is not reported twice",
			files: []*facts.File{
				file(".env.development", envVar("UPSTASH_REDIS_REST_URL", host, ""), envToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")),
				file(".env.production", envVar("UPSTASH_REDIS_REST_URL", host, ""), envToken("UPSTASH_REDIS_REST_TOKEN", "redis-rest-token", "fake-token-value-1")),
			},
			want: []summary{{"UPS502", "medium", ".env.production", []string{".env.development"}}},
		},
		{
			name:  "separate databases",
			files: []*facts.File{file(".env.development", envVar("UPSTASH_REDIS_REST_URL", other, "")), file(".env.production", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  ".env holds defaults for every environment",
			files: []*facts.File{file(".env", envVar("UPSTASH_REDIS_REST_URL", host, "")), file(".env.production", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  "examples are not environments",
			files: []*facts.File{file(".env.production.example", envVar("UPSTASH_REDIS_REST_URL", host, "")), file(".env.development", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
		{
			name:  "placeholder hosts are not databases",
			files: []*facts.File{file(".env.development", envVar("UPSTASH_REDIS_REST_URL", "your-db.upstash.io", "")), file(".env.production", envVar("UPSTASH_REDIS_REST_URL", "your-db.upstash.io", ""))},
		},
		{
			name:  "QStash host is shared by every account",
			files: []*facts.File{file(".env.development", envVar("QSTASH_URL", "qstash.upstash.io", "")), file(".env.production", envVar("QSTASH_URL", "qstash.upstash.io", ""))},
		},
		{
			name:  "one environment in two files",
			files: []*facts.File{file(".env.production", envVar("UPSTASH_REDIS_REST_URL", host, "")), file("netlify.toml", envVar("UPSTASH_REDIS_REST_URL", host, "production"))},
		},
		{
			name:  "workflow without environments",
			files: []*facts.File{file(".github/workflows/ci.yml", envVar("UPSTASH_REDIS_REST_URL", host, "")), file(".github/workflows/release.yml", envVar("UPSTASH_REDIS_REST_URL", host, ""))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only("UPS502", Analyze(tt.files))
			checkWellFormed(t, got)
			if diff := cmp.Diff(tt.want, summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS502 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWebhooks(t *testing.T) {
	route := func(opts ...func(*facts.File)) *facts.File {
		return file("app/api/webhook/route.ts", opts...)
	}
	tests := []struct {
		name  string
		files []*facts.File
		want  []summary
	}{
		{
			name:  "reads Upstash-Signature, never verifies",
			files: []*facts.File{route(header("Upstash-Signature"))},
			want:  []summary{{"UPS504", "medium", "app/api/webhook/route.ts", nil}},
		},
		{
			name:  "reads delivery headers, never verifies",
			files: []*facts.File{route(header("upstash-message-id"))},
			want:  []summary{{"UPS504", "medium", "app/api/webhook/route.ts", nil}},
		},
		{
			name:  "publishing headers are not receiving",
			files: []*facts.File{route(header("Upstash-Delay"), header("upstash-forward-authorization"))},
		},
		{
			name:  "verifySignatureAppRouter wrapper",
			files: []*facts.File{route(header("upstash-message-id"), imports("@upstash/qstash/nextjs", "verifySignatureAppRouter"))},
		},
		{
			name:  "Receiver built and verify called",
			files: []*facts.File{route(header("Upstash-Signature"), imports("@upstash/qstash", "Receiver"), client(facts.Client{Product: facts.QStash, SDK: "@upstash/qstash", Var: "receiver", Commands: []facts.Command{{Name: "verify"}}}))},
		},
		{
			name: "verification in an imported helper, two hops away",
			files: []*facts.File{
				route(header("Upstash-Signature"), imports("@/lib/qstash", "checkQStash")),
				file("lib/qstash.ts", imports("./receiver", "receiver"), uses("receiver", "verify")),
				file("lib/receiver.ts"),
			},
		},
		{
			name: "verification in Next.js middleware of the project",
			files: []*facts.File{
				file("package.json"),
				route(header("Upstash-Signature")),
				file("middleware.ts", imports("@upstash/qstash/nextjs", "verifySignatureEdge")),
			},
		},
		{
			name: "middleware of another project does not count",
			files: []*facts.File{
				file("web/package.json"), file("web/middleware.ts", imports("@upstash/qstash/nextjs", "verifySignatureEdge")),
				file("api/package.json"), file("api/app/hook/route.ts", header("Upstash-Signature")),
			},
			want: []summary{{"UPS504", "medium", "api/app/hook/route.ts", nil}},
		},
		{
			name: "a type-only import of a verifying module verifies nothing",
			files: []*facts.File{
				route(header("Upstash-Signature"), typeImport("../../../lib/qstash")),
				file("lib/qstash.ts", imports("@upstash/qstash", "Receiver")),
			},
			want: []summary{{"UPS504", "medium", "app/api/webhook/route.ts", nil}},
		},
		{
			name:  "workflow serve verifies once the signing keys are deployed: not reported",
			files: []*facts.File{route(imports("@upstash/workflow/nextjs", "serve"))},
		},
		{
			name: "workflow serve with receiver: undefined verifies nothing",
			files: []*facts.File{func() *facts.File {
				f := route(imports("@upstash/workflow/nextjs", "serve"))
				f.Unverified = []facts.Pos{{Line: 3, Col: 14}}
				return f
			}()},
			want: []summary{{"UPS504", "medium", "app/api/webhook/route.ts", nil}},
		},
		{
			name:  "workflow serve with signing keys in an env file",
			files: []*facts.File{route(imports("@upstash/workflow/nextjs", "serve")), file(".env.local.example", envVar("QSTASH_CURRENT_SIGNING_KEY", "", ""))},
		},
		{
			name:  "workflow serve with a Receiver passed",
			files: []*facts.File{route(imports("@upstash/qstash/nextjs", "serve"), imports("@upstash/qstash", "Receiver"))},
		},
		{
			name:  "Python FastAPI receiver with qstash Receiver",
			files: []*facts.File{file("api/main.py", header("upstash-signature"), imports("qstash", "Receiver"))},
		},
		{
			name:  "hand-written HS256 check",
			files: []*facts.File{route(header("Upstash-Signature"), imports("node:crypto", "createHmac"))},
		},
		{
			name:  "Python FastAPI receiver verifying with PyJWT",
			files: []*facts.File{file("api/main.py", header("upstash-signature"), imports("jwt"))},
		},
		{
			name:  "Python FastAPI receiver without verification",
			files: []*facts.File{file("api/main.py", header("upstash-signature"))},
			want:  []summary{{"UPS504", "medium", "api/main.py", nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only("UPS504", Analyze(tt.files))
			checkWellFormed(t, got)
			if diff := cmp.Diff(tt.want, summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS504 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWanted(t *testing.T) {
	paths := []string{"app/page.tsx", "components/Stats.tsx", "lib/redis.ts", "lib/util.ts", "lib/actions.ts",
		"lib/styles.css", "lib/types.ts", "app/api/hook/route.ts", "lib/verify.ts", "lib/server-thing.ts"}
	files := []*facts.File{
		file("app/page.tsx", useClient, imports("../components/Stats", "Stats"), imports("../lib/styles.css"),
			typeImport("../lib/types"), imports("react", "useState")),
		file("app/api/hook/route.ts", header("Upstash-Signature"), imports("../../../lib/verify", "verify")),
	}
	idx := NewIndex(paths, files)
	if diff := cmp.Diff([]string{"components/Stats.tsx", "lib/verify.ts"}, Wanted(files, idx)); diff != "" {
		t.Errorf("round 1 (-want +got):\n%s", diff)
	}
	// The scan parses them and asks again: the walk continues through the
	// new facts, and stops at a "use server" module.
	files = append(files,
		file("components/Stats.tsx", imports("../lib/redis", "redis"), imports("../lib/actions", "save")),
		file("lib/verify.ts"),
		file("lib/actions.ts", useServer, imports("./server-thing", "x")),
	)
	if diff := cmp.Diff([]string{"lib/redis.ts"}, Wanted(files, idx)); diff != "" {
		t.Errorf("round 2 (-want +got):\n%s", diff)
	}
	files = append(files, file("lib/redis.ts", imports("./util", "u"), imports("./redis", "self")))
	files = append(files, file("lib/util.ts", imports("./redis", "r")))
	if got := Wanted(files, idx); len(got) != 0 {
		t.Errorf("round 3: want nothing, got %v", got)
	}
	if got := Wanted(nil, nil); len(got) != 0 {
		t.Errorf("Wanted(nil, nil) = %v", got)
	}
}

func TestImporterKeywords(t *testing.T) {
	files := []*facts.File{
		file("lib/redis.ts", redisClient("redis", srvEnv("UPSTASH_REDIS_REST_TOKEN")), exports("redis")),
		file("lib/kv/index.ts", redisClient("kv", fromEnvDefault()), exports("kv as default")),
		file("app/cache/__init__.py", client(facts.Client{Product: facts.Redis, Var: "r", Default: true})),
		file("lib/local.ts", redisClient("redis", srvEnv("UPSTASH_REDIS_REST_TOKEN"))), // not exported
		file("lib/ro.ts", redisClient("redis", srvEnv("KV_REST_API_READ_ONLY_TOKEN")), exports("redis")),
		nil,
	}
	if diff := cmp.Diff([]string{"cache", "kv", "redis"}, ImporterKeywords(files)); diff != "" {
		t.Errorf("ImporterKeywords (-want +got):\n%s", diff)
	}
}

func TestAnalyzeDegenerate(t *testing.T) {
	// nil entries, duplicate and out-of-root paths, empty facts: no panic,
	// no findings, no error.
	files := []*facts.File{nil, {Path: "../x.ts"}, {Path: ""}, file("a.ts", imports("")), file("a.ts"),
		file("b.ts", func(f *facts.File) { f.Imports = append(f.Imports, facts.Import{Spec: "./a"}) })}
	got, err := AnalyzeIndex(nil, files)
	if err != nil || len(got) != 0 {
		t.Errorf("AnalyzeIndex = %v, %v; want nothing", got, err)
	}
	if got := Analyze(nil); len(got) != 0 {
		t.Errorf("Analyze(nil) = %v", got)
	}
}

func TestAnalyzeSortedAndStable(t *testing.T) {
	files := []*facts.File{
		file("lib/cache.ts", redisClient("redis", srvEnv("UPSTASH_REDIS_REST_TOKEN"), "get")),
		file("app/api/webhook/route.ts", header("Upstash-Signature")),
		file(".env.production", envVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
		file(".env.development", envVar("UPSTASH_REDIS_REST_URL", "fake-otter-12345.upstash.io", "")),
	}
	a := Analyze(files)
	rev := make([]*facts.File, len(files))
	for i, f := range files {
		rev[len(files)-1-i] = f
	}
	b := Analyze(rev)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("result depends on input order (-first +second):\n%s", diff)
	}
	for i := 1; i < len(a); i++ {
		if rules.Less(a[i], a[i-1]) {
			t.Errorf("findings not sorted at %d", i)
		}
	}
	if len(a) != 3 {
		t.Errorf("got %d findings, want 3 (UPS501, UPS502, UPS504)", len(a))
	}
}

func TestGuardedRecovers(t *testing.T) {
	out, err := guarded("UPS999", func() []rules.Finding { panic("boom") })
	if err == nil || out != nil || !strings.Contains(err.Error(), "UPS999") {
		t.Errorf("guarded = %v, %v", out, err)
	}
}
