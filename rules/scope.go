package rules

// The 5xx family: token scope and environment separation (UPSTASH.md §0
// practices #1 and #4, §1.2, §1.3, §7). analyzers/scope implements UPS501,
// UPS502 and UPS504 over the facts of many files; analyzers/configs emits
// UPS503 from env files and deploy configs. UPS501 and UPS502 are decided
// across files, so their single-file samples show the smallest case that
// one file can hold.

// scopeWorkflow renders a GitHub Actions workflow with a staging and a
// production job, each pointing UPSTASH_REDIS_REST_URL at the given host;
// the tokens come from repository secrets.
func scopeWorkflow(stagingHost, productionHost string) string {
	job := func(name, host string) string {
		return "  " + name + ":\n" +
			"    runs-on: ubuntu-latest\n" +
			"    environment: " + name + "\n" +
			"    env:\n" +
			"      UPSTASH_REDIS_REST_URL: https://" + host + "\n" +
			"      UPSTASH_REDIS_REST_TOKEN: ${{ secrets.UPSTASH_REDIS_REST_TOKEN }}\n" +
			"    steps:\n" +
			"      - uses: actions/checkout@v4\n" +
			"      - run: npm ci && npm run deploy -- --env " + name + "\n"
	}
	return "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n" + job("staging", stagingHost) + job("production", productionHost)
}

// scopeCache is lib/cache.ts building a Redis client from the token env var
// named tokenEnv and running body with it.
func scopeCache(tokenEnv, body string) string {
	return "import { Redis } from \"@upstash/redis\";\n\n" +
		"const redis = new Redis({\n" +
		"  url: process.env.UPSTASH_REDIS_REST_URL!,\n" +
		"  token: process.env." + tokenEnv + "!,\n" +
		"});\n\n" + body
}

