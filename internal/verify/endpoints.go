package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/upscan/upscan/rules"
)

// maxEndpoints bounds how many endpoints Endpoints returns for one file.
const maxEndpoints = 64

// upstashURL matches an https:// or rediss:// URL (with optional user info)
// whose host is an Upstash host; group 1 is the host (UPSTASH.md §1.1, §1.3,
// §1.4).
var upstashURL = regexp.MustCompile(`(?i)\b(?:https|rediss?)://(?:[^\s@/'"<>]*@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+upstash\.io)\b`)

// Endpoints returns the Upstash REST endpoints a file mentions, as
// "https://<host>" in order of first appearance, without duplicates: Redis
// REST URLs, Vector and Search index URLs and QStash URLs. The host of a
// redis:// or rediss:// URL counts too, since a Redis database serves REST on
// the same host (UPSTASH.md §1.1). Kafka hosts (a discontinued service) and
// api.upstash.com are left out. It never returns credentials: user info and
// paths are dropped.
func Endpoints(data []byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range upstashURL.FindAllSubmatch(data, -1) {
		host := strings.ToLower(string(m[1]))
		if seen[host] || strings.HasSuffix(host, "kafka.upstash.io") {
			continue
		}
		seen[host] = true
		out = append(out, "https://"+host)
		if len(out) == maxEndpoints {
			break
		}
	}
	return out
}

// emailNear matches an e-mail assigned to UPSTASH_EMAIL or an email key
// (env files, Terraform provider blocks, JSON).
var emailNear = regexp.MustCompile(`(?i)(?:upstash_email|\bemail)["']?\s*[:=]\s*["']?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})`)

// Email returns the first e-mail a file assigns to UPSTASH_EMAIL or an
// "email" key, the user name of a Developer API key (UPSTASH.md §1.5), or "".
func Email(data []byte) string {
	if m := emailNear.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// EndpointFor picks, among endpoints (as Endpoints returns them), the one a
// credential of kind belongs to, or "" when none fits or the choice is
// ambiguous (a token sent to another database's host would come back 401
// and read as invalid):
//   - Redis tokens: a Redis host whose number matches the DB number encoded
//     in the token (bytes 1–2, UPSTASH.md §1.2), else the only Redis host;
//   - Vector/Search tokens: the host named in the token (UPSTASH.md §1.4),
//     else the only index host of that product;
//   - QStash tokens: a qstash*.upstash.io host, else "" (Verify then uses
//     https://qstash.upstash.io);
//   - Developer API keys: "" (Verify uses https://api.upstash.com).
func EndpointFor(kind, secret string, endpoints []string) string {
	var pool []string
	for _, e := range endpoints {
		host := strings.TrimPrefix(e, "https://")
		if hp, kp := hostProduct(host), productOf(kind); hp == kp || kp == "index" && (hp == "vector" || hp == "search") {
			pool = append(pool, e)
		}
	}
	switch productOf(kind) {
	case "redis":
		if db, ok := redisDBNumber(secret); ok {
			suffix := "-" + strconv.Itoa(db) + ".upstash.io"
			var match []string
			for _, e := range pool {
				if strings.HasSuffix(e, suffix) {
					match = append(match, e)
				}
			}
			if len(match) == 1 {
				return match[0]
			}
		}
	case "vector", "search", "index":
		if name, ok := indexName(secret); ok {
			for _, e := range pool {
				if strings.HasPrefix(e, "https://"+name+"-vector.") || strings.HasPrefix(e, "https://"+name+"-search.") {
					return e
				}
			}
		}
	case "qstash":
		if len(pool) > 0 {
			return pool[0]
		}
		return ""
	default:
		return ""
	}
	if len(pool) == 1 {
		return pool[0]
	}
	return ""
}

// productOf maps a candidate kind to the product whose hosts serve it.
func productOf(kind string) string {
	switch kind {
	case KindRedisREST, KindRedisReadOnly:
		return "redis"
	case KindQStash:
		return "qstash"
	case KindVector:
		return "vector"
	case KindSearch:
		return "search"
	case kindVectorOrSearch:
		return "index"
	}
	return ""
}

// hostProduct classifies an Upstash host name (UPSTASH.md §1.1, §1.3, §1.4).
func hostProduct(host string) string {
	switch {
	case strings.HasPrefix(host, "qstash"):
		return "qstash"
	case strings.HasSuffix(host, "-vector.upstash.io"):
		return "vector"
	case strings.HasSuffix(host, "-search.upstash.io"):
		return "search"
	case host == "api.upstash.com":
		return ""
	}
	return "redis"
}

// redisDBNumber decodes the database number in bytes 1–2 of a Redis REST
// token (UPSTASH.md §1.2).
func redisDBNumber(token string) (int, bool) {
	if len(token) < 4 {
		return 0, false
	}
	b, err := base64.RawURLEncoding.DecodeString(token[:4])
	if err != nil || len(b) < 3 || (b[0] != 1 && b[0] != 2) {
		return 0, false
	}
	return int(b[1])<<8 | int(b[2]), true
}

// indexName decodes the index name (the host slug) in a Vector or Search
// token: standard base64 of 0x00, len(name), len(role), '0', name, role, …
// (UPSTASH.md §1.4).
func indexName(token string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(token, "=")); err != nil {
			return "", false
		}
	}
	if len(b) < 4 || b[0] != 0 || int(b[1]) == 0 || 4+int(b[1]) > len(b) {
		return "", false
	}
	name := string(b[4 : 4+int(b[1])])
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "", false
		}
	}
	return name, true
}

