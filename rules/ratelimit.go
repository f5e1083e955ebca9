package rules

// The 4xx family: rate limiting (UPSTASH.md §0 practice #5, §4).
// analyzers/ratelimit implements UPS401–UPS404 for JS/TS and Python over the
// facts of analyzers/jsts and analyzers/python, and builds the coverage
// table (docs/ratelimit.md); analyzers/golang implements UPS401 for Go
// handlers. One entry per rule, with samples in each language.

// rlRoute renders app/api/hits/route.ts: a Next.js route handler with a
// module-level @upstash/ratelimit limiter (extra options in opts), whose
// POST body is body.
func rlRoute(opts, body string) string {
	return "import { Ratelimit } from \"@upstash/ratelimit\";\n" +
		"import { Redis } from \"@upstash/redis\";\n\n" +
		"const redis = Redis.fromEnv();\n" +
		"const ratelimit = new Ratelimit({\n  redis,\n  limiter: Ratelimit.slidingWindow(10, \"10 s\"),\n" + opts + "});\n\n" +
		"export async function POST(request: Request) {\n" + body + "}\n"
}

// rlIP is the docs' identifier: the client address with a fallback.
const rlIP = "  const ip = request.headers.get(\"x-forwarded-for\") ?? \"127.0.0.1\";\n"

// rlReject is the canonical check of the result.
const rlReject = "  if (!success) {\n    return new Response(\"Too many requests\", { status: 429 });\n  }\n"

// goRateLimitBad and goRateLimitGood are a net/http service whose POST
// endpoint increments a counter in Upstash Redis, without and with a
// limiter (golang.org/x/time/rate).
const (
	goRateLimitBad = "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n\n" +
		"var rdb = redis.NewClient(&redis.Options{\n\tAddr:      os.Getenv(\"UPSTASH_REDIS_ADDR\"),\n" +
		"\tPassword:  os.Getenv(\"UPSTASH_REDIS_PASSWORD\"),\n\tTLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},\n})\n\n" +
		"func hit(w http.ResponseWriter, r *http.Request) {\n\trdb.Incr(r.Context(), \"hits\")\n}\n\n" +
		"func main() {\n\thttp.HandleFunc(\"POST /hit\", hit)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n"
	goRateLimitGood = "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"github.com/redis/go-redis/v9\"\n" +
		"\t\"golang.org/x/time/rate\"\n)\n\n" +
		"var (\n\trdb = redis.NewClient(&redis.Options{\n\t\tAddr:      os.Getenv(\"UPSTASH_REDIS_ADDR\"),\n" +
		"\t\tPassword:  os.Getenv(\"UPSTASH_REDIS_PASSWORD\"),\n\t\tTLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},\n\t})\n" +
		"\tlimiter = rate.NewLimiter(10, 20)\n)\n\n" +
		"func hit(w http.ResponseWriter, r *http.Request) {\n\tif !limiter.Allow() {\n" +
		"\t\thttp.Error(w, \"too many requests\", http.StatusTooManyRequests)\n\t\treturn\n\t}\n" +
		"\trdb.Incr(r.Context(), \"hits\")\n}\n\n" +
		"func main() {\n\thttp.HandleFunc(\"POST /hit\", hit)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n"
)

// jsRateLimitBad and jsRateLimitGood are UPS401's JS/TS samples (a Next.js
// route handler that increments a counter in Upstash Redis, without and
// with @upstash/ratelimit).
var (
	jsRateLimitBad = Example{Path: "app/api/hits/route.ts", Content: "import { Redis } from \"@upstash/redis\";\n\n" +
		"const redis = Redis.fromEnv();\n\nexport async function POST() {\n" +
		"  const hits = await redis.incr(\"hits\");\n  return Response.json({ hits });\n}\n"}
	jsRateLimitGood = Example{Path: "app/api/hits/route.ts", Content: rlRoute("",
		rlIP+"  const { success } = await ratelimit.limit(ip);\n"+rlReject+
			"  const hits = await redis.incr(\"hits\");\n  return Response.json({ hits });\n")}
)

