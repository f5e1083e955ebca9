//go:build cgo

package jsts

import (
	"cmp"
	"fmt"
	"strings"
	"testing"

	"github.com/upscan/upscan/analyzers/facts"
)

// TestCallerChecks pins the auth guards and verifiers the front-end
// records, each shape with a negative twin.
func TestCallerChecks(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	cases := []struct {
		name, src string
		want      string // "" for no check; else caller/what/flags
	}{
		{"next-auth checked", `import { getServerSession } from "next-auth";
export async function GET() { const session = await getServerSession(opts); if (!session) { return new Response("no", { status: 401 }) } }`, "1 next-auth getServerSession rejects"},
		{"next-auth unchecked", `import { getServerSession } from "next-auth";
export async function GET() { const session = await getServerSession(opts); const id = session?.user?.id ?? "anon"; }`, "1 next-auth getServerSession"},
		{"next-auth helper passes", `import { getServerSession } from "next-auth/next";
export function getSession() { return getServerSession(opts) }`, "1 next-auth getServerSession passed"},
		{"clerk destructured", `import { auth } from "@clerk/nextjs/server";
export async function POST() { const { userId } = await auth(); if (!userId) return new Response(null, { status: 401 }); }`, "1 Clerk auth() rejects"},
		{"clerk protect", `import { auth } from "@clerk/nextjs/server";
export async function POST() { await auth.protect(); }`, "1 Clerk auth.protect() rejects"},
		{"clerk protect conditional", `import { clerkMiddleware } from "@clerk/nextjs/server";
export default clerkMiddleware(async (auth, req) => { if (isProtected(req)) await auth.protect(); });`, "1 Clerk auth.protect()"},
		{"authjs v5 local auth", `import { auth } from "@/auth";
export async function GET() { const s = await auth(); if (!s?.user) redirect("/login"); }`, "1 auth() byname rejects"},
		{"supabase", `export async function GET() { const supabase = createClient(); const { data: { user } } = await supabase.auth.getUser(); if (!user) { return NextResponse.json({}, { status: 401 }) } }`, "1 Supabase auth.getUser rejects"},
		{"better auth", `import { auth } from "@/lib/auth";
export async function GET(req) { const session = await auth.api.getSession({ headers: req.headers }); if (!session) throw new Error("x") }`, "1 Better Auth api.getSession rejects"},
		{"named guard dropped", `import { requireAdmin } from "@/lib/guards";
export async function POST() { await requireAdmin(); }`, "1 requireAdmin() byname rejects"},
		{"named wrapper", `import { withTeam } from "@/lib/auth";
export const POST = withTeam(async (req, { team }) => { return Response.json(team) });`, "1 withTeam() byname rejects wraps"},
		{"unrelated name", `import { getPosts } from "@/lib/posts";
export async function GET() { await getPosts(); }`, ""},
		{"next-auth middleware wrapper", `import { withAuth } from "next-auth/middleware";
export default withAuth(function middleware(req) {});`, "1 next-auth withAuth rejects wraps"},
		{"jose", `import { jwtVerify } from "jose";
export async function GET(req) { const { payload } = await jwtVerify(token, key); }`, "1 jose jwtVerify rejects"},
		{"jose conditional", `import { jwtVerify } from "jose";
export async function GET(req) { if (token) { await jwtVerify(token, key); } }`, "1 jose jwtVerify"},
		{"jsonwebtoken default", `import jwt from "jsonwebtoken";
export function mw(req, res, next) { jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); }`, "1 jsonwebtoken verify rejects"},
		{"stripe", `export async function POST(req) { const event = stripe.webhooks.constructEvent(body, sig, secret); }`, "2 Stripe webhooks.constructEvent rejects"},
		{"svix", `import { Webhook } from "svix";
export async function POST(req) { const wh = new Webhook(secret); const msg = wh.verify(body, headers); }`, "2 Svix Webhook.verify rejects"},
		{"svix absent", `export async function POST(req) { const msg = wh.verify(body, headers); }`, ""},
		{"github hmac", `import crypto from "crypto";
export async function POST(req) { const ok = crypto.timingSafeEqual(a, b); if (!ok) return new Response(null, { status: 401 }); }`, "2 HMAC signature (timingSafeEqual) rejects"},
		{"hmac helper passes", `import { timingSafeEqual } from "node:crypto";
export function verifySignature(a, b) { return a.length === b.length && timingSafeEqual(a, b) }`, "2 HMAC signature (timingSafeEqual) passed"},
		{"verifier helper by name", `import { verifySignature } from "@/lib/webhooks";
export async function POST(req) { if (!verifySignature(body, sig)) return new Response(null, { status: 401 }) }`, "2 verifySignature() byname rejects"},
		{"verifier helper ignored", `import { verifySignature } from "@/lib/webhooks";
export async function POST(req) { const ok = verifySignature(body, sig); console.log(ok) }`, ""},
		{"cron secret", `export async function GET(req) { const h = req.headers.get("authorization"); if (h !== ` + "`Bearer ${process.env.CRON_SECRET}`" + `) { return new Response("no", { status: 401 }) } }`, "2 CRON_SECRET header check rejects"},
		{"cron secret via const", `export async function GET(req) { const expected = ` + "`Bearer ${process.env.CRON_SECRET}`" + `; if (req.headers.get("authorization") !== expected) return new Response(null, { status: 401 }); }`, "2 CRON_SECRET header check rejects"},
		{"cron secret config test", `export async function GET(req) { if (process.env.CRON_SECRET === undefined) console.log("x") }`, ""},
		{"session truthy, branch limits", `import { getServerSession } from "next-auth";
export async function POST() { const session = await getServerSession(); if (session?.user) { const r = await limit(session.user.id); if (!r) return new Response(null, { status: 429 }) } return go(); }`, "1 next-auth getServerSession"},
		{"session truthy, else rejects", `import { getServerSession } from "next-auth";
export async function POST() { const session = await getServerSession(); if (session) { await go() } else { return new Response(null, { status: 401 }) } }`, "1 next-auth getServerSession rejects"},
		{"session truthy, branch returns, rest rejects", `import { getServerSession } from "next-auth";
export async function POST() { const session = await getServerSession(); if (session) { return go() } return new Response(null, { status: 401 }) }`, "1 next-auth getServerSession rejects"},
		{"trpc context check", `import { initTRPC, TRPCError } from "@trpc/server";
const t = initTRPC.create();
export const p = t.procedure.use(({ ctx, next }) => { if (!ctx.session?.user) { throw new TRPCError({ code: "UNAUTHORIZED" }) } return next() });`, "1 tRPC context auth check rejects"},
		{"trpc unauthorized throw", `import { TRPCError } from "@trpc/server";
export async function f(input) { if (!(await isMember(input))) throw new TRPCError({ code: "UNAUTHORIZED" }) }`, "1 tRPC UNAUTHORIZED check rejects"},
		{"trpc other throw", `import { TRPCError } from "@trpc/server";
export async function f({ ctx, input }) { if (!input) throw new TRPCError({ code: "BAD_REQUEST" }); if (ctx.session) throw new Error("x") }`, ""},
		{"public env compared", `export async function GET(req) { if (req.query.x !== process.env.NEXT_PUBLIC_TOKEN) return 1 }`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, _ := a.Analyze("app/api/x/route.ts", []byte(c.src))
			var got []string
			for _, ch := range f.Checks {
				got = append(got, checkText(ch))
			}
			if g := strings.Join(got, "|"); g != c.want {
				t.Errorf("checks = %q, want %q", g, c.want)
			}
		})
	}
}

