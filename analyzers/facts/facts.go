// Package facts defines the small per-file records that the per-file
// analyzers (jsts, python, configs) emit and the cross-file analyses in
// analyzers/project consume: imports and exports, directives, Upstash client
// constructions with the origin of their URL and token, the commands called
// on them, env variable reads and env file entries. A file is parsed once;
// everything cross-file works on these records only.
//
// Facts never hold a secret value: a literal credential is kept as a
// rules.Redacted, a literal URL only as its host and scheme.
package facts

import (
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Pos is a 1-based line and column (UTF-8 bytes) in the file the fact is from.
type Pos struct {
	Line, Col int
}

// File is everything one file contributes to the cross-file analyses.
type File struct {
	Path string // slash-separated, as findings print it
	Lang Lang

	// Directive is "use client" or "use server" when the module starts with
	// it (before any import); "" otherwise.
	Directive string
	// ClientSide is true when the file is browser code by convention alone:
	// a .svelte/.vue/.astro client <script>, static HTML/JS under public/,
	// an Expo/React Native screen. "use client" is in Directive instead.
	ClientSide bool

	Imports  []Import
	Exports  []Export
	Clients  []Client
	EnvReads []EnvRead
	// PublicConfigReads are reads of Nuxt's public runtime config in code
	// (useRuntimeConfig().public.upstashToken).
	PublicConfigReads []PublicConfigRead
	EnvVars           []EnvVar  // only for env files and CI/deploy configs
	TSConfig          *TSConfig // only for tsconfig.json / jsconfig.json
	Package           *Package  // only for package.json and pnpm-workspace.yaml
	// LambdaRoutes are the AWS Lambda functions a deployment config
	// (serverless.yml, an AWS SAM template) wires to HTTP events.
	LambdaRoutes []LambdaRoute

	// Uses are the methods called on names imported from other modules
	// (`import { redis } from "@/lib/redis"; await redis.get(k)`), one entry
	// per local binding that has any: analyzers/project follows them to the
	// module that built the client (UPS501).
	Uses []Use
	// Headers are the Upstash-* HTTP header names the module reads, from
	// string literals ("Upstash-Signature" in req.headers.get(…)) or Python
	// parameters (`upstash_signature: str = Header()`), lower-cased with
	// dashes: "upstash-signature", "upstash-message-id". Evidence that the
	// module receives QStash deliveries (UPS504).
	Headers []Header

	// Rate-limit facts (see Func): the module's functions, route
	// registrations, @upstash/ratelimit limiters, limit calls, and a
	// middleware's config.matcher (nil when the module exports none;
	// non-nil and empty for `matcher: []`).
	Funcs      []Func
	Routes     []Route
	Limiters   []Limiter
	LimitCalls []LimitCall
	Matchers   []Matcher
	// Checks are the auth guards and verifiers the module calls
	// (upstash.Guards, upstash.GuardByName, shared-secret comparisons):
	// who may call the code that runs after them.
	Checks []Check
	// OtherLimits are rate limits that are not @upstash/ratelimit:
	// hand-rolled counters, platform bindings and other libraries' limiters.
	OtherLimits []OtherLimit
	// Unverified are the positions of Upstash Workflow serve() calls whose
	// options turn signature verification off (`receiver: undefined`, null
	// or false): anyone can start such a workflow.
	Unverified []Pos
	// Deliveries are the QStash messages the module sends to an HTTP
	// endpoint (publishJSON, enqueue, batch, schedules.create, Workflow
	// trigger) with the URL path they target: the receivers of a
	// project are found from them (analyzers/scope, UPS504).
	Deliveries []Delivery
	// Verifies are the QStash signature checks the module makes:
	// Receiver.verify calls and verifySignature* wrappers (UPS505).
	Verifies []Verify
	// Procedures are the entries of the module's tRPC router literals
	// (`createTRPCRouter({ hello: publicProcedure.query(fn), post:
	// postRouter })`, `mergeRouters(a, b)`): each procedure is an endpoint
	// of whatever serves the router (fetchRequestHandler,
	// createNextApiHandler, an adapter), with the builder it starts from.
	Procedures []Procedure

	// Exposure facts (analyzers/exposure, UPS201–UPS204). DirectivePos is
	// where the Directive string is (zero when Directive is "");
	// ConfigExposures are the settings of a framework build config (next.config,
	// vite.config, svelte.config, astro.config, nuxt.config, webpack
	// DefinePlugin) that put environment values into browser bundles.
	DirectivePos    Pos
	ConfigExposures []ConfigExposure
	// Transport facts (analyzers/transport decides UPS301–UPS303 from
	// them): the URLs to Upstash hosts the file writes, as resolved values;
	// the options and settings that weaken TLS, with what they are attached
	// to; and the TCP Redis clients configured by host, with their TLS state.
	URLs    []URL
	WeakTLS []WeakTLS
	TCP     []TCPClient

	// Notes are problems reading the file (a syntax error region, a parse
	// timeout): the facts are partial. Never contains file content.
	Notes []string
	// Sliced is true when the front-end parsed only the top-level
	// statements that can hold a fact (analyzers/slice): declarations that
	// use nothing imported and nothing of the kept code are missing. A
	// cross-file pass that follows calls into the module asks for it whole
	// (modgraph.Walk.Whole).
	Sliced bool
}

// Lang is the language a file was read as.
type Lang string

// Languages.
const (
	JS     Lang = "js"
	TS     Lang = "ts"
	TSX    Lang = "tsx"
	Python Lang = "python"
	Go     Lang = "go"
	Env    Lang = "env"    // .env* files
	Config Lang = "config" // CI/deploy configs: workflows, vercel.json, netlify.toml, docker-compose…
)

// Import is one import of a module: ESM import/export-from, dynamic import(),
// CommonJS require, Python import/from-import.
type Import struct {
	Spec  string   // module specifier as written: "@/lib/redis", "./redis", "@upstash/redis", "app.cache"
	Names []string // local names bound ("redis", "default" for a default import, "*" for a namespace)
	Pos   Pos
	// Bindings pair each imported name with the local name it is bound to,
	// which Names cannot say for `import { redis as kv }` or a default
	// import. Empty for a side-effect import (`import "./setup"`).
	Bindings []Binding
	// TypeOnly is true for `import type …` and `export type … from`: the
	// import is erased at build time and bundles nothing.
	TypeOnly bool
	// ServerOnly marks an import in server-only code of a ClientSide file:
	// the frontmatter of an .astro component, which runs at build/SSR time
	// while its <script> elements run in the browser (jsts). Client
	// reachability must not follow it.
	ServerOnly bool
}

// Binding is one name an import binds. `import { redis as kv } from "./r"`
// is {Imported: "redis", Local: "kv"}; a default import (and `const kv =
// require("./r").default`) has Imported "default"; a namespace import
// (`import * as db`, `const db = require("./r")`, Python `import app.cache
// as db`) has Imported "*". Destructured require (`const { redis } =
// require("./r")`) and Python `from app.cache import redis` bind the name
// itself: {Imported: "redis", Local: "redis"}.
type Binding struct {
	Imported string
	Local    string
}

// Use is what a module does with one name it imported: the methods called on
// it, in source order.
type Use struct {
	Local string // the local binding (a Binding.Local of one of the file's Imports)
	// Commands are the member calls on Local: "get", "json.get"; for a
	// namespace binding the path after it (`db.redis.get()` is "redis.get").
	// A Command named Escaped records a use other than a method call.
	Commands []Command
}

// Escaped is the Command.Name recorded, in Client.Commands or Use.Commands,
// when the binding is used other than by calling a method on it: passed as
// an argument or option (`new Ratelimit({ redis })`), returned, assigned to
// another name or exported under a factory. For a namespace binding the
// member path is kept: `fn(db.redis)` is "redis.(escaped)". Analyses must
// assume such a client may run any command.
const Escaped = "(escaped)"

// Delivery is one QStash send to an HTTP endpoint: `client.publishJSON({
// url: `${base}/api/jobs` })`, `schedules.create({ destination })`,
// `queue.enqueueJSON({ url })`, `batchJSON([{ url }])`, Workflow
// `client.trigger({ url })`; Python `client.message.publish_json(url=…)`.
type Delivery struct {
	Call string // the method called: "publishJSON", "schedules.create", "publish_json"
	// Path is the URL's path as far as the code writes it, each
	// substitution (`${id}`, a variable) as "*": "/api/jobs",
	// "/api/users/*". "" when the URL has no constant path.
	Path string
	Pos  Pos
}

// Verify is one QStash signature check: `receiver.verify({ signature,
// body, url })` (Python `receiver.verify(signature=…, body=…, url=…)`) or
// a verifySignature* wrapper call (`verifySignatureAppRouter(handler)`).
type Verify struct {
	Call string // "Receiver.verify", or the wrapper's name: "verifySignatureAppRouter"
	// Wrapper is true for a verifySignature* wrapper of @upstash/qstash,
	// which never passes the endpoint URL to Receiver.verify.
	Wrapper bool
	// URL is true when the verify options name the endpoint URL (`url`):
	// the signature's sub claim is then checked.
	URL bool
	// Known is true when every option of the call could be read (an
	// object literal or keyword arguments without a spread).
	Known bool
	Pos   Pos
}

// Header is one Upstash-* HTTP header name read by the module.
type Header struct {
	Name string // lower-case: "upstash-signature"
	Pos  Pos
}

// Export is one exported binding of the module. A property of a default-
// exported object literal that names a local binding (`export default {
// fetch: app.fetch }`, a Worker) is exported as "default.fetch" with that
// binding as Local (analyzers/jsts; for rate-limit endpoint discovery).
type Export struct {
	Name  string // exported name; "default" for the default export
	Local string // local binding it exports, when different or known
	Pos   Pos
	// From is the module specifier of a re-export: `export { redis } from
	// "./redis"` is {Name: "redis", Local: "redis", From: "./redis"};
	// `export * from "./redis"` is {Name: "*", From: "./redis"}. "" for a
	// local binding.
	From string
}

// Origin says where a client option's value comes from.
type Origin uint8

// Origins, from least to most informative.
const (
	Absent     Origin = iota // option not given (the SDK default applies, e.g. fromEnv)
	Unknown                  // an expression upscan cannot follow
	Literal                  // a string literal in the code
	FromEnv                  // an environment variable read (process.env.X, import.meta.env.X, os.environ["X"], $env/static/*)
	FromImport               // an identifier imported from another module (see Value.From)
)

// Value is the origin of a client option such as url or token.
type Value struct {
	Origin Origin
	Env    string         // FromEnv: the variable name
	Public bool           // FromEnv: exposed to the browser by naming (NEXT_PUBLIC_, VITE_, …) or $env/static/public
	Host   string         // Literal URL: the host (never a credential)
	Scheme string         // Literal URL: "https", "rediss", "redis", "http"
	Secret rules.Redacted // Literal credential: redacted; zero for URLs
	From   string         // FromImport: the module specifier the identifier comes from
	Name   string         // FromImport: the imported name
	Pos    Pos
}

// Product is the Upstash product (or generic Redis client) a client talks
// to: the domain's upstash.Product.
type Product = upstash.Product

// Products, as the domain names them.
const (
	Redis          = upstash.Redis
	RedisTCP       = upstash.RedisTCP
	QStash         = upstash.QStash
	Vector         = upstash.Vector
	Search         = upstash.Search
	Ratelimit      = upstash.Ratelimit
	QStashReceiver = upstash.QStashReceiver
)

// Client is one construction of an Upstash (or Redis) client:
// `new Redis({url, token})`, `Redis.fromEnv()`, `createClient(...)`,
// `new Client({token})`, `new Index()`, `Redis(host=…, ssl=False)`…
type Client struct {
	Product Product
	SDK     string // import specifier of the constructor's module: "@upstash/redis", "ioredis", "upstash_redis", "redis"
	Var     string // local binding the client is assigned to; "" when not bound
	// Factory is the module-level function that hands the client out:
	// `function getRedis() { return new Redis(…) }`, a memoised
	// `const getRedis = () => (client ??= Redis.fromEnv())`, Python
	// `def get_redis(): return Redis.from_env()`. Commands run on its
	// result are the client's (in this file) or, in modules that import
	// it, a facts.Use whose Local is the imported name followed by "()".
	Factory string
	Default bool // built from the SDK's default env names (Redis.fromEnv(), new Index() with no options, @vercel/kv `kv`)
	URL     Value
	Token   Value
	// ReadOnlyToken is true when Token is known to be a read-only token
	// (decoded literal, or an env name such as KV_REST_API_READ_ONLY_TOKEN).
	ReadOnlyToken bool
	// InsecureTLS holds the positions of options that turn TLS off or stop
	// verifying it: rejectUnauthorized: false, tls: false, ssl=False, ssl_cert_reqs=None…
	InsecureTLS []Pos
	Commands    []Command // methods called on Var in this file, in source order
	// Local is true when the client talks to a local development server
	// (QStash devMode: true): no Upstash usage, no cost.
	Local bool
	Pos   Pos

	// Exposure facts (analyzers/exposure, UPS202): the last byte of the
	// construction, and why the code around it runs in the browser by
	// where it is.
	End     Pos
	Browser Browser
}

// Command is one method called on a client: redis.get(...), redis.set(...).
type Command struct {
	Name string // lower-case method name: "get", "set", "pipeline", "publishJSON"
	Pos  Pos
}

// EnvRead is one read of an environment variable in code.
type EnvRead struct {
	Name   string
	Public bool // public by naming convention or by the module it is read from
	Pos    Pos

	// Exposure facts (analyzers/exposure, UPS202): the last byte of the
	// read, and why the code around it runs in the browser by where it is.
	End     Pos
	Browser Browser
}

// PublicConfigRead is one read of a key of Nuxt's public runtime config:
// `useRuntimeConfig().public.upstashToken`, `config.public.upstashToken`
// where `config = useRuntimeConfig()`, or `$config.public.upstashToken`.
// analyzers/exposure matches Key with nuxt.config's runtimeConfig.public.
type PublicConfigRead struct {
	Key      string
	Pos, End Pos
	Browser  Browser // why the code around it runs in the browser by where it is
}

// EnvVar is one variable assignment in an env file or a CI/deploy config.
// Value is never kept; only what the analyses need to know about it.
type EnvVar struct {
	Name   string
	Public bool // the name carries a public prefix (NEXT_PUBLIC_, VITE_, …)
	// Kind is the credential kind the value decodes as ("redis-rest-token",
	// "redis-read-only-token", …), or "" when it is not a credential.
	Kind   string
	Secret rules.Redacted // zero unless Kind != ""
	Host   string         // the Upstash host when the value is an Upstash URL
	Scheme string         // that URL's scheme
	Pos    Pos
	// Environment is the deployment environment the config assigns the
	// value to, as the config names it: a workflow job's `environment:` or
	// job id, netlify.toml [context.production], wrangler.toml [env.staging],
	// a compose service or fly app name that says prod/staging. "" when the
	// config does not say (env files: analyzers/project reads the file name,
	// .env.production → production).
	Environment string

	// Exposure facts (analyzers/exposure, UPS201). End is the last byte of
	// the value (of the name when the value is empty). Credential is the
	// value's classification (its Kind is Kind above; ReadOnly, Dev and
	// Label say more; zero when Kind is ""). Refs are the variables the
	// value references that the file does not define (${KV_REST_API_TOKEN},
	// ${{ secrets.QSTASH_TOKEN }}); Via is the first reference when the
	// value was expanded from ones it does define.
	End        Pos
	Credential upstash.Credential
	Refs       []string
	Via        string

	// Scope facts (analyzers/scope, UPS503). Production says why the
	// assignment reaches a production deployment ("a production workflow
	// job", ".env.production"), "" when the file does not say it does.
	// DevFlag is the lower-cased value of a QSTASH_DEV-style switch when it
	// turns dev mode on ("true", "1", "yes", "on"), "" otherwise.
	Production string
	DevFlag    string
}

// TSConfig is the module resolution part of a tsconfig.json/jsconfig.json:
// what `@/lib/redis` means. Dir is the slash-separated directory of the file.
type TSConfig struct {
	Dir     string
	BaseURL string              // compilerOptions.baseUrl, relative to Dir; "" when unset
	Paths   map[string][]string // compilerOptions.paths, e.g. "@/*": ["./src/*"]
	Extends string              // extends, as written; resolved by the reader when relative
}

// LambdaRoute is one HTTP event of an AWS Lambda function in a deployment
// config: serverless.yml `events: - http: {path, method}` or `- httpApi`,
// an AWS SAM function's `Events: {Type: Api|HttpApi, Properties: {Path,
// Method}}`. The function is then an HTTP endpoint, not only "if invoked
// over HTTP".
type LambdaRoute struct {
	// Handler is the handler as the config names it, relative to the
	// config's directory (SAM's CodeUri joined): "src/feed.main" is the
	// export main of src/feed.{ts,js,…} or the function main of src/feed.py.
	Handler string
	// Method is upper-case, "ANY" for every method; "" when the config
	// gives the function no HTTP trigger at all (an SQS consumer, a
	// schedule): the handler is then no endpoint.
	Method string
	Path   string // "/users/{id}"; "*" when the event names none
	Pos    Pos    // the event in the config
}

// Package is the module-resolution part of a package.json (what
// `import { redis } from "@acme/cache"` means in a monorepo) or of a
// pnpm-workspace.yaml (Workspaces only). Dir is the slash-separated
// directory of the file.
type Package struct {
	Dir  string
	Name string // "name"; "" when unset
	// Entries maps a subpath ("." for the package itself, "./redis") to the
	// files it may stand for, most source-like first: the targets of
	// "exports" (conditions source, import, module, default, require, node,
	// types, then any other), and for "." also module, main and types. A
	// "./*" key maps a wildcard subpath.
	Entries map[string][]string
	// Workspaces are the workspace globs it declares ("packages/*",
	// "apps/*"): package.json "workspaces" (an array or {packages}), or
	// pnpm-workspace.yaml "packages".
	Workspaces []string
}

// The facts below feed the rate-limit analyses (UPS401–UPS404 and the
// endpoint coverage table, analyzers/project): the functions of a module and
// the module-level names each refers to, route registrations, the
// @upstash/ratelimit limiters built and the .limit() calls with what is done
// with their result, and a middleware's config.matcher. Endpoint shapes and
// what proves a limit: UPSTASH.md §4.

// Func is one function of the module: a declaration, a function or arrow
// expression, a method, a Python def; or a module-level binding initialised
// by a call (`export const POST = verifySignatureAppRouter(handler)`, `const
// app = express()`, `export default defineEventHandler(…)`), whose extent is
// the declarator (or the call), so that the functions in its arguments are
// its children. Analyses attribute the other facts of the file (commands,
// limit calls, constructions) to the innermost Func whose extent holds
// their position.
type Func struct {
	// Name is the local binding: the declared name, the variable an
	// expression is assigned to, an object key or method name, and for a
	// method of a class "Class.method"; for a destructuring binding
	// (`export const { GET, POST } = serve(…)`) the names bound,
	// comma-separated. "" when anonymous (an inline callback).
	Name string
	// Export is the name the module exports the function under when the
	// export is written at the function itself rather than by local name:
	// "default" (export default function () {}, export default wrap(…),
	// module.exports = …), "handler" (exports.handler = …), "default.fetch"
	// (export default { fetch() {} }), "actions.default" (export const
	// actions = { default: async () => {} }). "" otherwise: `export async
	// function GET` is listed in File.Exports by its local name.
	Export string
	// Parent is the index in File.Funcs of the enclosing Func, -1 at module level.
	Parent int
	// Callee is set for a binding initialised by a call: the callee as
	// written, "new " first for a constructor ("verifySignatureAppRouter",
	// "express.Router", "new Hono", "APIRouter").
	Callee string
	// UseServer is true when the body starts with the "use server"
	// directive: an inline Next.js server action.
	UseServer bool
	// DevOnly is true when the body starts by returning or throwing when
	// NODE_ENV is production (`if (process.env.NODE_ENV === "production")
	// return …`): the function does nothing in production.
	DevOnly bool
	// Decorators are the Python decorators, as written without arguments:
	// "app.get", "limiter.limit", "csrf_exempt".
	Decorators []string
	Pos, End   Pos // extent: first byte and last byte
	// Refs are the module-level names (imports, top-level functions and
	// variables) the function's own body refers to, first occurrence each
	// in source order; the bodies of nested Funcs have their own.
	Refs []Ref
}

// Ref is one reference to a module-level name: `getUser(id)` is {Name:
// "getUser"}, `db.getUser(id)` is {Name: "db", Member: "getUser"}. In a
// Route's Handlers an inline function argument is {Pos: the function's Pos}
// with Name "", and a call argument (`rateLimit({…})`, `withAuth(handler)`)
// has Call set.
type Ref struct {
	Name   string
	Member string // the first property read on Name, if any
	Call   bool   // Route.Handlers only: the argument calls Name[.Member]
	// Value is set on a Func's Ref without Member when some reference of
	// Name in the function is not a call of it: passed as an argument or a
	// JSX attribute (`<form action={save}>`), assigned, returned. A "use
	// server" action handed to client code that way is an endpoint.
	Value bool
	// Use is set on a Func's Ref without Member that calls Name: what the
	// caller does with the value the call returns (ResultChecked when it
	// decides a condition, ResultPassed when returned or handed on,
	// ResultIgnored when discarded), the best over the function's calls.
	// A limiter helper's `return { success }` is enforced only by a caller
	// that checks it.
	Use LimitResult
	Pos Pos
}

// Route is one route registration: Express/Hono/Fastify/Koa
// `app.get("/x", mw, handler)`, `router.use("/api", sub)`, `app.route("/api",
// sub)`, `fastify.route({method, url, handler})`, Azure `app.http(name,
// {…})`, Google Cloud `functions.http(name, fn)`, `Deno.serve(fn)`,
// `addEventListener("fetch", fn)`; Python `@app.get("/x")` and other route
// decorators, `app.include_router(r, prefix=…)`, Django `path("x/", view)`;
// and declarations that give routes a prefix (`APIRouter(prefix="/x")`,
// `Blueprint(…, url_prefix="/x")`, `new Router({prefix: "/x"})`), whose Call
// is the class and Recv the variable.
type Route struct {
	Recv string // the object called on: "app", "router", "fastify", "Deno"; "" for a plain call (Django path())
	Call string // the method or function called: "get", "use", "route", "on", "register", "http", "serve", "path", "include_router"
	// Methods are the HTTP methods the registration names, upper-case:
	// from the method name (get → GET), `methods=[…]`, Fastify's `method:`,
	// Hono's app.on("GET", …). Empty: every method, or not a verb route.
	Methods []string
	Path    string // path or prefix literal as written: "/users/:id", "/api/*"; "" when none
	// Dynamic is true when the path is an expression upscan cannot read.
	Dynamic bool
	// Handlers are the arguments after the path (middleware and handler,
	// in order), or the handler of a decorator (the decorated function).
	Handlers []Ref
	// Include is the module a Django include("app.urls") mounts.
	Include string
	// Auth is the platform authorisation the registration demands, when
	// not public: Azure Functions' authLevel "function" (the default) or
	// "admin" (a key is required). "" for a public route.
	Auth string
	Pos  Pos
}

// Limiter is one construction of an @upstash/ratelimit (or Python
// upstash_ratelimit) limiter: `new Ratelimit({redis, limiter, …})`.
type Limiter struct {
	Var      string // the binding it is assigned to; "" when not bound
	Pos, End Pos    // extent of the construction
	// EphemeralCache is true when the options set ephemeralCache (to a Map
	// or to false): the docs' in-memory cache of blocked identifiers, which
	// only works when the limiter outlives one request.
	EphemeralCache bool
	// Kept is true when the construction outlives the call that builds it:
	// assigned to an existing variable or property, or stored in a map (a
	// factory's lazy singleton).
	Kept bool
}

// LimitCall is one call that enforces a rate limit: `.limit(id)` or
// `.blockUntilReady(id, ms)` (Python `.limit(id)`, `.block_until_ready(id)`)
// on a receiver that is (or may be) a limiter: a Limiter of the module, an
// imported binding, or any receiver in a module importing the ratelimit SDK.
type LimitCall struct {
	Recv   string // the receiver as written: "ratelimit", "this.limiter", "limiters.api"
	Method string // "limit", "blockUntilReady", "block_until_ready"
	Pos    Pos
	Result LimitResult
	ID     Identifier
	// Anonymous is set when the limit runs only for callers who say who
	// they are (`if (session) { await ratelimit.limit(session.user.id) }`,
	// `if (apiKey) …`, nothing stops the others) and the function then
	// calls the handler or next() either way: anonymous callers skip it.
	Anonymous bool
}

// OtherLimit is one rate limit that is not @upstash/ratelimit, where it is
// applied or built: a hand-rolled counter (INCR/INCRBY and an expiry, or a
// Lua script, keyed by a request-derived value, compared with a threshold
// that rejects or whose outcome is returned), a Cloudflare rate-limit
// binding whose result is checked (`env.LIMITER.limit({ key })`), or a
// limiter of another library (upstash.Limiters) built at Pos.
type OtherLimit struct {
	// What names it: a library module ("express-rate-limit"), or
	// OtherCounter, OtherScript, OtherBinding.
	What string
	Pos  Pos
	// Memory is true when the limiter keeps its counters in process
	// memory: a library's default store, no shared store option given.
	Memory bool
}

// Procedure is one entry of a tRPC router literal: a procedure
// (`update: protectedProcedure.input(schema).mutation(async (opts) => …)`)
// or a sub-router (`user: userRouter`, a `mergeRouters` argument). Inline
// routers (`admin: router({ ban: … })`) are flattened into dotted keys.
type Procedure struct {
	// Router is the module-level binding the router is assigned to:
	// "appRouter"; "" when it is not bound.
	Router string
	// Key is the dotted path in that router: "hello", "admin.ban"; "" for
	// a mergeRouters argument, whose procedures keep their own keys.
	Key string
	// Kind is "query", "mutation" or "subscription"; "" for a sub-router.
	Kind string
	// Builder is the procedure chain's start as written: "publicProcedure",
	// "t.procedure", "protectedProcedure".
	Builder string
	// Uses are the middleware of the chain's `.use(…)` calls: a name, or
	// {Pos} of an inline function.
	Uses []Ref
	// Handler is the resolver: a name, or {Pos} of an inline function.
	Handler Ref
	// Sub is a sub-router's name (Kind ""): "userRouter".
	Sub string
	Pos Pos
}

// OtherLimit.What of the limits no library names.
const (
	OtherCounter = "hand-rolled counter (INCR + EXPIRE)"
	OtherScript  = "hand-rolled counter (Lua script)"
	OtherBinding = "Cloudflare rate-limit binding"
)

// LimitResult is what the code does with a limit call's result.
type LimitResult uint8

// Limit results.
const (
	// ResultUnknown: upscan cannot tell.
	ResultUnknown LimitResult = iota
	// ResultChecked: the success flag (JS `success`, Python `.allowed`)
	// decides a condition: if, ternary, loop or logical test.
	ResultChecked
	// ResultPassed: the result (or its flag) is returned or handed to
	// other code, which may check it.
	ResultPassed
	// ResultIgnored: the result is discarded, or its flag is read but
	// never decides anything (only copied into a response body).
	ResultIgnored
)

// Identifier is what a limit call's identifier (first argument) is made of.
type Identifier struct {
	Kind IdentifierKind
	// Value is the literal for IDConstant (at most 64 bytes) and the
	// lower-case header name for IDHeader; "" otherwise.
	Value string
	// Fallback is true when a constant default follows the value
	// (`ip ?? "127.0.0.1"`, `x or "anonymous"`): the docs' own pattern.
	Fallback bool
}

// IdentifierKind classifies a limit identifier.
type IdentifierKind uint8

// Identifier kinds.
const (
	IDUnknown  IdentifierKind = iota // an expression upscan does not classify (a user ID, an API key…)
	IDConstant                       // a string literal: one bucket for every caller
	IDHeader                         // a request header the client can set: x-forwarded-for, x-real-ip
	IDAddress                        // the connection or platform-set address: request.ip, ipAddress(req), cf-connecting-ip, request.client.host
)

// Check is one call or comparison that decides who may go on: an auth
// guard (`getServerSession()`, `auth.protect()`, `requireAdmin()`), a
// webhook verifier (`stripe.webhooks.constructEvent`, Svix `wh.verify`,
// `timingSafeEqual`), or a request header compared with a secret env
// variable (authorization compared with "Bearer " + process.env.CRON_SECRET).
// The function it runs in is the innermost Func holding Pos.
type Check struct {
	Caller upstash.Caller // what passing it proves
	// What names it: the table row's label, the function name for a guess
	// by name, "CRON_SECRET header check" for a comparison.
	What string
	// ByName is true when only the name suggests a guard (a local
	// `requireAuth()`, `Depends(get_current_user)`): weaker evidence.
	ByName bool
	// Rejects is true when a failed check stops the request: the call
	// throws or redirects by itself, or its result decides a condition whose
	// branch returns, throws or redirects. Passed is true when the result is
	// returned or handed on (a helper), so that the caller may check it.
	Rejects, Passed bool
	// Wraps is true for a wrapper or middleware factory (`withAuth(handler)`,
	// `authMiddleware()`, `@login_required`): the code it wraps runs after it.
	Wraps bool
	Pos   Pos
}

// Matcher is one entry of a Next.js middleware/proxy `export const config =
// { matcher }`: a string, an array element, or an object's `source`. Pattern
// is "" when the entry is not a literal upscan can read.
type Matcher struct {
	Pattern string
	Pos     Pos
}

// The facts below feed the exposure pass (analyzers/exposure, UPS202 and
// UPS203): why code runs in the browser, and what a build config exposes.
// Facts: UPSTASH.md §3.

// Browser is why code runs in the browser by where it is: the kind of file
// (a component, a static script) or of script block. A "use client"
// directive is File.Directive instead.
type Browser uint8

// Browser conventions.
const (
	NotBrowser         Browser = iota // nothing but a directive may make it browser code
	SvelteComponent                   // a .svelte component
	VueComponent                      // a .vue component
	HTMLPage                          // an inline <script> of a static .html page
	SvelteKitUniversal                // +page.ts / +layout.ts: a universal load module, which runs in the browser too
	StaticPublic                      // a .js file under public/, served as is
	StaticDir                         // a .js file under static/, served as is
	ReactNative                       // a module importing react-native (an app bundle)
	AstroScript                       // a <script> of an .astro component, bundled for the browser
	ClientScript                      // another <script> block that runs in the browser
)

// ConfigExposure is one setting of a framework build config that puts
// environment values into browser bundles: an entry of a map the build
// inlines or sends to the browser (next.config env, Vite define, webpack
// DefinePlugin, publicRuntimeConfig, Nuxt runtimeConfig.public), a key of
// Astro's env schema declared with context "client", or a prefix that makes
// variables public (Vite envPrefix, SvelteKit publicPrefix).
type ConfigExposure struct {
	Setting Setting
	// Framework is the config file's framework, from its name: "next",
	// "nuxt", "vite", "svelte", "astro", "webpack".
	Framework string
	What      Exposed
	// Key is the map entry's key as written ("__UPSTASH_TOKEN__",
	// "process.env.UPSTASH_REDIS_REST_TOKEN"), the schema key, or for
	// SettingEnvPrefix and SettingPublicPrefix the prefix ("" included).
	Key string
	// Env is the Upstash credential env variable the entry's value reads
	// (ExposedEnv).
	Env string
	// ReadOnly is true when the exposed credential is read-only: by the
	// name of Env or Key, or as its literal decodes.
	ReadOnly bool
	Secret   rules.Redacted // ExposedLiteral: the literal credential, redacted
	Pos, End Pos            // the entry (for ExposedWholeEnv, the map)
	// Value is where the token value is read inside the entry (ExposedEnv,
	// ExposedValue); zero when it is the entry itself.
	Value Pos
}

// Setting is the build-config setting a ConfigExposure is in.
type Setting uint8

// Build-config settings.
const (
	SettingEnv                 Setting = iota + 1 // next.config env (nuxt.config env in Nuxt 2)
	SettingPublicRuntimeConfig                    // publicRuntimeConfig (Next.js pages router, Nuxt 2)
	SettingRuntimeConfigPublic                    // nuxt.config runtimeConfig.public
	SettingDefine                                 // Vite define
	SettingDefinePlugin                           // new webpack.DefinePlugin({…})
	SettingAstroEnvSchema                         // astro.config env.schema
	SettingEnvPrefix                              // Vite envPrefix (one fact per prefix)
	SettingPublicPrefix                           // SvelteKit kit.env.publicPrefix
)

// Exposed is what a ConfigExposure puts into the bundle.
type Exposed uint8

// What an exposing setting holds.
const (
	ExposedWholeEnv  Exposed = iota + 1 // the map is the whole environment (env: process.env)
	ExposedEnvKey                       // the entry maps process.env or import.meta.env to the whole environment
	ExposedEnv                          // the entry's value reads an Upstash credential env variable (Env)
	ExposedLiteral                      // the entry's value is a literal Upstash credential (Secret)
	ExposedValue                        // the entry's value is computed (Key names what it holds)
	ExposedClientKey                    // an env schema key declared with context "client"
	ExposedPrefix                       // a public prefix (Key)
)
