package secrets

import (
	"github.com/upscan/upscan/upstash"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/upscan/upscan/rules"
)

func TestIsPlaceholder(t *testing.T) {
	cases := []struct {
		value string
		want  bool
	}{
		{"", true},
		{"   ", true},
		{"your_token", true},
		{"YOUR_UPSTASH_REDIS_REST_TOKEN", true},
		{"<token>", true},
		{"<YOUR-DATABASE>", true},
		{"xxxxxxxxxxxxxxxx", true},
		{"AXxxxxxxxxxxxxxxxxxx", true},
		{"********", true},
		{"REPLACE_ME", true},
		{"changeme", true},
		{"${VAR}", true},
		{"${UPSTASH_REDIS_REST_TOKEN}", true},
		{"$VAR", true},
		{"$(cat /run/secrets/token)", true},
		{"{{ var }}", true},
		{"{{ .Values.token }}", true},
		{"process.env.UPSTASH_REDIS_REST_TOKEN", true},
		{"os.environ['TOKEN']", true},
		{"os.environ.get('TOKEN')", true},
		{"os.getenv(\"TOKEN\")", true},
		{"import.meta.env.VITE_TOKEN", true},
		{"env(\"UPSTASH_TOKEN\")", true},
		{"Deno.env.get(\"TOKEN\")", true},
		{"var.upstash_api_key", true},
		{"aaaaaaaaaaaaaaaa", true},
		{"0000-0000-0000", true},
		{"...", true},
		{"AXW_ASQgOTZhZDA4…", true},
		{"%s", true},
		{"example-token-123", true},
		{"fake_redis_token_12345", true},
		{"dummy1234567890", true},
		{"test1234567890", true},
		{"my-secret-token", true},
		{"redispassword2024", true},
		{"insert-your-key-here", true},
		{"null", true},
		{"undefined", true},
		{`"your-token"`, true},
		// Real-looking values are not placeholders.
		{"Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg", false},
		{fakeHex, false},
		{"0f0f0f0f-1111-4222-8333-444455556666", false},
		{"AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=", false},
		{"p4ssw0rdZk3Q9vLx", false},
	}
	for _, tc := range cases {
		if got := upstash.IsPlaceholder(tc.value); got != tc.want {
			t.Errorf("upstash.IsPlaceholder(%s) = %v, want %v", rRedact(tc.value), got, tc.want)
		}
	}
}

func TestDecodeRedisToken(t *testing.T) {
	for _, tc := range []struct {
		name     string
		tok      string
		ok, ro   bool
		db       int
		oldStyle bool
	}{
		{"doc sample full new", "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU", true, false, 12345, false},
		{"doc sample read-only new", "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw", true, true, 12345, false},
		{"doc sample full old", "ATA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=", true, false, 12345, true},
		{"doc sample read-only old", "AjA5ASQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2UFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm8=", true, true, 12345, true},
		{"built full", fakeRedisToken(false, 20681, false), true, false, 20681, false},
		{"built read-only with binary tail", fakeRedisToken(true, 17499, false), true, true, 17499, false},
		{"acl resttoken (undocumented layout)", "AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=", false, false, 0, false},
		{"kind byte 3", "AzA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU", false, false, 0, false},
		{"full token with binary tail", fakeRedisToken(true, 12345, false)[:1] + "T" + fakeRedisToken(true, 12345, false)[2:], false, false, 0, false},
		{"older header 00 24 20", tokFullOlder, true, false, 12345, true},
		{"older header, UPSTASH.md fake", "ATA5ACQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=", true, false, 12345, true},
		{"older header, wrong byte 4", fakeOlderRedisToken(12345, "\x00\x25\x20", fakeUUID, fakeHex), false, false, 0, false},
		{"older header, wrong byte 3", fakeOlderRedisToken(12345, "\x02\x24\x20", fakeUUID, fakeHex), false, false, 0, false},
		{"older header, bad uuid", fakeOlderRedisToken(12345, "\x00\x24\x20", "0f0f0f0f-1111-4222-8333-44445555666z", fakeHex), false, false, 0, false},
		{"older header, non-hex password", fakeOlderRedisToken(12345, "\x00\x24\x20", fakeUUID, "deadbeefcafef00d0badc0de1234567g"), false, false, 0, false},
		{"older header, short password", fakeOlderRedisToken(12345, "\x00\x24\x20", fakeUUID, fakeHex[:31]), false, false, 0, false},
		{"older header, read-only kind", "AjA5" + fakeOlderRedisToken(12345, "\x00\x24\x20", fakeUUID, fakeHex)[4:], false, false, 0, false},
		{"old header without uuid", "ATA5ASQgbm90LWEtdXVpZC1hdC1hbGwtbm90LWEtdXVpZC1hdC1hbGwtbm90LWEtdXVpZA==", false, false, 0, false},
		{"truncated", "ATA5AAIncDFk", false, false, 0, false},
		{"not base64", "ATA5AAIncD!!ZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU", false, false, 0, false},
	} {
		got, ok := upstash.DecodeRedisToken(tc.tok)
		if ok != tc.ok || ok && (got.ReadOnly != tc.ro || got.DB != tc.db || got.Old != tc.oldStyle) {
			t.Errorf("%s: upstash.DecodeRedisToken = %+v, %v; want ok=%v ro=%v db=%d old=%v", tc.name, got, ok, tc.ok, tc.ro, tc.db, tc.oldStyle)
		}
	}
}

