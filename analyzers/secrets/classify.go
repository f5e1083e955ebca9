package secrets

import (
	"net/url"
	"slices"
	"strings"
)

// Credential kinds, as rules.Redacted.Kind and facts.EnvVar.Kind carry them.
// The first group is what Detect reports; the read-only and dev variants let
// callers of Classify tell more.
const (
	KindRedisToken       = kindNameRedisToken // full-access Redis REST token
	KindRedisReadOnly    = kindNameRedisRO    // read-only Redis REST token
	KindRedisPassword    = kindNameRedisPass  // password in a redis(s):// URL that is not a REST token
	KindRedisROPassword  = "redis-read-only-password"
	KindQStashToken      = kindNameQStashToken
	KindQStashDevToken   = "qstash-dev-token" // public QStash dev-server token: not a secret
	KindSigningKey       = kindNameSigningKey
	KindDevSigningKey    = "qstash-dev-signing-key" // public QStash dev-server signing key
	KindIndexToken       = kindNameIndexToken       // Vector/Search token, admin role
	KindIndexReadOnly    = "vector-search-read-only-token"
	KindDeveloperAPIKey  = kindNameAPIKey
	KindKafkaCredential  = kindNameKafka
	maxClassifiedLiteral = 4096
)

// Credential is what Classify makes of a literal value.
type Credential struct {
	Kind     string // one of the Kind constants
	ReadOnly bool   // Upstash allows exposing it (read-only Redis token or password, read-only index token)
	Dev      bool   // a public QStash dev-server value (UPSTASH.md §1.3): not a secret
	Label    string // words for messages: "full-access Upstash Redis REST token"
}

// Classify reports whether value (already unquoted) is an Upstash credential
// and which, by decoding its layout as Detect does: Redis REST tokens
// (§1.2), QStash tokens and signing keys (§1.3), Vector/Search tokens
// (§1.4) and redis(s):// URLs to an Upstash host, which count by their
// password (§1.1). A decoded layout is judged by its structure, as Detect
// does; a URL password that decodes as nothing is checked with IsPlaceholder.
// The public QStash dev-server values are credentials with Dev set.
func Classify(value string) (Credential, bool) {
	v := strings.TrimSpace(value)
	if len(v) < 20 || len(v) > maxClassifiedLiteral {
		return Credential{}, false
	}
	switch {
	case strings.HasPrefix(v, "sig_"):
		return classifySigningKey(v)
	case strings.HasPrefix(v, "eyJ"):
		t, ok := decodeQStashToken(v)
		switch {
		case !ok:
			return Credential{}, false
		case devQStashUsers[t.UserID]:
			return Credential{Kind: KindQStashDevToken, Dev: true, Label: "public QStash dev-server token"}, true
		}
		return Credential{Kind: KindQStashToken, Label: "QStash token"}, true
	case strings.HasPrefix(v, "redis://") || strings.HasPrefix(v, "rediss://"):
		return classifyRedisURL(v)
	case v[0] == 'A' && v[1] >= 'A' && v[1] <= 'D':
		t, ok := decodeIndexToken(v)
		switch {
		case !ok:
			return Credential{}, false
		case t.role == "readonly":
			return Credential{Kind: KindIndexReadOnly, ReadOnly: true, Label: "read-only Upstash Vector/Search token"}, true
		}
		return Credential{Kind: KindIndexToken, Label: "full-access Upstash Vector/Search token"}, true
	case v[0] == 'A':
		return classifyRedisToken(v)
	}
	return Credential{}, false
}

func classifyRedisToken(v string) (Credential, bool) {
	t, ok := decodeRedisToken(v)
	switch {
	case !ok:
		return Credential{}, false
	case t.readOnly:
		return Credential{Kind: KindRedisReadOnly, ReadOnly: true, Label: "read-only Upstash Redis REST token"}, true
	}
	return Credential{Kind: KindRedisToken, Label: "full-access Upstash Redis REST token"}, true
}

func classifySigningKey(v string) (Credential, bool) {
	if slices.Contains(devSigningKeys, v) {
		return Credential{Kind: KindDevSigningKey, Dev: true, Label: "public QStash dev-server signing key"}, true
	}
	body := v[len("sig_"):]
	if len(body) < 24 || len(body) > 64 || strings.Trim(body, base58Alphabet) != "" || !validSigningKey(v) {
		return Credential{}, false
	}
	return Credential{Kind: KindSigningKey, Label: "QStash signing key"}, true
}

// base58Alphabet is Bitcoin's base58: no 0, O, I or l.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// classifyRedisURL classifies the password of a redis(s):// URL to an Upstash
// host: a REST token (new databases use it as the password) or a plain
// password; the user default_ro marks the read-only one (UPSTASH.md §1.1).
func classifyRedisURL(v string) (Credential, bool) {
	u, err := url.Parse(v)
	if err != nil || u.User == nil || !IsUpstashHost(u.Hostname()) {
		return Credential{}, false
	}
	pw, ok := u.User.Password()
	if !ok {
		return Credential{}, false
	}
	readOnly := u.User.Username() == "default_ro"
	if c, ok := classifyRedisToken(pw); ok {
		c.ReadOnly = c.ReadOnly || readOnly
		c.Label = "password of Upstash Redis host " + u.Hostname() + " (a " + c.Label + ")"
		return c, true
	}
	if len(pw) < 8 || IsPlaceholder(pw) {
		return Credential{}, false
	}
	if readOnly {
		return Credential{Kind: KindRedisROPassword, ReadOnly: true, Label: "read-only password of Upstash Redis host " + u.Hostname()}, true
	}
	return Credential{Kind: KindRedisPassword, Label: "password of Upstash Redis host " + u.Hostname()}, true
}

// IsUpstashHost reports whether host is an Upstash service host
// (*.upstash.io) or an Upstash-backed Vercel KV host (*.kv.vercel-storage.com,
// UPSTASH.md §1.1).
func IsUpstashHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return strings.HasSuffix(host, ".upstash.io") || strings.HasSuffix(host, ".kv.vercel-storage.com")
}

// IsFlyHost reports whether host is a Fly.io private-network Upstash host
// (fly-<slug>.upstash.io), reached without TLS by design (UPSTASH.md §1.1).
func IsFlyHost(host string) bool {
	return strings.HasPrefix(strings.ToLower(host), "fly-")
}

// IsUUID reports whether s is a UUID in text form (8-4-4-4-12 hex digits).
func IsUUID(s string) bool { return isUUID(s) }
