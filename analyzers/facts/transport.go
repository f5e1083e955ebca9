package facts

import "github.com/upscan/upscan/upstash"

// The transport facts below feed analyzers/transport (UPS301–UPS303). Front-
// ends record what the code says; the pass decides which host counts
// (upstash.IsServiceHost), how sure it is and what to report.

// URL is one URL-valued expression whose resolved text names an Upstash
// host (upstash.IsUpstashHost: web sites and Fly.io hosts included): a
// string literal, a template literal, f-string or fmt.Sprintf format with
// constant parts, a concatenation ("redis://default:" + process.env.PW +
// "@host.upstash.io:6379"), an env or config value with ${VAR} references.
// Parts upscan cannot read are holes (upstash.Hole); a URL is recorded only
// when its scheme and host are constant (upstash.FindURLs). The password,
// path and other query parameters are never kept.
type URL struct {
	Scheme string // lower-case, without "://": "redis", "rediss", "http", "https"
	Host   string // lower-case, without user information or port
	// CertReqs is the lower-case value of the URL's ssl_cert_reqs query
	// parameter ("none", "required"); "" when absent.
	CertReqs string
	// CheckHostname is the lower-case value of the URL's ssl_check_hostname
	// query parameter ("false", "true"); "" when absent.
	CheckHostname string
	// Holes is true when parts of the URL (the password, typically) come
	// from expressions upscan cannot resolve.
	Holes bool
	// Pos is the scheme's first byte; End the URL's last byte (the end of
	// the expression when the URL was assembled from parts).
	Pos, End Pos
}

// WeakTLS is one option or setting that turns TLS certificate verification
// off: rejectUnauthorized: false, a checkServerIdentity stub,
// NODE_TLS_REJECT_UNAUTHORIZED=0 (in code, env files and CI configs),
// Python ssl_cert_reqs=None / ssl.CERT_NONE / ssl_check_hostname=False,
// requests/httpx verify=False, Go InsecureSkipVerify: true. Every such
// option is recorded; the pass reports those with evidence of Upstash.
type WeakTLS struct {
	// Option is the option as upscan normalises it for messages:
	// "rejectUnauthorized: false", "checkServerIdentity stub",
	// "NODE_TLS_REJECT_UNAUTHORIZED=0", "ssl_cert_reqs=None", "verify=False",
	// "InsecureSkipVerify: true".
	Option string
	// Process is true when the setting applies to every TLS connection of
	// the process (NODE_TLS_REJECT_UNAUTHORIZED), not to one client.
	Process bool
	// On is what the option is given to, as messages name it: a client
	// library ("ioredis", "redis-py", "go-redis", "@upstash/redis"), an HTTP
	// call or transport ("requests.get", "net/http"); "" for a bare options
	// object.
	On string
	// Evidence is what says the connection goes to Upstash.
	Evidence Evidence
	// DevOnly is true when the setting is in a development or test env
	// file or config (configs).
	DevOnly  bool
	Pos, End Pos
}

// Evidence is what names Upstash next to a fact, in the same call, options
// object or (Go) function, best first. The zero value is no evidence.
type Evidence struct {
	// Host is a literal host the connection goes to, lower-case: the
	// client's own host (any host: a non-Upstash one rules Upstash out), or
	// an Upstash host named nearby.
	Host string
	// SDK is the Upstash SDK the option is passed to ("@upstash/redis",
	// "github.com/upstash/qstash-go"): the connection is Upstash's by
	// construction. "" otherwise.
	SDK string
	// Env is the env variable the host comes from, or an env variable read
	// nearby whose name says Upstash (upstash.IsUpstashEnvName); "" when none.
	Env string
	// Comment is true when the only word of Upstash is a comment in the
	// options (JS/TS, Python) or the function (Go): "// Upstash requires
	// TLS" above tls: { rejectUnauthorized: false }. The weakest evidence.
	Comment bool
	Pos     Pos // the host literal, env read or comment; zero for SDK evidence alone
}

// TCPClient is one TCP Redis client configured with a host rather than a
// URL (a URL is a URL fact): ioredis new Redis({host}) and new Redis(port,
// host), node-redis createClient({socket: {host}}), redis-py Redis(host=…),
// aioredis create_redis_pool((host, port)), go-redis Options{Addr}.
type TCPClient struct {
	Library string   // upstash.LibIORedis, upstash.LibRedisPy, …
	Host    Value    // Literal (Host set, no port), FromEnv (Env set), Unknown
	TLS     TLSState // what the options say about TLS
	Pos     Pos      // where a finding goes: the construction, or the option that turns TLS off
	End     Pos      // last byte of that node
	Client  Pos      // the construction, when Pos is an option
}

// TLSState is what a TCP client's options say about TLS.
type TLSState uint8

// TLS states.
const (
	TLSDefault TLSState = iota // no TLS option: the library default, plaintext
	TLSOn                      // tls: {}, socket.tls: true, ssl=True, a TLSConfig
	TLSOff                     // turned off explicitly: tls: false, ssl=False
	TLSUnknown                 // an expression upscan cannot read
)

// URLsIn returns a URL fact for each Upstash URL that starts in the literal
// text of t (upstash.FindURLs). pos converts a byte offset of the file to
// its position; end is the position of the expression's last byte, the
// URL's end when the text around it was not taken verbatim from the file.
func URLsIn(t *upstash.Text, pos func(off int) Pos, end Pos) []URL {
	var out []URL
	for _, m := range upstash.FindURLs(t.String()) {
		if !t.Here(m.Start) {
			continue
		}
		u := URL{Scheme: m.Scheme, Host: m.Host, CertReqs: m.CertReqs, CheckHostname: m.CheckHostname, Holes: m.Holes || t.HasHoles(), Pos: pos(t.Source(m.Start)), End: end}
		if t.Exact(m.Start, m.End) {
			u.End = pos(t.Source(m.End - 1))
		}
		out = append(out, u)
	}
	return out
}
