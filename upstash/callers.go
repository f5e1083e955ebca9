package upstash

import "strings"

// Who may call an endpoint (UPSTASH.md §4, best practice #5): the rate-limit
// pass gives every endpoint a caller tier from the auth guards and the
// webhook or shared-secret verifiers on its path. The front-ends find the
// calls below; the pass decides the tier. These modules are not prefilter
// keywords: a file that only authenticates is parsed when an endpoint
// imports it (ratelimit.Wanted), never for its own sake.

// Caller is what a passed check proves about the caller.
type Caller uint8

// Callers, weakest first.
const (
	// AnyCaller: nothing is known; anyone who can reach the URL.
	AnyCaller Caller = iota
	// SignedIn: a session, JWT, API key or admin check: a signed-in user
	// (or the holder of a per-user key).
	SignedIn
	// Verified: a webhook signature (Stripe, Svix, GitHub, Slack, QStash)
	// or a shared secret in a header (a cron secret): only the sender that
	// holds the secret.
	Verified
)

// Guard is one API that checks who the caller is.
type Guard struct {
	Lang Lang
	// Module is the package the name is imported from (a prefix: "@clerk/"
	// covers @clerk/nextjs/server); "" for a member path that counts on any
	// receiver (Name starts with a dot).
	Module string
	// Name is the imported name called ("getServerSession"), a member path
	// on an imported binding ("verify" on jsonwebtoken's default export), or,
	// starting with a dot, a member path called on any receiver
	// (".webhooks.constructEvent", ".auth.getUser").
	Name string
	// Method, when set, is the method called on an instance of the Name
	// class (`new Webhook(secret).verify(…)`).
	Method string
	Caller Caller
	Label  string // how messages name it: "next-auth getServerSession"
	// Throws is true when a failed check throws, redirects or answers by
	// itself: calling it is enough, its result need not be tested.
	Throws bool
	// Wraps is true for a wrapper around a handler or a middleware factory
	// (`withAuth(handler)`, `authMiddleware()`): what it wraps runs only for
	// callers that pass.
	Wraps bool
}

