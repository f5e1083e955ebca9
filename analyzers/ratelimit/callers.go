package ratelimit

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Caller tiers (Endpoint.Tier): who can call an endpoint, from the auth
// guards and verifiers on its path (upstash.Guards, facts.Check).
const (
	// TierPublic: nothing on the path says who the caller is: anyone.
	TierPublic = "public"
	// TierSignedIn: a session, JWT, API key or admin check runs before the
	// Upstash work (in the handler, a helper it calls first, a wrapper
	// around it, route middleware, or a Next.js middleware whose matcher
	// covers it).
	TierSignedIn = "signed-in"
	// TierVerified: a webhook signature (Stripe, Svix, GitHub, Slack,
	// QStash) or a shared secret in a header (a cron secret, an Azure
	// function key) is checked: only the sender holding the secret.
	TierVerified = "verified"
	// TierInternal: not reachable in production (returns early when
	// NODE_ENV is production).
	TierInternal = "internal"
)

// VerdictVerified: a webhook signature or shared-secret check guards the
// endpoint before its Upstash work, and nothing limits it (no UPS401).
const VerdictVerified = "verified-caller"

// checkHit is a caller check reached on an endpoint's path.
type checkHit struct {
	caller upstash.Caller
	what   string
	weak   bool // a guess by name, or a result handed back to the caller
	byName bool // a guess from a function's name (facts.Check.ByName)
	// passed is true for a check whose result is handed back (a helper's
	// `return timingSafeEqual(…)`, `return session`): it confirms a caller
	// that rejects on it, and proves nothing alone.
	passed bool
	loc    rules.Location
}

// better reports whether c is stronger evidence than o: a higher tier,
// then a recognised API over a name.
func (c *checkHit) better(o *checkHit) bool {
	if o == nil {
		return true
	}
	if c.caller != o.caller {
		return c.caller > o.caller
	}
	return !c.weak && o.weak
}

// text describes the check for the coverage table: "next-auth
// getServerSession, line 8", "requireAdmin() (guessed from its name), line 3".
func (c *checkHit) text(file string) string {
	s := c.what
	if c.weak {
		s += " (guessed from its name)"
	}
	return s + ", " + where(c.loc.Path, c.loc.Line, file)
}

// checksIn returns the caller checks of m whose position is within fn and
// whose failure stops the request, or whose result is handed back to a
// caller (passed).
func checksIn(m *modgraph.Module, fn *facts.Func) []checkHit {
	var out []checkHit
	for i := range m.File.Checks {
		c := &m.File.Checks[i]
		if !modgraph.Within(c.Pos, fn) || !c.Rejects && !c.Passed {
			continue
		}
		msg := "checks the caller: " + c.What
		if c.Caller == upstash.Verified {
			msg = "verifies the sender: " + c.What
		}
		out = append(out, checkHit{caller: c.Caller, what: c.What, weak: c.ByName || !c.Rejects, byName: c.ByName, passed: !c.Rejects,
			loc: loc(m.File.Path, c.Pos, msg)})
	}
	return out
}

// packageGuard returns the check a reference to package export t is: a
// wrapper or middleware of upstash.Guards (`passport.authenticate(…)`,
// `@login_required`, `export { default } from "next-auth/middleware"`).
func packageGuard(t modgraph.Target, member string, at rules.Location) (checkHit, bool) {
	lang := upstash.JS
	if strings.HasSuffix(at.Path, ".py") {
		lang = upstash.Python
	}
	g, ok := upstash.GuardOf(lang, t.Pkg, t.Name)
	if !ok && member != "" {
		g, ok = upstash.GuardOf(lang, t.Pkg, member)
	}
	if !ok || !g.Wraps {
		return checkHit{}, false
	}
	at.Message = "checks the caller: " + g.Label
	return checkHit{caller: g.Caller, what: g.Label, loc: at}, true
}

// placed is a check or a piece of Upstash work at its place in a handler.
type placed struct {
	at    facts.Pos // zero: before the body (a wrapper, a decorator, a parameter)
	check *checkHit
	work  *rules.Location
}

