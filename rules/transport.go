package rules

// The 3xx family: transport security (UPSTASH.md §0 practice #3, §1.1, §7).
// analyzers/transport decides them, in every language, from the facts the
// front-ends extract (jsts, python, golang, configs). Upstash serves Redis
// REST over HTTPS and TCP over TLS (rediss://); TLS is always on for current
// databases, so a plaintext connection either leaks the password or fails.
// Fly.io's private fly-*.upstash.io hosts are plaintext by design and never
// reported.

func init() {
	Register(&Rule{
		ID:       PlaintextUpstashURL,
		Family:   Transport,
		Name:     "plaintext-upstash-url",
		Severity: High,
		Practice: 3,
		CWE:      []int{319},
		Short:    "Plaintext redis:// or http:// URL to an Upstash host",
		Help: "`redis://` and `http://` connect without TLS: the password (which on current databases is the full REST " +
			"token) and every command and value cross the network in clear text, readable and changeable by anyone " +
			"on the path. Upstash documents `rediss://default:<password>@<db>.upstash.io:6379` for TCP and " +
			"`https://<db>.upstash.io` for REST; TLS is always enabled on Upstash Redis. Fly.io databases " +
			"(`redis://…@fly-<db>.upstash.io`) are reached over Fly's private network and are not reported.\n\n" +
			"**Fix:** use `rediss://` (TCP) or `https://` (REST). If the URL held a password and ever went over " +
			"plaintext, rotate it with " + redisResetHelp + ".",
		Bad: []Example{
			{Path: "lib/redis.ts", Content: "import Redis from \"ioredis\";\n\n" +
				"export const redis = new Redis(`redis://default:${process.env.UPSTASH_REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379`);\n"},
			{Path: ".env", Content: "UPSTASH_REDIS_REST_URL=http://fake-otter-12345.upstash.io\nUPSTASH_REDIS_REST_TOKEN=your_upstash_redis_rest_token\n"},
		},
		Good: []Example{
			{Path: "lib/redis.ts", Content: "import Redis from \"ioredis\";\n\n" +
				"export const redis = new Redis(`rediss://default:${process.env.UPSTASH_REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379`);\n"},
			{Path: "lib/fly.ts", Content: "import Redis from \"ioredis\";\n\n// Fly.io private network: plaintext by design.\n" +
				"export const redis = new Redis(`redis://default:${process.env.REDIS_PASSWORD}@fly-fake-otter-12345.upstash.io:6379`);\n"},
		},
	})
	Register(&Rule{
		ID:       TLSVerificationDisabled,
		Family:   Transport,
		Name:     "tls-verification-disabled",
		Severity: High,
		Practice: 3,
		CWE:      []int{295},
		Short:    "TLS certificate verification turned off for an Upstash connection",
		Help: "`rejectUnauthorized: false`, a `checkServerIdentity` that accepts everything, " +
			"`NODE_TLS_REJECT_UNAUTHORIZED=0` (for the whole Node.js process), Python's `ssl_cert_reqs=None` and " +
			"`ssl_check_hostname=False` (as options or in a `rediss://` URL's query) and Go's `InsecureSkipVerify: true` keep " +
			"the encryption but stop checking who is at the other end: anyone who can intercept the connection " +
			"(a shared network, a compromised proxy) can present any certificate, read the password or token and " +
			"change every reply. Upstash serves certificates from a public CA, so verification never needs to be off. " +
			"The connection is Upstash's when its host is an Upstash host or the client an Upstash SDK (high), or when " +
			"only the env variable it reads (`UPSTASH_REDIS_URL`, `KV_URL`, `UPSTASH_*`) or a comment in the options " +
			"says so (medium).\n\n" +
			"**Fix:** remove the option or variable. If a corporate proxy re-signs TLS, add its CA with " +
			"`NODE_EXTRA_CA_CERTS` (Node.js) or `ssl_ca_certs` (redis-py) instead of turning verification off.",
		Bad: []Example{
			{Path: "lib/redis.ts", Content: "import Redis from \"ioredis\";\n\nexport const redis = new Redis({\n" +
				"  host: \"fake-otter-12345.upstash.io\",\n  port: 6379,\n  password: process.env.UPSTASH_REDIS_PASSWORD,\n" +
				"  tls: { rejectUnauthorized: false },\n});\n"},
			{Path: "lib/queue.ts", Content: "import Redis from \"ioredis\";\n\n" +
				"export const connection = new Redis(process.env.UPSTASH_REDIS_URL!, { tls: { rejectUnauthorized: false } });\n"},
			{Path: "scripts/seed.mjs", Content: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = \"0\";\n\n" +
				"import { Redis } from \"@upstash/redis\";\n\nawait Redis.fromEnv().set(\"seeded\", Date.now());\n"},
			{Path: ".env.production", Content: "UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nNODE_TLS_REJECT_UNAUTHORIZED=0\n"},
		},
		Good: []Example{
			{Path: "lib/redis.ts", Content: "import Redis from \"ioredis\";\n\nexport const redis = new Redis({\n" +
				"  host: \"fake-otter-12345.upstash.io\",\n  port: 6379,\n  password: process.env.UPSTASH_REDIS_PASSWORD,\n" +
				"  tls: {},\n});\n"},
		},
	})
	Register(&Rule{
		ID:       TCPClientWithoutTLS,
		Family:   Transport,
		Name:     "tcp-client-without-tls",
		Severity: High,
		Practice: 3,
		CWE:      []int{319},
		Short:    "TCP Redis client connects to an Upstash host without TLS",
		Help: "A TCP client configured with a host and port instead of a URL uses plaintext unless TLS is asked for: " +
			"ioredis needs a `tls` option (BullMQ's `connection` options are ioredis options), node-redis needs " +
			"`socket: { tls: true }`, redis-py needs `ssl=True`, go-redis a `TLSConfig`. " +
			"Pointed at an Upstash database, such a client either fails (TLS is mandatory on current databases) or, " +
			"on a legacy database, sends the password and every command in clear text.\n\n" +
			"**Fix:** turn TLS on (`tls: {}` for ioredis, `socket: { tls: true }` for node-redis, `ssl=True` for " +
			"redis-py), or connect with the `rediss://` URL from the Upstash console.",
		Bad: []Example{
			{Path: "lib/redis.ts", Content: "import Redis from \"ioredis\";\n\nexport const redis = new Redis({\n" +
				"  host: \"fake-otter-12345.upstash.io\",\n  port: 6379,\n  password: process.env.UPSTASH_REDIS_PASSWORD,\n});\n"},
			{Path: "src/cache.js", Content: "import { createClient } from \"redis\";\n\nexport const client = createClient({\n" +
				"  socket: { host: \"fake-otter-12345.upstash.io\", port: 6379 },\n  password: process.env.UPSTASH_REDIS_PASSWORD,\n});\n"},
			{Path: "src/jobs.ts", Content: "import { Queue } from \"bullmq\";\n\nexport const queue = new Queue(\"jobs\", {\n" +
				"  connection: { host: process.env.UPSTASH_REDIS_HOST, port: 6379, password: process.env.UPSTASH_REDIS_PASSWORD },\n});\n"},
		},
		Good: []Example{
			{Path: "src/cache.js", Content: "import { createClient } from \"redis\";\n\nexport const client = createClient({\n" +
				"  socket: { host: \"fake-otter-12345.upstash.io\", port: 6379, tls: true },\n  password: process.env.UPSTASH_REDIS_PASSWORD,\n});\n"},
		},
	})
}
