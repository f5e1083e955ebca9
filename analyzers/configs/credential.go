package configs

import (
	"strings"

	"github.com/upscan/upscan/analyzers/secrets"
)

// tokenName classifies an environment variable name that, by Upstash's and
// the SDKs' naming (UPSTASH.md §2), holds a credential: what a reference such
// as ${UPSTASH_REDIS_REST_TOKEN} or ${{ secrets.QSTASH_TOKEN }} carries.
func tokenName(name string) (secrets.Credential, bool) {
	n := strings.ToUpper(name)
	upstash := strings.Contains(n, "UPSTASH") || strings.Contains(n, "QSTASH") || strings.HasPrefix(n, "KV_") ||
		strings.Contains(n, "_KV_")
	if !upstash {
		return secrets.Credential{}, false
	}
	readOnly := strings.Contains(n, "READ_ONLY") || strings.Contains(n, "READONLY") || strings.HasSuffix(n, "_RO_TOKEN")
	switch {
	case strings.Contains(n, "SIGNING_KEY"):
		return secrets.Credential{Kind: secrets.KindSigningKey, Label: "QStash signing key"}, true
	case !strings.Contains(n, "TOKEN"):
		return secrets.Credential{}, false
	case strings.Contains(n, "QSTASH") && readOnly:
		return secrets.Credential{Kind: secrets.KindQStashToken, ReadOnly: true, Label: "read-only QStash token"}, true
	case strings.Contains(n, "QSTASH"):
		return secrets.Credential{Kind: secrets.KindQStashToken, Label: "QStash token"}, true
	case strings.Contains(n, "VECTOR") || strings.Contains(n, "SEARCH"):
		if readOnly {
			return secrets.Credential{Kind: secrets.KindIndexReadOnly, ReadOnly: true, Label: "read-only Upstash Vector/Search token"}, true
		}
		return secrets.Credential{Kind: secrets.KindIndexToken, Label: "full-access Upstash Vector/Search token"}, true
	case readOnly:
		return secrets.Credential{Kind: secrets.KindRedisReadOnly, ReadOnly: true, Label: "read-only Upstash Redis REST token"}, true
	default:
		return secrets.Credential{Kind: secrets.KindRedisToken, Label: "full-access Upstash Redis REST token"}, true
	}
}
