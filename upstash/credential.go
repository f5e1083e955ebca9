package upstash

import (
	"net/url"
	"slices"
	"strings"
)

// Kind is a credential kind, as rules.Redacted.Kind and facts.EnvVar.Kind
// carry it ("redis-rest-token"). The first group is what the credential rules
// report; the read-only and dev variants let callers of Classify tell more.
type Kind = string

// Credential kinds (UPSTASH.md §1).
const (
	KindRedisToken      Kind = "redis-rest-token"         // full-access Redis REST token, §1.2
	KindRedisReadOnly   Kind = "redis-read-only-token"    // read-only Redis REST token, §1.2
	KindRedisPassword   Kind = "redis-password"           // password in a redis(s):// URL that is not a REST token, §1.1
	KindRedisROPassword Kind = "redis-read-only-password" // the default_ro user's password, §1.1
	KindQStashToken     Kind = "qstash-token"             // §1.3
	KindQStashDevToken  Kind = "qstash-dev-token"         // public QStash dev-server token: not a secret
	KindSigningKey      Kind = "qstash-signing-key"       // §1.3
	KindDevSigningKey   Kind = "qstash-dev-signing-key"   // public QStash dev-server signing key
	KindIndexToken      Kind = "vector-search-token"      // Vector/Search token, admin role, §1.4
	KindIndexReadOnly   Kind = "vector-search-read-only-token"
	KindDeveloperAPIKey Kind = "upstash-api-key" // §1.5
	KindKafkaCredential Kind = "kafka-password"  // §1.6 (service discontinued)
	KindUnknownToken    Kind = "unrecognised-token"
)

// maxClassifiedLiteral bounds the values Classify decodes.
const maxClassifiedLiteral = 4096

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
		t, ok := DecodeQStashToken(v)
		switch {
		case !ok:
			return Credential{}, false
		case DevQStashUsers[t.UserID]:
			return Credential{Kind: KindQStashDevToken, Dev: true, Label: "public QStash dev-server token"}, true
		}
		return Credential{Kind: KindQStashToken, Label: "QStash token"}, true
	case strings.HasPrefix(v, "redis://") || strings.HasPrefix(v, "rediss://"):
		return classifyRedisURL(v)
	case v[0] == 'A' && v[1] >= 'A' && v[1] <= 'D':
		t, ok := DecodeIndexToken(v)
		switch {
		case !ok:
			return Credential{}, false
		case t.Role == "readonly":
			return Credential{Kind: KindIndexReadOnly, ReadOnly: true, Label: "read-only Upstash Vector/Search token"}, true
		}
		return Credential{Kind: KindIndexToken, Label: "full-access Upstash Vector/Search token"}, true
	case v[0] == 'A':
		return classifyRedisToken(v)
	}
	return Credential{}, false
}

func classifyRedisToken(v string) (Credential, bool) {
	t, ok := DecodeRedisToken(v)
	switch {
	case !ok:
		return Credential{}, false
	case t.ReadOnly:
		return Credential{Kind: KindRedisReadOnly, ReadOnly: true, Label: "read-only Upstash Redis REST token"}, true
	}
	return Credential{Kind: KindRedisToken, Label: "full-access Upstash Redis REST token"}, true
}

func classifySigningKey(v string) (Credential, bool) {
	if slices.Contains(DevSigningKeys, v) {
		return Credential{Kind: KindDevSigningKey, Dev: true, Label: "public QStash dev-server signing key"}, true
	}
	body := v[len("sig_"):]
	if len(body) < 24 || len(body) > 64 || strings.Trim(body, base58Alphabet) != "" || !ValidSigningKey(v) {
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
