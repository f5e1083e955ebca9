package golang

import (
	"regexp"
	"strings"
)

// Import paths of the client libraries Go services use to reach Upstash
// (UPSTASH.md §2: qstash-go and vector-go are the official Go SDKs; Redis is
// reached over TCP with go-redis).
const (
	qstashPath = "github.com/upstash/qstash-go"
	vectorPath = "github.com/upstash/vector-go"
)

// goRedisPath matches go-redis at its current and older module paths.
var goRedisPath = regexp.MustCompile(`^github\.com/(?:redis/go-redis|go-redis/redis)(?:/v\d+)?$`)

func isGoRedis(path string) bool { return goRedisPath.MatchString(path) }
func isQStash(path string) bool  { return path == qstashPath }
func isVector(path string) bool  { return path == vectorPath }

// goRedisOptions are the go-redis option structs that carry an address,
// credentials and a TLSConfig.
var goRedisOptions = map[string]bool{
	"Options": true, "ClusterOptions": true, "UniversalOptions": true,
	"FailoverOptions": true, "RingOptions": true,
}

// goRedisConstructors maps go-redis constructors to the type they return, for
// the syntax-only mode where the library's types are unknown.
var goRedisConstructors = map[string]string{
	"NewClient": "Client", "NewClusterClient": "ClusterClient", "NewUniversalClient": "UniversalClient",
	"NewFailoverClient": "Client", "NewFailoverClusterClient": "ClusterClient", "NewRing": "Ring",
	"ParseURL": "Options", "ParseClusterURL": "ClusterOptions",
}

// qstashConstructors and vectorConstructors likewise (qstash-go client.go,
// reciever.go; vector-go index.go).
var qstashConstructors = map[string]string{
	"NewClient": "Client", "NewClientWith": "Client", "NewClientWithEnv": "Client",
	"NewReceiver": "Receiver", "NewReceiverWithEnv": "Receiver",
}

var vectorConstructors = map[string]string{
	"NewIndex": "Index", "NewIndexWith": "Index", "NewIndexFromEnv": "Index",
}

// constructorResult returns the type name a known SDK constructor returns.
func constructorResult(path, name string) string {
	switch {
	case isGoRedis(path):
		return goRedisConstructors[name]
	case isQStash(path):
		return qstashConstructors[name]
	case isVector(path):
		return vectorConstructors[name]
	}
	return ""
}

// service names the Upstash product a client talks to.
type service uint8

const (
	svcRedis service = 1 << iota
	svcQStash
	svcVector
)

func (s service) String() string {
	var parts []string
	if s&svcRedis != 0 {
		parts = append(parts, "Upstash Redis")
	}
	if s&svcQStash != 0 {
		parts = append(parts, "QStash")
	}
	if s&svcVector != 0 {
		parts = append(parts, "Upstash Vector")
	}
	return strings.Join(parts, " and ")
}

// cmdResultMethods are methods of go-redis command results: without type
// information, rdb.Get(ctx, k).Result() must count once, as Get.
var cmdResultMethods = map[string]bool{
	"Result": true, "Val": true, "Err": true, "Bool": true, "Int": true, "Int64": true, "Uint64": true,
	"Float64": true, "Float32": true, "Bytes": true, "String": true, "Scan": true, "Slice": true,
	"StringSlice": true, "Text": true, "Time": true, "Args": true, "Name": true,
}

// clientCall classifies a call by its callee: a method on a go-redis,
// qstash-go (other than the Receiver) or vector-go type is a call to an
// Upstash service. Constructors and package functions are not.
func clientCall(c callee) service {
	if c.Recv == "" {
		return 0
	}
	switch {
	case isGoRedis(c.Path):
		// Methods of the options and of command results (StringCmd…)
		// are not calls to the server.
		if goRedisOptions[c.Recv] || strings.HasSuffix(c.Recv, "Cmd") || strings.HasSuffix(c.Recv, "Cmder") ||
			c.Recv == "?" && cmdResultMethods[c.Name] {
			return 0
		}
		return svcRedis
	case isQStash(c.Path):
		if c.Recv == "Receiver" {
			return 0
		}
		return svcQStash
	case isVector(c.Path):
		return svcVector
	}
	return 0
}

// isVerify reports whether c is qstash-go's signature check,
// (*Receiver).Verify, or a JWT library call of a hand-written check.
func isVerify(c callee) bool {
	if isQStash(c.Path) && c.Name == "Verify" {
		return true
	}
	return strings.Contains(c.Path, "/golang-jwt/jwt") && strings.HasPrefix(c.Name, "Parse")
}

// limiterName matches names of functions, types and packages that rate-limit
// by their own account: rateLimit, RateLimiter, limiter, throttle…
var limiterName = regexp.MustCompile(`(?i)rate_?limit|limiter|throttl`)

// isLimiter reports whether a call to c enforces a rate limit: the limiters
// UPSTASH.md §4.2 lists for Go (golang.org/x/time/rate, go-redis/redis_rate,
// ulule/limiter, sethvargo/go-limiter, httprate), the framework limiters of
// echo, fiber and tollbooth, or a function whose name says it limits.
func isLimiter(c callee) bool {
	p := c.Path
	switch {
	case p == "golang.org/x/time/rate":
		switch c.Name {
		case "Allow", "AllowN", "Wait", "WaitN", "Reserve", "ReserveN":
			return true
		}
		return false
	case strings.HasPrefix(p, "github.com/go-redis/redis_rate"):
		return strings.HasPrefix(c.Name, "Allow")
	case strings.HasPrefix(p, "github.com/ulule/limiter"),
		strings.HasPrefix(p, "github.com/sethvargo/go-limiter"),
		strings.HasPrefix(p, "github.com/go-chi/httprate"),
		strings.HasPrefix(p, "github.com/didip/tollbooth"):
		return c.Name != "" && c.Name[0] >= 'A' && c.Name[0] <= 'Z'
	case strings.HasPrefix(p, "github.com/labstack/echo") && strings.HasSuffix(p, "/middleware"):
		return strings.HasPrefix(c.Name, "RateLimiter")
	case strings.HasPrefix(p, "github.com/gofiber/fiber") && strings.HasSuffix(p, "/middleware/limiter"):
		return c.Name == "New"
	}
	return limiterName.MatchString(c.Name) || limiterName.MatchString(c.Recv) || limiterName.MatchString(lastElem(p))
}

// lastElem returns the last element of an import path.
func lastElem(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// guessPackageName guesses the package name an import path declares, for the
// syntax-only mode: the last element without a /vN suffix, a "go-" prefix
// or a "-go" suffix, and with dots and dashes cut ("gopkg.in/yaml.v3" →
// "yaml", "github.com/redis/go-redis/v9" → "redis").
func guessPackageName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "go-")
	name = strings.TrimSuffix(name, "-go")
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// upstashMention reports whether a string constant points at Upstash: an
// *.upstash.io host, an UPSTASH_* environment name, or the Vercel KV names
// that Upstash backs (UPSTASH.md §2).
func upstashMention(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "upstash") || strings.HasPrefix(l, "kv_url") || strings.HasPrefix(l, "kv_rest_api")
}
