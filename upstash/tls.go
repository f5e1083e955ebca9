package upstash

import "strings"

// TCP Redis client libraries and how each turns TLS on (UPSTASH.md §1.1:
// Upstash TCP is always TLS; §7). A client configured with a host and port
// rather than a rediss:// URL speaks plaintext unless TLS is asked for.

// Names of the TCP Redis client libraries, as facts and messages name them.
const (
	LibIORedis   = "ioredis"
	LibNodeRedis = "node-redis"
	LibRedisPy   = "redis-py"
	LibAioredis  = "aioredis"
	LibGoRedis   = "go-redis"
)

// TCPLibrary is a TCP Redis client library.
type TCPLibrary struct {
	Name string // LibIORedis, …
	Lang Lang
	// TLSFix says how to turn TLS on with this library, as a clause of a
	// message: "add tls: {} to the options".
	TLSFix string
}

// TCPLibraries are the TCP Redis client libraries whose host-and-port
// configuration upscan reads.
var TCPLibraries = []TCPLibrary{
	{LibIORedis, JS, "add tls: {} to the options"},
	{LibNodeRedis, JS, "set socket.tls: true"},
	{LibRedisPy, Python, "set ssl=True"},
	{LibAioredis, Python, "set ssl=True"},
	{LibGoRedis, Go, "set TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}"},
}

// TLSFix returns how to turn TLS on with library name (a TCPLibraries
// Name), or a generic clause for a library upscan does not know.
func TLSFix(name string) string {
	for _, l := range TCPLibraries {
		if l.Name == name {
			return l.TLSFix
		}
	}
	return "turn TLS on or connect with the rediss:// URL"
}

// ProcessTLSOff is the Node.js environment variable that turns certificate
// verification off for every TLS connection of the process when set to "0".
const ProcessTLSOff = "NODE_TLS_REJECT_UNAUTHORIZED"

// IsProcessTLSOff reports whether setting env variable name to value turns
// certificate verification off for a whole process:
// NODE_TLS_REJECT_UNAUTHORIZED=0 (the name in any case, the value "0").
func IsProcessTLSOff(name, value string) bool {
	return strings.EqualFold(name, ProcessTLSOff) && value == "0"
}

// IsUpstashHostEnvName reports whether an env variable that holds a host
// (or address) is, by its name, an Upstash database reached over the
// internet: an Upstash name (IsUpstashEnvName) that does not say Fly.io,
// whose private fly-* hosts are plaintext by design (UPSTASH.md §1.1).
func IsUpstashHostEnvName(name string) bool {
	return IsUpstashEnvName(name) && !strings.Contains(StripPublic(name), "FLY")
}
