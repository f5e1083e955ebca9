package report

import (
	"github.com/upscan/upscan/rules"
)

// Test-only catalogue entries. The real catalogue (UPS1xx…) is written
// elsewhere; the goldens depend only on these UPS9xx rules, and UPS999 is
// deliberately left unregistered to exercise rules missing from the catalogue.
func init() {
	rules.Register(&rules.Rule{
		ID:       "UPS901",
		Name:     "test-hardcoded-token",
		Family:   rules.Credentials,
		Severity: rules.Critical,
		Practice: 2,
		CWE:      []int{798},
		Short:    "Test rule: Upstash token hardcoded in source",
		Help: "A token in source code reaches everyone who can read the repository.\n\n" +
			"Read it from the environment instead:\n\n```ts\nconst redis = Redis.fromEnv()\n```",
	})
	rules.Register(&rules.Rule{
		ID:       "UPS902",
		Name:     "test-plaintext-url",
		Family:   rules.Transport,
		Severity: rules.Medium,
		Practice: 3,
		CWE:      []int{319},
		Short:    "Test rule: plaintext connection to an Upstash host",
		Help:     "Use `rediss://` | TLS, never `redis://`.",
	})
	rules.Register(&rules.Rule{
		ID:       "UPS903",
		Name:     "test-missing-ratelimit",
		Family:   rules.RateLimit,
		Severity: rules.Low,
		Practice: 5,
		CWE:      []int{770, 799},
		Short:    "Test rule: public endpoint without a rate limit",
		Help:     "Wrap the handler with `@upstash/ratelimit`.",
	})
}

// Fake credentials built to UPSTASH.md §1.2's formats (the documented FAKE
// samples); never real tokens.
const (
	fakeRESTToken     = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	fakeReadOnlyToken = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw"
)

// fakeSecrets lists every planted secret value, for leak tests.
var fakeSecrets = []string{fakeRESTToken, fakeReadOnlyToken}

// fullReport returns a fixed report with findings across files (unsorted, to
// check that writers sort), related locations, redacted secrets, a finding
// whose severity differs from its rule's, a rule missing from the catalogue,
// a file-level finding, an error and two skip notes.
func fullReport() *Report {
	route := rules.Finding{
		RuleID: "UPS903", Severity: rules.Low,
		Path: "app/api/chat/route.ts", Line: 8, Col: 1, EndLine: 8, EndCol: 40,
		Message: "POST handler reaches Upstash without a rate limit.",
		Related: []rules.Location{
			{Path: "lib/redis.ts", Line: 3, Col: 14, EndLine: 3, EndCol: 40, Message: "Redis client constructed here"},
			{Path: "app/api/chat/route.ts", Line: 12, Col: 9, Message: "redis.incr called here"},
		},
	}
	fingerprint(&route, "export async function POST(req) { await redis.incr(key) }")

	token := rules.Finding{
		RuleID: "UPS901", Severity: rules.Critical,
		Path: "lib/redis.ts", Line: 5, Col: 10, EndLine: 5, EndCol: 72,
		Message: "Upstash Redis REST token is hardcoded.",
		Secret:  rules.Redact("redis-rest-token", fakeRESTToken),
	}
	fingerprint(&token, "")

	plain := rules.Finding{
		RuleID: "UPS902", Severity: rules.Medium,
		Path: "lib/redis.ts", Line: 2, Col: 13, EndLine: 2, EndCol: 60,
		Message: "Plaintext redis:// URL to an Upstash host; use rediss:// instead.",
	}
	fingerprint(&plain, `url: "redis://default@fake-otter-12345.upstash.io:6379"`)

	readOnly := rules.Finding{
		RuleID: "UPS901", Severity: rules.Low,
		Path: ".env.example", Line: 1, Col: 26, EndLine: 1, EndCol: 79,
		Message: "Read-only token in a committed env file: 100% readable, key|value pairs exposed.",
		Secret:  rules.Redact("redis-read-only-token", fakeReadOnlyToken),
	}
	fingerprint(&readOnly, "")

	unknown := rules.Finding{
		RuleID: "UPS999", Severity: rules.High,
		Path:    "infra/main.tf",
		Message: "Finding of a rule this catalogue does not know.",
	}

	return &Report{
		Tool:     Tool{Name: "upscan", Version: "1.2.3", InformationURI: "https://github.com/upscan/upscan"},
		Findings: []rules.Finding{route, token, unknown, plain, readOnly},
		Errors:   []Problem{{Path: "src/broken.ts", Message: "open: permission denied"}},
		Skipped: []Problem{
			{Path: "public/app.min.js", Message: "too large (12.4 MB > 10 MB)"},
			{Path: "assets/logo.png", Message: "binary file"},
		},
		Stats:      Stats{Files: 120, Bytes: 1234567},
		Suppressed: 1,
	}
}

// cleanReport returns a report of a scan that found nothing.
func cleanReport() *Report {
	return &Report{
		Tool:  Tool{Name: "upscan", Version: "1.2.3", InformationURI: "https://github.com/upscan/upscan"},
		Stats: Stats{Files: 42, Bytes: 98765},
	}
}

// fingerprint sets f.Fingerprint from its rule and content key alone (the
// secret's hash for a secret finding), without the path that
// rules.BindFingerprints binds in: report writers print whatever
// fingerprint a finding has, and the goldens keep these values.
func fingerprint(f *rules.Finding, key string) {
	if !f.Secret.IsZero() {
		key = f.Secret.SHA256
	}
	f.Fingerprint = rules.Fingerprint(f.RuleID, "", key)
}
