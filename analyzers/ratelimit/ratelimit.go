package ratelimit

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
)

// Verdicts of the rate-limit coverage table (Endpoint.Verdict).
const (
	// VerdictLimited: an @upstash/ratelimit limit runs on the request path
	// (handler, wrapper, router middleware or a Next.js middleware whose
	// matcher covers the path) and its result can reject the request.
	VerdictLimited = "limited"
	// VerdictOtherLimiter: limited by another library (express-rate-limit,
	// hono-rate-limiter, slowapi…), not by Upstash.
	VerdictOtherLimiter = "limited-other"
	// VerdictUnprotected: reaches Upstash with no limit on its path (UPS401).
	VerdictUnprotected = "unprotected"
	// VerdictNotEnforced: a limit runs but its result never decides
	// anything (UPS402): requests over the limit go through.
	VerdictNotEnforced = "not-enforced"
	// VerdictSigned: QStash signature verification (or Upstash Workflow's
	// serve) guards it: only QStash can call it.
	VerdictSigned = "qstash-signed"
	// VerdictUnverifiedReceiver: a QStash receiver that never verifies the
	// signature (UPS504, decided by analyzers/scope): what it lacks is the
	// signature check, not a rate limit, so it is not also UPS401.
	VerdictUnverifiedReceiver = "qstash-unverified"
	// VerdictKeyRequired: the platform demands a key (Azure authLevel).
	VerdictKeyRequired = "key-required"
	// VerdictNoUpstash: does not reach Upstash and nothing limits it.
	VerdictNoUpstash = "no-upstash"
	// VerdictDevOnly: the handler returns before any work when NODE_ENV is
	// production (`if (process.env.NODE_ENV === "production") return …`).
	VerdictDevOnly = "disabled-in-production"
)

// Endpoint is one row of the rate-limit coverage table: a public entry
// point of the scanned code, what Upstash work it reaches and what limits
// it. report.Endpoint has the same fields, so a value converts with
// report.Endpoint(e).
type Endpoint struct {
	Method string // "GET", "GET,POST"; "ANY" for every method
	Path   string // public path, "/api/users/:id"; "" when it cannot be known (server actions, Lambda)
	// Kind is route, page, form-action, server-action, remote-function,
	// procedure (a tRPC procedure), middleware, worker, server or function.
	Kind string
	// Framework is next, remix, sveltekit, nuxt, solidstart, astro, vercel,
	// cloudflare-pages, netlify, workers, deno, bun, azure, gcp, lambda,
	// express, hono, fastify, koa, fastapi, flask, django, …
	Framework string
	Handler   string // the handler's name; "(inline)" for an anonymous function
	File      string // slash-separated, relative to the scan root
	Line      int    // 1-based line of the handler (or its registration)
	// Upstash is the Upstash work reached: "Redis (incr)", "QStash
	// (publishJSON)", "Redis (rate limiter only)"; "" for none.
	Upstash string
	// Chain is the evidence path to the first client reached: handler →
	// calls → imports → client construction.
	Chain []rules.Location
	// Limited says what limits it and where: "ratelimit.limit(), line 20"
	// (in its own file), "ratelimit.limit(), lib/limit.ts:9",
	// "middleware.ts (matcher /api)", "routes/api.js:10 middleware",
	// "express-rate-limit (not Upstash)", "QStash signature check (…)"; ""
	// for nothing.
	Limited string
	Verdict string   // one of the Verdict* constants
	Rules   []string // the UPS4xx rules reported about it, sorted
	// Tier is who can call it: TierPublic, TierSignedIn, TierVerified or
	// TierInternal (callers.go); "" when not known. The coverage report
	// groups rows by it.
	Tier string
	// Caller is the check the tier rests on and where: "next-auth
	// getServerSession, line 8", "requireUser() (guessed from its name), line 6";
	// "" for a public endpoint.
	Caller string
	// Baselined lists the rules of Rules whose finding about this row the
	// scan's baseline suppressed (set by internal/scan, not by Analyze).
	Baselined []string
	// Ignored lists the rules of Rules whose finding about this row an
	// inline ignore or the allowlist suppressed (set by internal/scan).
	Ignored []string
}