func TestDecodeQStashAndIndexTokens(t *testing.T) {
	if q, ok := upstash.DecodeQStashToken(tokQStash); !ok || q.UserID != fakeUUID {
		t.Errorf("upstash.DecodeQStashToken(fake) = %q, %v", q.UserID, ok)
	}
	for _, user := range []string{"defaultUser", "testUser1", "testUser2", "testUser3"} {
		if q, ok := upstash.DecodeQStashToken(fakeQStashToken(user)); !ok || !upstash.DevQStashUsers[q.UserID] {
			t.Errorf("dev user %s: not recognised", user)
		}
	}
	for _, bad := range []string{"eyJVc2VySUQiOiJ4In0=", "eyJVc2VySUQiOiJ4IiwiUGFzc3dvcmQiOiIifQ==", "eyJVc2VySUQiOi!!!", "eyJVc2VySUQiOiJ4IiwiUGFzc3dvcmQiOiJ5"} {
		if _, ok := upstash.DecodeQStashToken(bad); ok {
			t.Errorf("upstash.DecodeQStashToken(%s) accepted", rRedact(bad))
		}
	}
	for _, tc := range []struct{ tok, name, role string }{
		{"ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=", "fake-otter-12345-us1", "admin"},
		{"ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=", "fake-otter-12345-us1", "readonly"},
		{fakeIndexToken("a-b-1-gcp-usc1", "admin"), "a-b-1-gcp-usc1", "admin"},
	} {
		if got, ok := upstash.DecodeIndexToken(tc.tok); !ok || got.Name != tc.name || got.Role != tc.role {
			t.Errorf("upstash.DecodeIndexToken(%s) = %+v, %v", rRedact(tc.tok), got, ok)
		}
	}
	for _, bad := range []string{fakeIndexToken("Fake_Otter", "admin"), fakeIndexToken("fake-otter", "owner"), fakeIndexToken("fake-otter", "readonly")[:40]} {
		if _, ok := upstash.DecodeIndexToken(bad); ok {
			t.Errorf("upstash.DecodeIndexToken(%s) accepted", rRedact(bad))
		}
	}
}

