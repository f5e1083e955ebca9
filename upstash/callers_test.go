package upstash

import "testing"

// TestGuardByName pins the names that count as auth guards by convention,
// and near misses that do not.
func TestGuardByName(t *testing.T) {
	for name, want := range map[string]bool{
		"requireAuth": true, "requireAdmin": true, "require_user": true, "withTeam": true, "withSession": true,
		"protectedProcedure": true, "get_current_user": true, "get_current_active_user": true, "lib.requireUser": true,
		"validateRequest": true, "verifyApiKey": true,
		"getPosts": false, "get_db": false, "withRateLimit": false, "requirements": false, "authorName": false,
		"withTeamAndProjectAndEverythingElseUnrelated": false, "": false, "authenticate": false,
	} {
		if got := GuardByName(name); got != want {
			t.Errorf("GuardByName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestGuardOf checks table lookups by module and name: subpaths and
// scopes match, other packages do not.
func TestGuardOf(t *testing.T) {
	cases := []struct {
		lang       Lang
		mod, name  string
		want       string
		wantCaller Caller
	}{
		{JS, "next-auth", "getServerSession", "next-auth getServerSession", SignedIn},
		{JS, "next-auth/next", "getServerSession", "next-auth getServerSession", SignedIn},
		{JS, "@clerk/nextjs/server", "auth", "Clerk auth()", SignedIn},
		{JS, "jsonwebtoken", "verify", "jsonwebtoken verify", SignedIn},
		{JS, "node:crypto", "timingSafeEqual", "HMAC signature (timingSafeEqual)", Verified},
		{Python, "flask_login", "login_required", "Flask-Login login_required", SignedIn},
		{Python, "django.contrib.auth.decorators", "login_required", "Django login_required", SignedIn},
		{JS, "next-authx", "getServerSession", "", AnyCaller},
		{JS, "@/auth", "auth", "", AnyCaller},
	}
	for _, c := range cases {
		g, ok := GuardOf(c.lang, c.mod, c.name)
		if ok != (c.want != "") || g.Label != c.want || g.Caller != c.wantCaller {
			t.Errorf("GuardOf(%s, %q, %q) = %q %v %v", c.lang, c.mod, c.name, g.Label, g.Caller, ok)
		}
	}
	if g, ok := GuardOfPath(JS, "stripe.webhooks.constructEvent"); !ok || g.Caller != Verified {
		t.Errorf("GuardOfPath(stripe.webhooks.constructEvent) = %v %v", g, ok)
	}
	if _, ok := GuardOfPath(JS, "client.constructEvent"); ok {
		t.Error("GuardOfPath matches a bare constructEvent")
	}
	if g, ok := GuardMethodOf(JS, "svix", "Webhook", "verify"); !ok || !g.Throws {
		t.Errorf("GuardMethodOf(svix Webhook.verify) = %v %v", g, ok)
	}
	for name, want := range map[string]bool{"CRON_SECRET": true, "INTERNAL_API_KEY": true, "ADMIN_TOKEN": true, "NODE_ENV": false, "VERCEL_URL": false} {
		if IsSharedSecretEnvName(name) != want {
			t.Errorf("IsSharedSecretEnvName(%q) != %v", name, want)
		}
	}
}