// Analyze runs the rate-limit pass over g: it returns the coverage table
// and the UPS401–UPS404 findings. The table has a row per endpoint found
// (see docs/ratelimit.md for the shapes recognised per framework), with
// the Upstash work it reaches through calls and imports and the limit on
// its path, sorted by file, line, method and path; the findings are sorted
// by rules.Compare. The work is about
// linear in the facts: each function's reach is computed once.
func Analyze(g *modgraph.Graph) (rows []Endpoint, findings []rules.Finding) {
	rows, findings = newRL(g).analyze()
	slices.SortStableFunc(findings, rules.Compare)
	return rows, findings
}

// Summary is the one-line summary of a coverage table: "12 endpoints, 9
// use Upstash, 5 rate limited".
func Summary(rows []Endpoint) string {
	uses, limited := 0, 0
	for _, e := range rows {
		if e.Upstash != "" {
			uses++
		}
		if e.Verdict == VerdictLimited || e.Verdict == VerdictOtherLimiter {
			limited++
		}
	}
	noun := "endpoints"
	if len(rows) == 1 {
		noun = "endpoint"
	}
	verb := "use"
	if uses == 1 {
		verb = "uses"
	}
	return fmt.Sprintf("%d %s, %d %s Upstash, %d rate limited", len(rows), noun, uses, verb, limited)
}

// callKey names one limit call.
type callKey struct {
	path string
	lc   int
}

// analyze runs the rate-limit analyses: the coverage rows and the
// UPS401–UPS404 findings.
func (r *rl) analyze() ([]Endpoint, []rules.Finding) {
	var findings []rules.Finding
	callRules := map[callKey][]string{}
	eps := r.discover()
	findings = append(findings, r.discardedHelpers(eps)...)
	late, lateCallers := r.lateHelpers()
	findings = append(findings, late...)
	r.lateCallers = lateCallers
	// Per limit call: UPS402, UPS403, UPS404 (late).
	for _, m := range r.s.Modules() {
		if modgraph.IsTestPath(m.File.Path) {
			continue
		}
		for li := range m.File.LimitCalls {
			lc := &m.File.LimitCalls[li]
			kind, _, _ := r.limiterOf(m, lc)
			if kind != upstashLimiter {
				continue
			}
			for _, f := range r.callFindings(m, li) {
				findings = append(findings, f)
				callRules[callKey{m.File.Path, li}] = append(callRules[callKey{m.File.Path, li}], f.RuleID)
			}
		}
		findings = append(findings, r.limiterFindings(m)...)
	}
	var rows []Endpoint
	for _, e := range eps {
		row, f, ok := r.evaluate(e, callRules)
		if !ok {
			continue
		}
		rows = append(rows, row)
		if f != nil {
			findings = append(findings, *f)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		return a.Path < b.Path
	})
	return rows, findings
}

