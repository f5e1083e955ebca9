//go:build cgo

package jsts

import (
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