func checkText(c facts.Check) string {
	s := fmt.Sprintf("%d %s", c.Caller, c.What)
	for _, x := range []struct {
		on   bool
		word string
	}{{c.ByName, "byname"}, {c.Rejects, "rejects"}, {c.Passed, "passed"}, {c.Wraps, "wraps"}} {
		if x.on {
			s += " " + x.word
		}
	}
	return s
}

// TestTRPCFacts pins the router entries and the anonymous-skip flag.
func TestTRPCFacts(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	src := `import { router, publicProcedure, authed } from "./trpc";
import { redis } from "./redis";
export const postRouter = router({
  hello: publicProcedure.input(s).query(async ({ input }) => redis.get(input)),
  save: authed.use(limitMw).use(async ({ next }) => next()).mutation(save),
  sub: userRouter,
  admin: router({ ban: publicProcedure.mutation(() => 1) }),
});
export const merged = mergeRouters(postRouter, otherRouter);
export const app = express.Router({ strict: true });`
	f, _ := a.Analyze("src/server/routers/post.ts", []byte(src))
	var got []string
	for _, p := range f.Procedures {
		var uses []string
		for _, u := range p.Uses {
			uses = append(uses, cmp.Or(u.Name, "fn"))
		}
		got = append(got, fmt.Sprintf("%s.%s %s %s [%s] %s %s", p.Router, p.Key, p.Kind, p.Builder, strings.Join(uses, ","), cmp.Or(p.Handler.Name, "fn"), p.Sub))
	}
	want := []string{
		"postRouter.hello query publicProcedure [] fn ",
		"postRouter.save mutation authed [limitMw,fn] save ",
		"postRouter.sub   [] fn userRouter",
		"postRouter.admin.ban mutation publicProcedure [] fn ",
		"merged.   [] fn postRouter",
		"merged.   [] fn otherRouter",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("procedures:\n%s\nwant:\n%s", g, w)
	}

	anon := []struct {
		name, src string
		want      bool
	}{
		{"wrapper, session only", `import { Ratelimit } from "@upstash/ratelimit";
export const wrap = (handler) => async (req) => { const s = await auth(); if (s?.user) { const { success } = await rl.limit(s.user.id); if (!success) return deny(); } return handler(req); };`, true},
		{"wrapper, else limits", `import { Ratelimit } from "@upstash/ratelimit";
export const wrap = (handler) => async (req) => { const s = await auth(); if (s) { const { success } = await rl.limit(s.user.id); if (!success) return deny(); } else { const { success } = await rl.limit(ip(req)); if (!success) return deny(); } return handler(req); };`, false},
		{"wrapper, else rejects", `import { Ratelimit } from "@upstash/ratelimit";
export const wrap = (handler) => async (req) => { const key = req.headers.get("x-api-key"); if (apiKey) { const { success } = await rl.limit(key); if (!success) return deny(); } else { return deny(); } return handler(req); };`, false},
		{"negated condition", `import { Ratelimit } from "@upstash/ratelimit";
export const wrap = (handler) => async (req) => { if (!session) { const { success } = await rl.limit(ip(req)); if (!success) return deny(); } return handler(req); };`, false},
		{"unconditional", `import { Ratelimit } from "@upstash/ratelimit";
export const wrap = (handler) => async (req) => { const { success } = await rl.limit(ip(req)); if (!success) return deny(); return handler(req); };`, false},
		{"trpc middleware", `import { Ratelimit } from "@upstash/ratelimit";
export const mw = t.middleware(async ({ ctx, next }) => { if (ctx.session?.user) { const { success } = await rl.limit(ctx.session.user.id); if (!success) throw new Error("x"); } return next(); });`, true},
	}
	for _, c := range anon {
		t.Run(c.name, func(t *testing.T) {
			f, _ := a.Analyze("lib/wrap.ts", []byte(c.src))
			if len(f.LimitCalls) == 0 {
				t.Fatal("no limit call")
			}
			if g := f.LimitCalls[0].Anonymous; g != c.want {
				t.Errorf("Anonymous = %v, want %v", g, c.want)
			}
		})
	}
}