// ForFinding builds the Candidate for a credential finding of the code scan:
// the secret is read back from the file's content at the finding's position
// (analyzers/secrets puts Line/Col/EndLine/EndCol on the secret itself, end
// column inclusive) and must hash to f.Secret.SHA256, so a position that
// drifted can never send the wrong bytes. The endpoint is paired with
// EndpointFor over Endpoints(data), the e-mail of a Developer API key with
// Email(data). ok is false for a finding without a secret, a position that
// does not hold it, or a kind with no harmless check (TCP passwords, QStash
// signing keys, Kafka, unrecognised tokens): leave its Verification nil.
func ForFinding(f rules.Finding, data []byte) (c Candidate, ok bool) {
	kind := f.Secret.Kind
	switch kind {
	case KindRedisREST, KindRedisReadOnly, KindQStash, KindVector, KindSearch, KindDeveloperAPI, kindVectorOrSearch, kindAPIKey:
	default:
		return Candidate{}, false
	}
	secret, ok := secretAt(data, f)
	if !ok {
		return Candidate{}, false
	}
	c = Candidate{Kind: kind, Secret: secret}
	switch kind {
	case KindDeveloperAPI, kindAPIKey:
		c.Email = Email(data)
	default:
		c.Endpoint = EndpointFor(kind, secret, Endpoints(data))
	}
	return c, true
}

// secretAt slices the bytes at f's position and checks them against the
// finding's SHA-256.
func secretAt(data []byte, f rules.Finding) (string, bool) {
	if f.Secret.SHA256 == "" || f.Line < 1 || f.Col < 1 {
		return "", false
	}
	endLine, endCol := f.EndLine, f.EndCol
	if endLine == 0 {
		endLine = f.Line
	}
	start, okS := offset(data, f.Line, f.Col)
	end, okE := offset(data, endLine, endCol)
	if !okS || !okE || endCol < 1 || end+1 > len(data) || end < start {
		return "", false
	}
	v := data[start : end+1]
	sum := sha256.Sum256(v)
	if hex.EncodeToString(sum[:]) != f.Secret.SHA256 {
		return "", false
	}
	return string(v), true
}

// offset converts a 1-based line and byte column to a byte offset.
func offset(data []byte, line, col int) (int, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	off += col - 1
	return off, off >= 0 && off < len(data)
}
