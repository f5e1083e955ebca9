//go:build cgo

package python

import (
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/treesitter"
)

// kind is the part of the grammar's node vocabulary the first pass
// collects; everything else is kOther. Comparing kind ids avoids a cgo
// string conversion per node.
type kind uint8

const (
	kOther kind = iota
	kImport
	kImportFrom
	kAssignment
	kCall
	kSubscript
	kString
	kIdentifier
	kDefaultParam
	kFuncDef   // function_definition (rate-limit facts)
	kClassDef  // class_definition
	kDecorated // decorated_definition
	kBinary    // binary_operator (transport: URL concatenations)
	kConcat    // concatenated_string
)

// kindTable maps every node kind id of g to a kind (aliased kinds
// share a name, so names decide, not IdForNodeKind).
func kindTable(g *treesitter.Grammar) []kind {
	names := map[string]kind{
		"import_statement": kImport, "import_from_statement": kImportFrom, "assignment": kAssignment,
		"call": kCall, "subscript": kSubscript, "string": kString, "identifier": kIdentifier,
		"default_parameter": kDefaultParam, "typed_default_parameter": kDefaultParam, "typed_parameter": kDefaultParam,
		"function_definition": kFuncDef, "class_definition": kClassDef, "decorated_definition": kDecorated,
		"binary_operator": kBinary, "concatenated_string": kConcat,
	}
	return treesitter.Kinds(g, func(name string, named bool) kind {
		if named {
			return names[name]
		}
		return kOther
	})
}

// style says how a constructor takes its connection options.
type style uint8

const (
	styleREST      style = iota // (url, token) as keywords or positions 0, 1: upstash_redis.Redis, upstash_vector.Index
	styleFromEnv                // Redis.from_env(), Index.from_env(): the SDK's default env names
	styleToken                  // (token) at position 0: qstash.QStash
	styleReceiver               // (current_signing_key, next_signing_key): qstash.Receiver
	styleTCPHost                // redis-py (host, port, db, password, …, ssl=…)
	styleTCPURL                 // redis-py from_url(url, **options)
	styleTCPAddr                // aioredis 1.x create_redis_pool(address): a URL string or a (host, port) tuple
	styleRatelimit              // upstash_ratelimit.Ratelimit(redis=…, limiter=…)
)

// ctor is one recognised constructor, keyed by its qualified dotted name.
type ctor struct {
	product facts.Product
	sdk     string // facts.Client.SDK: the module users import
	style   style
}

// constructors maps the qualified name of every recognised client
// constructor (after resolving import aliases) to what it builds. Sources:
// upstash/redis-py, qstash-py, vector-py, search-py, ratelimit-py
// (UPSTASH.md §2, §4.2) and redis-py / aioredis for TCP clients.
var constructors = buildConstructors()

func buildConstructors() map[string]ctor {
	t := map[string]ctor{}
	for _, m := range []string{"upstash_redis", "upstash_redis.asyncio"} {
		t[m+".Redis"] = ctor{facts.Redis, m, styleREST}
		t[m+".Redis.from_env"] = ctor{facts.Redis, m, styleFromEnv}
	}
	tcp := map[string]string{
		"redis": "redis", "redis.client": "redis", "redis.cluster": "redis", "redis.connection": "redis",
		"redis.asyncio": "redis.asyncio", "redis.asyncio.client": "redis.asyncio",
		"redis.asyncio.cluster": "redis.asyncio", "redis.asyncio.connection": "redis.asyncio",
		"aioredis": "aioredis", "aioredis.client": "aioredis",
	}
	for m, sdk := range tcp {
		for _, cls := range []string{"Redis", "StrictRedis", "RedisCluster", "ConnectionPool", "BlockingConnectionPool"} {
			t[m+"."+cls] = ctor{facts.RedisTCP, sdk, styleTCPHost}
			t[m+"."+cls+".from_url"] = ctor{facts.RedisTCP, sdk, styleTCPURL}
		}
		t[m+".from_url"] = ctor{facts.RedisTCP, sdk, styleTCPURL}
	}
	for _, fn := range []string{"create_redis_pool", "create_redis", "create_pool", "create_connection"} {
		t["aioredis."+fn] = ctor{facts.RedisTCP, "aioredis", styleTCPAddr}
	}
	for _, m := range []string{"qstash", "qstash.asyncio"} {
		t[m+".QStash"] = ctor{facts.QStash, "qstash", styleToken}
		t[m+".AsyncQStash"] = ctor{facts.QStash, "qstash", styleToken}
		t[m+".Receiver"] = ctor{facts.QStash, "qstash", styleReceiver}
	}
	for _, m := range []string{"upstash_qstash", "upstash_qstash.asyncio"} {
		t[m+".Client"] = ctor{facts.QStash, "upstash_qstash", styleToken}
		t[m+".Receiver"] = ctor{facts.QStash, "upstash_qstash", styleReceiver}
	}
	for _, cls := range []string{"Index", "AsyncIndex"} {
		t["upstash_vector."+cls] = ctor{facts.Vector, "upstash_vector", styleREST}
		t["upstash_vector."+cls+".from_env"] = ctor{facts.Vector, "upstash_vector", styleFromEnv}
	}
	for _, cls := range []string{"Search", "AsyncSearch"} {
		t["upstash_search."+cls] = ctor{facts.Search, "upstash_search", styleREST}
		t["upstash_search."+cls+".from_env"] = ctor{facts.Search, "upstash_search", styleFromEnv}
	}
	for _, m := range []string{"upstash_ratelimit", "upstash_ratelimit.asyncio"} {
		t[m+".Ratelimit"] = ctor{facts.Ratelimit, m, styleRatelimit}
	}
	return t
}

// sdkModules are the modules whose wildcard import (from m import *) may
// bind a constructor name.
var sdkModules = func() map[string]bool {
	m := map[string]bool{}
	for q := range constructors {
		for i := len(q) - 1; i > 0; i-- {
			if q[i] == '.' {
				m[q[:i]] = true
			}
		}
	}
	return m
}()

// pipelineMethods return an object whose commands run on the client: their
// results are tracked as aliases of the client.
var pipelineMethods = map[string]bool{"pipeline": true, "multi": true}
