package exposure

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/upscan/upscan/analyzers/facts"
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

func TestImports(t *testing.T) {
	redisLib := func(tok facts.Value) *facts.File {
		return ft.File("lib/redis.ts", ft.Imports("@upstash/redis", "Redis"), ft.RedisClient("redis", tok, "get"), ft.Exports("redis"))
	}
	page := func(spec string, opts ...func(*facts.File)) *facts.File {
		return ft.File("app/page.tsx", append([]func(*facts.File){ft.UseClient, ft.Imports(spec, "redis")}, opts...)...)
	}
	tests := []struct {
		name  string
		files []*facts.File
		want  []ft.Summary
	}{
		{
			name:  "public full token through an alias",
			files: []*facts.File{ft.File("tsconfig.json", ft.TSConfig("", "", "@/*=./*")), page("@/lib/redis"), redisLib(ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name: "chain through a component and a barrel index",
			files: []*facts.File{
				page("../components/Stats"),
				ft.File("components/Stats.tsx", ft.Imports("../lib", "redis")),
				ft.File("lib/index.ts", ft.Reexports("./redis", "*")),
				redisLib(ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")),
			},
			want: []ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "components/Stats.tsx", "lib/index.ts", "lib/redis.ts"}}},
		},
		{
			name:  "literal full token",
			files: []*facts.File{page("../lib/redis"), redisLib(ft.Literal("redis-rest-token"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name:  "read-only public token is low",
			files: []*facts.File{page("../lib/redis"), redisLib(ft.PubEnv("NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "low", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name:  "unknown public token name is high",
			files: []*facts.File{page("../lib/redis"), redisLib(ft.PubEnv("NEXT_PUBLIC_CACHE_KEY"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "high", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/redis.ts"}}},
		},
		{
			name: "public token env read in an imported module",
			files: []*facts.File{
				ft.File("src/App.svelte", ft.ClientSideFile, ft.Imports("./config", "cfg")),
				ft.File("src/config.ts", ft.EnvRead("PUBLIC_UPSTASH_REDIS_REST_URL", true), ft.EnvRead("PUBLIC_UPSTASH_REDIS_REST_TOKEN", true), ft.EnvRead("PUBLIC_UPSTASH_REDIS_REST_TOKEN", true)),
			},
			want: []ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "src/config.ts", Related: []string{"src/App.svelte"}}},
		},
		{
			// File reports a VITE_ read outside server paths in the module
			// itself; it is not reported twice.
			name: "browser-only env read in an imported module is the module's own finding",
			files: []*facts.File{
				ft.File("src/App.svelte", ft.ClientSideFile, ft.Imports("./config", "cfg")),
				ft.File("src/config.ts", ft.EnvRead("VITE_UPSTASH_REDIS_REST_TOKEN", true)),
			},
		},
		{
			name:  "server-only env var reached from client code is not a finding",
			files: []*facts.File{page("../lib/redis"), redisLib(ft.SrvEnv("UPSTASH_REDIS_REST_TOKEN"))},
		},
		{
			name:  "SDK default (fromEnv) reached from client code is not a finding",
			files: []*facts.File{page("../lib/redis"), redisLib(ft.FromEnvDefault())},
		},
		{
			name:  "server env reads are not findings",
			files: []*facts.File{page("../lib/cfg"), ft.File("lib/cfg.ts", ft.EnvRead("UPSTASH_REDIS_REST_TOKEN", false), ft.EnvRead("NEXT_PUBLIC_APP_NAME", true))},
		},
		{
			// A boundary keeps the token out of bundles; its public prefix is
			// still a finding at a lower severity (serverReads).
			name: "use server module is a boundary",
			files: []*facts.File{
				page("../lib/actions"),
				ft.File("lib/actions.ts", ft.UseServer, ft.Imports("./redis", "redis")),
				redisLib(ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")),
			},
			want: []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "lib/redis.ts", Related: []string{"lib/redis.ts"}}},
		},
		{
			name:  "server-only import is a boundary",
			files: []*facts.File{page("../lib/redis"), ft.File("lib/redis.ts", ft.Imports("server-only"), ft.RedisClient("redis", ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "lib/redis.ts", Related: []string{"lib/redis.ts"}}},
		},
		{
			name:  "SvelteKit $lib/server is a boundary",
			files: []*facts.File{ft.File("svelte.config.js"), ft.File("src/routes/+page.svelte", ft.ClientSideFile, ft.Imports("$lib/server/redis", "redis")), ft.File("src/lib/server/redis.ts", ft.RedisClient("redis", ft.PubEnv("PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "src/lib/server/redis.ts", Related: []string{"src/lib/server/redis.ts"}}},
		},
		{
			name:  "type-only imports bundle nothing",
			files: []*facts.File{ft.File("app/page.tsx", ft.UseClient, ft.TypeImport("../lib/redis")), redisLib(ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "lib/redis.ts", Related: []string{"lib/redis.ts"}}},
		},
		{
			name: "an .astro frontmatter import is server code",
			files: []*facts.File{ft.File("src/pages/index.astro", ft.ClientSideFile, func(f *facts.File) {
				f.Imports = append(f.Imports, facts.Import{Spec: "../lib/redis", ServerOnly: true, Pos: ft.Pos()})
			}), ft.File("src/lib/redis.ts", ft.RedisClient("redis", ft.PubEnv("PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
			want: []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "src/lib/redis.ts", Related: []string{"src/lib/redis.ts"}}},
		},
		{
			name:  "the client-side file itself is analyzers/jsts's finding",
			files: []*facts.File{ft.File("app/page.tsx", ft.UseClient, ft.RedisClient("redis", ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")))},
		},
		{
			name:  "server code importing the module is not client code",
			files: []*facts.File{ft.File("app/api/route.ts", ft.Imports("../../lib/redis", "redis")), redisLib(ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "lib/redis.ts", Related: []string{"lib/redis.ts"}}},
		},
		{
			name:  "read-only public token in a module no client imports is low",
			files: []*facts.File{redisLib(ft.PubEnv("NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN"))},
			want:  []ft.Summary{{Rule: "UPS202", Severity: "low", Path: "lib/redis.ts", Related: []string{"lib/redis.ts"}}},
		},
		{
			name:  "a public URL variable alone is no finding",
			files: []*facts.File{ft.File("lib/cfg.ts", ft.EnvRead("NEXT_PUBLIC_UPSTASH_REDIS_REST_URL", true))},
		},
		{
			name: "import cycles terminate and report once",
			files: []*facts.File{
				page("../lib/a"),
				ft.File("lib/a.ts", ft.Imports("./b", "b")),
				ft.File("lib/b.ts", ft.Imports("./a", "a"), ft.Imports("./redis", "redis")),
				ft.File("lib/redis.ts", ft.Imports("./a", "a"), ft.Imports("@upstash/redis", "Redis"), ft.RedisClient("redis", ft.PubEnv("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"))),
			},
			want: []ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/a.ts", "lib/b.ts", "lib/redis.ts"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := imports((tt.files))
			ft.CheckWellFormed(t, got)
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS202 findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExposureSecretRedacted(t *testing.T) {
	files := []*facts.File{ft.File("app/page.tsx", ft.UseClient, ft.Imports("../lib/redis", "redis")),
		ft.File("lib/redis.ts", ft.RedisClient("redis", ft.Literal("redis-rest-token")))}
	got := imports((files))
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1", len(got))
	}
	f := got[0]
	if f.Secret.Kind != "redis-rest-token" || f.Secret.SHA256 == "" {
		t.Errorf("literal token finding lacks its redaction: kind %q", f.Secret.Kind)
	}
	if f.Key != rules.Fingerprint("UPS202", "", f.Secret.SHA256) {
		t.Error("a credential finding's fingerprint must come from the secret's hash")
	}
	if !strings.Contains(f.Message, "app/page.tsx → lib/redis.ts") {
		t.Errorf("message does not show the chain: %q", f.Message)
	}
}

// imports runs the UPS202 pass across modules over files.
func imports(files []*facts.File) []rules.Finding {
	return Imports(modgraph.New(nil, files))
}

// TestEnvValueReads checks reads of public variables whose names do not
// say token but whose value an env file shows to be one: critical in
// client code, medium elsewhere, low for a read-only credential, nothing
// for a variable the env files set to something else.
func TestEnvValueReads(t *testing.T) {
	env := &facts.File{Path: ".env.production", EnvVars: []facts.EnvVar{
		{Name: "NEXT_PUBLIC_REDIS_KEY", Kind: "redis-rest-token", Credential: upstash.Credential{Kind: "redis-rest-token", Label: "full-access Upstash Redis REST token"}, Pos: ft.Pos()},
		{Name: "NEXT_PUBLIC_STATS_KEY", Kind: "redis-read-only-token", Credential: upstash.Credential{Kind: "redis-read-only-token", ReadOnly: true, Label: "read-only Upstash Redis REST token"}, Pos: ft.Pos()},
	}}
	tests := []struct {
		name string
		file *facts.File
		want []ft.Summary
	}{
		{"client code", ft.File("app/page.tsx", ft.UseClient, ft.EnvRead("NEXT_PUBLIC_REDIS_KEY", true)),
			[]ft.Summary{{Rule: "UPS202", Severity: "critical", Path: "app/page.tsx", Related: []string{".env.production"}}}},
		{"server code", ft.File("lib/cache.ts", ft.EnvRead("NEXT_PUBLIC_REDIS_KEY", true)),
			[]ft.Summary{{Rule: "UPS202", Severity: "medium", Path: "lib/cache.ts", Related: []string{".env.production"}}}},
		{"read-only value", ft.File("app/page.tsx", ft.UseClient, ft.EnvRead("NEXT_PUBLIC_STATS_KEY", true)),
			[]ft.Summary{{Rule: "UPS202", Severity: "low", Path: "app/page.tsx", Related: []string{".env.production"}}}},
		{"no credential value", ft.File("app/page.tsx", ft.UseClient, ft.EnvRead("NEXT_PUBLIC_SITE_NAME", true)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := imports([]*facts.File{env, tt.file})
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadOnlyEnvValue checks that a public variable whose name says
// full-access token, but which every env file sets to a read-only token,
// is low wherever its read is reported: in client-side code
// (ReadOnlyEvidence restates File's finding), in a module client code
// imports, and in a module only the server imports.
func TestReadOnlyEnvValue(t *testing.T) {
	const name = "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN"
	env := &facts.File{Path: ".env.production", EnvVars: []facts.EnvVar{
		{Name: name, Kind: "redis-read-only-token", Credential: upstash.Credential{Kind: "redis-read-only-token", ReadOnly: true, Label: "read-only Upstash Redis REST token"}, Pos: ft.Pos()},
	}}
	page := ft.File("app/page.tsx", ft.UseClient, ft.Imports("../lib/redis", "redis"))
	lib := ft.File("lib/redis.ts", ft.RedisClient("redis", ft.PubEnv(name), "get"), ft.Exports("redis"))
	server := ft.File("lib/cache.ts", ft.EnvRead(name, true))
	got := imports([]*facts.File{env, page, lib, server})
	want := []ft.Summary{
		{Rule: "UPS202", Severity: "low", Path: "lib/redis.ts", Related: []string{"app/page.tsx", "lib/redis.ts"}},
		{Rule: "UPS202", Severity: "low", Path: "lib/cache.ts"},
	}
	if diff := cmp.Diff(want, ft.Summarize(got), cmpopts.EquateEmpty(), cmpopts.SortSlices(func(a, b ft.Summary) bool { return a.Path < b.Path })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, fd := range got {
		if !strings.Contains(fd.Message, "read-only") {
			t.Errorf("%s: message %q does not say read-only", fd.Path, fd.Message)
		}
	}
	client := ft.File("app/other.tsx", ft.UseClient, ft.EnvRead(name, true))
	files := []*facts.File{env, client}
	re := ReadOnlyEvidence(modgraph.New(modgraph.NewIndex([]string{".env.production", "app/other.tsx"}, files), files))
	if len(re) != 1 || re[0].Severity != rules.Low || re[0].Key != File(client)[0].Key {
		t.Errorf("ReadOnlyEvidence = %+v", re)
	}
}