// Guards are the auth guards and webhook verifiers upscan recognises by
// their package (UPSTASH.md §4.5). QStash verification (Receiver,
// verifySignature*, Workflow serve) is recognised with the QStash clients.
var Guards = []Guard{
	// next-auth / Auth.js
	{JS, "next-auth", "getServerSession", "", SignedIn, "next-auth getServerSession", false, false},
	{JS, "next-auth", "unstable_getServerSession", "", SignedIn, "next-auth getServerSession", false, false},
	{JS, "next-auth/react", "getSession", "", SignedIn, "next-auth getSession", false, false},
	{JS, "next-auth/jwt", "getToken", "", SignedIn, "next-auth getToken", false, false},
	{JS, "next-auth/middleware", "withAuth", "", SignedIn, "next-auth withAuth", true, true},
	{JS, "next-auth/middleware", "default", "", SignedIn, "next-auth middleware", true, true},
	// Clerk: clerkMiddleware() protects nothing by default; auth.protect() does.
	{JS, "@clerk/", "auth", "", SignedIn, "Clerk auth()", false, false},
	{JS, "@clerk/", "currentUser", "", SignedIn, "Clerk currentUser()", false, false},
	{JS, "@clerk/", "getAuth", "", SignedIn, "Clerk getAuth()", false, false},
	{JS, "@clerk/", "authMiddleware", "", SignedIn, "Clerk authMiddleware", true, true},
	{JS, "", ".auth.protect", "", SignedIn, "Clerk auth.protect()", true, false},
	{JS, "", ".auth().protect", "", SignedIn, "Clerk auth().protect()", true, false},
	// Auth0, Kinde
	{JS, "@auth0/nextjs-auth0", "withApiAuthRequired", "", SignedIn, "Auth0 withApiAuthRequired", true, true},
	{JS, "@auth0/nextjs-auth0", "withPageAuthRequired", "", SignedIn, "Auth0 withPageAuthRequired", true, true},
	{JS, "@auth0/nextjs-auth0", "getSession", "", SignedIn, "Auth0 getSession", false, false},
	{JS, "@kinde-oss/kinde-auth-nextjs", "getKindeServerSession", "", SignedIn, "Kinde getKindeServerSession", false, false},
	{JS, "@kinde-oss/kinde-auth-nextjs", "withAuth", "", SignedIn, "Kinde withAuth", true, true},
	// Supabase, Better Auth, Lucia, iron-session
	{JS, "", ".auth.getUser", "", SignedIn, "Supabase auth.getUser", false, false},
	{JS, "", ".auth.getSession", "", SignedIn, "Supabase auth.getSession", false, false},
	{JS, "", ".api.getSession", "", SignedIn, "Better Auth api.getSession", false, false},
	{JS, "", ".validateSession", "", SignedIn, "Lucia validateSession", false, false},
	{JS, "iron-session", "getIronSession", "", SignedIn, "iron-session getIronSession", false, false},
	// JWTs and Express middleware
	{JS, "jose", "jwtVerify", "", SignedIn, "jose jwtVerify", true, false},
	{JS, "jsonwebtoken", "verify", "", SignedIn, "jsonwebtoken verify", true, false},
	{JS, "passport", "authenticate", "", SignedIn, "passport.authenticate", true, true},
	{JS, "express-jwt", "expressjwt", "", SignedIn, "express-jwt", true, true},
	{JS, "express-openid-connect", "requiresAuth", "", SignedIn, "express-openid-connect requiresAuth", true, true},
	{JS, "hono/jwt", "jwt", "", SignedIn, "Hono jwt middleware", true, true},
	{JS, "hono/bearer-auth", "bearerAuth", "", SignedIn, "Hono bearerAuth middleware", true, true},
	{JS, "hono/basic-auth", "basicAuth", "", SignedIn, "Hono basicAuth middleware", true, true},
	// Webhook signatures
	{JS, "", ".webhooks.constructEvent", "", Verified, "Stripe webhooks.constructEvent", true, false},
	{JS, "", ".webhooks.constructEventAsync", "", Verified, "Stripe webhooks.constructEventAsync", true, false},
	{JS, "svix", "Webhook", "verify", Verified, "Svix Webhook.verify", true, false},
	{JS, "standardwebhooks", "Webhook", "verify", Verified, "Standard Webhooks verify", true, false},
	{JS, "@octokit/webhooks", "Webhooks", "verify", Verified, "GitHub webhooks.verify", false, false},
	{JS, "@octokit/webhooks", "Webhooks", "verifyAndReceive", Verified, "GitHub webhooks.verifyAndReceive", true, false},
	{JS, "@octokit/webhooks-methods", "verify", "", Verified, "GitHub webhook verify", false, false},
	{JS, "@slack/bolt", "verifySlackRequest", "", Verified, "Slack verifySlackRequest", true, false},
	{JS, "crypto", "timingSafeEqual", "", Verified, "HMAC signature (timingSafeEqual)", false, false},
	{JS, "node:crypto", "timingSafeEqual", "", Verified, "HMAC signature (timingSafeEqual)", false, false},
	// Python
	{Python, "flask_login", "login_required", "", SignedIn, "Flask-Login login_required", true, true},
	{Python, "django", "login_required", "", SignedIn, "Django login_required", true, true},
	{Python, "django", "permission_required", "", SignedIn, "Django permission_required", true, true},
	{Python, "django", "staff_member_required", "", SignedIn, "Django staff_member_required", true, true},
	{Python, "django", "user_passes_test", "", SignedIn, "Django user_passes_test", true, true},
	{Python, "flask_jwt_extended", "jwt_required", "", SignedIn, "Flask-JWT-Extended jwt_required", true, true},
	{Python, "", ".Webhook.construct_event", "", Verified, "Stripe Webhook.construct_event", true, false},
	{Python, "svix", "Webhook", "verify", Verified, "Svix Webhook.verify", true, false},
	{Python, "hmac", "compare_digest", "", Verified, "HMAC signature (compare_digest)", false, false},
	{Python, "jwt", "decode", "", SignedIn, "PyJWT decode", true, false},
	// Go: a function returns an error to check; middleware rejects by itself.
	{Go, "github.com/golang-jwt/jwt", "Parse", "", SignedIn, "golang-jwt Parse", false, false},
	{Go, "github.com/golang-jwt/jwt", "ParseWithClaims", "", SignedIn, "golang-jwt ParseWithClaims", false, false},
	{Go, "github.com/golang-jwt/jwt", "Parser", "Parse", SignedIn, "golang-jwt Parser.Parse", false, false},
	{Go, "github.com/golang-jwt/jwt", "Parser", "ParseWithClaims", SignedIn, "golang-jwt Parser.ParseWithClaims", false, false},
	{Go, "github.com/coreos/go-oidc", "IDTokenVerifier", "Verify", SignedIn, "go-oidc IDTokenVerifier.Verify", false, false},
	{Go, "firebase.google.com/go", "Client", "VerifyIDToken", SignedIn, "Firebase VerifyIDToken", false, false},
	{Go, "github.com/clerk/clerk-sdk-go", "RequireHeaderAuthorization", "", SignedIn, "Clerk RequireHeaderAuthorization", true, true},
	{Go, "github.com/go-chi/jwtauth", "Authenticator", "", SignedIn, "chi jwtauth.Authenticator", true, true},
	{Go, "github.com/labstack/echo-jwt", "JWT", "", SignedIn, "echo-jwt JWT middleware", true, true},
	{Go, "github.com/labstack/echo-jwt", "WithConfig", "", SignedIn, "echo-jwt JWT middleware", true, true},
	{Go, "github.com/labstack/echo/", "JWT", "", SignedIn, "echo JWT middleware", true, true},
	{Go, "github.com/labstack/echo/", "JWTWithConfig", "", SignedIn, "echo JWT middleware", true, true},
	{Go, "github.com/labstack/echo/", "KeyAuth", "", SignedIn, "echo KeyAuth middleware", true, true},
	{Go, "github.com/labstack/echo/", "KeyAuthWithConfig", "", SignedIn, "echo KeyAuth middleware", true, true},
	{Go, "github.com/labstack/echo/", "BasicAuth", "", SignedIn, "echo BasicAuth middleware", true, true},
	{Go, "github.com/labstack/echo/", "BasicAuthWithConfig", "", SignedIn, "echo BasicAuth middleware", true, true},
	{Go, "github.com/gin-gonic/gin", "BasicAuth", "", SignedIn, "gin BasicAuth middleware", true, true},
	{Go, "github.com/gin-gonic/gin", "BasicAuthForRealm", "", SignedIn, "gin BasicAuth middleware", true, true},
	{Go, "github.com/gofiber/contrib/jwt", "New", "", SignedIn, "fiber JWT middleware", true, true},
	{Go, "github.com/gofiber/fiber/v2/middleware/keyauth", "New", "", SignedIn, "fiber keyauth middleware", true, true},
	{Go, "github.com/gofiber/fiber/v2/middleware/basicauth", "New", "", SignedIn, "fiber basicauth middleware", true, true},
	{Go, "github.com/gofiber/fiber/v3/middleware/keyauth", "New", "", SignedIn, "fiber keyauth middleware", true, true},
	{Go, "github.com/gofiber/fiber/v3/middleware/basicauth", "New", "", SignedIn, "fiber basicauth middleware", true, true},
	{Go, "github.com/auth0/go-jwt-middleware", "JWTMiddleware", "CheckJWT", SignedIn, "Auth0 go-jwt-middleware CheckJWT", true, true},
	{Go, "github.com/stripe/stripe-go/", "ConstructEvent", "", Verified, "Stripe webhook.ConstructEvent", false, false},
	{Go, "github.com/stripe/stripe-go/", "ConstructEventWithOptions", "", Verified, "Stripe webhook.ConstructEvent", false, false},
	{Go, "github.com/svix/svix-webhooks/go", "Webhook", "Verify", Verified, "Svix Webhook.Verify", false, false},
	{Go, "github.com/google/go-github/", "ValidatePayload", "", Verified, "GitHub ValidatePayload", false, false},
	{Go, "github.com/slack-go/slack", "SecretsVerifier", "Ensure", Verified, "Slack SecretsVerifier.Ensure", false, false},
	{Go, "crypto/hmac", "Equal", "", Verified, "HMAC signature (hmac.Equal)", false, false},
	{Go, "crypto/subtle", "ConstantTimeCompare", "", Verified, "constant-time secret compare (subtle.ConstantTimeCompare)", false, false},
}

