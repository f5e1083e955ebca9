package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
)

// tokenKind names one kind of planted FAKE credential. Every kind is built by
// encoding the byte layout documented in UPSTASH.md §1, from random bytes, so
// the values are structurally valid but were never issued by Upstash.
type tokenKind struct {
	Name string // manifest kind, e.g. "redis-full-new"
	Rule string // rule ID upscan is expected to report (DESIGN.md rule catalogue)
	Env  []string
}

// plantKinds is the set of kinds planted by default, in round-robin order.
var plantKinds = []tokenKind{
	{"redis-full-new", "UPS101", []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN"}},
	{"redis-full-old", "UPS101", []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN"}},
	{"redis-full-older", "UPS101", []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN"}},
	{"redis-readonly-new", "UPS102", []string{"KV_REST_API_READ_ONLY_TOKEN", "UPSTASH_REDIS_REST_READONLY_TOKEN"}},
	{"redis-readonly-old", "UPS102", []string{"KV_REST_API_READ_ONLY_TOKEN", "UPSTASH_REDIS_REST_READONLY_TOKEN"}},
	{"redis-url-password", "UPS103", []string{"REDIS_URL", "KV_URL", "UPSTASH_REDIS_URL"}},
	{"qstash-token", "UPS104", []string{"QSTASH_TOKEN", "EU_CENTRAL_1_QSTASH_TOKEN"}},
	{"qstash-signing-key-28", "UPS105", []string{"QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"}},
	{"qstash-signing-key-50", "UPS105", []string{"QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"}},
	{"vector-admin", "UPS106", []string{"UPSTASH_VECTOR_REST_TOKEN"}},
	{"vector-readonly", "UPS106", []string{"UPSTASH_VECTOR_REST_READONLY_TOKEN", "NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN"}},
	{"search-admin", "UPS106", []string{"UPSTASH_SEARCH_REST_TOKEN"}},
}

// secret is one generated credential plus the non-secret context that
// realistic code puts next to it (the REST URL of the same database).
type secret struct {
	Kind  tokenKind
	Value string
	URL   string // REST URL of the same database or index; may be empty
	Env   string // environment variable name the value is usually stored in
}

const (
	base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	hexDigits      = "0123456789abcdef"
)

var (
	adjectives = []string{"merry", "striking", "holy", "brave", "quiet", "lasting", "sought", "clever", "gentle", "proud", "rapid", "sunny", "witty", "calm", "eager", "fancy", "jolly", "lucky", "mighty", "noble"}
	animals    = []string{"cat", "osprey", "kite", "otter", "panther", "mollusk", "stallion", "badger", "heron", "lynx", "marten", "oriole", "puffin", "quail", "raven", "salmon", "tapir", "urchin", "vole", "wombat"}
	regions    = []string{"us1", "eu1", "gcp-usc1"}
)

// newSecret returns a FAKE credential of kind k. The database number is
// random (1000–65535) and is encoded into Redis tokens as UPSTASH.md §1.2
// describes, so the token agrees with the host name in URL.
func newSecret(r *rand.Rand, k tokenKind) secret {
	db := 1000 + r.IntN(64536)
	slug := fmt.Sprintf("%s-%s-%d", pick(r, adjectives), pick(r, animals), db)
	s := secret{Kind: k, Env: pick(r, k.Env), URL: "https://" + slug + ".upstash.io"}
	switch k.Name {
	case "redis-full-new":
		s.Value = redisTokenNew(r, 1, db)
	case "redis-readonly-new":
		s.Value = redisTokenNew(r, 2, db)
	case "redis-full-old":
		s.Value = redisTokenOld(r, 1, db)
	case "redis-readonly-old":
		s.Value = redisTokenOld(r, 2, db)
	case "redis-full-older":
		s.Value = redisTokenOlder(r, db)
	case "redis-url-password":
		user, kind := "default", byte(1)
		if r.IntN(4) == 0 {
			user, kind = "default_ro", 2 // read-only TCP user (UPSTASH.md §1.1)
		}
		pw := randHex(r, 32) // old-format databases: a separate 32-hex password
		if r.IntN(2) == 0 {
			pw = redisTokenNew(r, kind, db) // new databases: the password is the REST token
		}
		s.Value = fmt.Sprintf("rediss://%s:%s@%s.upstash.io:6379", user, pw, slug)
		s.URL = ""
	case "qstash-token":
		s.Value = qstashToken(randUUID(r), randHex(r, 32))
		s.URL = "https://qstash.upstash.io"
	case "qstash-signing-key-28":
		s.Value = "sig_" + randBase58(r, 28)
		s.URL = ""
	case "qstash-signing-key-50":
		s.Value = "sig_" + randBase58(r, 50+r.IntN(2))
		s.URL = ""
	case "vector-admin", "vector-readonly", "search-admin":
		product, role := "vector", "admin"
		if k.Name == "vector-readonly" {
			role = "readonly"
		}
		if k.Name == "search-admin" {
			product = "search"
		}
		name := slug + "-" + pick(r, regions)
		s.Value = indexToken(name, role, randUUID(r))
		s.URL = "https://" + name + "-" + product + ".upstash.io"
	default:
		panic("bench: unknown token kind " + k.Name) // programming error, not input
	}
	return s
}

// redisTokenNew encodes a new-format Redis REST token (UPSTASH.md §1.2):
// kind byte (1 full, 2 read-only), big-endian DB number, 00 02 <len>, then
// "p1" and <len> bytes: 32 hex + "p<N>" + digits for full tokens, 32 random
// bytes for read-only tokens. URL-safe base64 without padding.
func redisTokenNew(r *rand.Rand, kind byte, db int) string {
	var body []byte
	if kind == 1 {
		body = append([]byte(randHex(r, 32)), fmt.Sprintf("p%d%d", 1+r.IntN(3), 1+r.IntN(99999))...)
	} else {
		body = make([]byte, 32)
		for i := range body {
			body[i] = byte(r.IntN(256))
		}
	}
	b := []byte{kind, byte(db >> 8), byte(db), 0x00, 0x02, byte(len(body)), 'p', '1'}
	b = append(b, body...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// redisTokenOld encodes an old-format Redis REST token (UPSTASH.md §1.2):
// kind byte, DB number, 01 24 20, the database UUID, then the 32-hex TCP
// password (full) or 32 random bytes (read-only). URL-safe base64, padded.
func redisTokenOld(r *rand.Rand, kind byte, db int) string {
	b := []byte{kind, byte(db >> 8), byte(db), 0x01, 0x24, 0x20}
	b = append(b, randUUID(r)...)
	if kind == 1 {
		b = append(b, randHex(r, 32)...)
	} else {
		for range 32 {
			b = append(b, byte(r.IntN(256)))
		}
	}
	return base64.URLEncoding.EncodeToString(b)
}

// redisTokenOlder encodes a full REST token of the 2021–2022 layout
// (UPSTASH.md §1.2): 01, DB number, 00 24 20, the database UUID, then the
// 32-hex TCP password. URL-safe base64, padded.
func redisTokenOlder(r *rand.Rand, db int) string {
	b := []byte{1, byte(db >> 8), byte(db), 0x00, 0x24, 0x20}
	b = append(b, randUUID(r)...)
	b = append(b, randHex(r, 32)...)
	return base64.URLEncoding.EncodeToString(b)
}

// qstashToken encodes a QStash token: standard base64 of
// {"UserID":…,"Password":…} (UPSTASH.md §1.3).
func qstashToken(user, password string) string {
	return base64.StdEncoding.EncodeToString(fmt.Appendf(nil, `{"UserID":%q,"Password":%q}`, user, password))
}

// indexToken encodes a Vector or Search token (UPSTASH.md §1.4): standard
// base64 of 0x00, len(name), len(role), '0', name, role, base64(uuid).
func indexToken(name, role, uuid string) string {
	b := []byte{0x00, byte(len(name)), byte(len(role)), '0'}
	b = append(b, name...)
	b = append(b, role...)
	b = append(b, base64.StdEncoding.EncodeToString([]byte(uuid))...)
	return base64.StdEncoding.EncodeToString(b)
}

// placeholder is a value that looks like it belongs in a credential slot but
// is not a credential: documentation placeholders, template references,
// masked values, and Upstash's public QStash dev-server values. upscan must
// never report these (DESIGN.md "Principles": precision first).
type placeholder struct {
	Kind  string // manifest kind, prefixed "placeholder-"
	Env   string
	Value string
}

// placeholders returns the placeholder catalogue. The QStash dev values are
// the public local-development credentials named in UPSTASH.md §1.3; the
// dev token is rebuilt here by encoding its documented JSON.
func placeholders() []placeholder {
	return []placeholder{
		{"placeholder-redis-token", "UPSTASH_REDIS_REST_TOKEN", "your_upstash_redis_rest_token"},
		{"placeholder-redis-token", "UPSTASH_REDIS_REST_TOKEN", "<UPSTASH_REDIS_REST_TOKEN>"},
		{"placeholder-redis-token", "KV_REST_API_TOKEN", "********************************"},
		{"placeholder-redis-token", "UPSTASH_REDIS_REST_TOKEN", "${UPSTASH_REDIS_REST_TOKEN}"},
		{"placeholder-redis-token", "UPSTASH_REDIS_REST_TOKEN", "AXxxASQg" + strings.Repeat("x", 92)},
		{"placeholder-redis-url", "REDIS_URL", "rediss://default:<PASSWORD>@<YOUR-DATABASE>.upstash.io:6379"},
		{"placeholder-redis-url", "REDIS_URL", "rediss://default:${REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379"},
		{"placeholder-redis-url", "KV_URL", "rediss://default:********@fake-otter-12345.upstash.io:6379"},
		{"placeholder-redis-url", "REDIS_URL", "rediss://default:YOUR_PASSWORD@your-database.upstash.io:6379"},
		{"placeholder-qstash-token", "QSTASH_TOKEN", "<QSTASH_TOKEN>"},
		{"placeholder-qstash-token", "QSTASH_TOKEN", qstashToken("xxxxxxxx", "xxxxxxxxxxxxxxxx")},
		{"qstash-dev-token", "QSTASH_TOKEN", qstashToken("defaultUser", "defaultPassword")},
		{"placeholder-signing-key", "QSTASH_CURRENT_SIGNING_KEY", "sig_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
		{"placeholder-signing-key", "QSTASH_NEXT_SIGNING_KEY", "<QSTASH_NEXT_SIGNING_KEY>"},
		{"qstash-dev-signing-key", "QSTASH_CURRENT_SIGNING_KEY", "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r"},
		{"qstash-dev-signing-key", "QSTASH_NEXT_SIGNING_KEY", "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"},
		{"placeholder-vector-token", "UPSTASH_VECTOR_REST_TOKEN", "<your-vector-token>"},
		{"placeholder-vector-token", "UPSTASH_VECTOR_REST_TOKEN", "YOUR_VECTOR_TOKEN"},
	}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func randHex(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[r.IntN(16)]
	}
	return string(b)
}

func randBase58(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base58Alphabet[r.IntN(len(base58Alphabet))]
	}
	return string(b)
}

// randUUID returns a random version-4 UUID in canonical lower-case form.
func randUUID(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