// lateHelpers returns UPS404 at each call of a limiter helper (a function
// whose path runs an @upstash/ratelimit limit and checks it or hands the
// result back) made after Upstash work in the calling function: the
// request has already cost a call when the helper rejects it. It also
// returns the calling functions, whose endpoints list the rule.
func (r *rl) lateHelpers() ([]rules.Finding, map[fnKey]bool) {
	var out []rules.Finding
	callers := map[fnKey]bool{}
	for _, m := range r.s.Modules() {
		if modgraph.IsTestPath(m.File.Path) {
			continue
		}
		for fi := range m.File.Funcs {
			for _, ref := range m.File.Funcs[fi].Refs {
				if ref.Use == facts.ResultUnknown || ref.Member != "" {
					continue
				}
				t := r.s.Lookup(m, ref.Name, "")
				if t.M == nil || t.Fn < 0 || t.Class != "" {
					continue
				}
				var limit *limitHit
				for i, l := range r.reachFunc(t.M, t.Fn).limits {
					lc := &l.m.File.LimitCalls[l.lc]
					if l.res != facts.ResultIgnored {
						if kind, _, _ := r.limiterOf(l.m, lc); kind == upstashLimiter {
							limit = &r.reachFunc(t.M, t.Fn).limits[i]
							break
						}
					}
				}
				if limit == nil {
					continue
				}
				work, ok := r.workBeforeIn(m, fi, ref.Pos)
				if !ok {
					continue
				}
				lc := &limit.m.File.LimitCalls[limit.lc]
				call := lc.Recv + "." + lc.Method + "()"
				f := rules.Finding{RuleID: string(rules.RateLimitOffRequestPath), Severity: rules.Medium, Path: m.File.Path, Line: ref.Pos.Line, Col: ref.Pos.Col,
					Message: fmt.Sprintf("%s() runs the rate limit (%s, %s) after Upstash work in this function (line %d): rejected requests have already cost a call; limit first", ref.Name, call, where(limit.m.File.Path, lc.Pos.Line, m.File.Path), work.Line),
					Related: []rules.Location{work, loc(limit.m.File.Path, lc.Pos, "the limit")}}
				f.SetKey(fmt.Sprintf("%s late %s() in %s", rules.RateLimitOffRequestPath, ref.Name, m.File.Funcs[fi].Name))
				out = append(out, f)
				callers[fnKey{m.File.Path, fi}] = true
			}
		}
	}
	return out, callers
}

// discardedHelpers returns UPS402 at each call of a limiter helper whose
// result an endpoint's path discards: the helper runs the limit and hands
// its result back (`return { success }`, `return r.success`), and this
// caller never looks at it. A caller that checks what the helper returns
// is enforced and gets none; a helper whose callers upscan does not see
// is trusted.
func (r *rl) discardedHelpers(eps []*ep) []rules.Finding {
	var out []rules.Finding
	seen := map[rules.Location]bool{}
	see := func(rc *reach) {
		for _, lh := range rc.limits {
			lc := &lh.m.File.LimitCalls[lh.lc]
			if lc.Result != facts.ResultPassed || lh.res != facts.ResultIgnored || lh.discard.Path == "" {
				continue
			}
			if kind, _, _ := r.limiterOf(lh.m, lc); kind != upstashLimiter {
				continue
			}
			at := lh.discard
			helper := at.Message
			at.Message = ""
			if seen[at] || modgraph.IsTestPath(at.Path) {
				continue
			}
			seen[at] = true
			call := lc.Recv + "." + lc.Method + "()"
			f := rules.Finding{RuleID: string(rules.RateLimitResultIgnored), Severity: rules.Medium, Path: at.Path, Line: at.Line, Col: at.Col,
				Message: fmt.Sprintf("%s() hands back the result of %s (%s), but this call discards it: requests over the limit still go through; check what it returns", helper, call, where(lh.m.File.Path, lc.Pos.Line, at.Path)),
				Related: []rules.Location{loc(lh.m.File.Path, lc.Pos, "the limit whose result is handed back")}}
			f.SetKey(fmt.Sprintf("%s %s discards %s", rules.RateLimitResultIgnored, helper, call))
			out = append(out, f)
		}
	}
	for _, e := range eps {
		see(r.reachOf(e.roots))
		for _, x := range e.mws {
			see(r.reachOf(x.roots))
		}
	}
	return out
}

// reachOf merges what the roots reach.
func (r *rl) reachOf(roots []rootRef) *reach {
	out := &reach{}
	for _, rr := range roots {
		if rr.m == nil {
			continue
		}
		if rr.fn >= 0 {
			out.merge(r.reachFunc(rr.m, rr.fn), nil)
		} else if rr.ref.Name != "" {
			r.follow(out, rr.m, rr.ref, nil)
		}
	}
	return out
}

// limitAt is an Upstash limit call on an endpoint's path and where it runs.
type limitAt struct {
	m   *modgraph.Module
	lc  *facts.LimitCall
	idx int
	via string            // the middleware it runs in; "" in the handler's path
	res facts.LimitResult // what the path does with its result (limitHit.res)
}

