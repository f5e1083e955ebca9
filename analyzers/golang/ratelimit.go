package golang

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
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
		report(pass, res, Found{
			Pos: rt.call.Pos(), End: rt.call.End(), RuleID: ruleNoRateLimit,
			Message: fmt.Sprintf("%s %s reaches %s (%s) with no rate limit on its path; anyone can run up usage and cost: "+
				"add a limiter (golang.org/x/time/rate, go-redis/redis_rate, httprate, …) in the handler or as middleware",
				rt.framework, what, svc, s.Via),
		}, nil)
	}
	return res, nil
}
