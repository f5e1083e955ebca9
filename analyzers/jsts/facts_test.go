//go:build cgo

package jsts

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/upscan/upscan/analyzers/facts"
)

// Fake values (UPSTASH.md §1 FAKE samples).
const (
	fakeToken   = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	fakeROToken = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	fakeQStash  = "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0="
	fakeHost    = "fake-otter-12345.upstash.io"
)

func TestFacts(t *testing.T) {
	a := newTestAnalyzer(t)
	tests := []struct {
		name string
		path string
		src  string
		want view
	}{
		{
			name: "upstash redis with env wrappers",
			path: "lib/redis.ts",
			src: `import { Redis } from "@upstash/redis";
export const a = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN as string });
export const b = new Redis({ url: process.env["KV_REST_API_URL"] ?? "", token: String(process.env.KV_REST_API_TOKEN) });
export const c = new Redis({ url: ` + "`${process.env.URL}`" + `, token: process.env.KV_REST_API_READ_ONLY_TOKEN || "" });
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis}"},
				Exports: []string{"a=a", "b=b", "c=c"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "a", URL: "env(UPSTASH_REDIS_REST_URL)", Token: "env(UPSTASH_REDIS_REST_TOKEN)"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "b", URL: "env(KV_REST_API_URL)", Token: "env(KV_REST_API_TOKEN)"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "c", URL: "env(URL)", Token: "env(KV_REST_API_READ_ONLY_TOKEN)", ReadOnly: true},
				},
				EnvReads: []string{"UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN", "URL", "KV_REST_API_READ_ONLY_TOKEN"},
			},
		},
		{
			name: "fromEnv, cloudflare env, commands with await generics and pipelines",
			path: "src/index.ts",
			src: `import { Redis } from "@upstash/redis/cloudflare";
export default {
  async fetch(req: Request, env: Env) {
    const redis = Redis.fromEnv(env);
    const v = await redis.get<string>("k");
    await redis.pipeline().get("a").set("b", 1).exec();
    const p = redis.multi();
    p.incr("c");
    await p.exec();
    await redis.json.get("doc");
    redis.get("x").then(console.log);
    return new Response(v);
  },
};
`,
			want: view{
				Imports: []string{"@upstash/redis/cloudflare{Redis}"},
				Exports: []string{"default="},
				Clients: []clientView{{Product: facts.Redis, SDK: "@upstash/redis/cloudflare", Var: "redis", Default: true, URL: "absent", Token: "absent",
					Commands: "get pipeline get set multi incr json.get get"}},
			},
		},
		{
			name: "vercel kv default client and createClient",
			path: "app/page.tsx",
			src: `import { kv, createClient } from "@vercel/kv";
const other = createClient({ url: process.env.OTHER_URL!, token: process.env.OTHER_TOKEN! });
export default async function Page() {
  await kv.set("a", 1);
  return <p>{await other.get("a")}</p>;
}
`,
			want: view{
				Imports: []string{"@vercel/kv{kv,createClient}"},
				Exports: []string{"default=Page"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@vercel/kv", Var: "kv", Default: true, URL: "absent", Token: "absent", Commands: "set"},
					{Product: facts.Redis, SDK: "@vercel/kv", Var: "other", URL: "env(OTHER_URL)", Token: "env(OTHER_TOKEN)", Commands: "get"},
				},
				EnvReads: []string{"OTHER_URL", "OTHER_TOKEN"},
			},
		},
		{
			name: "ioredis and node-redis",
			path: "lib/tcp.js",
			src: `const Redis = require("ioredis");
const { createClient } = require("redis");
const a = new Redis(process.env.REDIS_URL);
const b = new Redis(6379, "` + fakeHost + `", { password: process.env.UPSTASH_REDIS_PASSWORD, tls: {} });
const c = createClient({ url: "rediss://default:` + fakeToken + `@` + fakeHost + `:6379" });
const d = new Redis.Cluster([{ host: "` + fakeHost + `", port: 6379 }], { redisOptions: { tls: { rejectUnauthorized: false } } });
module.exports = { a, b };
`,
			want: view{
				Imports: []string{"ioredis{* as Redis}", "redis{createClient}"},
				Exports: []string{"default=", "a=a", "b=b"},
				Clients: []clientView{
					{Product: facts.RedisTCP, SDK: "ioredis", Var: "a", URL: "env(REDIS_URL)", Token: "absent"},
					{Product: facts.RedisTCP, SDK: "ioredis", Var: "b", URL: "literal(://" + fakeHost + ")", Token: "env(UPSTASH_REDIS_PASSWORD)"},
					{Product: facts.RedisTCP, SDK: "redis", Var: "c", URL: "literal(rediss://" + fakeHost + ")", Token: "literal(redis-rest-token)"},
					{Product: facts.RedisTCP, SDK: "ioredis", Var: "d", URL: "literal(://" + fakeHost + ")", Token: "absent", Insecure: 1},
				},
				EnvReads: []string{"REDIS_URL", "UPSTASH_REDIS_PASSWORD"},
			},
		},
		{
			name: "qstash, workflow, receiver, vector, search, ratelimit",
			path: "app/api/route.ts",
			src: `import { Client, Receiver } from "@upstash/qstash";
import { Client as WorkflowClient } from "@upstash/workflow";
import { Index } from "@upstash/vector";
import { Search } from "@upstash/search";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
const q = new Client({ token: process.env.QSTASH_TOKEN! });
const w = new WorkflowClient({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN });
const r = new Receiver({ currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!, nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY! });
const index = new Index();
const index2 = new Index({ url: "https://fake-otter-12345-us1-vector.upstash.io", token: process.env.UPSTASH_VECTOR_REST_TOKEN });
const search = Search.fromEnv();
const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, "10 s") });
export async function POST(req: Request) {
  const { success } = await ratelimit.limit("ip");
  await r.verify({ signature: req.headers.get("Upstash-Signature")!, body: "" });
  await q.publishJSON({ url: "https://example.com", body: {} });
  await index.query({ data: "x", topK: 1 });
  return new Response(String(success));
}
`,
			want: view{
				Imports: []string{"@upstash/qstash{Client,Receiver}", "@upstash/workflow{Client as WorkflowClient}", "@upstash/vector{Index}",
					"@upstash/search{Search}", "@upstash/ratelimit{Ratelimit}", "@upstash/redis{Redis}"},
				Exports: []string{"POST=POST"},
				Clients: []clientView{
					{Product: facts.QStash, SDK: "@upstash/qstash", Var: "q", URL: "absent", Token: "env(QSTASH_TOKEN)", Commands: "publishJSON"},
					{Product: facts.QStash, SDK: "@upstash/workflow", Var: "w", URL: "env(QSTASH_URL)", Token: "env(QSTASH_TOKEN)"},
					{Product: facts.QStashReceiver, SDK: "@upstash/qstash", Var: "r", URL: "absent", Token: "env(QSTASH_CURRENT_SIGNING_KEY)", Commands: "verify"},
					{Product: facts.Vector, SDK: "@upstash/vector", Var: "index", Default: true, URL: "absent", Token: "absent", Commands: "query"},
					{Product: facts.Vector, SDK: "@upstash/vector", Var: "index2", URL: "literal(https://fake-otter-12345-us1-vector.upstash.io)", Token: "env(UPSTASH_VECTOR_REST_TOKEN)"},
					{Product: facts.Search, SDK: "@upstash/search", Var: "search", Default: true, URL: "absent", Token: "absent"},
					{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "ratelimit", URL: "absent", Token: "absent", Commands: "limit"},
					{Product: facts.Redis, SDK: "@upstash/redis", Default: true, URL: "absent", Token: "absent"},
				},
				EnvReads: []string{"QSTASH_TOKEN", "QSTASH_URL", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY", "UPSTASH_VECTOR_REST_TOKEN"},
				Headers:  []string{"upstash-signature"},
			},
		},
		{
			name: "bindings: class fields, this, default export, module.exports, singleton",
			path: "lib/store.ts",
			src: `import { Redis } from "@upstash/redis";