// evaluate decides an endpoint's row and its UPS401 finding. ok is false
// for a page that reaches no Upstash (pages are listed only when they do).
func (r *rl) evaluate(e *ep, callRules map[callKey][]string) (Endpoint, *rules.Finding, bool) {
	own := r.reachOf(e.roots)
	var limits []limitAt
	others := append([]otherHit(nil), own.others...)
	verify, workflow := own.verify, own.workflow
	addLimits := func(rc *reach, via string) {
		for _, lh := range rc.limits {
			lc := &lh.m.File.LimitCalls[lh.lc]
			if kind, _, _ := r.limiterOf(lh.m, lc); kind == upstashLimiter {
				limits = append(limits, limitAt{m: lh.m, lc: lc, idx: lh.lc, via: via, res: lh.res})
			}
		}
	}
	addLimits(own, "")
	var mwChecks []checkHit
	for _, x := range e.mws {
		mr := r.reachOf(x.roots)
		addLimits(mr, x.desc)
		if !x.guessed {
			mwChecks = append(mwChecks, mr.checks...)
		}
		mwChecks = append(mwChecks, x.checks...)
		if !x.limitsOnly {
			own.merge(&reach{hits: mr.hits}, []rules.Location{x.where})
		}
		others = append(others, mr.others...)
		if verify == nil && mr.verify != nil {
			verify = mr.verify
		}
	}
	row := e.Endpoint
	row.Line = e.pos.Line
	if row.Line == 0 {
		row.Line = 1
	}
	var enforced, ignored, anon *limitAt
	for i := range limits {
		l := &limits[i]
		switch {
		case l.res == facts.ResultIgnored:
			if ignored == nil {
				ignored = l
			}
		case l.lc.Anonymous:
			if anon == nil {
				anon = l
			}
		case enforced == nil:
			enforced = l
		}
	}
	if enforced == nil {
		enforced = anon // limits signed-in callers; the caller tier decides (skipped below)
	}
	if len(own.hits) > 0 {
		row.Upstash = WorkText(works(own.hits))
		row.Chain = own.hits[0].chain
	} else {
		// The limiter's own Redis calls count when they run on this
		// endpoint's path; a Next.js middleware's are its own row's.
		for _, l := range limits {
			if l.via == "" || !nextVia(e, l.via) {
				row.Upstash = "Redis (rate limiter only)"
				break
			}
		}
	}
	rulesSeen := map[string]bool{}
	for _, rr := range e.roots {
		if rr.m == nil || rr.fn < 0 {
			continue
		}
		for _, sub := range rr.m.Subtree(rr.fn) {
			if r.lateCallers[fnKey{rr.m.File.Path, sub}] {
				rulesSeen[string(rules.RateLimitOffRequestPath)] = true // lateHelpers
			}
		}
	}
	if ignored != nil && enforced == nil && ignored.lc.Result == facts.ResultPassed {
		rulesSeen[string(rules.RateLimitResultIgnored)] = true // discardedHelpers
	}
	for _, l := range limits {
		for _, id := range callRules[callKey{l.m.File.Path, l.idx}] {
			rulesSeen[id] = true
		}
	}
	if row.Upstash == "" && workflow != nil {
		row.Upstash = "QStash (workflow steps)"
	}
	off := workflow != nil && workflow.off
	if off {
		workflow = nil // `receiver: undefined`: nothing verifies the caller
		row.Chain = append(row.Chain, loc(e.m.File.Path, e.pos, "Upstash Workflow endpoint with signature verification turned off"))
	}
	uses := row.Upstash != ""
	dev := r.devOnly(e)
	switch {
	case dev != nil && enforced == nil:
		row.Verdict = VerdictDevOnly
		row.Limited = fmt.Sprintf("returns early in production (NODE_ENV check, %s)", where(dev.Path, dev.Line, e.m.File.Path))
	case e.auth != "":
		row.Verdict = VerdictKeyRequired
		row.Limited = "Azure authLevel " + e.auth + " (a function key is required)"
	case enforced != nil:
		row.Verdict = VerdictLimited
		row.Limited = limitText(enforced, e.m.File.Path)
	case len(others) > 0 && !uses:
		row.Verdict = VerdictOtherLimiter
		row.Limited = otherText(e, others, r.serverlessRuntime(e))
	case verify != nil || workflow != nil:
		row.Verdict = VerdictSigned
		if verify != nil {
			row.Limited = fmt.Sprintf("QStash signature check (%s, %s)", verify.what, where(verify.loc.Path, verify.loc.Line, e.m.File.Path))
		} else {
			row.Limited = fmt.Sprintf("QStash signature check (%s, %s; once the signing keys are set)", workflow.what, where(workflow.loc.Path, workflow.loc.Line, e.m.File.Path))
		}
		if !uses {
			row.Verdict = VerdictNoUpstash
		}
	case ignored != nil:
		row.Verdict = VerdictNotEnforced
		row.Limited = limitText(ignored, e.m.File.Path) + ", result unchecked"
	case len(others) > 0:
		row.Verdict = VerdictOtherLimiter
		row.Limited = otherText(e, others, r.serverlessRuntime(e))
	case uses:
		row.Verdict = VerdictUnprotected
	default:
		row.Verdict = VerdictNoUpstash
	}
	if e.ifUses && row.Upstash == "" {
		return row, nil, false
	}
	tier, ev, late := r.callerTier(e, own, mwChecks, verify, workflow)
	row.Tier = tier
	if ev != nil {
		row.Caller = ev.text(e.m.File.Path)
	}
	var skipped *limitAt
	if row.Verdict == VerdictLimited && enforced.lc.Anonymous && tier == TierPublic && len(own.hits) > 0 {
		// The only limit runs for callers with a session or key; nothing
		// stops the others, who run the handler unlimited.
		skipped = enforced
		row.Verdict = VerdictUnprotected
		row.Limited = limitText(enforced, e.m.File.Path) + ", skipped for anonymous callers"
	}
	var f *rules.Finding
	if r.receivers[e.m.File.Path] {
		// analyzers/scope reports UPS504 on this route, limited or not.
		rulesSeen[string(rules.QStashWebhookUnverified)] = true
	}
	switch {
	case row.Verdict != VerdictUnprotected:
	case r.receivers[e.m.File.Path]:
		row.Verdict = VerdictUnverifiedReceiver
		row.Limited = "QStash receiver without a signature check (UPS504)"
	case late != nil:
		f = r.lateCheck(e, &row, ev, late)
		rulesSeen[string(rules.EndpointWithoutRateLimit)] = true
	case tier == TierVerified || tier == TierInternal:
		row.Verdict = VerdictVerified
	case skipped != nil:
		f = r.unprotected(e, &row, own, off, nil)
		lc := skipped.lc
		f.Message = unlimitedAnonymous(describe(&row), works(own.hits), limitText(skipped, e.m.File.Path))
		f.Related = append(f.Related, loc(skipped.m.File.Path, lc.Pos, "the limit, run only for callers with a session or key"))
		rulesSeen[string(rules.EndpointWithoutRateLimit)] = true
	default:
		f = r.unprotected(e, &row, own, off, ev)
		rulesSeen[string(rules.EndpointWithoutRateLimit)] = true
	}
	for id := range rulesSeen {
		row.Rules = append(row.Rules, id)
	}
	sort.Strings(row.Rules)
	return row, f, true
}

