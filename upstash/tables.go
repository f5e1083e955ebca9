package upstash

import "strings"

// Lang is a language whose modules the tables below name.
type Lang string

// Languages of the tables.
const (
	JS     Lang = "js" // JavaScript and TypeScript (npm package names)
	Python Lang = "python"
	Go     Lang = "go"
)

// Product is the Upstash product (or generic Redis) a client talks to.
type Product string

// Products.
const (
	Redis     Product = "redis"     // @upstash/redis, @vercel/kv, upstash_redis: REST
	RedisTCP  Product = "redis-tcp" // ioredis, node-redis, redis-py, go-redis: TCP clients
	QStash    Product = "qstash"
	Workflow  Product = "workflow" // @upstash/workflow: serves QStash deliveries
	Vector    Product = "vector"
	Search    Product = "search"
	Ratelimit Product = "ratelimit"
	// QStashReceiver is a QStash Receiver: it holds the signing keys and
	// verifies deliveries.
	QStashReceiver Product = "qstash-receiver"
)

// SDK is a client library that reaches Upstash (or any Redis), by module.
type SDK struct {
	Lang    Lang
	Module  string // npm package, Python top-level module, or Go import path prefix
	Product Product
}

// SDKs are the client libraries upscan recognises (UPSTASH.md §2, §4).
var SDKs = []SDK{
	{JS, "@upstash/redis", Redis}, {JS, "@vercel/kv", Redis}, {JS, "ioredis", RedisTCP}, {JS, "redis", RedisTCP},
	{JS, "@redis/client", RedisTCP}, {JS, "@upstash/qstash", QStash}, {JS, "@upstash/workflow", Workflow},
	{JS, "@upstash/vector", Vector}, {JS, "@upstash/search", Search}, {JS, "@upstash/ratelimit", Ratelimit},
	{Python, "upstash_redis", Redis}, {Python, "redis", RedisTCP}, {Python, "aioredis", RedisTCP},
	{Python, "qstash", QStash}, {Python, "upstash_qstash", QStash}, {Python, "upstash_vector", Vector},
	{Python, "upstash_search", Search}, {Python, "upstash_ratelimit", Ratelimit}, {Python, "upstash_workflow", Workflow},
	{Go, "github.com/redis/go-redis", RedisTCP}, {Go, "github.com/go-redis/redis", RedisTCP},
	{Go, "github.com/upstash/qstash-go", QStash}, {Go, "github.com/upstash/vector-go", Vector},
}

// Framework is a web framework or serverless runtime package whose route
// registrations make endpoints (UPSTASH.md §4).
type Framework struct {
	Lang   Lang
	Module string // npm package, Python module, Go import path (prefix)
	Name   string // as messages name it
}

// Frameworks are the web frameworks upscan finds endpoints in. Next.js,
// SvelteKit, Remix, Nuxt and Astro endpoints are found by file path; see
// the front-ends.
var Frameworks = []Framework{
	{JS, "express", "Express"}, {JS, "hono", "Hono"}, {JS, "@hono/node-server", "Hono"}, {JS, "@hono/zod-openapi", "Hono"},
	{JS, "fastify", "Fastify"}, {JS, "koa", "Koa"}, {JS, "@koa/router", "Koa"}, {JS, "koa-router", "Koa"},
	{JS, "itty-router", "itty-router"}, {JS, "elysia", "Elysia"}, {JS, "polka", "polka"}, {JS, "restify", "restify"},
	{JS, "h3", "h3"}, {JS, "@azure/functions", "Azure Functions"},
	{JS, "@google-cloud/functions-framework", "Google Cloud Functions"},
	{Python, "fastapi", "FastAPI"}, {Python, "flask", "Flask"}, {Python, "django", "Django"}, {Python, "starlette", "Starlette"},
	{Go, "net/http", "net/http"}, {Go, "github.com/go-chi/chi", "chi"}, {Go, "github.com/gin-gonic/gin", "gin"},
	{Go, "github.com/labstack/echo", "echo"}, {Go, "github.com/gofiber/fiber", "fiber"},
}

