package rules

// The 2xx family: Upstash tokens that reach the browser (UPSTASH.md §0
// practice #1, §2, §3). analyzers/exposure decides the whole family from
// the front-ends' facts: UPS201 from env files and deploy configs, UPS202
// in one module and (with the module graph of analyzers/project) across
// imports, UPS203 from build configs, and UPS204 over the credential
// findings of built assets. All sample values are FAKE (UPSTASH.md §1).

// exposureFix is the common remedy for a token that reached client code.
const exposureFix = "Keep Upstash calls on the server: a route handler, a server action, a `+server.ts`/`+page.server.ts` " +
	"load, a Worker. The browser calls that endpoint (rate-limited with `@upstash/ratelimit`), never Upstash directly. " +
	"If a full-access token was ever built into a deployed bundle, rotate it with " + redisResetHelp + "."

func init() {
	Register(&Rule{
		ID:       TokenInPublicEnvVar,
		Family:   Exposure,
		Name:     "token-in-public-env-var",
		Severity: Critical,
		Practice: 1,
		CWE:      []int{200, 522},
		Short:    "Upstash token stored in a public-prefixed environment variable",
		Help: "Frameworks copy variables with a public prefix into the JavaScript they send to browsers: `NEXT_PUBLIC_` " +
			"(Next.js), `VITE_` (Vite, and Astro/SvelteKit through it), `PUBLIC_` (SvelteKit `$env/static/public`, Astro), " +
			"`REACT_APP_` (Create React App), `EXPO_PUBLIC_` (Expo), `GATSBY_`, `VUE_APP_` (Vue CLI), `NUXT_PUBLIC_` (Nuxt). " +
			"A token in such a variable is public the moment any client code reads it: anyone can open the bundle and " +
			"use it. Upstash's guidance is to never expose tokens client-side. Env files that git ignores " +
			"(`.env.local`, `.env.production`) count too: they are what the build reads. A full-access token is " +
			"critical; a read-only token is reported at low severity, since Upstash allows exposing it (it still " +
			"reads every key whose name is known).\n\n" +
			"**Fix:** rename the variable without the public prefix (`UPSTASH_REDIS_REST_TOKEN`) and read it only in " +
			"server code. " + exposureFix,
		Bad: []Example{
			{Path: ".env.local", Content: "NEXT_PUBLIC_UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nNEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\n"},
			{Path: ".env", Content: "VITE_UPSTASH_VECTOR_REST_TOKEN=" + fakeVectorToken + "\n"},
		},
		Good: []Example{
			{Path: ".env.local", Content: "NEXT_PUBLIC_UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nUPSTASH_REDIS_REST_TOKEN=your_upstash_redis_rest_token\n"},
		},
	})
	Register(&Rule{
		ID:       TokenInClientCode,
		Family:   Exposure,
		Name:     "token-in-client-code",
		Severity: Critical,
		Practice: 1,
		CWE:      []int{200, 522},
		Short:    "Upstash client built with a token in code that runs in the browser",
		Help: "Code that runs in the browser ships with everything it uses: a `\"use client\"` module and every module it " +
			"imports, `.svelte` and `.vue` components, the `<script>` elements of `.astro` pages, SvelteKit universal " +
			"`+page.ts` loads, React Native/Expo screens, static scripts under `public/`, React components that use " +
			"state or effect hooks (Astro and Vite islands, Pages Router pages). A client built there with a " +
			"literal token, or with a token from a public variable (`process.env.NEXT_PUBLIC_…`, " +
			"`import.meta.env.VITE_…`, `$env/static/public`), hands that token to every visitor: with a full-access " +
			"Redis token they can read, overwrite and `FLUSHALL` the database; with a QStash token they can publish to " +
			"your endpoints and fetch the signing keys. Reading a public token variable in browser code is the same " +
			"leak, and so is a hardcoded credential anywhere in such code (a static page's inline `<script>` and the local " +
			"scripts its `<script src>` loads, a React Native screen, an Expo `app.json` (its `extra` ships in the app), a " +
			"browser extension's scripts as its `manifest.json` names them): it is reported here as well as under its " +
			"credential rule. A public variable counts as a token by its name or because an env file of the scan sets it to " +
			"one. In a Nuxt app, a read of a public runtime config key (`useRuntimeConfig().public.upstashToken`, " +
			"`config.public.x`, `$config.public.x`) that `nuxt.config` fills with a token is reported at the read " +
			"(the setting itself is UPS203): critical outside `server/`, medium in server code. A public-prefixed token variable read only by server code (a route handler, an API route, " +
			"a module no client code imports) is reported at medium severity: it is not in a bundle yet, but the prefix " +
			"inlines it into any client code that reads it or imports that module. " +
			"Server-only variables are not reported: Next.js, Vite and SvelteKit do not inline them, so a client " +
			"file that merely imports a module reading `UPSTASH_REDIS_REST_TOKEN` exposes nothing. A read-only token " +
			"is reported at low severity.\n\n" +
			"**Fix:** move the client to server code and call it through an endpoint. " + exposureFix,
		Bad: []Example{
			{Path: "components/Counter.tsx", Content: "\"use client\";\n\nimport { Redis } from \"@upstash/redis\";\n\n" +
				"const redis = new Redis({\n  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,\n  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,\n});\n\n" +
				"export function Counter() {\n  return <button onClick={() => redis.incr(\"clicks\")}>+1</button>;\n}\n"},
			{Path: "src/routes/Views.svelte", Content: "<script lang=\"ts\">\n  import { Redis } from \"@upstash/redis\";\n" +
				"  import { PUBLIC_UPSTASH_REDIS_REST_URL, PUBLIC_UPSTASH_REDIS_REST_TOKEN } from \"$env/static/public\";\n\n" +
				"  const redis = new Redis({ url: PUBLIC_UPSTASH_REDIS_REST_URL, token: PUBLIC_UPSTASH_REDIS_REST_TOKEN });\n" +
				"  const views = redis.incr(\"views\");\n</script>\n\n<p>{#await views then n}{n} views{/await}</p>\n"},
		},
		Good: []Example{
			{Path: "components/Counter.tsx", Content: "\"use client\";\n\nexport function Counter() {\n" +
				"  return <button onClick={() => fetch(\"/api/clicks\", { method: \"POST\" })}>+1</button>;\n}\n"},
			{Path: "app/api/clicks/route.ts", Content: "import { Redis } from \"@upstash/redis\";\n\nconst redis = Redis.fromEnv();\n\n" +
				"export async function POST() {\n  return Response.json({ clicks: await redis.incr(\"clicks\") });\n}\n"},
		},
	})
	Register(&Rule{
		ID:       TokenInBuildConfig,
		Family:   Exposure,
		Name:     "token-in-build-config",
		Severity: Critical,
		Practice: 1,
		CWE:      []int{200, 522},
		Short:    "Build config copies an Upstash token into client bundles",
		Help: "Some build settings make server-only variables public whatever their name: every entry of `env` in " +
			"`next.config.js` is inlined into the JavaScript bundle; Vite's `define` replaces identifiers with the given " +
			"values in client code; `envPrefix: ''` (or a prefix such as `UPSTASH_`) exposes all matching variables " +
			"through `import.meta.env` (Vite refuses `''` for this reason); Nuxt's `runtimeConfig.public` and " +
			"`publicRuntimeConfig` are sent to the browser; SvelteKit's `kit.env.publicPrefix: ''` makes every variable " +
			"public; an Astro `env.schema` field with `context: \"client\"` is readable from client code. An Upstash " +
			"token that goes through one of these ends up in the bundle.\n\n" +
			"**Fix:** remove the entry and read the token only in server code, under a name without a public prefix. " +
			exposureFix,
		Bad: []Example{
			{Path: "next.config.js", Content: "/** @type {import('next').NextConfig} */\nmodule.exports = {\n  env: {\n" +
				"    UPSTASH_REDIS_REST_URL: process.env.UPSTASH_REDIS_REST_URL,\n    UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN,\n  },\n};\n"},
			{Path: "vite.config.ts", Content: "import { defineConfig, loadEnv } from \"vite\";\n\nexport default defineConfig(({ mode }) => {\n" +
				"  const env = loadEnv(mode, process.cwd(), \"\");\n  return {\n    define: {\n" +
				"      __UPSTASH_TOKEN__: JSON.stringify(env.UPSTASH_REDIS_REST_TOKEN),\n    },\n  };\n});\n"},
		},
		Good: []Example{
			{Path: "next.config.js", Content: "/** @type {import('next').NextConfig} */\nmodule.exports = {\n  env: {\n    APP_VERSION: \"1.4.0\",\n  },\n};\n"},
			{Path: "vite.config.ts", Content: "import { defineConfig } from \"vite\";\n\nexport default defineConfig({\n  envPrefix: \"VITE_\",\n});\n"},
		},
	})
	Register(&Rule{
		ID:       TokenInBuiltAssets,
		Family:   Exposure,
		Name:     "token-in-built-assets",
		Severity: Critical,
		Practice: 1,
		CWE:      []int{200, 540},
		Short:    "Upstash credential inlined into built or static assets",
		Help: "A credential inside build output (`dist/`, `build/`, `out/`, `.next/static/`) is what the " +
			"web server hands to every visitor: the build inlined a public variable or a literal into the bundle. " +
			"Whether or not the output directory is committed, the token was deployed and must be treated as leaked. " +
			"Server-side build output (`.aws-sam/build`, `.serverless`, `.vercel/output/functions`, `.netlify/functions`, " +
			"the `dist/server` half of an SSR build, or the `dist/` of a backend package: no HTML entry and no browser " +
			"framework in its package.json) is not served to browsers: a credential there is reported under its credential " +
			"rule (UPS101…), whose message says it is in build output. " +
			"The credential is recognised as in UPS101–UPS106 (decoded token layouts); a read-only token is reported " +
			"at low severity.\n\n" +
			"**Fix:** rotate the credential (" + redisResetHelp + " for Redis), find the source that put it in the bundle " +
			"(UPS201–UPS203 usually point at it), rebuild, and keep build output out of the repository. " + exposureFix,
		Bad: []Example{
			{Path: "dist/assets/index.js", Content: "import{Redis as e}from\"@upstash/redis\";const t=new e({url:\"" + fakeRedisURL +
				"\",token:\"" + fakeRedisToken + "\"});document.querySelector(\"#n\").textContent=String(await t.incr(\"views\"));\n"},
		},
		Good: []Example{
			{Path: "dist/assets/index.js", Content: "const e=await fetch(\"/api/views\",{method:\"POST\"});document.querySelector(\"#n\").textContent=String((await e.json()).views);\n"},
		},
	})
}