// order returns the first Upstash work and the checks of root Func fi of
// m in the order the handler runs them: its own checks and commands, and
// each call it makes at the place of the call.
func (r *rl) order(m *modgraph.Module, fi int) (work *placed, checks []placed) {
	fn := &m.File.Funcs[fi]
	consider := func(p placed) {
		if p.work != nil && (work == nil || modgraph.Before(p.at, work.at)) {
			work = &p
		}
		if p.check != nil {
			checks = append(checks, p)
		}
	}
	for _, c := range r.checksOf(m, fi) {
		at := c.loc
		p := placed{at: facts.Pos{Line: at.Line, Col: at.Col}, check: &c}
		for i := range m.File.Checks {
			if x := &m.File.Checks[i]; x.Wraps && x.Pos.Line == at.Line && x.Pos.Col == at.Col {
				p.at = facts.Pos{}
			}
		}
		consider(p)
	}
	for ci := range m.File.Clients {
		c := &m.File.Clients[ci]
		if !upstashWork(c) {
			continue
		}
		for _, cmd := range c.Commands {
			if modgraph.Within(cmd.Pos, fn) && !inLimiter(m, cmd.Pos) && !modgraph.Escaped(cmd.Name) {
				l := loc(m.File.Path, cmd.Pos, "Upstash command "+cmd.Name)
				consider(placed{at: cmd.Pos, work: &l})
			}
		}
	}
	// Decorators (@login_required) run before the body.
	for _, d := range fn.Decorators {
		name, member, _ := strings.Cut(d, ".")
		var rc reach
		r.follow(&rc, m, facts.Ref{Name: name, Member: member, Pos: fn.Pos}, nil)
		for _, c := range rc.checks {
			consider(placed{check: &c})
		}
	}
	for _, sub := range m.Subtree(fi) {
		sf := &m.File.Funcs[sub]
		for _, ref := range sf.Refs {
			var rc reach
			r.follow(&rc, m, ref, sf)
			what := ref.Name
			if ref.Member != "" {
				what += "." + ref.Member
			}
			if len(rc.hits) > 0 {
				l := loc(m.File.Path, ref.Pos, what+" reaches Upstash")
				consider(placed{at: ref.Pos, work: &l})
			}
			if len(rc.checks) == 0 && modgraph.IsPython(m.File) && ref.Member == "" && upstash.GuardByName(ref.Name) {
				// Depends(get_current_user), a dependency upscan cannot
				// read: its name is the only evidence.
				c := checkHit{caller: upstash.SignedIn, what: ref.Name, weak: true, loc: loc(m.File.Path, ref.Pos, "checks the caller (guessed from the name "+ref.Name+")")}
				consider(placed{at: ref.Pos, check: &c})
			}
			for _, c := range rc.checks {
				c.loc = loc(m.File.Path, ref.Pos, what+" checks the caller ("+c.what+", "+where(c.loc.Path, c.loc.Line, m.File.Path)+")")
				c.what = what + " → " + c.what
				consider(placed{at: ref.Pos, check: &c})
			}
		}
	}
	return work, checks
}

// callerTier decides who can call endpoint e. own and mws are what its
// handler and its middleware reach. late is set when the strongest check
// runs after Upstash work in the handler: that work runs for anyone.
func (r *rl) callerTier(e *ep, own *reach, mwChecks []checkHit, verify, workflow *evidence) (tier string, ev *checkHit, late *rules.Location) {
	if dev := r.devOnly(e); dev != nil {
		return TierInternal, &checkHit{what: "returns early in production (NODE_ENV check)", loc: *dev}, nil
	}
	var best *checkHit
	take := func(c checkHit) {
		if c.passed {
			return
		}
		if c.better(best) {
			best = &c
		}
	}
	for _, c := range mwChecks {
		take(c)
	}
	if e.auth != "" {
		take(checkHit{caller: upstash.Verified, what: "Azure authLevel " + e.auth, loc: loc(e.m.File.Path, e.pos, "a function key is required")})
	}
	if verify != nil {
		take(checkHit{caller: upstash.Verified, what: verify.what, loc: verify.loc})
	}
	if workflow != nil && !workflow.off {
		take(checkHit{caller: upstash.Verified, what: workflow.what, loc: workflow.loc})
	}
	// Checks in the handler count when they run before its Upstash work.
	var lateBest *checkHit
	var lateWork *rules.Location
	for _, rr := range e.roots {
		if rr.m == nil {
			continue
		}
		if rr.fn < 0 || rr.fn >= len(rr.m.File.Funcs) {
			// Route-level middleware or a handler by name: its checks run
			// first; a local guard whose body upscan cannot see counts by
			// its name.
			if rr.ref.Name != "" {
				var rc reach
				r.follow(&rc, rr.m, rr.ref, nil)
				for _, c := range rc.checks {
					take(c)
				}
				if len(rc.checks) == 0 && upstash.GuardByName(rr.ref.Name) {
					take(checkHit{caller: upstash.SignedIn, what: rr.ref.Name, weak: true, loc: loc(rr.m.File.Path, rr.ref.Pos, "checks the caller (by its name)")})
				}
			}
			continue
		}
		if fn := &rr.m.File.Funcs[rr.fn]; fn.Callee != "" && upstash.GuardByName(fn.Callee) && !hasCheck(rr.m, fn) {
			take(checkHit{caller: upstash.SignedIn, what: fn.Callee, weak: true, loc: loc(rr.m.File.Path, fn.Pos, "wrapped by "+fn.Callee+" (an auth wrapper by its name)")})
		}
		work, checks := r.order(rr.m, rr.fn)
		for i := range checks {
			c := checks[i]
			if c.check.passed {
				continue
			}
			if work == nil || !modgraph.Before(work.at, c.at) {
				take(*c.check)
			} else if c.check.better(lateBest) {
				lateBest, lateWork = c.check, work.work
			}
		}
	}
	switch {
	case best != nil && best.caller == upstash.Verified:
		return TierVerified, best, nil
	case lateBest != nil && lateBest.caller == upstash.Verified:
		return TierVerified, lateBest, lateWork
	case best != nil:
		return TierSignedIn, best, nil
	}
	return TierPublic, nil, nil
}

