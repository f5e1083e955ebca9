package golang

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/analyzers/ratelimit"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// RateLimit reports UPS401: an HTTP endpoint (net/http, chi, gin, echo,
// fiber) whose handler reaches an Upstash client with no rate limit on its
// path.
var RateLimit = &analysis.Analyzer{
	Name: "upstashratelimit",
	Doc: `upstashratelimit reports HTTP handlers that reach Upstash with no rate limit (UPS401)

An endpoint registered with net/http (HandleFunc, Handle, Go 1.22 "GET /path"
patterns), chi, gin, echo or fiber whose handler calls a go-redis client (in a
package that points at Upstash), a qstash-go client or a vector-go index,
directly or through other functions and packages, is reported when nothing on
its path enforces a rate limit: a limiter call in the handler or a function it
calls (golang.org/x/time/rate, go-redis/redis_rate, ulule/limiter,
sethvargo/go-limiter, httprate, tollbooth, echo's and fiber's limiters, a
hand-rolled INCR+EXPIRE), a middleware wrapping the handler or the router
(Use, With, Group, limit(mux)), or a function named after rate limiting.
Public endpoints that reach Upstash unthrottled let anyone run up the bill
(UPSTASH.md §0 practice #5).`,
	Requires:         []*analysis.Analyzer{Index, Reach},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runRateLimit,
}

func runRateLimit(pass *analysis.Pass) (any, error) {
	r := pass.ResultOf[Reach].(*reach)
	res := &Result{}
	rs := findRoutes(r)
	limits := func(s Summary) bool { return s.Limits }
	for _, rt := range rs.list {
		var s Summary
		for _, h := range rt.handlers {
			s.merge(r.summaryOf(h, 0))
		}
		svc := r.upstash(s)
		if svc == 0 || s.Limits || rs.covered(rt.router, limits, map[any]bool{}) {
			continue
		}
		what := "endpoint"
		if rt.pattern != "" {
			what = fmt.Sprintf("endpoint %q", rt.pattern)
		}
		// Who can call it: a check in the handler chain or in the
		// router's middleware (callers.go).
		s.raise(upstash.Caller(s.Caller), s.CallerLabel)
		mw := rs.callerOf(rt.router, map[any]bool{})
		s.raise(upstash.Caller(mw.Caller), mw.CallerLabel)
		f := Found{Pos: rt.call.Pos(), End: rt.call.End(), RuleID: ruleNoRateLimit,
			Message: ratelimit.Unlimited(rt.framework+" "+what, work(svc, s.Via))}
		switch upstash.Caller(s.Caller) {
		case upstash.Verified:
			continue // only the holder of the webhook or shared secret calls it
		case upstash.SignedIn:
			f.Severity = rules.Low
			f.Message = ratelimit.UnlimitedSignedIn(rt.framework+" "+what, work(svc, s.Via), callerWords(s))
		}
		report(pass, res, f, nil)
	}
	return res, nil
}

// work lists the Upstash services svc as the rate-limit pass names them,
// with the first client call reached (via) under the service it belongs to.
func work(svc service, via string) []ratelimit.Work {
	var out []ratelimit.Work
	for _, x := range []struct {
		svc     service
		product upstash.Product
		pkg     string // the Go package name a call of the service starts with
	}{{svcRedis, upstash.RedisTCP, "redis."}, {svcQStash, upstash.QStash, "qstash."}, {svcVector, upstash.Vector, "vector."}} {
		if svc&x.svc == 0 {
			continue
		}
		w := ratelimit.Work{Product: x.product}
		if via != "" && (svc == x.svc || strings.Contains(via, x.pkg)) {
			w.Commands = []string{via}
		}
		out = append(out, w)
	}
	return out
}
