package rules

// The 1xx family: hardcoded Upstash credentials (UPSTASH.md §1, §2, §7).
// analyzers/secrets implements them; every Bad example below must produce a
// finding of its rule there and every Good example none. All sample values are
// FAKE, built to the documented byte layouts (UPSTASH.md §1).

// Fake sample values shared by the examples (UPSTASH.md §1 FAKE samples).
const (
	fakeRedisURL       = "https://fake-otter-12345.upstash.io"
	fakeRedisToken     = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	fakeRedisROToken   = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
	fakeQStashToken    = "eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0="
	fakeSigningKey     = "sig_3xAmPLe4FakeKeyNotReaLpQrSt7"
	fakeVectorToken    = "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	fakeVectorROToken  = "ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI="
	fakeAPIKey         = "0f0f0f0f-1111-4222-8333-444455556666"
	fakeKafkaPassword  = "Zm9vYmFyLWthZmthLXBhc3MtOTg3NjU0MzIx"
	fakeUnknownToken   = "Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg"
	redisResetHelp     = "`POST https://api.upstash.com/v2/redis/reset-password/{id}` (Developer API) or **Reset Credentials** in the Upstash console"
	redisRotationNotes = "Resetting revokes both REST tokens (standard and read-only) and the TCP password at once, so update every consumer afterwards."
)

