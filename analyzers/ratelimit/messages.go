package ratelimit

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/upstash"
)

// The wording of the rate-limit findings that more than one front-end
// reports. analyzers/golang builds its UPS401 messages with these too, so
// one shape reads the same in Go, JS/TS and Python.

// Work is Upstash work an endpoint reaches: a product and the commands run
// on it, in first-use order, as the code names them ("incr",
// "(*redis.Client).Incr"); Commands may be empty when the call is not known.
type Work struct {
	Product  upstash.Product
	Commands []string
}

// WorkText renders work as the coverage table's Upstash column and UPS401's
// messages show it: "Redis (incr, get); QStash (publishJSON)", at most four
// commands per product, products in the order given.
func WorkText(work []Work) string {
	parts := make([]string, 0, len(work))
	for _, w := range work {
		s := productShort(w.Product)
		if len(w.Commands) > 0 {
			s += " (" + strings.Join(firstN(w.Commands, 4), ", ") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// Unlimited is the UPS401 message of a public endpoint that reaches
// Upstash work with no recognised rate limit on its path. endpoint names the endpoint
// as a sentence subject: "GET /api/hits", "The server action save (a
// public POST endpoint)", `net/http endpoint "POST /hit"`.
func Unlimited(endpoint string, work []Work) string {
	return fmt.Sprintf("%s reaches Upstash %s with no recognised rate limit on its path: anyone who can call it can run up usage and cost",
		endpoint, WorkText(work))
}

// unlimitedAnonymous is the UPS401 message of a public endpoint whose
// limit runs only for callers who identify themselves: limit says which
// limit and where ("ratelimit.limit(), lib/auth.ts:12").
func unlimitedAnonymous(endpoint string, work []Work, limit string) string {
	return fmt.Sprintf("%s reaches Upstash %s, and its rate limit (%s) is skipped for anonymous callers: it runs only when the request "+
		"carries a session or key, and the handler runs either way, so anyone without one can run up usage and cost", endpoint, WorkText(work), limit)
}

// unlimitedFunction is the UPS401 message of a serverless function (AWS
// Lambda) whose HTTP exposure is configured outside the code.
func unlimitedFunction(endpoint string, work []Work) string {
	return fmt.Sprintf("%s reaches Upstash %s with no recognised rate limit: if it is invoked over HTTP (a function URL, an API gateway), "+
		"anyone can run up usage and cost; limits set in the gateway are not visible here", endpoint, WorkText(work))
}

// unlimitedWorkflow is the UPS401 message of an Upstash Workflow endpoint
// that turns signature verification off and reaches nothing else.
func unlimitedWorkflow(endpoint string) string {
	return fmt.Sprintf("%s is an Upstash Workflow endpoint with signature verification turned off (receiver: undefined) "+
		"and no recognised rate limit: anyone can start workflow runs, and every step is a billed QStash message", endpoint)
}

// LimiterSeen is the sentence a UPS401 message ends with when the scan
// saw an @upstash/ratelimit limiter near the endpoint (in its file or on
// its path to Upstash) but no enforced limit call of it on the path:
// limiter names it ("ratelimit"; "" when unbound), at is "line 3" or
// "lib/limit.ts:3".
func LimiterSeen(limiter, at string) string {
	if limiter == "" {
		return fmt.Sprintf(". A rate limiter is built at %s, but upscan found no check of its result on this path", at)
	}
	return fmt.Sprintf(". A rate limiter (%s) is built at %s, but upscan found no check of its result on this path", limiter, at)
}

// productShort names a product in the coverage table.
func productShort(p upstash.Product) string {
	switch p {
	case upstash.Redis:
		return "Redis"
	case upstash.RedisTCP:
		return "Redis TCP"
	case upstash.QStash:
		return "QStash"
	case upstash.Vector:
		return "Vector"
	case upstash.Search:
		return "Search"
	}
	return string(p)
}
