package scope

import "strings"

// readCommands are the Redis commands a read-only REST token may run, as the
// SDKs name them (lower-case; JSON commands with their "json." namespace).
// SCAN, KEYS and their H/S/Z variants are read commands in Redis but Upstash
// blocks them for read-only tokens (UPSTASH.md §1.2), so they are absent: a
// module that uses them needs the full token.
var readCommands = setOf(
	"get", "mget", "hget", "hgetall", "hmget", "hexists", "hkeys", "hvals", "hlen", "hstrlen", "hrandfield",
	"exists", "ttl", "pttl", "type", "strlen", "getrange",
	"lrange", "llen", "lindex", "lpos",
	"smembers", "sismember", "smismember", "scard", "srandmember", "sinter", "sunion", "sdiff", "sintercard",
	"zrange", "zrangebyscore", "zrevrange", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zlexcount",
	"zscore", "zcard", "zcount", "zrank", "zrevrank", "zmscore", "zrandmember",
	"xrange", "xrevrange", "xlen",
	"geopos", "geodist", "geosearch", "geohash",
	"bitcount", "bitpos", "getbit", "pfcount",
	"json.get", "json.mget", "json.type", "json.strlen", "json.arrlen", "json.objkeys", "json.objlen",
	"dbsize", "ping", "echo",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// isReadCommand reports whether the SDK method name (any case, "json.get"
// style for namespaced commands) is a command a read-only token may run.
func isReadCommand(name string) bool {
	return readCommands[strings.ToLower(name)]
}

// canonicalEnv maps an environment name as configs write it to upscan's
// canonical one: production, staging, preview, development or test; other
// names are kept lower-cased; "" for none.
func canonicalEnv(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "":
		return ""
	case "prod", "production", "prd", "live":
		return "production"
	case "stage", "staging", "stg":
		return "staging"
	case "preview", "deploy-preview", "branch-deploy", "previews":
		return "preview"
	case "dev", "development", "develop", "local":
		return "development"
	case "test", "testing", "ci", "e2e":
		return "test"
	}
	return n
}

// envRank orders environments for choosing where a UPS502 finding goes:
// production first.
func envRank(env string) int {
	switch env {
	case "production":
		return 0
	case "staging":
		return 1
	case "preview":
		return 2
	case "test":
		return 4
	case "development":
		return 5
	}
	return 3
}