// devOnly returns the handler of e that does nothing in production (its
// body opens with a NODE_ENV guard), or nil.
func (r *rl) devOnly(e *ep) *rules.Location {
	for _, rr := range e.roots {
		if rr.m == nil || rr.fn < 0 || rr.fn >= len(rr.m.File.Funcs) {
			continue
		}
		cands := []int{rr.fn}
		if rr.m.File.Funcs[rr.fn].Callee != "" {
			cands = append(cands, rr.m.Children[rr.fn]...) // wrap(async () => …)
		}
		for _, fi := range cands {
			if fn := &rr.m.File.Funcs[fi]; fn.DevOnly {
				l := loc(rr.m.File.Path, fn.Pos, "returns early when NODE_ENV is production")
				return &l
			}
		}
	}
	return nil
}

// otherText describes the first other limiter on an endpoint's path for
// the coverage table, with an info-level note when it keeps its counters
// in process memory on a serverless runtime.
func otherText(e *ep, others []otherHit, runtime string) string {
	o := others[0]
	s := o.pkg + " (not Upstash)"
	if o.loc.Path != "" {
		s = fmt.Sprintf("%s (not Upstash, %s)", o.pkg, where(o.loc.Path, o.loc.Line, e.m.File.Path))
	}
	if o.memory && runtime != "" {
		s += "; note: its default store counts in process memory, and on a serverless runtime (" + runtime + ") each instance counts alone (pass a shared store)"
	}
	return s
}