// checksOf returns the caller checks in Func fi of m (checksIn). A check
// guessed from a function's name (ByName) is kept only when the body of
// that function cannot be read: when the scan holds the body, the checks it
// makes arrive through the call instead (and none when it makes none);
// when it does not, a sign-in guess stays, weak, and a verifier guess is
// dropped.
func (r *rl) checksOf(m *modgraph.Module, fi int) []checkHit {
	all := checksIn(m, &m.File.Funcs[fi])
	out := all[:0]
	for _, c := range all {
		if c.weak && !c.passed && c.byName {
			seen, by := r.confirmed(m, fi, c)
			switch {
			case by != nil && by.passed || by != nil && by.weak:
				// The body hands back a recognised check's result, and
				// this call rejects on it.
				c.weak, c.what = false, c.what+" → "+by.what
			case by != nil || seen || c.caller == upstash.Verified:
				// Confirmed: the check its body makes arrives through the
				// call, with its name. Or refuted: the body upscan reads
				// does not check what the name says.
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// confirmed looks at the function a check guessed from its name calls (c,
// in Func fi of m): seen is true when the scan holds its body, ok when that
// body reaches a recognised check of c's tier or stronger (by, which may
// be a result it hands back).
func (r *rl) confirmed(m *modgraph.Module, fi int, c checkHit) (seen bool, by *checkHit) {
	for _, sub := range m.Subtree(fi) {
		sf := &m.File.Funcs[sub]
		for _, ref := range sf.Refs {
			if ref.Pos.Line != c.loc.Line || ref.Pos.Col != c.loc.Col {
				continue
			}
			if t := r.s.Lookup(m, ref.Name, ref.Member); t.M != nil && (t.Fn >= 0 || t.Class != "") && !r.fromLibrary(t) {
				seen = true
			}
			var rc reach
			r.follow(&rc, m, ref, sf)
			for _, x := range rc.checks {
				if x.caller >= c.caller && (!x.weak || x.passed || !x.byName) {
					return seen, &x
				}
			}
		}
	}
	return seen, nil
}

// fromLibrary reports whether target t is a binding a library call
// returns (`export const { auth } = NextAuth({…})`): its body is the
// library's, which the scan does not hold, so a guess from its name stands.
func (r *rl) fromLibrary(t modgraph.Target) bool {
	if t.Class != "" || t.Fn < 0 || t.Fn >= len(t.M.File.Funcs) {
		return false
	}
	callee := t.M.File.Funcs[t.Fn].Callee
	if callee == "" {
		return false
	}
	head, member, _ := strings.Cut(callee, ".")
	member, _, _ = strings.Cut(member, ".")
	ct := r.s.Lookup(t.M, head, member)
	return ct.M == nil && ct.Pkg != ""
}

// hasCheck reports whether m records a caller check within fn.
func hasCheck(m *modgraph.Module, fn *facts.Func) bool {
	for i := range m.File.Checks {
		if modgraph.Within(m.File.Checks[i].Pos, fn) {
			return true
		}
	}
	return false
}

// UnlimitedSignedIn is the UPS401 message of an endpoint only signed-in
// callers reach: check names the sign-in check and where it is.
// analyzers/golang reports its signed-in endpoints with it too.
func UnlimitedSignedIn(endpoint string, work []Work, check string) string {
	return fmt.Sprintf("%s reaches Upstash %s with no recognised rate limit; only signed-in callers reach it (%s), "+
		"but one account (or a stolen session) can still run up usage and cost: limit per user", endpoint, WorkText(work), check)
}

// lateCheck is the low UPS401 finding of a verified endpoint whose handler
// reaches Upstash before it checks the sender.
func (r *rl) lateCheck(e *ep, row *Endpoint, ev *checkHit, work *rules.Location) *rules.Finding {
	msg := fmt.Sprintf("%s checks the sender (%s) only after it reaches Upstash (%s): that work runs for anyone who calls it; verify first",
		describe(row), ev.text(e.m.File.Path), where(work.Path, work.Line, e.m.File.Path))
	f := &rules.Finding{RuleID: string(rules.EndpointWithoutRateLimit), Severity: rules.Low, Path: e.m.File.Path, Line: row.Line, Col: max(e.pos.Col, 1), Message: msg,
		Related: []rules.Location{*work, ev.loc}}
	f.SetKey(fmt.Sprintf("endpoint late check %s %s %s %s", row.Kind, row.Method, row.Path, row.Handler))
	return f
}