func init() {
	Register(&Rule{
		ID:       ReadOnlyTokenSuffices,
		Family:   Scope,
		Name:     "read-only-token-suffices",
		Severity: Low,
		Practice: 1,
		CWE:      []int{272, 250},
		Short:    "Full-access Redis token held by code that only reads",
		Help: "Every Upstash Redis database has two REST tokens: the standard token runs any command (writes, " +
			"`FLUSHALL` and `CONFIG` included) and the read-only token runs read commands only. Upstash's production " +
			"checklist asks for the read-only token wherever it is enough: when the code or its environment leaks, a " +
			"read-only token cannot change or delete data. upscan reports a client built with the full token " +
			"(`UPSTASH_REDIS_REST_TOKEN`, `KV_REST_API_TOKEN`, `Redis.fromEnv()`, a literal) when every command called " +
			"on it, in its module and in every module that imports it, is a read (`get`, `hgetall`, `zrange`, " +
			"`json.get`…). `SCAN` and `KEYS` count as writes here, because read-only tokens may not run them; " +
			"`pipeline`, `multi`, `eval` and a client passed on to other code (a rate limiter, a helper) count as " +
			"writes too. The finding lists the commands seen. Code that upscan did not read (another repository, a " +
			"script) may still write with the same token, so the severity is low (info when the client is exported). " +
			"A client handed out by a function (`export function getRedis() { return new Redis(…) }`, a memoised " +
			"`client ??= Redis.fromEnv()`, Python `def get_redis(): return Redis.from_env()`) counts the commands run " +
			"on what the function returns, wherever it is called; passing the function itself on (`Depends(get_redis)`) " +
			"counts as a write. " +
			"When a shared client (exported from a module such as `lib/redis.ts`, or `@vercel/kv`'s `kv`) also " +
			"writes, upscan reports instead each module that uses it only for reads, naming the client and the " +
			"commands: that module can hold a second client built from the read-only token. A module that writes " +
			"with the client (in any of its functions), passes it on, already uses a read-only token, or is a script " +
			"run by hand (`scripts/`, `bin/`, `migrations/`, seed files) is never reported.\n\n" +
			"**Fix:** copy the **Read-Only Token** from the database page in the Upstash console (Vercel's integration " +
			"provides it as `KV_REST_API_READ_ONLY_TOKEN`), store it in its own env var (`UPSTASH_REDIS_REST_READ_ONLY_TOKEN`) " +
			"and build the client from it: `new Redis({ url: process.env.UPSTASH_REDIS_REST_URL, token: " +
			"process.env.UPSTASH_REDIS_REST_READ_ONLY_TOKEN })` (`createClient({ url: process.env.KV_REST_API_URL, token: " +
			"process.env.KV_REST_API_READ_ONLY_TOKEN })` with `@vercel/kv`). " +
			"Keep the full token only where the code writes. If other code writes through this client, suppress the " +
			"finding with `upscan:ignore UPS501 -- <reason>`.",
		Bad: []Example{
			{Path: "lib/cache.ts", Content: scopeCache("UPSTASH_REDIS_REST_TOKEN",
				"export async function getProfile(id: string) {\n  return redis.get(`profile:${id}`);\n}\n")},
		},
		Good: []Example{
			{Path: "lib/cache.ts", Content: scopeCache("UPSTASH_REDIS_REST_READONLY_TOKEN",
				"export async function getProfile(id: string) {\n  return redis.get(`profile:${id}`);\n}\n")},
			{Path: "lib/cache.ts", Content: scopeCache("UPSTASH_REDIS_REST_TOKEN",
				"export async function getProfile(id: string) {\n  return redis.get(`profile:${id}`);\n}\n\n"+
					"export async function saveProfile(id: string, profile: string) {\n  await redis.set(`profile:${id}`, profile);\n}\n")},
		},
	})
	Register(&Rule{
		ID:       DatabaseSharedAcrossEnvironments,
		Family:   Scope,
		Name:     "database-shared-across-environments",
		Severity: Medium,
		Practice: 4,
		CWE:      []int{668},
		Short:    "One Upstash database is configured for several environments",
		Help: "Upstash's fourth best practice is a separate database per environment. When development, staging or " +
			"CI point at the production database, a test run can overwrite or flush production data, a developer " +
			"laptop holds production credentials, and a leak of the least protected environment exposes the most " +
			"valuable data. upscan compares the Upstash hosts (and, without a host, the database tokens) assigned in " +
			"env files (`.env.development`, `.env.staging`, `.env.production`, `.env.local`…) and deploy configs " +
			"(GitHub Actions jobs with an `environment:`, netlify.toml contexts, wrangler.toml `[env.*]`, compose and " +
			"fly files named for an environment) and reports a host that two environments share: medium when " +
			"production is one of them, low otherwise. `.env` (shared defaults) and `.env.example` are not compared.\n\n" +
			"**Fix:** create one database per environment in the Upstash console (or with the Terraform provider) and " +
			"give each environment its own `UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN`. Keep the " +
			"production credentials only in the production environment's secrets.",
		Bad: []Example{
			{Path: ".github/workflows/deploy.yml", Content: scopeWorkflow("fake-otter-12345.upstash.io", "fake-otter-12345.upstash.io")},
		},
		Good: []Example{
			{Path: ".github/workflows/deploy.yml", Content: scopeWorkflow("fake-heron-23456.upstash.io", "fake-otter-12345.upstash.io")},
		},
	})
	Register(&Rule{
		ID:       QStashDevModeInProduction,
		Family:   Scope,
		Name:     "qstash-dev-mode-in-production",
		Severity: Critical,
		Practice: 4,
		CWE:      []int{489, 347},
		Short:    "QStash development mode or dev-server credentials in a production config",
		Help: "`QSTASH_DEV=true` (or `1`) switches the QStash SDK to the local development server: the `Receiver` " +
			"and the `verifySignature*` wrappers then ignore the configured signing keys and accept messages signed " +
			"with the dev server's signing keys, which are published in the SDK's source. In a production env file " +
			"or deploy config this means anyone can forge a QStash delivery to every webhook of the app. The dev " +
			"server's token and signing keys in a production config have the same effect. upscan reports these in " +
			"`.env.production*` files and in deploy configs for production; development env files are fine.\n\n" +
			"**Fix:** remove `QSTASH_DEV` (and `QSTASH_DEV_PORT`) from the production configuration and set " +
			"`QSTASH_TOKEN`, `QSTASH_CURRENT_SIGNING_KEY` and `QSTASH_NEXT_SIGNING_KEY` to the values of your QStash " +
			"project in the Upstash console. Keep dev mode in `.env.development` or `.env.local`.",
		Bad: []Example{
			{Path: ".env.production", Content: "QSTASH_DEV=true\nQSTASH_URL=https://qstash.upstash.io\n"},
		},
		Good: []Example{
			{Path: ".env.development", Content: "QSTASH_DEV=true\n"},
		},
	})
	Register(&Rule{
		ID:       QStashWebhookUnverified,
		Family:   Scope,
		Name:     "qstash-webhook-unverified",
		Severity: Medium,
		Practice: 1,
		CWE:      []int{347, 345},
		Short:    "QStash webhook route does not verify the Upstash-Signature",
		Help: "QStash delivers messages to a public URL. Upstash signs every delivery with a JWT in the " +
			"`Upstash-Signature` header and asks receivers to verify it on every request: without the check, anyone " +
			"who finds the URL can post a message that the handler treats as coming from QStash. upscan reports a " +
			"module that receives deliveries (it reads `Upstash-Signature` or delivery headers such as " +
			"`Upstash-Message-Id`), or that the project sends deliveries to (a `publishJSON`, `enqueue`, `batch`, " +
			"`schedules.create` or Workflow `trigger` whose URL path is the module's route, such as " +
			"`${process.env.BASE_URL}/api/jobs` for `app/api/jobs/route.ts`), when neither it, nor a module it imports, nor the project's middleware verifies: " +
			"no `Receiver.verify`, no `verifySignature*` wrapper, no JWT verification. An Upstash Workflow `serve` " +
			"endpoint verifies by itself once `QSTASH_CURRENT_SIGNING_KEY` and `QSTASH_NEXT_SIGNING_KEY` are set, so " +
			"it is reported (as info) only when nothing in its project mentions them. Verification done outside " +
			"the scanned code (a gateway, a shared package) is invisible to upscan: suppress the finding with a reason.\n\n" +
			"A route reported here is not also reported as lacking a rate limit (UPS401): what it lacks is the signature check.\n\n" +
			"**Fix:** wrap the handler (`export const POST = verifySignatureAppRouter(handler)` from " +
			"`@upstash/qstash/nextjs`, `verifySignatureEdge`, `verifySignatureSvelte`…) or call `await " +
			"receiver.verify({ signature, body, url })` with a `Receiver` built from `QSTASH_CURRENT_SIGNING_KEY` and " +
			"`QSTASH_NEXT_SIGNING_KEY` on the raw request body, and reject the request when it fails. Pass `url` so " +
			"that a signature for another endpoint is refused.",
		Bad: []Example{
			{Path: "app/api/webhook/route.ts", Content: "export async function POST(req: Request) {\n" +
				"  const signature = req.headers.get(\"Upstash-Signature\");\n" +
				"  if (!signature) {\n    return new Response(\"missing signature\", { status: 401 });\n  }\n" +
				"  const job = await req.json();\n  console.log(\"processing job\", job.id);\n" +
				"  return new Response(\"ok\");\n}\n"},
		},
		Good: []Example{
			{Path: "app/api/webhook/route.ts", Content: "import { Receiver } from \"@upstash/qstash\";\n\n" +
				"const receiver = new Receiver({\n" +
				"  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!,\n" +
				"  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY!,\n});\n\n" +
				"export async function POST(req: Request) {\n" +
				"  const body = await req.text();\n" +
				"  const valid = await receiver.verify({\n" +
				"    signature: req.headers.get(\"Upstash-Signature\") ?? \"\",\n" +
				"    body,\n    url: \"https://example.com/api/webhook\",\n  });\n" +
				"  if (!valid) {\n    return new Response(\"invalid signature\", { status: 401 });\n  }\n" +
				"  return new Response(\"ok\");\n}\n"},
			{Path: "app/api/webhook/route.ts", Content: "import { verifySignatureAppRouter } from \"@upstash/qstash/nextjs\";\n\n" +
				"async function handler(req: Request) {\n" +
				"  const messageId = req.headers.get(\"Upstash-Message-Id\");\n" +
				"  console.log(\"processing message\", messageId);\n" +
				"  return new Response(\"ok\");\n}\n\n" +
				"export const POST = verifySignatureAppRouter(handler);\n"},
		},
	})
	Register(&Rule{
		ID:       QStashVerifyWithoutURL,
		Family:   Scope,
		Name:     "qstash-verify-without-url",
		Severity: Low,
		Practice: 1,
		CWE:      []int{347, 294},
		Short:    "QStash signature verified without the endpoint URL",
		Help: "QStash signs every delivery with a JWT whose `sub` claim is the URL the message was sent to. " +
			"`Receiver.verify({ signature, body, url })` (Python `receiver.verify(signature=…, body=…, url=…)`) " +
			"compares `sub` with `url` only when `url` is given; without it, any delivery signed with the account's " +
			"signing keys verifies, whatever endpoint it was meant for. The `verifySignature*` wrappers of " +
			"`@upstash/qstash` (`verifySignatureAppRouter`, `verifySignature`, `verifySignatureEdge`, " +
			"`verifySignatureSvelte`, `verifySignatureH3`…) never pass `url` to `Receiver.verify`: their `url` option " +
			"is ignored. When the same QStash account also delivers to endpoints that others control (webhooks that " +
			"users configure, another team's app, a staging deployment) or whose requests are logged, a signed " +
			"delivery captured there can be replayed to this endpoint within its validity window. upscan reports a " +
			"`Receiver.verify` call whose options it can read in full and that has no `url`, and every " +
			"`verifySignature*` wrapper call. The severity is low: the replay needs a delivery signed by the same " +
			"account.\n\n" +
			"**Fix:** pass the endpoint's public URL, exactly as QStash calls it: `await receiver.verify({ signature, " +
			"body, url: process.env.APP_URL + \"/api/jobs\" })`. With a wrapper, replace it with a `Receiver` and that " +
			"call (the handler reads the raw body with `await req.text()`).",
		Bad: []Example{
			{Path: "app/api/jobs/route.ts", Content: scopeReceiver("")},
		},
		Good: []Example{
			{Path: "app/api/jobs/route.ts", Content: scopeReceiver("    url: `${process.env.APP_URL}/api/jobs`,\n")},
		},
	})
}

// scopeReceiver is app/api/jobs/route.ts verifying deliveries with a
// Receiver; urlLine is the url option's line, "" for none.
func scopeReceiver(urlLine string) string {
	return "import { Receiver } from \"@upstash/qstash\";\n\n" +
		"const receiver = new Receiver({\n" +
		"  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!,\n" +
		"  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY!,\n});\n\n" +
		"export async function POST(req: Request) {\n" +
		"  const body = await req.text();\n" +
		"  const valid = await receiver.verify({\n" +
		"    signature: req.headers.get(\"Upstash-Signature\") ?? \"\",\n" +
		"    body,\n" + urlLine + "  });\n" +
		"  if (!valid) {\n    return new Response(\"invalid signature\", { status: 401 });\n  }\n" +
		"  return new Response(\"ok\");\n}\n"
}