// nextVia reports whether via names a Next.js middleware of e.
func nextVia(e *ep, via string) bool {
	for _, x := range e.mws {
		if x.desc == via {
			return x.limitsOnly
		}
	}
	return false
}

// limitText describes a limit call for the coverage table of an endpoint
// in file.
func limitText(l *limitAt, file string) string {
	if l.via != "" {
		return l.via
	}
	return fmt.Sprintf("%s.%s(), %s", l.lc.Recv, l.lc.Method, where(l.m.File.Path, l.lc.Pos.Line, file))
}

// where is "line 12" in the endpoint's own file, "lib/x.ts:12" elsewhere.
func where(path string, line int, file string) string {
	if path == file {
		return fmt.Sprintf("line %d", line)
	}
	return fmt.Sprintf("%s:%d", path, line)
}

// works groups the Upstash work reached by product, in first-reached
// order, each product's commands merged.
func works(hits []hit) []Work {
	var out []Work
	at := map[facts.Product]int{}
	for _, h := range hits {
		i, ok := at[h.product]
		if !ok {
			i = len(out)
			at[h.product] = i
			out = append(out, Work{Product: h.product, Commands: []string{}})
		}
		out[i].Commands = mergeCmds(out[i].Commands, h.cmds)
	}
	return out
}

// describe names an endpoint in a message: "GET /api/hello (next route)".
func describe(e *Endpoint) string {
	switch e.Kind {
	case "server-action":
		return fmt.Sprintf("The server action %s (a public POST endpoint)", e.Handler)
	case "middleware":
		return "This middleware (it runs on every matched request)"
	case "worker", "server":
		return fmt.Sprintf("This %s fetch handler", e.Framework)
	case "function":
		if e.Framework == "lambda" {
			return fmt.Sprintf("The Lambda handler %s", e.Handler)
		}
	case "page":
		return fmt.Sprintf("The page %s (rendered on every request)", e.Path)
	}
	p := e.Path
	if p == "" {
		p = "(path unknown)"
	}
	return fmt.Sprintf("%s %s", e.Method, p)
}

// unprotected builds the UPS401 finding of an endpoint.
func (r *rl) unprotected(e *ep, row *Endpoint, own *reach, workflowOff bool, signedIn *checkHit) *rules.Finding {
	sev := rules.Medium
	msg := Unlimited(describe(row), works(own.hits))
	if e.Kind == "function" && e.Framework == "lambda" {
		sev = rules.Low
		msg = unlimitedFunction(describe(row), works(own.hits))
	}
	if workflowOff && len(own.hits) == 0 {
		msg = unlimitedWorkflow(describe(row))
	}
	if signedIn != nil {
		sev = rules.Low
		msg = UnlimitedSignedIn(describe(row), works(own.hits), signedIn.text(e.m.File.Path))
	}
	if m, l := r.limiterNear(e, row); l != nil {
		msg += LimiterSeen(l.Var, where(m.File.Path, l.Pos.Line, e.m.File.Path))
	}
	f := &rules.Finding{RuleID: string(rules.EndpointWithoutRateLimit), Severity: sev, Path: e.m.File.Path, Line: row.Line, Col: e.pos.Col, Message: msg}
	if f.Col == 0 {
		f.Col = 1
	}
	f.Related = append([]rules.Location(nil), row.Chain...)
	if signedIn != nil {
		f.Related = append(f.Related, signedIn.loc)
	}
	for _, h := range own.hits[min(1, len(own.hits)):] {
		if len(h.chain) > 0 && len(f.Related) < 2*maxChain {
			f.Related = append(f.Related, h.chain[len(h.chain)-1])
		}
	}
	f.SetKey(fmt.Sprintf("endpoint %s %s %s %s", row.Kind, row.Method, row.Path, row.Handler))
	return f
}