const globalForRedis = globalThis as unknown as { redis?: Redis };
export const cached = globalForRedis.redis ?? new Redis({ url: process.env.U!, token: process.env.T! });
class Store {
  private redis = Redis.fromEnv();
  private other: Redis;
  constructor() { this.other = new Redis({ url: process.env.U!, token: process.env.T! }); }
  async get(k: string) { return this.redis.get(k); }
  async put(k: string) { await this.other.set(k, 1); }
}
export default new Redis({ url: process.env.U!, token: process.env.T! });
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis}"},
				Exports: []string{"cached=cached", "default=default"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "cached", URL: "env(U)", Token: "env(T)"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "this.redis", Default: true, URL: "absent", Token: "absent", Commands: "get"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "this.other", URL: "env(U)", Token: "env(T)", Commands: "set"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "default", URL: "env(U)", Token: "env(T)"},
				},
				EnvReads: []string{"U", "T", "U", "T", "U", "T"},
			},
		},
		{
			name: "imports, re-exports, requires, dynamic import, type-only, uses and escapes",
			path: "app/route.ts",
			src: `import type { Redis } from "@upstash/redis";
import def, { redis as r, other } from "@/lib/redis";
import * as lib from "../lib";
export { helper } from "./helper";
export * from "./all";
export * as ns from "./ns";
export type { T } from "./types";
const { x } = require("./x");
const y = require("./y").default;
const z = await import("./z");
import "./side-effect";
export async function GET() {
  await r.get("a");
  await r.json.set("b", "$", {});
  await lib.redis.hgetall("h");
  lib.helper();
  def.incr("n");
  consume(other);
  consume(lib.cache);
  return new Response();
}
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis} type", "@/lib/redis{default as def,redis as r,other}", "../lib{* as lib}",
					"./helper{}", "./all{}", "./ns{}", "./types{} type", "./x{x}", "./y{default as y}", "./z{* as z}", "./side-effect{}"},
				Exports: []string{"helper=helper <./helper", "*= <./all", "ns=* <./ns", "T=T <./types", "GET=GET"},
				Uses:    []string{"r: get json.set", "lib: redis.hgetall cache.(escaped)", "def: incr", "other: (escaped)"},
			},
		},
		{
			name: "use client directive after comments, public env reads",
			path: "components/View.tsx",
			src: `// A client component.
/* more */
"use client";
import { useState } from "react";
export function View() {
  const [n] = useState(process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL);
  return <p>{n}{import.meta.env.VITE_APP}</p>;
}
`,
			want: view{
				Directive: "use client",
				Imports:   []string{"react{useState}"},
				Exports:   []string{"View=View"},
				EnvReads:  []string{"NEXT_PUBLIC_UPSTASH_REDIS_REST_URL(public)", "VITE_APP(public)"},
			},
		},
		{
			name: "directive after an import is not a directive",
			path: "components/Late.tsx",
			src:  "import x from \"./x\";\n\"use client\";\nexport const y = x;\n",
			want: view{Imports: []string{"./x{default as x}"}, Exports: []string{"y=y"}, Uses: []string{"x: (escaped)"}},
		},
		{
			name: "sveltekit env modules and destructuring",
			path: "src/lib/redis.ts",
			src: `import { PUBLIC_UPSTASH_REDIS_REST_URL } from "$env/static/public";
import { UPSTASH_REDIS_REST_TOKEN } from "$env/static/private";
import { env } from "$env/dynamic/public";
import { Redis } from "@upstash/redis";
const { SECRET_A, B: b } = process.env;
export const redis = new Redis({ url: PUBLIC_UPSTASH_REDIS_REST_URL, token: UPSTASH_REDIS_REST_TOKEN });
export const u = env.PUBLIC_X;
`,
			want: view{
				Imports: []string{"$env/static/public{PUBLIC_UPSTASH_REDIS_REST_URL}", "$env/static/private{UPSTASH_REDIS_REST_TOKEN}",
					"$env/dynamic/public{env}", "@upstash/redis{Redis}"},
				Exports: []string{"redis=redis", "u=u"},
				Clients: []clientView{{Product: facts.Redis, SDK: "@upstash/redis", Var: "redis",
					URL: "env(PUBLIC_UPSTASH_REDIS_REST_URL,public)", Token: "env(UPSTASH_REDIS_REST_TOKEN)"}},
				EnvReads: []string{"PUBLIC_UPSTASH_REDIS_REST_URL(public)", "UPSTASH_REDIS_REST_TOKEN", "SECRET_A", "B", "PUBLIC_X(public)"},
			},
		},
		{
			name: "literal tokens are classified and redacted",
			path: "scripts/seed.ts",
			src: `import { Redis } from "@upstash/redis";
import { Client } from "@upstash/qstash";
const full = new Redis({ url: "https://` + fakeHost + `", token: "` + fakeToken + `" });
const ro = new Redis({ url: "https://` + fakeHost + `", token: "` + fakeROToken + `" });
const q = new Client({ token: "` + fakeQStash + `" });
const dev = new Client({ token: "dev-token" });
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis}", "@upstash/qstash{Client}"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "full", URL: "literal(https://" + fakeHost + ")", Token: "literal(redis-rest-token)"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "ro", URL: "literal(https://" + fakeHost + ")", Token: "literal(redis-read-only-token)", ReadOnly: true},
					{Product: facts.QStash, SDK: "@upstash/qstash", Var: "q", URL: "absent", Token: "literal(qstash-token)"},
					{Product: facts.QStash, SDK: "@upstash/qstash", Var: "dev", URL: "absent", Token: "literal(placeholder)"},
				},
			},
		},
		{
			name: "deno and esm.sh specifiers, namespace constructors",
			path: "main.ts",
			src: `import { Redis } from "https://deno.land/x/upstash_redis@v1.22.0/mod.ts";
import * as up from "npm:@upstash/redis@1.34.0";
const a = Redis.fromEnv();
const b = new up.Redis({ url: Deno.env.get("UPSTASH_REDIS_REST_URL")!, token: Deno.env.get("UPSTASH_REDIS_REST_TOKEN")! });
const c = up.Redis.fromEnv();
`,
			want: view{
				Imports: []string{"https://deno.land/x/upstash_redis@v1.22.0/mod.ts{Redis}", "npm:@upstash/redis@1.34.0{* as up}"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "https://deno.land/x/upstash_redis@v1.22.0/mod.ts", Var: "a", Default: true, URL: "absent", Token: "absent"},
					{Product: facts.Redis, SDK: "npm:@upstash/redis@1.34.0", Var: "b", URL: "env(UPSTASH_REDIS_REST_URL)", Token: "env(UPSTASH_REDIS_REST_TOKEN)"},
					{Product: facts.Redis, SDK: "npm:@upstash/redis@1.34.0", Var: "c", Default: true, URL: "absent", Token: "absent"},
				},
				EnvReads: []string{"UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"},
			},
		},
		{
			name: "escapes of a client",
			path: "lib/limit.ts",
			src: `import { Redis } from "@upstash/redis";
import { Ratelimit } from "@upstash/ratelimit";
const redis = Redis.fromEnv();
export const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") });
export function client() { return redis; }
type R = typeof redis;
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis}", "@upstash/ratelimit{Ratelimit}"},
				Exports: []string{"ratelimit=ratelimit", "client=client"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "redis", Default: true, URL: "absent", Token: "absent", Commands: "(escaped) (escaped)"},
					{Product: facts.Ratelimit, SDK: "@upstash/ratelimit", Var: "ratelimit", URL: "absent", Token: "absent"},
				},
			},
		},
		{
			name: "commonjs client exports",
			path: "lib/redis.cjs",
			src: `const { Redis } = require("@upstash/redis");
exports.cache = Redis.fromEnv();
module.exports.queue = new Redis({ url: process.env.U, token: process.env.T });
exports.cache.set("a", 1);
`,
			want: view{
				Imports: []string{"@upstash/redis{Redis}"},
				Exports: []string{"cache=cache", "queue=queue"},
				Clients: []clientView{
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "cache", Default: true, URL: "absent", Token: "absent"},
					{Product: facts.Redis, SDK: "@upstash/redis", Var: "queue", URL: "env(U)", Token: "env(T)"},
				},
				EnvReads: []string{"U", "T"},
			},
		},
		{
			name: "module.exports = client",
			path: "lib/redis.js",
			src:  "const Redis = require('ioredis');\nmodule.exports = new Redis(process.env.REDIS_URL);\n",
			want: view{
				Imports:  []string{"ioredis{* as Redis}"},
				Exports:  []string{"default=default"},
				Clients:  []clientView{{Product: facts.RedisTCP, SDK: "ioredis", Var: "default", URL: "env(REDIS_URL)", Token: "absent"}},
				EnvReads: []string{"REDIS_URL"},
			},
		},
		{
			name: "react native module is client side",
			path: "app/index.tsx",
			src:  "import { Text } from \"react-native\";\nexport default function Home() { return <Text>{process.env.EXPO_PUBLIC_API}</Text>; }\n",
			want: view{ClientSide: true, Imports: []string{"react-native{Text}"}, Exports: []string{"default=Home"}, EnvReads: []string{"EXPO_PUBLIC_API(public)"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, fs := analyzeFile(a, tt.path, []byte(tt.src))
			checkBounds(t, tt.path, []byte(tt.src), f, fs)
			if diff := cmp.Diff(tt.want, viewOf(f), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestQStashDevModeIsLocal: a QStash client in devMode talks to a local dev
// server, which is no Upstash usage.
func TestQStashDevModeIsLocal(t *testing.T) {
	a := newTestAnalyzer(t)
	for src, want := range map[string]bool{
		`import { Client } from "@upstash/qstash"; const c = new Client({ token: "dev-token", devMode: true });`:            true,
		`import { Client } from "@upstash/qstash"; const c = new Client({ token: process.env.QSTASH_TOKEN! });`:             false,
		`import { Client } from "@upstash/qstash"; const c = new Client({ token: "t", devMode: process.env.DEV === "1" });`: false,
	} {
		f, _ := analyzeFile(a, "lib/q.ts", []byte(src))
		if len(f.Clients) != 1 || f.Clients[0].Local != want {
			t.Errorf("%s: clients %+v, want one with Local %v", src, f.Clients, want)
		}
	}
}