// guardWords are the words of local function names that conventionally
// authenticate (requireAuth, withTeam, get_current_user, protectedProcedure),
// lower-case without separators. A name is weaker evidence than a package
// API: GuardByName says so, and messages too. "authenticate" is not one: a
// login endpoint calls it, and a login endpoint is public.
var guardWords = []string{
	"requireauth", "requireuser", "requireadmin", "requiresession", "requirelogin", "requireapikey", "requireteam",
	"withauth", "withsession", "withteam", "withuser", "withadmin", "withapikey", "withworkspace", "withorg",
	"protectedprocedure", "authedprocedure", "adminprocedure", "privateprocedure",
	"getcurrentuser", "getcurrentactiveuser", "currentuser", "validaterequest", "verifyapikey", "checkapikey",
	"verifytoken", "isauthenticated", "ensureauthenticated", "loginrequired", "authrequired",
	"requiresauth", "isadmin", "apikeyauth", "getauthuser", "getuserfromtoken", "getsessionuser", "assertauth",
}

// nameFolder drops the separators of a name (snake_case, kebab-case) before
// GuardByName and VerifierByName compare it: built once, not per call.
var nameFolder = strings.NewReplacer("_", "", "-", "")

// GuardByName reports whether a local function named name authenticates its
// caller by the convention of its name alone (`requireAdmin()`,
// `withTeam(handler)`, `Depends(get_current_user)`): weaker evidence than
// a recognised package API.
func GuardByName(name string) bool {
	n := strings.ToLower(nameFolder.Replace(name))
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	for _, w := range guardWords {
		if n == w || strings.HasPrefix(n, w) && len(n) <= len(w)+8 {
			return true
		}
	}
	return false
}

