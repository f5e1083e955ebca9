package verify

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/secrets"
	"github.com/upscan/upscan/rules"
)

// TestForFinding runs the real credential rules on a file and builds the
// candidates the scan would verify: secrets read back at the findings'
// positions, paired with the URL and e-mail of the same file.
func TestForFinding(t *testing.T) {
	data := []byte("UPSTASH_REDIS_REST_URL=https://fake-heron-23456.upstash.io\n" +
		"OTHER_URL=https://fake-otter-12345.upstash.io\n" +
		"UPSTASH_REDIS_REST_TOKEN=\"" + redisToken + "\"\n" +
		"QSTASH_TOKEN=" + qstashToken + "\n" +
		"QSTASH_CURRENT_SIGNING_KEY=sig_3xAmPLe4FakeKeyNotReaLpQrSt7\n" +
		"UPSTASH_VECTOR_REST_URL=https://fake-otter-12345-us1-vector.upstash.io\n" +
		"UPSTASH_VECTOR_REST_TOKEN=" + vectorToken + "\n" +
		"UPSTASH_EMAIL=dev@example.com\n" +
		"UPSTASH_API_KEY=" + apiKey + "\n")
	d, err := secrets.New()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := d.Detect(".env", data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Candidate{}
	skipped := map[string]bool{}
	for _, f := range fs {
		c, ok := ForFinding(f, data)
		if !ok {
			skipped[f.Secret.Kind] = true
			continue
		}
		got[c.Kind] = c
	}
	// Compare without printing secrets: the secret is checked by hash below.
	type view struct{ Kind, Endpoint, Email string }
	var views []view
	for _, k := range []string{"redis-rest-token", "qstash-token", "vector-search-token", "upstash-api-key"} {
		c, ok := got[k]
		if !ok {
			t.Errorf("no candidate for %s (findings: %d)", k, len(fs))
			continue
		}
		views = append(views, view{c.Kind, c.Endpoint, c.Email})
	}
	want := []view{
		{"redis-rest-token", "https://fake-otter-12345.upstash.io", ""}, // the host of DB 12345, not the first URL
		{"qstash-token", "", ""},
		{"vector-search-token", "https://fake-otter-12345-us1-vector.upstash.io", ""},
		{"upstash-api-key", "", "dev@example.com"},
	}
	if diff := cmp.Diff(want, views); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
	for kind, secret := range map[string]string{"redis-rest-token": redisToken, "qstash-token": qstashToken, "vector-search-token": vectorToken, "upstash-api-key": apiKey} {
		if got[kind].Secret != secret {
			t.Errorf("%s: the secret read back differs from the planted one", kind)
		}
	}
	if !skipped["qstash-signing-key"] {
		t.Error("a signing key got a candidate; it has no harmless check")
	}

	// A finding whose position does not hold its secret gives no candidate.
	for _, f := range fs {
		if f.Secret.Kind == "redis-rest-token" {
			f.Col++
			if _, ok := ForFinding(f, data); ok {
				t.Error("a shifted position still gave a candidate")
			}
		}
	}
	if _, ok := ForFinding(rules.Finding{RuleID: "UPS601"}, data); ok {
		t.Error("a finding without a secret gave a candidate")
	}
}
