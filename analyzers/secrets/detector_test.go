package secrets

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/logging"

	"github.com/upscan/upscan/rules"
)

// Fake values used across the tests (built, never real).
var (
	tokFull    = fakeRedisToken(false, 12345, false) // = the UPSTASH.md §1.2 FAKE sample
	tokRO      = fakeRedisToken(true, 12345, false)
	tokFullOld = fakeRedisToken(false, 30143, true)
	tokROOld   = fakeRedisToken(true, 20681, true)
	// tokFullOlder is the 00 24 20 layout of UPSTASH.md §1.2 (tokens of 2021–2022).
	tokFullOlder = fakeOlderRedisToken(12345, "\x00\x24\x20", fakeUUID, fakeHex)
	tokQStash    = fakeQStashToken(fakeUUID)
	tokVector    = fakeIndexToken("fake-otter-12345-us1", "admin")
	tokVectRO    = fakeIndexToken("fake-otter-12345-us1", "readonly")
	tokSearch    = fakeIndexToken("fake-kite-17499-eu1", "admin")
	sigKey       = "sig_3xAmPLe4FakeKeyNotReaLpQrSt7"
	sigKeyLong   = fakeSigningKey(50)
	unknownTok   = "Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg"
	restURL      = "https://fake-otter-12345.upstash.io"
)

// fakeSigningKey builds a sig_ key of n base58 characters.
func fakeSigningKey(n int) string {
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	b := []byte("sig_")
	for i := 0; i < n; i++ {
		b = append(b, alphabet[(i*7+3)%len(alphabet)])
	}
	return string(b)
}

// hit is what the tests compare: rule, position of the secret, kind, severity.
type hit struct {
	RuleID    string
	Line, Col int
	Kind      string
	Severity  rules.Severity
}

// want describes an expected finding by its secret: the nth (0-based)
// occurrence of secret in the content gives the expected position.
type want struct {
	rule, secret, kind string
	sev                rules.Severity
	nth                int
}

// posOf returns the 1-based line and byte column of the nth occurrence of
// sub in s, computed independently of the detector.
func posOf(s, sub string, nth int) (int, int) {
	off := -1
	for i := 0; i <= nth; i++ {
		j := strings.Index(s[off+1:], sub)
		if j < 0 {
			return 0, 0
		}
		off += j + 1
	}
	line := strings.Count(s[:off], "\n") + 1
	col := off - (strings.LastIndex(s[:off], "\n") + 1) + 1
	return line, col
}

func hitsOf(fs []rules.Finding) []hit {
	out := make([]hit, 0, len(fs))
	for _, f := range fs {
		out = append(out, hit{f.RuleID, f.Line, f.Col, f.Secret.Kind, f.Severity})
	}
	return sortHits(out)
}

func sortHits(h []hit) []hit {
	sort.Slice(h, func(i, j int) bool {
		if h[i].Line != h[j].Line {
			return h[i].Line < h[j].Line
		}
		return h[i].Col < h[j].Col
	})
	return h
}

type detectCase struct {
	name, path, content string
	want                []want
}