func init() {
	Register(&Rule{
		ID:       RedisRESTToken,
		Family:   Credentials,
		Name:     "redis-rest-token",
		Severity: Critical,
		Practice: 2,
		CWE:      []int{798},
		Short:    "Upstash Redis REST token with full access is hardcoded",
		Help: "An Upstash Redis standard REST token runs any command on the database, writes and `FLUSHALL` included. " +
			"Anyone who reads the file (a repository clone, a CI log, a browser bundle) owns the data. " +
			"The token is recognised by its layout: base64url whose first byte is `0x01` (full access), " +
			"followed by the database number and an `AAI…cD`, `ASQg` or (older tokens) `ACQg` header.\n\n" +
			"**Fix:** rotate the token with " + redisResetHelp + ". " + redisRotationNotes +
			" Then load it from the environment: `UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN` " +
			"(`Redis.fromEnv()` reads them), kept in a secret manager or an untracked `.env.local`.",
		Bad: []Example{
			{Path: "lib/redis.ts", Content: "import { Redis } from \"@upstash/redis\";\n\nexport const redis = new Redis({\n  url: \"" + fakeRedisURL + "\",\n  token: \"" + fakeRedisToken + "\",\n});\n"},
			{Path: ".env", Content: "UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nUPSTASH_REDIS_REST_TOKEN=" + fakeRedisToken + "\n"},
		},
		Good: []Example{
			{Path: "lib/redis.ts", Content: "import { Redis } from \"@upstash/redis\";\n\nexport const redis = new Redis({\n  url: process.env.UPSTASH_REDIS_REST_URL!,\n  token: process.env.UPSTASH_REDIS_REST_TOKEN!,\n});\n"},
			{Path: ".env.example", Content: "UPSTASH_REDIS_REST_URL=https://<your-db>.upstash.io\nUPSTASH_REDIS_REST_TOKEN=your_upstash_redis_rest_token\n"},
		},
	})
	Register(&Rule{
		ID:       RedisReadOnlyToken,
		Family:   Credentials,
		Name:     "redis-read-only-token",
		Severity: Low,
		Practice: 1,
		CWE:      []int{798, 200},
		Short:    "Upstash Redis read-only REST token is hardcoded",
		Help: "A read-only REST token (first byte `0x02`) cannot write, and Upstash documents that it may be exposed " +
			"publicly. It still reads every key whose name can be guessed (only `SCAN`/`KEYS` are blocked), so a hardcoded " +
			"one is worth a look: is the data behind it really public?\n\n" +
			"**Fix:** if the data is not meant to be public, rotate with " + redisResetHelp + ". " + redisRotationNotes +
			" Keep the value in an environment variable (for example `UPSTASH_REDIS_REST_READONLY_TOKEN`) rather than in source.",
		Bad: []Example{
			{Path: "src/config.json", Content: "{\n  \"redisUrl\": \"" + fakeRedisURL + "\",\n  \"redisToken\": \"" + fakeRedisROToken + "\"\n}\n"},
		},
		Good: []Example{
			{Path: "src/config.ts", Content: "export const redisToken = process.env.UPSTASH_REDIS_REST_READONLY_TOKEN ?? \"<read-only token>\";\n"},
		},
	})
	Register(&Rule{
		ID:       RedisURLPassword,
		Family:   Credentials,
		Name:     "redis-url-password",
		Severity: Critical,
		Practice: 2,
		CWE:      []int{798, 522},
		Short:    "Password of an Upstash Redis database in a redis:// URL or client options",
		Help: "A `rediss://user:password@<db>.upstash.io` connection string (or a `password` option next to an Upstash host) " +
			"carries the database's TCP password. On current databases the password is the full-access REST token itself, " +
			"so it grants every command over TCP and REST. The `default_ro` user's password is the read-only token and is " +
			"reported at low severity.\n\n" +
			"**Fix:** rotate with " + redisResetHelp + ". " + redisRotationNotes +
			" Then read the URL from the environment (`REDIS_URL`, `KV_URL`) instead of writing it in code.",
		Bad: []Example{
			{Path: "app/cache.py", Content: "import redis\n\nr = redis.from_url(\"rediss://default:" + fakeRedisToken + "@fake-otter-12345.upstash.io:6379\")\n"},
			{Path: "config.yaml", Content: "redis:\n  url: rediss://default:deadbeefcafef00d0badc0de12345678@us1-fake-otter-12345.upstash.io:12345\n"},
		},
		Good: []Example{
			{Path: "app/cache.py", Content: "import os\nimport redis\n\nr = redis.from_url(os.environ[\"REDIS_URL\"])\n# REDIS_URL=rediss://default:<PASSWORD>@<YOUR-DATABASE>.upstash.io:6379\n"},
			{Path: "config.yaml", Content: "redis:\n  url: rediss://default:${REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379\n"},
		},
	})
	Register(&Rule{
		ID:       QStashToken,
		Family:   Credentials,
		Name:     "qstash-token",
		Severity: Critical,
		Practice: 2,
		CWE:      []int{798},
		Short:    "QStash token is hardcoded",
		Help: "A QStash token (base64 of `{\"UserID\":…,\"Password\":…}`) publishes messages and schedules on your account " +
			"and can fetch the signing keys (`GET /v2/keys`), which lets its holder forge webhook deliveries as well.\n\n" +
			"**Fix:** rotate the token with `POST https://api.upstash.com/v2/qstash/rotate-token/{id}` or in the console " +
			"(QStash → Reset token), roll the signing keys (`POST https://qstash.upstash.io/v2/keys/rotate`) if the token may " +
			"have been used, and load it from `QSTASH_TOKEN`. The public dev-server credentials (`defaultUser`, " +
			"`testUser1`–`testUser3`) are not reported.",
		Bad: []Example{
			{Path: "src/queue.ts", Content: "import { Client } from \"@upstash/qstash\";\n\nconst client = new Client({ token: \"" + fakeQStashToken + "\" });\n"},
		},
		Good: []Example{
			{Path: "src/queue.ts", Content: "import { Client } from \"@upstash/qstash\";\n\nconst client = new Client({ token: process.env.QSTASH_TOKEN! });\n// QSTASH_TOKEN=<your qstash token>\n"},
		},
	})
	Register(&Rule{
		ID:       QStashSigningKey,
		Family:   Credentials,
		Name:     "qstash-signing-key",
		Severity: High,
		Practice: 2,
		CWE:      []int{798, 522},
		Short:    "QStash signing key is hardcoded",
		Help: "QStash signs every delivery with the current signing key (`sig_…`). Whoever holds it can sign requests " +
			"that your `Receiver`/`verifySignature` accepts as genuine, so forged webhooks reach your handlers.\n\n" +
			"**Fix:** roll the keys (`POST https://qstash.upstash.io/v2/keys/rotate` twice, or in the console), then read " +
			"them from `QSTASH_CURRENT_SIGNING_KEY` and `QSTASH_NEXT_SIGNING_KEY`. The documented local dev-server keys are " +
			"not reported.",
		Bad: []Example{
			{Path: "api/webhook.js", Content: "const receiver = new Receiver({\n  currentSigningKey: \"" + fakeSigningKey + "\",\n  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY,\n});\n"},
		},
		Good: []Example{
			{Path: "api/webhook.js", Content: "const receiver = new Receiver({\n  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY,\n  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY ?? \"sig_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\n});\n"},
		},
	})
	Register(&Rule{
		ID:       VectorSearchToken,
		Family:   Credentials,
		Name:     "vector-search-token",
		Severity: Critical,
		Practice: 2,
		CWE:      []int{798},
		Short:    "Upstash Vector or Search index token is hardcoded",
		Help: "Upstash Vector and Search tokens embed the index name and a role: an `admin` token upserts, deletes and " +
			"resets the index; a `readonly` token (reported at low severity) still reads every vector and its metadata. " +
			"The finding names the index, which is not secret.\n\n" +
			"**Fix:** reset the index password in the console (or with the Developer API's reset-password call for the " +
			"index), which issues new tokens, and load them from `UPSTASH_VECTOR_REST_TOKEN` / `UPSTASH_SEARCH_REST_TOKEN`. " +
			"Do not use the `NEXT_PUBLIC_` names for admin tokens.",
		Bad: []Example{
			{Path: "rag/index.py", Content: "from upstash_vector import Index\n\nindex = Index(url=\"https://fake-otter-12345-us1-vector.upstash.io\", token=\"" + fakeVectorToken + "\")\n"},
			{Path: ".env.local", Content: "UPSTASH_VECTOR_REST_READONLY_TOKEN=\"" + fakeVectorROToken + "\"\n"},
		},
		Good: []Example{
			{Path: "rag/index.py", Content: "from upstash_vector import Index\n\nindex = Index.from_env()  # UPSTASH_VECTOR_REST_TOKEN=<token>\n"},
		},
	})
	Register(&Rule{
		ID:       DeveloperAPIKey,
		Family:   Credentials,
		Name:     "developer-api-key",
		Severity: Critical,
		Practice: 2,
		CWE:      []int{798},
		Short:    "Upstash Developer API key is hardcoded",
		Help: "The Developer (management) API key, with the account email, creates and deletes databases, reads every " +
			"database's password and tokens, and changes billing settings. It is reported only next to Upstash context " +
			"(`UPSTASH_API_KEY`, a `provider \"upstash\"` block, `api.upstash.com`, `UPSTASH_EMAIL`).\n\n" +
			"**Fix:** delete the key in the console (Account → Management API) and create a new one, then pass it through " +
			"`UPSTASH_API_KEY` (Terraform and the CLI read it) or a Terraform variable marked `sensitive`.",
		Bad: []Example{
			{Path: "infra/main.tf", Content: "provider \"upstash\" {\n  email   = \"dev@example.com\"\n  api_key = \"" + fakeAPIKey + "\"\n}\n"},
			{Path: ".env", Content: "UPSTASH_EMAIL=dev@example.com\nUPSTASH_API_KEY=" + fakeAPIKey + "\n"},
		},
		Good: []Example{
			{Path: "infra/main.tf", Content: "provider \"upstash\" {\n  email   = var.upstash_email\n  api_key = var.upstash_api_key\n}\n"},
			{Path: ".env.example", Content: "UPSTASH_EMAIL=you@example.com\nUPSTASH_API_KEY=<your-api-key>\n"},
		},
	})
	Register(&Rule{
		ID:       KafkaCredential,
		Family:   Credentials,
		Name:     "kafka-credential",
		Severity: Low,
		Practice: 2,
		CWE:      []int{798, 200},
		Short:    "Stale Upstash Kafka credential (service discontinued 2025-03-11)",
		Help: "Upstash Kafka was deprecated on 2024-09-11 and shut down on 2025-03-11, so the credential no longer opens " +
			"anything. It is still a secret in the history and a sign of dead configuration.\n\n" +
			"**Fix:** delete the Kafka settings (`UPSTASH_KAFKA_*`, `*-kafka.upstash.io` brokers) and the code that reads them.",
		Bad: []Example{
			{Path: ".env", Content: "UPSTASH_KAFKA_REST_URL=https://fake-otter-12345-us1-rest-kafka.upstash.io\nUPSTASH_KAFKA_REST_USERNAME=ZmFrZS1vdHRlcg\nUPSTASH_KAFKA_REST_PASSWORD=" + fakeKafkaPassword + "\n"},
		},
		Good: []Example{
			{Path: ".env.example", Content: "UPSTASH_KAFKA_REST_URL=https://<cluster>-rest-kafka.upstash.io\nUPSTASH_KAFKA_REST_PASSWORD=<password>\n"},
		},
	})
	Register(&Rule{
		ID:       UnrecognisedToken,
		Family:   Credentials,
		Name:     "upstash-unrecognised-token",
		Severity: Medium,
		Practice: 2,
		CWE:      []int{798},
		Short:    "High-entropy token assigned next to an Upstash URL (unrecognised format)",
		Help: "A random-looking value is assigned to a token, password or secret key (or sent as a `Bearer` token or " +
			"`_token=` parameter) in a file that also names an Upstash endpoint. Its format is not one upscan can decode " +
			"(for example a REST token made with `ACL RESTTOKEN`), so this is a guess: check whether it is an Upstash credential.\n\n" +
			"**Fix:** if it is, rotate it (Redis: " + redisResetHelp + "; QStash: rotate the token) and load it from an " +
			"environment variable such as `UPSTASH_REDIS_REST_TOKEN`. If it is not, add it to the allowlist.",
		Bad: []Example{
			{Path: ".env", Content: "UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nUPSTASH_REDIS_REST_TOKEN=" + fakeUnknownToken + "\n"},
		},
		Good: []Example{
			{Path: ".env", Content: "UPSTASH_REDIS_REST_URL=" + fakeRedisURL + "\nUPSTASH_REDIS_REST_TOKEN=${UPSTASH_REDIS_REST_TOKEN}\n"},
			{Path: "src/redis.ts", Content: "const redis = new Redis({ url: \"" + fakeRedisURL + "\", token: process.env.UPSTASH_REDIS_REST_TOKEN });\n"},
		},
	})
}
