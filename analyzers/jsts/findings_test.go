//go:build cgo

package jsts

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestFindings checks each rule on small sources: want lists
// "RULE severity line" for every finding the file produces.
func TestFindings(t *testing.T) {
	a := newTestAnalyzer(t)
	const imp = "import { Redis } from \"@upstash/redis\";\n"
	const io = "import Redis from \"ioredis\";\n"
	tests := []struct {
		name string
		path string
		src  string
		want []string
	}{
		// UPS202: client-side code.
		{"use client + public env token", "components/A.tsx",
			"\"use client\";\n" + imp + "const r = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! });\n",
			[]string{"UPS202 critical 3"}},
		{"use client + public read-only env token is low", "components/A.tsx",
			"'use client'\n" + imp + "const r = new Redis({ url: process.env.NEXT_PUBLIC_KV_REST_API_URL!, token: process.env.NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN! });\n",
			[]string{"UPS202 low 3"}},
		{"use client + literal full token", "components/A.tsx",
			"\"use client\";\n" + imp + "const r = new Redis({ url: \"https://" + fakeHost + "\", token: \"" + fakeToken + "\" });\n",
			[]string{"UPS202 critical 3"}},
		{"use client + literal read-only token is low", "components/A.tsx",
			"\"use client\";\n" + imp + "const r = new Redis({ url: \"https://" + fakeHost + "\", token: \"" + fakeROToken + "\" });\n",
			[]string{"UPS202 low 3"}},
		{"use client + placeholder literal: nothing", "components/A.tsx",
			"\"use client\";\n" + imp + "const r = new Redis({ url: \"https://<db>.upstash.io\", token: \"<your token>\" });\n",
			nil},
		{"use client + server-only env: nothing", "components/A.tsx",
			"\"use client\";\n" + imp + "const r = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });\nconst s = Redis.fromEnv();\n",
			nil},
		{"server module + public env token: not this file's call", "lib/redis.ts",
			imp + "export const r = new Redis({ url: process.env.NEXT_PUBLIC_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! });\n",
			nil},
		{"use server + public env token: server code", "app/actions.ts",
			"\"use server\";\n" + imp + "const r = new Redis({ url: process.env.NEXT_PUBLIC_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN! });\n",
			nil},
		{"use client reads a public token var", "components/A.tsx",
			"\"use client\";\nexport const t = process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN;\nexport const u = process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL;\n",
			[]string{"UPS202 critical 2"}},
		{"vite token read outside server paths (hedged)", "src/lib/redis.ts",
			imp + "export const r = new Redis({ url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN });\n",
			[]string{"UPS202 critical 2"}},
		{"vite token read in a server path: nothing", "src/server/redis.ts",
			imp + "export const r = new Redis({ url: import.meta.env.VITE_UPSTASH_REDIS_REST_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN });\n",
			nil},
		{"svelte component with $env/static/public token", "src/routes/+page.svelte",
			"<script>\n  import { PUBLIC_UPSTASH_REDIS_REST_TOKEN } from '$env/static/public';\n  const t = PUBLIC_UPSTASH_REDIS_REST_TOKEN;\n</script>\n<p>{t}</p>\n",
			[]string{"UPS202 critical 2"}},
		{"sveltekit universal load with public token", "src/routes/+page.ts",
			imp + "import { PUBLIC_UPSTASH_REDIS_REST_URL as u, PUBLIC_UPSTASH_REDIS_REST_TOKEN as t } from '$env/static/public';\nexport const load = () => new Redis({ url: u, token: t }).get('k');\n",
			[]string{"UPS202 critical 3"}},
		{"sveltekit server load with private token: nothing", "src/routes/+page.server.ts",
			imp + "import { UPSTASH_REDIS_REST_URL as u, UPSTASH_REDIS_REST_TOKEN as t } from '$env/static/private';\nexport const load = () => new Redis({ url: u, token: t }).get('k');\n",
			nil},
		{"vue component with VITE_ token", "src/components/Views.vue",
			"<template><p>{{ n }}</p></template>\n<script setup lang=\"ts\">\n" + imp + "const r = new Redis({ url: import.meta.env.VITE_URL, token: import.meta.env.VITE_UPSTASH_REDIS_REST_TOKEN });\n</script>\n",
			[]string{"UPS202 critical 4"}},
		{"astro frontmatter is server, script is client", "src/pages/index.astro",
			"---\n" + imp + "const r = new Redis({ url: import.meta.env.PUBLIC_URL, token: import.meta.env.PUBLIC_UPSTASH_REDIS_REST_TOKEN });\n---\n<h1>Hi</h1>\n<script>\n" + imp + "const c = new Redis({ url: import.meta.env.PUBLIC_URL, token: import.meta.env.PUBLIC_UPSTASH_REDIS_REST_TOKEN });\n</script>\n",
			[]string{"UPS202 critical 8"}},
		{"static html inline script with literal token", "public/index.html",
			"<!doctype html>\n<script type=\"module\">\n  import { Redis } from \"https://esm.sh/@upstash/redis\";\n  const r = new Redis({ url: \"https://" + fakeHost + "\", token: \"" + fakeToken + "\" });\n</script>\n",
			[]string{"UPS202 critical 4"}},
		{"html json script is not code", "public/index.html",
			"<script type=\"application/ld+json\">{\"token\": \"x\"}</script>\n", nil},
		{"default vector client in client code", "components/Search.tsx",
			"\"use client\";\nimport { Index } from \"@upstash/vector\";\nconst index = new Index();\n",
			[]string{"UPS202 high 3"}},
		{"qstash client in react native", "app/send.tsx",
			"import { Text } from 'react-native';\nimport { Client } from '@upstash/qstash';\nconst q = new Client({ token: process.env.EXPO_PUBLIC_QSTASH_TOKEN! });\n",
			[]string{"UPS202 critical 3"}},

		// UPS203: build configs.
		{"next.config env with token", "next.config.js",
			"module.exports = { env: { UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN, APP: 'x' } };\n",
			[]string{"UPS203 critical 1"}},
		{"next.config env with public values only", "next.config.mjs",
			"export default { env: { APP_NAME: 'demo', UPSTASH_REDIS_REST_URL: process.env.UPSTASH_REDIS_REST_URL } };\n",
			nil},
		{"next.config env with a literal read-only token", "next.config.mjs",
			"const nextConfig = { env: { KV_TOKEN: \"" + fakeROToken + "\" } };\nexport default nextConfig;\n",
			[]string{"UPS203 low 1"}},
		{"vite define whole env", "vite.config.ts",
			"import { defineConfig } from 'vite';\nexport default defineConfig({ define: { 'process.env': process.env } });\n",
			[]string{"UPS203 high 2"}},
		{"vite envPrefix empty", "vite.config.js",
			"export default { envPrefix: '' };\n", []string{"UPS203 high 1"}},
		{"vite envPrefix UPSTASH_", "vite.config.js",
			"export default { envPrefix: ['VITE_', 'UPSTASH_'] };\n", []string{"UPS203 critical 1"}},
		{"vite envPrefix default", "vite.config.js",
			"export default { envPrefix: 'VITE_', test: { env: { UPSTASH_REDIS_REST_TOKEN: 'x' } } };\n", nil},
		{"nuxt public runtime config", "nuxt.config.ts",
			"export default defineNuxtConfig({ runtimeConfig: { upstashToken: process.env.UPSTASH_REDIS_REST_TOKEN, public: { upstashToken: process.env.UPSTASH_REDIS_REST_TOKEN } } });\n",
			[]string{"UPS203 critical 1"}},
		{"sveltekit publicPrefix empty", "svelte.config.js",
			"export default { kit: { env: { publicPrefix: '' } } };\n", []string{"UPS203 high 1"}},
		{"astro client env schema", "astro.config.mjs",
			"import { defineConfig, envField } from 'astro/config';\nexport default defineConfig({ env: { schema: {\n  UPSTASH_REDIS_REST_TOKEN: envField.string({ context: 'client', access: 'public' }),\n  UPSTASH_REDIS_REST_URL: envField.string({ context: 'client', access: 'public' }),\n} } });\n",
			[]string{"UPS203 critical 3"}},
		{"webpack DefinePlugin in next.config", "next.config.js",
			"const webpack = require('webpack');\nmodule.exports = { webpack(config) { config.plugins.push(new webpack.DefinePlugin({ 'process.env.QSTASH_TOKEN': JSON.stringify(process.env.QSTASH_TOKEN) })); return config; } };\n",
			[]string{"UPS203 critical 2"}},
		{"env key outside a build config is not UPS203", "src/config.ts",
			"export default { env: { UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN } };\n", nil},

		// UPS301.
		{"redis:// URL to upstash", "lib/r.ts",
			io + "export const r = new Redis(\"redis://default:pw@" + fakeHost + ":6379\");\n", []string{"UPS301 high 2"}},
		{"http:// REST URL", "lib/r.ts",
			imp + "export const r = new Redis({ url: 'http://" + fakeHost + "', token: process.env.T! });\n", []string{"UPS301 high 2"}},
		{"template with password substitution", "lib/r.ts",
			"export const url = `redis://default:${process.env.PW}@" + fakeHost + ":6379`;\n", []string{"UPS301 high 1"}},
		{"fly private host", "lib/r.ts",
			"export const url = 'redis://default:pw@fly-fake-otter-12345.upstash.io';\n", nil},
		{"rediss and https", "lib/r.ts",
			"export const a = 'rediss://default:pw@" + fakeHost + ":6379';\nexport const b = 'https://" + fakeHost + "';\n", nil},
		{"console link is not a connection", "lib/r.ts",
			"// see http://console.upstash.io\nexport const docs = 'http://console.upstash.io/redis';\n", nil},
		{"comment is not code", "lib/r.ts",
			"// redis://default:pw@" + fakeHost + "\nexport {};\n", nil},
		{"other host", "lib/r.ts",
			"export const url = 'redis://localhost:6379';\n", nil},
		{"concatenation with the password from the environment", "lib/r.ts",
			io + "export const r = new Redis(\"redis://default:\" + process.env.PW + \"@" + fakeHost + ":6379\");\n", []string{"UPS301 high 2"}},
		{"concatenation with a rediss URL", "lib/r.ts",
			io + "export const r = new Redis(\"rediss://default:\" + process.env.PW + \"@" + fakeHost + ":6379\");\n", nil},
		{"concatenated host is unknown", "lib/r.ts",
			"export const u = \"redis://default:pw@\" + process.env.HOST + \".upstash.io\";\n", nil},
		{"vercel kv http URL", "lib/r.ts",
			imp + "export const r = new Redis({ url: 'http://fake-otter-12345.kv.vercel-storage.com', token: process.env.T! });\n", []string{"UPS301 high 2"}},
		{"rediss URL with ssl_cert_reqs=none", "lib/r.ts",
			"export const u = 'rediss://" + fakeHost + ":6379?ssl_cert_reqs=none';\n", []string{"UPS302 high 1"}},

		// UPS302.
		{"ioredis rejectUnauthorized false, host from an Upstash env name (medium)", "lib/r.ts",
			io + "export const r = new Redis(process.env.UPSTASH_REDIS_URL!, { tls: { rejectUnauthorized: false } });\n", []string{"UPS302 medium 2"}},
		{"ioredis rejectUnauthorized false, literal Upstash host", "lib/r.ts",
			io + "export const r = new Redis({ host: '" + fakeHost + "', tls: { rejectUnauthorized: false } });\n", []string{"UPS302 high 2"}},
		{"ioredis rejectUnauthorized false, generic REDIS_URL: no evidence of Upstash", "lib/r.ts",
			io + "export const r = new Redis(process.env.REDIS_URL!, { tls: { rejectUnauthorized: false } });\n", nil},
		{"node-redis socket rejectUnauthorized", "lib/r.js",
			"import { createClient } from 'redis';\nexport const c = createClient({ url: process.env.UPSTASH_REDIS_URL, socket: { tls: true, rejectUnauthorized: false } });\n",
			[]string{"UPS302 medium 2"}},
		{"Upstash SDK with an agent that does not verify", "lib/r.ts",
			imp + "import https from 'https';\nexport const r = new Redis({ url: process.env.URL!, token: process.env.T!, agent: new https.Agent({ rejectUnauthorized: false }) });\n",
			[]string{"UPS302 high 3"}},
		{"checkServerIdentity stub next to an upstash host", "lib/tls.js",
			"import tls from 'tls';\nconst s = tls.connect({ host: '" + fakeHost + "', port: 6379, checkServerIdentity: () => undefined });\n",
			[]string{"UPS302 high 2"}},
		{"checkServerIdentity method stub", "lib/tls.js",
			"import tls from 'tls';\nconst s = tls.connect({ host: process.env.UPSTASH_REDIS_HOST, checkServerIdentity() { return null; } });\n",
			[]string{"UPS302 medium 2"}},
		{"rejectUnauthorized false without upstash nearby", "lib/pg.js",
			"import pg from 'pg';\nconst c = new pg.Client({ ssl: { rejectUnauthorized: false } });\n", nil},
		{"rejectUnauthorized true", "lib/r.ts",
			io + "export const r = new Redis(process.env.REDIS_URL!, { tls: { rejectUnauthorized: true } });\n", nil},
		{"NODE_TLS_REJECT_UNAUTHORIZED", "scripts/x.mjs",
			"process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env[\"NODE_TLS_REJECT_UNAUTHORIZED\"] = 0;\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n",
			[]string{"UPS302 high 1", "UPS302 high 2"}},

		// UPS303.
		{"ioredis host without tls", "lib/r.ts",
			io + "export const r = new Redis({ host: '" + fakeHost + "', port: 6379, password: process.env.PW });\n", []string{"UPS303 high 2"}},
		{"ioredis port, host", "lib/r.ts",
			io + "export const r = new Redis(6379, '" + fakeHost + "');\n", []string{"UPS303 high 2"}},
		{"ioredis host from UPSTASH env (medium)", "lib/r.ts",
			io + "export const r = new Redis({ host: process.env.UPSTASH_REDIS_HOST, port: 6379 });\n", []string{"UPS303 medium 2"}},
		{"ioredis host with tls", "lib/r.ts",
			io + "export const r = new Redis({ host: '" + fakeHost + "', port: 6379, tls: {} });\n", nil},
		{"ioredis tls false", "lib/r.ts",
			io + "export const r = new Redis({ host: '" + fakeHost + "', tls: false });\n", []string{"UPS303 high 2"}},
		{"node-redis socket without tls", "lib/r.js",
			"const { createClient } = require('redis');\nconst c = createClient({ socket: { host: '" + fakeHost + "', port: 6379 } });\n", []string{"UPS303 high 2"}},
		{"node-redis rediss url", "lib/r.js",
			"const { createClient } = require('redis');\nconst c = createClient({ url: 'rediss://" + fakeHost + ":6379' });\n", nil},
		{"ioredis on another host", "lib/r.ts",
			io + "export const r = new Redis({ host: 'localhost', port: 6379 });\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, fs := analyzeFile(a, tt.path, []byte(tt.src))
			checkBounds(t, tt.path, []byte(tt.src), f, fs)
			var got []string
			for _, x := range fs {
				got = append(got, x.RuleID+" "+x.Severity.String()+" "+itoa(x.Line))
				if x.Message == "" || strings.Contains(x.Message, "\n") {
					t.Errorf("bad message %q", x.Message)
				}
				if x.Key == "" {
					t.Error("no content key")
				}
				for _, secret := range []string{fakeToken, fakeROToken, fakeQStash, "pw@"} {
					if strings.Contains(x.Message, secret) {
						t.Errorf("message contains a secret")
					}
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("findings (-want +got):\n%s\nmessages: %v", diff, messages(fs))
			}
			if len(f.Notes) > 0 {
				t.Errorf("notes: %q", f.Notes)
			}
		})
	}
}