// positiveCases cover every rule in the forms and file types users write.
func positiveCases() []detectCase {
	return []detectCase{
		{"ts token on the line after its key", "lib/redis.ts",
			"export const redis = new Redis({\n  url: \"" + restURL + "\",\n  token:\n    \"" + tokFull + "\",\n});\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}}},
		{"authorization bearer header", "scripts/get.sh",
			"curl " + restURL + "/get/foo \\\n  -H \"Authorization: Bearer " + tokFull + "\"\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}}},
		{"rest token in _token query parameter", "docs/api.md",
			"```\nGET " + restURL + "/get/foo?_token=" + tokRO + "\n```\n",
			[]want{{"UPS102", tokRO, upstash.KindRedisReadOnly, rules.Low, 0}}},
		{"qstash token in qstash_token query parameter", "README.md",
			"curl 'https://qstash.upstash.io/v2/publish/https://example.com?qstash_token=" + tokQStash + "'\n",
			[]want{{"UPS104", tokQStash, upstash.KindQStashToken, rules.Critical, 0}}},
		{"unknown token in _token query parameter", "src/fetch.js",
			"fetch(`" + restURL + "/incr/hits?_token=" + unknownTok + "`)\n",
			[]want{{"UPS109", unknownTok, upstash.KindUnknownToken, rules.Medium, 0}}},
		{"unknown bearer token next to upstash url", "src/fetch.ts",
			"await fetch(\"" + restURL + "/get/k\", { headers: { Authorization: \"Bearer " + unknownTok + "\" } });\n",
			[]want{{"UPS109", unknownTok, upstash.KindUnknownToken, rules.Medium, 0}}},
		{"redis-py password option with upstash host", "app/cache.py",
			"import redis\nr = redis.Redis(host=\"fake-otter-12345.upstash.io\", port=6379,\n    password=\"" + fakeHex + "\", ssl=True)\n",
			[]want{{"UPS103", fakeHex, upstash.KindRedisPassword, rules.Critical, 0}}},
		{"ioredis password option with upstash host", "src/queue.js",
			"const client = new Redis({\n  host: 'us1-fake-otter-12345.upstash.io',\n  port: 12345,\n  password: '" + unknownTok + "',\n  tls: {},\n});\n",
			[]want{{"UPS103", unknownTok, upstash.KindRedisPassword, rules.Critical, 0}}},
		{"redis-py password option with rest token", "app/cache.py",
			"r = redis.Redis(host=\"fake-otter-12345.upstash.io\", password=\"" + tokFull + "\", ssl=True)\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}}},
		{"json config", "config/default.json",
			"{\n  \"upstash\": {\n    \"url\": \"" + restURL + "\",\n    \"token\": \"" + tokFullOld + "\"\n  }\n}\n",
			[]want{{"UPS101", tokFullOld, upstash.KindRedisToken, rules.Critical, 0}}},
		{"older 00 24 20 full token next to its host", "src/App.js",
			"const redis = new Redis({ url: \"" + restURL + "\", token: \"" + tokFullOlder + "\" });\n",
			[]want{{"UPS101", tokFullOlder, upstash.KindRedisToken, rules.Critical, 0}}},
		{"older 00 24 20 full token in an env file", ".env",
			"UPSTASH_REDIS_REST_TOKEN=" + tokFullOlder + "\n",
			[]want{{"UPS101", tokFullOlder, upstash.KindRedisToken, rules.Critical, 0}}},
		{"yaml unknown token on the next line", "deploy/values.yaml",
			"upstash:\n  url: " + restURL + "\n  token:\n    " + unknownTok + "\n",
			[]want{{"UPS109", unknownTok, upstash.KindUnknownToken, rules.Medium, 0}}},
		{"dockerfile env and arg", "Dockerfile",
			"FROM node:22\nENV UPSTASH_REDIS_REST_TOKEN=" + tokROOld + "\nARG QSTASH_TOKEN=" + tokQStash + "\nENV UPSTASH_VECTOR_REST_TOKEN " + tokVector + "\n",
			[]want{{"UPS102", tokROOld, upstash.KindRedisReadOnly, rules.Low, 0}, {"UPS104", tokQStash, upstash.KindQStashToken, rules.Critical, 0},
				{"UPS106", tokVector, upstash.KindIndexToken, rules.Critical, 0}}},
		{"shell export", "scripts/env.sh",
			"#!/bin/sh\nexport QSTASH_CURRENT_SIGNING_KEY=" + sigKey + "\nexport QSTASH_NEXT_SIGNING_KEY=\"" + sigKeyLong + "\"\n",
			[]want{{"UPS105", sigKey, upstash.KindSigningKey, rules.High, 0}, {"UPS105", sigKeyLong, upstash.KindSigningKey, rules.High, 0}}},
		{"markdown code block", "docs/search.md",
			"# Search\n\n```ts\nconst client = new Search({\n  url: \"https://fake-kite-17499-eu1-search.upstash.io\",\n  token: \"" + tokSearch + "\",\n});\n```\n",
			[]want{{"UPS106", tokSearch, upstash.KindIndexToken, rules.Critical, 0}}},
		{"jupyter notebook with escaped strings", "notebooks/rag.ipynb",
			"{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"from upstash_redis import Redis\\n\",\n" +
				"    \"redis = Redis(url=\\\"" + restURL + "\\\", token=\\\"" + tokFull + "\\\")\\n\",\n" +
				"    \"api_password = \\\"" + unknownTok + "\\\"\\n\"\n   ]\n  }\n ]\n}\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}, {"UPS103", unknownTok, upstash.KindRedisPassword, rules.Critical, 0}}},
		{"notebook token after an escaped newline", "notebooks/q.ipynb",
			"{\"source\": [\"%env QSTASH_TOKEN=\\n" + tokQStash + "\"]}\n",
			[]want{{"UPS104", tokQStash, upstash.KindQStashToken, rules.Critical, 0}}},
		{"env file with every kind", ".env.production",
			"UPSTASH_REDIS_REST_URL=" + restURL + "\nUPSTASH_REDIS_REST_TOKEN=\"" + tokFull + "\"\nKV_REST_API_READ_ONLY_TOKEN=" + tokRO +
				"\nKV_URL=rediss://default:" + tokFull + "@fake-otter-12345.upstash.io:6379\nQSTASH_TOKEN=" + tokQStash +
				"\nUPSTASH_VECTOR_REST_READONLY_TOKEN=" + tokVectRO + "\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}, {"UPS102", tokRO, upstash.KindRedisReadOnly, rules.Low, 0},
				{"UPS103", tokFull, upstash.KindRedisPassword, rules.Critical, 1}, {"UPS104", tokQStash, upstash.KindQStashToken, rules.Critical, 0},
				{"UPS106", tokVectRO, upstash.KindIndexToken, rules.Low, 0}}},
		{"redis url with the read-only user", "config.toml",
			"[redis]\nurl = \"rediss://default_ro:" + tokRO + "@fake-otter-12345.upstash.io:6379\"\n",
			[]want{{"UPS103", tokRO, upstash.KindRedisPassword, rules.Low, 0}}},
		{"old-style redis url with hex password and host port", "config.yaml",
			"cache: redis://:" + fakeHex + "@us1-lasting-panther-33618.upstash.io:33618\n",
			[]want{{"UPS103", fakeHex, upstash.KindRedisPassword, rules.Critical, 0}}},
		{"terraform provider block", "infra/main.tf",
			"terraform {\n  required_providers {\n    upstash = { source = \"upstash/upstash\" }\n  }\n}\n\nprovider \"upstash\" {\n  email   = \"dev@example.com\"\n  api_key = \"" + fakeUUID + "\"\n}\n",
			[]want{{"UPS107", fakeUUID, upstash.KindDeveloperAPIKey, rules.Critical, 0}}},
		{"tfvars", "infra/prod.tfvars",
			"upstash_email   = \"dev@example.com\"\nupstash_api_key = \"" + fakeUUID + "\"\n",
			[]want{{"UPS107", fakeUUID, upstash.KindDeveloperAPIKey, rules.Critical, 0}}},
		{"curl basic auth to the developer api", "scripts/list.sh",
			"curl -X GET https://api.upstash.com/v2/redis/databases -u dev@example.com:" + fakeUUID + "\n",
			[]want{{"UPS107", fakeUUID, upstash.KindDeveloperAPIKey, rules.Critical, 0}}},
		{"kafka env without host", ".env",
			"UPSTASH_KAFKA_REST_PASSWORD=Zm9vYmFyLWthZmthLXBhc3MtOTg3NjU0MzIx\n",
			[]want{{"UPS108", "Zm9vYmFyLWthZmthLXBhc3MtOTg3NjU0MzIx", upstash.KindKafkaCredential, rules.Low, 0}}},
		{"kafka sasl password next to a kafka broker", "kafka.properties",
			"bootstrap.servers=fake-otter-12345-us1-kafka.upstash.io:9092\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ZmFrZS1vdHRlcg\" password=\"" + unknownTok + "\";\n",
			[]want{{"UPS108", unknownTok, upstash.KindKafkaCredential, rules.Low, 0}}},
		{"token at start of file without newline", "token.txt", tokFull,
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}}},
		{"crlf line endings", "win/.env",
			"# comment\r\nUPSTASH_REDIS_REST_URL=" + restURL + "\r\nUPSTASH_REDIS_REST_TOKEN=" + tokFull + "\r\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}}},
		{"other database numbers", "lib/multi.ts",
			"const a = \"" + fakeRedisToken(false, 1, false) + "\";\nconst b = \"" + fakeRedisToken(true, 65535, false) + "\";\nconst c = \"" + fakeRedisToken(false, 99, true) + "\";\n",
			[]want{{"UPS101", fakeRedisToken(false, 1, false), upstash.KindRedisToken, rules.Critical, 0},
				{"UPS102", fakeRedisToken(true, 65535, false), upstash.KindRedisReadOnly, rules.Low, 0},
				{"UPS101", fakeRedisToken(false, 99, true), upstash.KindRedisToken, rules.Critical, 0}}},
		{"the same token several times", "scripts/seed.sh",
			"A=" + tokFull + " B=" + tokFull + "\n\tC=" + tokFull + "\n",
			[]want{{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 0}, {"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 1},
				{"UPS101", tokFull, upstash.KindRedisToken, rules.Critical, 2}}},
		{"keys that contain non-secret words as substrings", "config/prod.yaml",
			"redis: " + restURL + "\nsecurity_token: " + unknownTok + "\naccount_password: " + fakeHex + "\n",
			[]want{{"UPS109", unknownTok, upstash.KindUnknownToken, rules.Medium, 0}, {"UPS103", fakeHex, upstash.KindRedisPassword, rules.Critical, 0}}},
		{"vercel kv host", ".env.local",
			"KV_REST_API_URL=https://fake-otter-12345.kv.vercel-storage.com\nKV_REST_API_TOKEN=" + unknownTok + "\n",
			[]want{{"UPS109", unknownTok, upstash.KindUnknownToken, rules.Medium, 0}}},
	}
}

func TestDetectPositive(t *testing.T) {
	d := newDetector(t)
	for _, tc := range positiveCases() {
		t.Run(tc.name, func(t *testing.T) {
			var wantHits []hit
			for _, w := range tc.want {
				l, c := posOf(tc.content, w.secret, w.nth)
				wantHits = append(wantHits, hit{w.rule, l, c, w.kind, w.sev})
			}
			got := d.detect(tc.path, []byte(tc.content))
			if diff := cmp.Diff(sortHits(wantHits), hitsOf(got)); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s\ngot: %s", diff, summary(got))
			}
		})
	}
}

// TestDetectPositions pins a few positions literally, including the end of a
// secret whose key is on the line before.
func TestDetectPositions(t *testing.T) {
	d := newDetector(t)
	content := "const r = new Redis({\n  token:\n\t\"" + tokFull + "\"\n})\n"
	got := d.detect("a.ts", []byte(content))
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1: %s", len(got), summary(got))
	}
	f := got[0]
	if f.Line != 3 || f.Col != 3 || f.EndLine != 3 || f.EndCol != 2+len(tokFull) {
		t.Errorf("position %d:%d-%d:%d, want 3:3-3:%d", f.Line, f.Col, f.EndLine, f.EndCol, 2+len(tokFull))
	}
	if f.Path != "a.ts" || f.Key == "" || f.Secret.Length != len(tokFull) || f.Secret.Prefix != tokFull[:4] {
		t.Errorf("finding fields: path %q, key %q, secret %s", f.Path, f.Key, f.Secret)
	}
	// The fingerprint is content-based: moving the secret keeps it.
	moved := d.detect("a.ts", []byte("\n\n"+content))
	if len(moved) != 1 || moved[0].Key != f.Key || moved[0].Line != 5 {
		t.Errorf("moved finding: %s key equal=%v", summary(moved), len(moved) == 1 && moved[0].Key == f.Key)
	}
}

// TestDetectNegative holds inputs that must produce no finding at all.
func TestDetectNegative(t *testing.T) {
	d := newDetector(t)
	blob := strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw", 40)
	cases := []struct{ name, path, content string }{
		{"env references", "lib/redis.ts",
			"const redis = new Redis({ url: \"" + restURL + "\", token: process.env.UPSTASH_REDIS_REST_TOKEN! });\n" +
				"const q = new Client({ token: process.env.QSTASH_TOKEN });\nconst i = new Index({ token: import.meta.env.VITE_TOKEN });\n"},
		{"placeholders in env example", ".env.example",
			"UPSTASH_REDIS_REST_URL=https://<your-db>.upstash.io\nUPSTASH_REDIS_REST_TOKEN=your_upstash_redis_rest_token\n" +
				"QSTASH_TOKEN=<QSTASH_TOKEN>\nQSTASH_CURRENT_SIGNING_KEY=sig_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\nUPSTASH_API_KEY=00000000-0000-0000-0000-000000000000\n" +
				"REDIS_URL=rediss://default:********@fake-otter-12345.upstash.io:6379\nSECRET_TOKEN=REPLACE_ME_WITH_A_REAL_VALUE1\n"},
		{"python env lookups", "app/main.py",
			"import os\nURL = \"" + restURL + "\"\ntoken = os.environ[\"UPSTASH_REDIS_REST_TOKEN\"]\npassword = os.getenv(\"REDIS_PASSWORD\")\n"},
		{"templated url password", "k8s/deploy.yaml",
			"env:\n  - name: REDIS_URL\n    value: rediss://default:${REDIS_PASSWORD}@fake-otter-12345.upstash.io:6379\n  - name: X\n    value: rediss://default:{{ .Values.redisPassword }}@fake-otter-12345.upstash.io:6379\n"},
		{"dev-server qstash credentials", ".env.development",
			"QSTASH_URL=http://127.0.0.1:8080\nQSTASH_TOKEN=" + fakeQStashToken("defaultUser") + "\n" +
				"QSTASH_TOKEN_1=" + fakeQStashToken("testUser1") + "\nQSTASH_TOKEN_3=" + fakeQStashToken("testUser3") + "\n" +
				strings.Join(upstash.DevSigningKeys, "\n") + "\n"},
		{"uuid without upstash context", "src/analytics.ts",
			"const redis = Redis.fromEnv(); // @upstash/redis\n" + strings.Repeat("// filler line to move the key out of any window\n", 40) +
				"const analytics = new Analytics({ apiKey: \"" + fakeUUID + "\" });\n"},
		{"uuid in a file that never mentions upstash", "config/app.json",
			"{\"api_key\": \"" + fakeUUID + "\", \"id\": \"" + fakeUUID + "\"}\n"},
		{"generic high-entropy string without upstash", "src/stripe.ts",
			"const token = \"" + unknownTok + "\";\nconst password = \"" + fakeHex + "\";\n"},
		{"random A-base64 that fails decode", "data.txt",
			"ATA5AAIncDxx0JfkPpQ9vLx2Tn8RwB5yHc7MdF4sJgZk3pQ9vLx2Tn8RwB5yHc7M\nAjA5ASQgnotAuuidAtAllQ9vLx2Tn8RwB5yHc7MdF4sJgZk3pQ9vLx2Tn8RwB5yHc7MZZZZ\n" +
				"ABQFMnope" + strings.Repeat("Zk3pQ9vLx2", 8) + "\neyJVc2VySUQiOiJub3QganNvbgBBQkNERUZHSElKS0xNTk9Q\n"},
		{"older-layout tokens that fail decode", "data.txt",
			fakeOlderRedisToken(12345, "\x00\x25\x20", fakeUUID, fakeHex) + "\n" +
				fakeOlderRedisToken(12345, "\x00\x24\x20", "0f0f0f0f-1111-4222-8333-44445555666z", fakeHex) + "\n" +
				fakeOlderRedisToken(12345, "\x00\x24\x20", fakeUUID, "deadbeefcafef00d0badc0de1234567g") + "\n" +
				"AXxxACQg" + strings.Repeat("x", 92) + "\n"},
		{"tokens inside a longer base64 blob", "assets/logo.svg",
			"<image href=\"data:image/png;base64," + blob + tokFull + blob + "\"/>\n<image href=\"data:image/png;base64,Zm9v+" + tokVector + "/ZZ\"/>\n"},
		{"source map", "dist/app.js.map",
			"{\"version\":3,\"sources\":[\"@upstash/redis\"],\"mappings\":\"AAAA,SAASC;AACT,AAAIC,CAAC" + blob + "\"}\n//# sourceMappingURL=data:application/json;base64," + blob + "\n"},
		{"integrity hashes in package-lock", "package-lock.json",
			"{\n  \"node_modules/@upstash/redis\": {\n    \"version\": \"1.34.0\",\n    \"resolved\": \"https://registry.npmjs.org/@upstash/redis/-/redis-1.34.0.tgz\",\n" +
				"    \"integrity\": \"sha512-AQIBAAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDUrandomrestOfHash7Jk1+Q9vLx2Tn8RwB5yHc7MdF4sJgZk3pQ9v==\"\n  }\n}\n"},
		{"jwt bearer next to an upstash host", "src/auth.ts",
			"const url = \"" + restURL + "\";\nconst headers = { Authorization: \"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlZmFrZQ\" };\n"},
		{"identifiers that start with sig_", "src/verify.ts",
			"function sig_computeSignatureFromRequest() {}\nconst sig_verificationHandlerName = 1;\nconst x = sig_ABCDEFGHJKLMNPQRSTUVWXYZabcdefgh;\n" +
				"const inWord = \"my" + sigKey + "\", suffixed = \"" + sigKey + "_v2\";\n"},
		{"non-secret keys next to an upstash url", "config.yaml",
			"url: " + restURL + "\ntoken_url: https://example.com/oauth2/token1234567890\ntokenizer: bert-base-uncased-v2-1234567\n" +
				"password_hash: $2b$12$abcdefghijklmnopqrstuv\nsecret_name: prod-upstash-redis-2024\ntoken_type: Bearer1234567890ab\n"},
		{"words and identifiers as values", "src/redis.ts",
			"const redis = new Redis({ url: \"" + restURL + "\", token: UPSTASH_REDIS_REST_TOKEN_VALUE, password: \"redispassword2024\" });\n" +
				"const secret = \"my-super-secret-value-123\";\nconst token = getTokenFromVault(\"upstash-prod-0001\");\n"},
		{"example uuid for the api key", ".env.example",
			"UPSTASH_EMAIL=you@example.com\nUPSTASH_API_KEY=12345678-1234-1234-1234-123456789012\n"},
		{"empty", "empty.txt", ""},
		{"binary", "bin/app", "\x00\x01\x02\xff\xfeATA5AAIncD\x00" + string([]byte{0xc3, 0x28, 0xa0, 0xa1}) + "upstash\x00token=\xff\xfe"},
		{"redis url to a non-upstash host", "config.yaml",
			"url: rediss://default:" + fakeHex + "@redis.example.com:6379\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.detect(tc.path, []byte(tc.content)); len(got) != 0 {
				t.Errorf("unexpected findings: %s", summary(got))
			}
		})
	}
}