// limiterNear returns an @upstash/ratelimit limiter built in the
// endpoint's file, imported by it, or built in a file on its evidence
// chain, for a UPS401 message to name: what upscan saw but found no
// enforced limit of on the path.
func (r *rl) limiterNear(e *ep, row *Endpoint) (*modgraph.Module, *facts.Limiter) {
	if len(e.m.File.Limiters) > 0 {
		return e.m, &e.m.File.Limiters[0]
	}
	names := slices.Sorted(maps.Keys(e.m.Imports))
	for _, name := range names {
		t := r.s.Lookup(e.m, name, "")
		if t.M == nil {
			continue
		}
		i, ok := t.M.Limiters[t.Name] // a Ratelimit is also an Upstash client: Lookup finds that first
		if t.Limiter >= 0 {
			i, ok = t.Limiter, true
		}
		if ok && i < len(t.M.File.Limiters) {
			return t.M, &t.M.File.Limiters[i]
		}
	}
	for _, l := range row.Chain {
		for _, m := range r.s.Modules() {
			if m.File.Path == l.Path && len(m.File.Limiters) > 0 && !modgraph.IsTestPath(m.File.Path) {
				return m, &m.File.Limiters[0]
			}
		}
	}
	return nil, nil
}

// callFindings returns the findings of one Upstash limit call: UPS402 when
// its result never decides anything, UPS403 for a constant identifier or a
// client-set header with no fallback, UPS404 when Upstash work runs before
// it in the same function.
func (r *rl) callFindings(m *modgraph.Module, li int) []rules.Finding {
	lc := &m.File.LimitCalls[li]
	call := lc.Recv + "." + lc.Method + "()"
	var out []rules.Finding
	add := func(id rules.ID, sev rules.Severity, msg, fp string, rel []rules.Location) {
		f := rules.Finding{RuleID: string(id), Severity: sev, Path: m.File.Path, Line: lc.Pos.Line, Col: lc.Pos.Col, Message: msg, Related: rel}
		f.SetKey(string(id) + " " + call + " " + fp)
		out = append(out, f)
	}
	flag := "success"
	if modgraph.IsPython(m.File) {
		flag = "allowed"
	}
	if lc.Result == facts.ResultIgnored {
		add(rules.RateLimitResultIgnored, rules.Medium, fmt.Sprintf("The result of %s is never checked: %s does not decide anything, so requests over the limit still go through", call, flag), "", nil)
	}
	switch {
	case lc.ID.Kind == facts.IDConstant:
		add(rules.RateLimitWeakIdentifier, rules.Low, fmt.Sprintf("%s uses the constant identifier %q: every caller shares one bucket, so one client can use up the limit for everyone (fine only for a deliberate global limit)", call, lc.ID.Value), "constant "+lc.ID.Value, nil)
	case lc.ID.Kind == facts.IDHeader && !lc.ID.Fallback:
		add(rules.RateLimitWeakIdentifier, rules.Low, fmt.Sprintf("%s takes its identifier from the %s request header with no fallback: unless a proxy you trust sets that header, a client can send a new value with every request and is never limited", call, lc.ID.Value), "header "+lc.ID.Value, nil)
	}
	if work, ok := r.workBefore(m, li); ok {
		add(rules.RateLimitOffRequestPath, rules.Medium, fmt.Sprintf("%s runs after Upstash work in the same function (line %d): rejected requests have already cost a call; limit first", call, work.Line), "late", []rules.Location{work})
	}
	return out
}

// workBefore returns the first Upstash work that runs before limit call li
// in the function that holds it.
func (r *rl) workBefore(m *modgraph.Module, li int) (rules.Location, bool) {
	lc := &m.File.LimitCalls[li]
	fi := m.InnerFunc(lc.Pos, false)
	if fi < 0 {
		return rules.Location{}, false
	}
	return r.workBeforeIn(m, fi, lc.Pos)
}