func TestValidSigningKey(t *testing.T) {
	for _, k := range []string{sigKey, sigKeyLong, fakeSigningKey(24), fakeSigningKey(64), "sig_BjoKwQxNvRtYhMpLsZcVbNmAzXdFeG"} {
		if !upstash.ValidSigningKey(k) {
			t.Errorf("upstash.ValidSigningKey(%s) = false", rRedact(k))
		}
	}
	for _, k := range []string{"sig_computeSignatureFromRequestHeaders", "sig_xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sig_ABCDEFGHJKLMNPQRSTUVWXYZ", "sig_123456789123456789123456789",
		"sig_verifySignatureAppRouter", "sig_abcdefghijkmnopqrstuvwxyz", "sig_ABCDEFGHJKMNPQRSTUVWXYZ23", "sig_abc123abc123abc123abc123ab",
		"sig_mySigningKeyGoesHereForNow"} {
		if upstash.ValidSigningKey(k) {
			t.Errorf("upstash.ValidSigningKey(%s) = true", rRedact(k))
		}
	}
}

// TestValidSigningKeyRandom draws bodies as Upstash makes them (28 random
// base58 characters, with a fixed seed) and wants every one accepted,
// including those with no digit and few case changes that the old test
// rejected (about 1 in 4,200; seen in the bench generator's planted keys).
func TestValidSigningKeyRandom(t *testing.T) {
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	for _, k := range []string{"sig_RtcssfvqukAijmxjxyjRPGDnwCjX", "sig_iyMMqpyhueyVijbhomeZkduumRMW", "sig_wwtBCdnryzdahgtszqivNuWegGPj",
		"sig_gugzhdVZEtVMzgsrrBaroabfiUvh", "sig_hbibmvmdivajggnhUnMFzxrooRoB", "sig_fbtizkusjdxfkhue922v3ms97zoi",
		"sig_MqpwHbcTjXWLmxMwPMrXxXfQXnmM", "sig_NJwWrHQJtXXXjPukjKXGQBnXFfiX"} {
		if !upstash.ValidSigningKey(k) {
			t.Errorf("upstash.ValidSigningKey(%s) = false", rRedact(k))
		}
	}
	r := rand.New(rand.NewPCG(14, 58))
	rejected := 0
	b := make([]byte, 28)
	for range 300000 {
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		if !upstash.ValidSigningKey("sig_" + string(b)) {
			rejected++
		}
	}
	if rejected > 0 {
		t.Errorf("%d of 300000 random signing keys rejected", rejected)
	}
}

func TestLooksRandom(t *testing.T) {
	for _, v := range []string{unknownTok, "AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=", "9f86d081884c7d659a2feaa0c55ad015"} {
		if !upstash.LooksRandom(v, 16) {
			t.Errorf("upstash.LooksRandom(%s) = false", rRedact(v))
		}
	}
	for _, v := range []string{"UPSTASH_REDIS_REST_TOKEN", "bert-base-uncased-v2", "aaaaaaaaaaaaaaaaaaaa1", "short1A", "abcdefghijklmnop1234", "./config/secrets.json"} {
		if upstash.LooksRandom(v, 16) {
			t.Errorf("upstash.LooksRandom(%s) = true", rRedact(v))
		}
	}
}

func TestMentionsUpstash(t *testing.T) {
	for s, want := range map[string]bool{"import '@upstash/redis'": true, "UPSTASH_REDIS_REST_URL": true, "UpStAsH": true,
		"x.kv.vercel-storage.com": true, "upstas": false, "": false, strings.Repeat("u", 100): false} {
		if got := upstash.MentionsUpstash(s); got != want {
			t.Errorf("upstash.MentionsUpstash(%q) = %v", s, got)
		}
	}
}

// rRedact is the redacted form tests print instead of a value.
func rRedact(v string) string { return rules.Redact("value", v).String() }

func TestKeyWords(t *testing.T) {
	for key, want := range map[string]string{
		"UPSTASH_REDIS_REST_TOKEN": "upstash redis rest token",
		"apiSecretName":            "api secret name",
		"token_url":                "token url",
		"SECURITY_TOKEN":           "security token",
		"x-api.key":                "x api key",
	} {
		if got := strings.Join(keyWords(key), " "); got != want {
			t.Errorf("keyWords(%q) = %q, want %q", key, got, want)
		}
	}
}