// VerifierByName reports whether a local function named name verifies a
// webhook signature by its name (verifySignature, isValidWebhook,
// verify_slack_request). The rate-limit pass trusts such a name only when
// the function's body hands back the result of a recognised verifier.
func VerifierByName(name string) bool {
	n := strings.ToLower(nameFolder.Replace(name))
	if strings.Contains(n, "signature") {
		return true
	}
	if !strings.Contains(n, "verif") && !strings.Contains(n, "valid") {
		return false
	}
	for _, w := range []string{"webhook", "sig", "hmac", "request", "slack", "github", "stripe", "cron"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// GuardOf returns the guard imported from mod under name (an exported name,
// "default", or for a namespace or default import the member called), in
// lang. ok is false when it is none.
func GuardOf(lang Lang, mod, name string) (Guard, bool) {
	for _, g := range Guards {
		if g.Lang != lang || g.Module == "" || g.Method != "" || g.Name != name {
			continue
		}
		if guardModule(lang, g.Module, mod) {
			return g, true
		}
	}
	return Guard{}, false
}

// GuardMethodOf returns the guard whose class, imported from mod under
// class, has method.
func GuardMethodOf(lang Lang, mod, class, method string) (Guard, bool) {
	for _, g := range Guards {
		if g.Lang == lang && g.Method == method && g.Name == class && guardModule(lang, g.Module, mod) {
			return g, true
		}
	}
	return Guard{}, false
}

// GuardOfPath returns the guard that a call of the member path callee
// (`stripe.webhooks.constructEvent`, `supabase.auth.getUser`) is, whatever
// the receiver.
func GuardOfPath(lang Lang, callee string) (Guard, bool) {
	for _, g := range Guards {
		if g.Lang == lang && strings.HasPrefix(g.Name, ".") && strings.HasSuffix("."+callee, g.Name) {
			return g, true
		}
	}
	return Guard{}, false
}

// guardModule reports whether mod is the guard's module: the package or a
// subpath of it, a prefix ending in "/" for a scope, the top-level Python
// module.
func guardModule(lang Lang, want, mod string) bool {
	if lang == Python {
		top, _, _ := strings.Cut(mod, ".")
		return top == want || mod == want
	}
	if strings.HasSuffix(want, "/") {
		return strings.HasPrefix(mod, want)
	}
	return mod == want || strings.HasPrefix(mod, want+"/")
}

// IsSharedSecretEnvName reports whether an env variable compared with a
// request header holds a shared secret (CRON_SECRET, WEBHOOK_SECRET,
// ADMIN_API_KEY, INTERNAL_TOKEN): a caller that sends it holds the secret.
func IsSharedSecretEnvName(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"SECRET", "TOKEN", "API_KEY", "APIKEY", "PASSWORD", "_KEY"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