// workBeforeIn returns the first Upstash work that runs in Func fi of m
// before position at: a command on an Upstash client, or a call of a
// function that reaches one.
func (r *rl) workBeforeIn(m *modgraph.Module, fi int, at facts.Pos) (rules.Location, bool) {
	lc := &facts.LimitCall{Pos: at}
	fn := &m.File.Funcs[fi]
	var best *rules.Location
	consider := func(l rules.Location) {
		if best == nil || l.Line < best.Line || l.Line == best.Line && l.Col < best.Col {
			best = &l
		}
	}
	for ci := range m.File.Clients {
		c := &m.File.Clients[ci]
		if !upstashWork(c) {
			continue
		}
		for _, cmd := range c.Commands {
			if modgraph.Within(cmd.Pos, fn) && modgraph.Before(cmd.Pos, lc.Pos) && !inLimiter(m, cmd.Pos) && !modgraph.Escaped(cmd.Name) {
				consider(loc(m.File.Path, cmd.Pos, "Upstash command "+cmd.Name+" runs before the limit"))
			}
		}
	}
	for _, sub := range m.Subtree(fi) {
		for _, ref := range m.File.Funcs[sub].Refs {
			if !modgraph.Before(ref.Pos, lc.Pos) {
				continue
			}
			var rc reach
			r.follow(&rc, m, ref, &m.File.Funcs[sub])
			if len(rc.hits) > 0 {
				what := ref.Name
				if ref.Member != "" {
					what += "." + ref.Member
				}
				consider(loc(m.File.Path, ref.Pos, what+" reaches Upstash before the limit"))
			}
		}
	}
	if best == nil {
		return rules.Location{}, false
	}
	return *best, true
}

// calledAtModuleLevel reports whether function fn of module m has callers
// in the scan and every one calls it at module level, as the initialiser
// of a binding (facts.Func with a Callee and no Parent), so that it runs
// once at import. A reference from any function body, or as a value, is
// a caller that may run per request.
func (r *rl) calledAtModuleLevel(m *modgraph.Module, fn int) bool {
	found := false
	for _, cm := range r.s.Modules() {
		for fi := range cm.File.Funcs {
			f := &cm.File.Funcs[fi]
			for _, ref := range f.Refs {
				if t := r.s.Lookup(cm, ref.Name, ref.Member); t.M != m || t.Fn != fn || t.Class != "" {
					continue
				}
				if f.Parent >= 0 || f.Callee == "" || ref.Value {
					return false
				}
				found = true
			}
		}
	}
	return found
}

// limiterFindings returns UPS404 for @upstash/ratelimit limiters built
// inside a function without an ephemeralCache (JS/TS only: the option does
// not exist in Python). A limiter factory that every caller of the scan
// calls once at module level (`const limiter = makeLimiter(10, "10 s")`)
// builds no limiter per request and is not reported.
func (r *rl) limiterFindings(m *modgraph.Module) []rules.Finding {
	if modgraph.IsPython(m.File) {
		return nil
	}
	var out []rules.Finding
	for i := range m.File.Limiters {
		l := &m.File.Limiters[i]
		fn := m.InnerFunc(l.Pos, false)
		if l.EphemeralCache || l.Kept || fn < 0 || r.calledAtModuleLevel(m, fn) {
			continue
		}
		f := rules.Finding{RuleID: string(rules.RateLimitOffRequestPath), Severity: rules.Low, Path: m.File.Path, Line: l.Pos.Line, Col: l.Pos.Col,
			Message: "This rate limiter is built inside a function, on every call, without an ephemeralCache: the in-memory cache that blocks a flood without a Redis round trip starts empty each time; build the limiter once at module level, or pass ephemeralCache: a Map created at module level"}
		f.SetKey(string(rules.RateLimitOffRequestPath) + " limiter in handler " + l.Var)
		out = append(out, f)
	}
	return out
}