func init() {
	Register(&Rule{
		ID:       EndpointWithoutRateLimit,
		Family:   RateLimit,
		Name:     "endpoint-without-rate-limit",
		Severity: Medium,
		Practice: 5,
		CWE:      []int{770, 799},
		Short:    "Public endpoint reaches Upstash with no rate limit on its path",
		Help: "Every request to Upstash is billed (per command or per message) and counts against the database's " +
			"limits. A public endpoint that reaches Upstash Redis, QStash or Vector with nothing throttling it lets anyone " +
			"run up usage and cost, exhaust the plan's limits or flood a queue (Upstash's best practice #5: implement " +
			"rate limiting). upscan follows the handler, the functions it calls (across packages) and the middleware on " +
			"its route, and reports the endpoint when none of them enforces a limit.\n\n" +
			"**Fix:** limit per client before the Upstash call. In JS/TS use `@upstash/ratelimit` " +
			"(`const { success } = await ratelimit.limit(ip)` and reject with 429); in Python `upstash-ratelimit` " +
			"(`if not ratelimit.limit(ip).allowed:` return 429). Endpoints verified by a QStash signature or limited by " +
			"another library show in the coverage table without a finding. In Go, use a limiter in the handler " +
			"or as middleware on the route or router: `golang.org/x/time/rate` (`limiter.Allow()`), " +
			"`github.com/go-redis/redis_rate` (backed by the same Upstash database), `github.com/ulule/limiter`, " +
			"`github.com/sethvargo/go-limiter`, `github.com/go-chi/httprate`, echo's `middleware.RateLimiter` or " +
			"fiber's `limiter.New()`. A limit enforced outside the code (an API gateway, a WAF) is invisible to " +
			"upscan: suppress the finding with a reason.",
		Bad:  []Example{jsRateLimitBad, {Path: "main.go", Content: goRateLimitBad}},
		Good: []Example{jsRateLimitGood, {Path: "main.go", Content: goRateLimitGood}},
	})
	Register(&Rule{
		ID:       RateLimitResultIgnored,
		Family:   RateLimit,
		Name:     "rate-limit-result-ignored",
		Severity: Medium,
		Practice: 5,
		CWE:      []int{252, 770},
		Short:    "Rate limit checked but its result never rejects the request",
		Help: "`ratelimit.limit(id)` (and `blockUntilReady`) only counts the request: it returns `{ success, limit, " +
			"remaining, reset, pending }` and leaves the decision to the caller. When `success` never decides anything " +
			"(the result is discarded, or `success` is only copied into the response body), every request goes through " +
			"and the endpoint is as open as one with no limiter, while Redis is billed for the counting. In Python the " +
			"flag is `response.allowed`. upscan reports the call when `success` is not used in a condition (an `if`, a " +
			"ternary, a loop, `&&`/`||`) and the result is not returned or passed on.\n\n" +
			"**Fix:** reject when the limit is exceeded, before doing the work: " +
			"`const { success } = await ratelimit.limit(ip); if (!success) return new Response(\"Too many requests\", " +
			"{ status: 429 });` (Python: `if not response.allowed: raise HTTPException(429)`).",
		Bad: []Example{
			{Path: "app/api/hits/route.ts", Content: rlRoute("", rlIP+
				"  const { success, remaining } = await ratelimit.limit(ip);\n"+
				"  const hits = await redis.incr(\"hits\");\n  return Response.json({ success, remaining, hits });\n")},
		},
		Good: []Example{
			{Path: "app/api/hits/route.ts", Content: jsRateLimitGood.Content},
		},
	})
	Register(&Rule{
		ID:       RateLimitWeakIdentifier,
		Family:   RateLimit,
		Name:     "rate-limit-weak-identifier",
		Severity: Low,
		Practice: 5,
		CWE:      []int{799, 807},
		Short:    "Rate limit keyed by a constant or by a header the client sets",
		Help: "The identifier passed to `ratelimit.limit(id)` names the bucket a request counts against. A constant " +
			"(`limit(\"api\")`, `limit(\"global\")`) puts every caller in one bucket: one client can use up the limit and " +
			"lock everyone else out, which Upstash's docs describe as a single global limit. An identifier read from a " +
			"header the client controls, such as `x-forwarded-for` or `x-real-ip`, with no fallback, is only as " +
			"trustworthy as the proxy in front of the app: without one that overwrites it, a client sends a new value " +
			"with every request and is never limited. A header with a fallback (`?? \"127.0.0.1\"`, the docs' pattern) " +
			"and the platform's address (`request.ip`, `ipAddress(request)`, `cf-connecting-ip`) are not reported. The " +
			"severity is low: a deliberate global limit is a valid choice.\n\n" +
			"**Fix:** key the limit by who is calling: the authenticated user or API key, else the client address your " +
			"platform sets (`ipAddress(request)` from `@vercel/functions`, `cf-connecting-ip` on Cloudflare) with a " +
			"fallback. Keep a constant identifier only for a deliberate global limit, next to a per-client one.",
		Bad: []Example{
			{Path: "app/api/hits/route.ts", Content: rlRoute("",
				"  const { success } = await ratelimit.limit(\"api\");\n"+rlReject+
					"  return Response.json({ hits: await redis.incr(\"hits\") });\n")},
		},
		Good: []Example{
			{Path: "app/api/hits/route.ts", Content: jsRateLimitGood.Content},
		},
	})
	Register(&Rule{
		ID:       RateLimitOffRequestPath,
		Family:   RateLimit,
		Name:     "rate-limit-off-request-path",
		Severity: Medium,
		Practice: 5,
		CWE:      []int{770},
		Short:    "Rate limit runs after the Upstash work, or its limiter is rebuilt on every request",
		Help: "A limit protects what comes after it. When the handler calls Redis (or publishes to QStash, or queries " +
			"Vector) before `ratelimit.limit()`, a flood still pays for that work on every request, rejected or not. " +
			"Separately, a limiter built inside the handler (`new Ratelimit(…)` on every request) without an " +
			"`ephemeralCache` loses the in-memory cache of blocked identifiers that @upstash/ratelimit keeps between " +
			"requests of one instance, so every rejected request costs a Redis round trip (low severity).\n\n" +
			"**Fix:** call `limit()` first and reject before any other Upstash call. Build the limiter once at module " +
			"level (`const ratelimit = new Ratelimit({ … })` outside the handler), or, when it needs per-request " +
			"bindings (Cloudflare's `env`), pass `ephemeralCache` a `Map` created at module level.",
		Bad: []Example{
			{Path: "app/api/hits/route.ts", Content: rlRoute("", rlIP+
				"  const hits = await redis.incr(\"hits\");\n"+
				"  const { success } = await ratelimit.limit(ip);\n"+rlReject+"  return Response.json({ hits });\n")},
			{Path: "src/index.ts", Content: "import { Ratelimit } from \"@upstash/ratelimit\";\n" +
				"import { Redis } from \"@upstash/redis/cloudflare\";\n\n" +
				"export default {\n  async fetch(request: Request, env: Record<string, string>): Promise<Response> {\n" +
				"    const ratelimit = new Ratelimit({\n      redis: Redis.fromEnv(env),\n" +
				"      limiter: Ratelimit.slidingWindow(10, \"10 s\"),\n    });\n" +
				"    const ip = request.headers.get(\"cf-connecting-ip\") ?? \"127.0.0.1\";\n" +
				"    const { success } = await ratelimit.limit(ip);\n" +
				"    return new Response(success ? \"ok\" : \"Too many requests\", { status: success ? 200 : 429 });\n  },\n};\n"},
		},
		Good: []Example{
			{Path: "app/api/hits/route.ts", Content: jsRateLimitGood.Content},
			{Path: "src/index.ts", Content: "import { Ratelimit } from \"@upstash/ratelimit\";\n" +
				"import { Redis } from \"@upstash/redis/cloudflare\";\n\nconst cache = new Map();\n\n" +
				"export default {\n  async fetch(request: Request, env: Record<string, string>): Promise<Response> {\n" +
				"    const ratelimit = new Ratelimit({\n      redis: Redis.fromEnv(env),\n" +
				"      limiter: Ratelimit.slidingWindow(10, \"10 s\"),\n      ephemeralCache: cache,\n    });\n" +
				"    const ip = request.headers.get(\"cf-connecting-ip\") ?? \"127.0.0.1\";\n" +
				"    const { success } = await ratelimit.limit(ip);\n" +
				"    return new Response(success ? \"ok\" : \"Too many requests\", { status: success ? 200 : 429 });\n  },\n};\n"},
		},
	})
}
