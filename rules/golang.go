package rules

// UPS401, registered here for the Go analyzers (analyzers/golang), which
// were the first to implement it. When the JS/TS and Python rate-limit
// analyses land, their examples join this entry (one rule, one place).

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

func init() {
	Register(&Rule{
		ID:       "UPS401",
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
			"(`const { success } = await ratelimit.limit(ip)` and reject with 429). In Go, use a limiter in the handler " +
			"or as middleware on the route or router: `golang.org/x/time/rate` (`limiter.Allow()`), " +
			"`github.com/go-redis/redis_rate` (backed by the same Upstash database), `github.com/ulule/limiter`, " +
			"`github.com/sethvargo/go-limiter`, `github.com/go-chi/httprate`, echo's `middleware.RateLimiter` or " +
			"fiber's `limiter.New()`. A limit enforced outside the code (an API gateway, a WAF) is invisible to " +
			"upscan: suppress the finding with a reason.",
		Bad:  []Example{{Path: "main.go", Content: goRateLimitBad}},
		Good: []Example{{Path: "main.go", Content: goRateLimitGood}},
	})
}