// TestDetectDeduplicates checks that a REST token used as the password of a
// rediss:// URL is reported once, as UPS103, and that repeated matches of
// overlapping rules collapse.
func TestDetectDeduplicates(t *testing.T) {
	d := newDetector(t)
	content := "REDIS_URL=\"rediss://default:" + tokFull + "@fake-otter-12345.upstash.io:6379\"\n" +
		"upstash_token=" + unknownTok + "\nUPSTASH_REDIS_REST_URL=" + restURL + "\n"
	got := hitsOf(d.detect(".env", []byte(content)))
	l1, c1 := posOf(content, tokFull, 0)
	l2, c2 := posOf(content, unknownTok, 0)
	want := []hit{{"UPS103", l1, c1, upstash.KindRedisPassword, rules.Critical}, {"UPS109", l2, c2, upstash.KindUnknownToken, rules.Medium}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestDetectLargeFiles plants tokens across fragment boundaries: before,
// inside and after the overlap, with the value on the line after its key,
// and in a single very long line.
func TestDetectLargeFiles(t *testing.T) {
	d := newDetector(t)
	var b strings.Builder
	b.WriteString("url = \"" + restURL + "\"\n")
	line := "let filler = 'The quick brown fox jumps over the lazy dog 0123456789';\n"
	var wants []hit
	for i := 0; b.Len() < 5*chunkSize; i++ {
		b.WriteString(line)
		if i%97 == 0 {
			tok := fakeRedisToken(i%2 == 0, uint16(i), false)
			b.WriteString("token:\n  " + tok + "\n")
		}
		if i%151 == 0 {
			b.WriteString("api_secret =\n    \"" + unknownTok + "\"\n")
		}
	}
	content := b.String()
	for _, tokLine := range []string{"token:\n  ", "api_secret =\n    \""} {
		for off := 0; ; {
			j := strings.Index(content[off:], tokLine)
			if j < 0 {
				break
			}
			start := off + j + len(tokLine)
			end := start + strings.IndexAny(content[start:], "\"\n")
			secret := content[start:end]
			line := strings.Count(content[:start], "\n") + 1
			col := start - strings.LastIndex(content[:start], "\n")
			switch {
			case secret == unknownTok:
				wants = append(wants, hit{"UPS109", line, col, upstash.KindUnknownToken, rules.Medium})
			case secret[1] >= 'g':
				wants = append(wants, hit{"UPS102", line, col, upstash.KindRedisReadOnly, rules.Low})
			default:
				wants = append(wants, hit{"UPS101", line, col, upstash.KindRedisToken, rules.Critical})
			}
			off = end
		}
	}
	if diff := cmp.Diff(sortHits(wants), hitsOf(d.detect("big.txt", []byte(content)))); diff != "" {
		t.Errorf("multi-line file (-want +got):\n%s", diff)
	}

	// A key whose line ends exactly at a fragment cut, its value on the next line.
	var cut strings.Builder
	cut.WriteString("url = \"" + restURL + "\"\n")
	for cut.Len()+len(line) < chunkSize-100 {
		cut.WriteString(line)
	}
	cut.WriteString(strings.Repeat("y", chunkSize-3-cut.Len()-1) + "\n")
	cut.WriteString("secret:\n  " + unknownTok + "\n" + line)
	cutContent := cut.String()
	l, c := posOf(cutContent, unknownTok, 0)
	if diff := cmp.Diff([]hit{{"UPS109", l, c, upstash.KindUnknownToken, rules.Medium}}, hitsOf(d.detect("cut.yaml", []byte(cutContent)))); diff != "" {
		t.Errorf("value after a fragment cut (-want +got):\n%s", diff)
	}

	// One long minified line, no newline at all.
	one := strings.Repeat("var a=function(t){return t+1};", 40000) + "const r=new Redis({url:\"" + restURL + "\",token:\"" + tokFull + "\"});" +
		strings.Repeat("x.y=z;", 50000)
	got := hitsOf(d.detect("dist/bundle.min.js", []byte(one)))
	_, col := posOf(one, tokFull, 0)
	if diff := cmp.Diff([]hit{{"UPS101", 1, col, upstash.KindRedisToken, rules.Critical}}, got); diff != "" {
		t.Errorf("one-line file (-want +got):\n%s", diff)
	}
}

// TestNoSecretInFindings checks that no field of any finding holds a secret
// value: the message, the related locations, the redacted prefix (4 chars).
func TestNoSecretInFindings(t *testing.T) {
	d := newDetector(t)
	for _, tc := range positiveCases() {
		for _, f := range d.detect(tc.path, []byte(tc.content)) {
			for _, w := range tc.want {
				texts := []string{f.Message, f.Path, f.Key, f.Secret.Kind, f.Secret.Prefix}
				for _, r := range f.Related {
					texts = append(texts, r.Message, r.Path)
				}
				for _, s := range texts {
					if len(w.secret) >= 8 && strings.Contains(s, w.secret[2:]) {
						t.Errorf("%s: %s finding holds the secret %s", tc.name, f.RuleID, rules.Redact(w.kind, w.secret))
					}
				}
			}
			if len([]rune(f.Secret.Prefix)) > 4 {
				t.Errorf("%s: redacted prefix longer than 4 characters (%d)", tc.name, len(f.Secret.Prefix))
			}
			if strings.Count(f.Message, ";") > 1 || strings.Contains(f.Message, "\n") {
				t.Errorf("%s: message is not one sentence: %q", tc.name, f.Message)
			}
		}
	}
}

// TestCatalogueSeverities checks that findings carry their rule's severity
// unless the decoded token says otherwise.
func TestCatalogueSeverities(t *testing.T) {
	d := newDetector(t)
	for _, tc := range positiveCases() {
		for _, f := range d.detect(tc.path, []byte(tc.content)) {
			r := rules.Lookup(f.RuleID)
			if r == nil {
				t.Fatalf("%s: finding of unregistered rule %s", tc.name, f.RuleID)
			}
			lowered := (f.RuleID == "UPS103" || f.RuleID == "UPS106") && f.Severity == rules.Low
			if f.Severity != r.Severity && !lowered {
				t.Errorf("%s: %s severity %v, rule says %v", tc.name, f.RuleID, f.Severity, r.Severity)
			}
		}
	}
}

func TestGitleaksIsSilent(t *testing.T) {
	newDetector(t)
	if lvl := logging.Logger.GetLevel(); lvl != zerolog.Disabled {
		t.Errorf("gitleaks logger level %v, want disabled", lvl)
	}
}

func TestKeywords(t *testing.T) {
	d := newDetector(t)
	kws := d.Keywords()
	for _, k := range kws {
		if k != strings.ToLower(k) || k == "" {
			t.Errorf("keyword %q is not lower-case", k)
		}
	}
	// Every positive case contains at least one keyword.
	for _, tc := range positiveCases() {
		lc := strings.ToLower(tc.content)
		found := false
		for _, k := range kws {
			if strings.Contains(lc, k) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no keyword in content", tc.name)
		}
	}
}

// TestDetectConcurrent runs the detector from several goroutines (run with -race).
func TestDetectConcurrent(t *testing.T) {
	d := newDetector(t)
	cases := positiveCases()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i, tc := range cases {
				if (i+g)%2 == 0 {
					continue
				}
				if got := detectAll(d, tc.path, []byte(tc.content)); len(got) != len(tc.want) {
					errs <- fmt.Sprintf("%s: %d findings, want %d", tc.name, len(got), len(tc.want))
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestEnvFileMessage checks that a credential in an env file the scan reads
// is not called hardcoded with advice to load it from the variable it is
// already assigned to: the message says the file is in the repository and
// how to fix that.
func TestEnvFileMessage(t *testing.T) {
	d := newDetector(t)
	for _, p := range []string{".env.production", ".env", "deploy/prod.env"} {
		got := detectAll(d, p, []byte("UPSTASH_REDIS_REST_TOKEN="+fakeRedisToken(false, 1, false)+"\nQSTASH_TOKEN="+tokQStash+"\n"))
		if len(got) != 2 {
			t.Fatalf("%s: %d findings, want 2", p, len(got))
		}
		for _, fd := range got {
			for _, bad := range []string{"hardcoded", "load it from"} {
				if strings.Contains(fd.Message, bad) {
					t.Errorf("%s %s: message %q says %q", p, fd.RuleID, fd.Message, bad)
				}
			}
			for _, want := range []string{"live credential", "in the repository", ".gitignore", "rotate"} {
				if !strings.Contains(fd.Message, want) {
					t.Errorf("%s %s: message %q lacks %q", p, fd.RuleID, fd.Message, want)
				}
			}
		}
	}
	// Code keeps the hardcoded message.
	got := detectAll(d, "lib/redis.ts", []byte(`const token = "`+fakeRedisToken(false, 1, false)+`";`))
	if len(got) != 1 || !strings.Contains(got[0].Message, "hardcoded") {
		t.Errorf("code: %v", got)
	}
}

// TestDetectDeterministic checks that Detect returns the same findings on
// every call: gitleaks returns its rules' matches in map order, and two
// patterns matching the same value with the same priority (a _token=
// parameter is also a token assignment) must not take turns.
func TestDetectDeterministic(t *testing.T) {
	d := newDetector(t)
	for _, tc := range positiveCases() {
		first := detectAll(d, tc.path, []byte(tc.content))
		for range 30 {
			if got := detectAll(d, tc.path, []byte(tc.content)); !reflect.DeepEqual(got, first) {
				t.Fatalf("%s: findings change between calls", tc.name)
			}
		}
	}
}