// FrameworkOf returns the framework whose module is mod in lang: an exact
// npm package or Python top-level module, or a Go import path with the
// module as prefix. ok is false when mod is none.
func FrameworkOf(lang Lang, mod string) (Framework, bool) {
	for _, f := range Frameworks {
		if f.Lang == lang && moduleMatches(lang, f.Module, mod) {
			return f, true
		}
	}
	return Framework{}, false
}

// moduleMatches reports whether mod names the table's module want.
func moduleMatches(lang Lang, want, mod string) bool {
	switch lang {
	case Go:
		return mod == want || strings.HasPrefix(mod, want+"/")
	case Python:
		top, _, _ := strings.Cut(mod, ".")
		return top == want
	}
	return mod == want
}

// Limiter is a rate-limit library, by module (UPSTASH.md §4, best
// practice #5: a route limited by another library is limited, not by
// Upstash).
type Limiter struct {
	Lang    Lang
	Module  string
	Upstash bool // @upstash/ratelimit or upstash_ratelimit
	// Store is the option that gives the limiter a shared store ("store",
	// "redis", "storage_uri") when its default keeps the counters in
	// process memory; "" when the library has no in-memory default. On a
	// serverless runtime each instance then counts alone.
	Store string
	// Calls are, for Go, the package's functions or methods that enforce a
	// limit: a name, or a prefix ending in "*"; none: every exported name.
	Calls []string
}

// Limiters are the rate-limit libraries upscan recognises: Upstash's, and
// others that make a route "limited, not by Upstash".
var Limiters = []Limiter{
	{JS, "@upstash/ratelimit", true, "", nil}, {Python, "upstash_ratelimit", true, "", nil},
	{JS, "express-rate-limit", false, "store", nil}, {JS, "express-slow-down", false, "store", nil},
	{JS, "hono-rate-limiter", false, "store", nil}, {JS, "@fastify/rate-limit", false, "redis", nil},
	{JS, "fastify-rate-limit", false, "redis", nil}, {JS, "koa-ratelimit", false, "", nil},
	{JS, "rate-limiter-flexible", false, "", nil}, {JS, "@nestjs/throttler", false, "storage", nil},
	{JS, "elysia-rate-limit", false, "", nil}, {JS, "express-brute", false, "", nil}, {JS, "@hono-rate-limiter/redis", false, "", nil},
	{Python, "slowapi", false, "storage_uri", nil}, {Python, "flask_limiter", false, "storage_uri", nil},
	{Python, "django_ratelimit", false, "", nil}, {Python, "ratelimit", false, "", nil}, {Python, "fastapi_limiter", false, "", nil},
	{Python, "ratelimiter", false, "", nil}, {Python, "limits", false, "", nil},
	{Go, "golang.org/x/time/rate", false, "", []string{"Allow", "AllowN", "Wait", "WaitN", "Reserve", "ReserveN"}},
	{Go, "github.com/go-redis/redis_rate", false, "", []string{"Allow*"}},
	{Go, "github.com/ulule/limiter", false, "", nil}, {Go, "github.com/sethvargo/go-limiter", false, "", nil},
	{Go, "github.com/go-chi/httprate", false, "", nil}, {Go, "github.com/didip/tollbooth", false, "", nil},
	{Go, "github.com/labstack/echo/middleware", false, "", []string{"RateLimiter*"}},
	{Go, "github.com/labstack/echo/v4/middleware", false, "", []string{"RateLimiter*"}},
	{Go, "github.com/gofiber/fiber/middleware/limiter", false, "", []string{"New"}},
	{Go, "github.com/gofiber/fiber/v2/middleware/limiter", false, "", []string{"New"}},
	{Go, "github.com/gofiber/fiber/v3/middleware/limiter", false, "", []string{"New"}},
}

// OtherLimiter reports whether mod is a rate-limit library other than
// Upstash's, in any language.
func OtherLimiter(mod string) bool {
	_, ok := OtherLimiterOf(mod)
	return ok
}

