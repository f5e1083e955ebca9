package upstash

import "strings"

// Redis command knowledge (UPSTASH.md §1.2): which commands a read-only
// REST token may run. A module whose every command is one of these can use
// the read-only token (UPS501).

// readCommands are the Redis commands a read-only REST token may run, as the
// SDKs name them (lower-case; JSON commands with their "json." namespace,
// Python's snake_case names too). SCAN, KEYS and their H/S/Z variants are
// read commands in Redis but Upstash blocks them for read-only tokens, so
// they are absent: a module that uses them needs the full token. So are
// pipeline, multi, eval and evalsha: what they run is not read here.
var readCommands = map[string]bool{}

func init() {
	for _, n := range []string{
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
	} {
		readCommands[n] = true
	}
}

// IsReadCommand reports whether the SDK method name (any case; "json.get"
// for namespaced commands, Python's "json.get" or "hgetall" alike) is a
// command a read-only Upstash Redis token may run.
func IsReadCommand(name string) bool {
	return readCommands[strings.ToLower(name)]
}

// manualDirs are the directories of code run by hand, not by a deployment:
// one-off scripts, seeders and migrations.
var manualDirs = map[string]bool{
	"scripts": true, "script": true, "bin": true, "migrations": true, "migration": true, "migrate": true,
	"seeds": true, "seed": true, "seeders": true, "seeding": true,
}

// manualStems start the file names of seed, migration and backfill scripts.
var manualStems = []string{"seed", "migrate", "migration", "backfill", "populate"}

// IsManualScript reports whether the slash-separated path p is a script or
// seed file run by hand (scripts/, bin/, migrations/, seed.ts, …): it
// writes what deployments then read, and is never a candidate for a
// narrower token.
func IsManualScript(p string) bool {
	parts := strings.Split(strings.ToLower(p), "/")
	for _, d := range parts[:len(parts)-1] {
		if manualDirs[d] {
			return true
		}
	}
	stem := parts[len(parts)-1]
	if i := strings.IndexByte(stem, '.'); i > 0 {
		stem = stem[:i]
	}
	for _, s := range manualStems {
		if rest, ok := strings.CutPrefix(stem, s); ok && (rest == "" || rest == "s" || rest[0] == '-' || rest[0] == '_') {
			return true
		}
	}
	return false
}
