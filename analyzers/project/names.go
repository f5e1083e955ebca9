package project

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// publicPrefixes are the env name prefixes that frameworks inline into
// browser bundles (UPSTASH.md §3).
var publicPrefixes = []string{
	"NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "GATSBY_", "VUE_APP_", "NUXT_PUBLIC_", "NUXT_ENV_", "PUBLIC_",
}

// stripPublic returns name without its public prefix, upper-cased.
func stripPublic(name string) string {
	n := strings.ToUpper(strings.TrimSpace(name))
	for _, p := range publicPrefixes {
		if strings.HasPrefix(n, p) {
			return n[len(p):]
		}
	}
	return n
}

// tokenKind is what an env var name says about the credential it holds.
type tokenKind uint8

const (
	notToken     tokenKind = iota
	fullToken              // a documented full-access name (UPSTASH_REDIS_REST_TOKEN, KV_REST_API_TOKEN, QSTASH_TOKEN…)
	readOnlyTok            // a read-only name (…READ_ONLY…, …READONLY…, …_RO)
	unknownToken           // credential-like name (…TOKEN, …PASSWORD, …SIGNING_KEY) of no documented kind
)

// fullTokenSuffixes are the env names the SDKs read for full-access
// credentials (UPSTASH.md §2), matched as suffixes of the name without its
// public prefix so that STAGING_UPSTASH_REDIS_REST_TOKEN counts too.
var fullTokenSuffixes = []string{
	"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY",
	"QSTASH_NEXT_SIGNING_KEY", "UPSTASH_VECTOR_REST_TOKEN", "UPSTASH_SEARCH_REST_TOKEN", "UPSTASH_REDIS_PASSWORD",
}

// classifyTokenEnv reports what the env var name says about its value.
func classifyTokenEnv(name string) tokenKind {
	n := stripPublic(name)
	if !credentialWord(n) {
		return notToken
	}
	if readOnlyName(n) {
		return readOnlyTok
	}
	for _, s := range fullTokenSuffixes {
		if n == s || strings.HasSuffix(n, "_"+s) {
			return fullToken
		}
	}
	return unknownToken
}

// credentialWord reports whether an upper-case env name names a credential.
func credentialWord(n string) bool {
	for _, w := range []string{"TOKEN", "PASSWORD", "SIGNING_KEY", "API_KEY", "SECRET"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// readOnlyName reports whether an upper-case env name says read-only.
func readOnlyName(n string) bool {
	return strings.Contains(n, "READ_ONLY") || strings.Contains(n, "READONLY") ||
		strings.Contains(n, "_RO_") || strings.HasSuffix(n, "_RO")
}

// upstashName reports whether an env name is about an Upstash product, so
// that a public NEXT_PUBLIC_ALGOLIA_SEARCH_KEY is not mistaken for one.
func upstashName(name string) bool {
	n := stripPublic(name)
	for _, w := range []string{"UPSTASH", "KV_REST_API", "QSTASH", "REDIS"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// fullRedisTokenEnv reports whether name is an env var the Redis SDKs
// document for the full-access REST token (UPSTASH.md §2):
// UPSTASH_REDIS_REST_TOKEN or KV_REST_API_TOKEN, with or without a public or
// environment prefix.
func fullRedisTokenEnv(name string) bool {
	n := stripPublic(name)
	if readOnlyName(n) {
		return false
	}
	for _, s := range []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN"} {
		if n == s || strings.HasSuffix(n, "_"+s) {
			return true
		}
	}
	return false
}

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

// isEscaped reports whether a command records a non-call use of the binding
// (facts.Escaped, possibly after a namespace member path).
func isEscaped(name string) bool {
	return name == facts.Escaped || strings.HasSuffix(name, "."+facts.Escaped)
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