// OtherLimiterOf returns the row of the rate-limit library other than
// Upstash's whose module mod is (an exact npm package or Python module, a
// Go import path under the module).
func OtherLimiterOf(mod string) (Limiter, bool) {
	for _, l := range Limiters {
		if !l.Upstash && (l.Module == mod || l.Lang == Go && moduleMatches(Go, l.Module, mod)) {
			return l, true
		}
	}
	return Limiter{}, false
}

// LimitCall reports whether the function or method name of Go package
// path enforces a rate limit by the Limiters table: ok is false when the
// path is no limiter's.
func LimitCall(path, name string) (limits, ok bool) {
	for _, l := range Limiters {
		if l.Lang != Go || !moduleMatches(Go, l.Module, path) {
			continue
		}
		if len(l.Calls) == 0 {
			return name != "" && name[0] >= 'A' && name[0] <= 'Z', true
		}
		for _, c := range l.Calls {
			if c == name || strings.HasSuffix(c, "*") && strings.HasPrefix(name, strings.TrimSuffix(c, "*")) {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

// EntryShapes are the texts of endpoint entries that no package import
// announces: serverless handlers, Workers, Deno and Bun servers. They feed
// the prefilter; the front-ends recognise the syntax.
var EntryShapes = []string{
	"addEventListener(", "Deno.serve", "Bun.serve", "/http/server", "async fetch(", "fetch:",
	"exports.handler", "export const handler", "export async function handler",
	"FastAPI(", "APIRouter(", "Blueprint(", "urlpatterns", "lambda_handler", "def handler(",
}

// EntryNames are the names under which frameworks and platforms call a
// module's code: HTTP method exports (Next.js, SvelteKit, Astro, Nitro),
// loaders and actions (Remix, SvelteKit), middleware and proxy (Next.js),
// Cloudflare Pages functions, serverless handlers, tRPC routers. A
// top-level declaration of one of them is always parsed, whatever it
// refers to (analyzers/slice).
var EntryNames = []string{
	"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ALL", "fallback",
	"handler", "handle", "lambda_handler", "main", "default", "fetch", "scheduled", "queue",
	"loader", "action", "actions", "load", "middleware", "proxy", "config",
	"getServerSideProps", "getStaticProps", "getInitialProps",
	"onRequest", "onRequestGet", "onRequestPost", "onRequestPut", "onRequestPatch", "onRequestDelete",
	"app", "application", "router", "appRouter", "server", "api", "urlpatterns",
}

// TLSOptions are the option names that turn TLS off or stop verifying it,
// in the SDKs and runtimes upscan reads (UPSTASH.md §3 best practice #3).
var TLSOptions = []string{"rejectUnauthorized", "NODE_TLS_REJECT_UNAUTHORIZED", "checkServerIdentity", "ssl_cert_reqs", "InsecureSkipVerify"}

// Directives are the module directives that decide where code runs.
var Directives = []string{"use client", "use server"}

// productWords name Upstash and Redis in code and env names; each is
// matched in lower, Title and UPPER case.
var productWords = []string{"upstash", "qstash", "redis", "ratelimit", "kv_rest_api"}

// CodeKeywords returns the case-sensitive words that make a JS/TS or Python
// file worth parsing, derived from the tables above: product words in
// three cases, every SDK, framework and limiter module as an import names
// it, the entry shapes, public env prefixes, TLS options and directives.
// A file with none of them is parsed only when a cross-file pass asks.
func CodeKeywords() []string {
	// useRuntimeConfig: Nuxt code reading a public runtime config key that
	// nuxt.config fills with a token (analyzers/exposure).
	set := map[string]bool{"$env/": true, "@vercel/kv": true, "QStash": true, "RateLimit": true, "rate-limit": true, "rate-limiter": true,
		"useRuntimeConfig": true}
	for _, w := range productWords {
		set[w], set[strings.ToUpper(w)] = true, true
		set[strings.ToUpper(w[:1])+w[1:]] = true
	}
	add := func(lang Lang, mod string) {
		for _, k := range importKeywords(lang, mod) {
			set[k] = true
		}
	}
	for _, s := range SDKs {
		add(s.Lang, s.Module)
	}
	for _, f := range Frameworks {
		add(f.Lang, f.Module)
	}
	for _, l := range Limiters {
		add(l.Lang, l.Module)
	}
	for _, l := range [][]string{EntryShapes, TLSOptions, Directives} {
		for _, w := range l {
			set[w] = true
		}
	}
	for _, p := range PublicPrefixes {
		set[p.Prefix] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}

// importKeywords returns the texts an import of mod always contains: the
// quoted package for JS ("express" or 'express', or the scoped name), the
// import statement words for Python, the quoted path prefix for Go.
func importKeywords(lang Lang, mod string) []string {
	switch lang {
	case Python:
		return []string{"import " + mod, "from " + mod}
	case Go:
		return []string{`"` + mod}
	}
	if strings.HasPrefix(mod, "@") {
		return []string{mod}
	}
	return []string{`"` + mod, `'` + mod, "`" + mod}
}

// ServerlessConfigs are the deployment files that put the code of their
// directory (and below) on a serverless runtime, where every instance
// keeps its own memory and a cold start empties it: a rate limiter that
// counts in process memory counts for one instance only. The value names
// the platform.
var ServerlessConfigs = map[string]string{
	"vercel.json": "Vercel", "netlify.toml": "Netlify",
	"wrangler.toml": "Cloudflare Workers", "wrangler.json": "Cloudflare Workers", "wrangler.jsonc": "Cloudflare Workers",
	"serverless.yml": "AWS Lambda (Serverless Framework)", "serverless.yaml": "AWS Lambda (Serverless Framework)",
	"zappa_settings.json": "AWS Lambda (Zappa)", "zappa_settings.yaml": "AWS Lambda (Zappa)",
}

// ServerlessAdapters are the modules that run a server app as serverless
// functions: a module importing one is on a serverless runtime. The value
// names the platform.
var ServerlessAdapters = map[string]string{
	"serverless-http": "AWS Lambda (serverless-http)", "@vendia/serverless-express": "AWS Lambda (serverless-express)",
	"@codegenie/serverless-express": "AWS Lambda (serverless-express)", "aws-serverless-express": "AWS Lambda (aws-serverless-express)",
	"hono/vercel": "Vercel", "hono/aws-lambda": "AWS Lambda", "hono/netlify": "Netlify", "hono/cloudflare-pages": "Cloudflare Pages",
	"@netlify/functions": "Netlify", "@vercel/node": "Vercel", "@vercel/functions": "Vercel", "firebase-functions": "Cloud Functions for Firebase",
	"@sveltejs/adapter-vercel": "Vercel", "@sveltejs/adapter-netlify": "Netlify", "@sveltejs/adapter-cloudflare": "Cloudflare Pages",
	"@astrojs/vercel": "Vercel", "@astrojs/netlify": "Netlify", "@astrojs/cloudflare": "Cloudflare Pages",
	"@google-cloud/functions-framework": "Google Cloud Functions", "@azure/functions": "Azure Functions",
	"mangum": "AWS Lambda (Mangum)", "serverless_wsgi": "AWS Lambda (serverless-wsgi)", "awsgi": "AWS Lambda (awsgi)",
	"apig_wsgi": "AWS Lambda (apig-wsgi)", "functions_framework": "Google Cloud Functions", "azure.functions": "Azure Functions",
}

// ServerlessAdapterOf returns the platform of the serverless adapter module
// mod (an npm package or subpath, a Python module or submodule).
func ServerlessAdapterOf(mod string) (string, bool) {
	if p, ok := ServerlessAdapters[mod]; ok {
		return p, true
	}
	top, _, _ := strings.Cut(mod, ".")
	p, ok := ServerlessAdapters[top]
	return p, ok && !strings.HasPrefix(mod, "@")
}
