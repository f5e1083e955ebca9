package upstash

import "strings"

// PublicPrefix is an env-name prefix that a framework inlines into browser
// (or device) bundles (UPSTASH.md §3).
type PublicPrefix struct {
	Prefix    string // "NEXT_PUBLIC_"
	Framework string // who inlines it: "Next.js"
	// BrowserOnly is true when variables with the prefix exist only in
	// browser bundles (Vite's import.meta.env, CRA, Expo, Gatsby, Vue CLI):
	// reading one is itself a sign that the module is client code.
	BrowserOnly bool
}

// PublicPrefixes are the public env prefixes upscan knows, longest match
// first where one is a prefix of another (NUXT_PUBLIC_ before PUBLIC_).
var PublicPrefixes = []PublicPrefix{
	{"NEXT_PUBLIC_", "Next.js", false},
	{"VITE_", "Vite", true},
	{"REACT_APP_", "Create React App", true},
	{"EXPO_PUBLIC_", "Expo", true},
	{"GATSBY_", "Gatsby", true},
	{"VUE_APP_", "Vue CLI", true},
	{"NUXT_PUBLIC_", "Nuxt", false},
	{"NUXT_ENV_", "Nuxt 2", false},
	{"PUBLIC_", "SvelteKit/Astro", false},
}

// PublicPrefixOf returns the public prefix name carries (case-insensitive),
// or "" when it has none or is nothing but the prefix.
func PublicPrefixOf(name string) string {
	if p, ok := publicPrefix(name); ok {
		return p.Prefix
	}
	return ""
}

// BrowserOnlyPrefixOf returns the browser-only public prefix name carries, or "".
func BrowserOnlyPrefixOf(name string) string {
	if p, ok := publicPrefix(name); ok && p.BrowserOnly {
		return p.Prefix
	}
	return ""
}

func publicPrefix(name string) (PublicPrefix, bool) {
	n := strings.ToUpper(strings.TrimSpace(name))
	for _, p := range PublicPrefixes {
		if strings.HasPrefix(n, p.Prefix) && len(n) > len(p.Prefix) {
			return p, true
		}
	}
	return PublicPrefix{}, false
}

// StripPublic returns name upper-cased and without its public prefix.
func StripPublic(name string) string {
	n := strings.ToUpper(strings.TrimSpace(name))
	if p := PublicPrefixOf(n); p != "" {
		return n[len(p):]
	}
	return n
}

// upstashEnvWords mark an env name as Upstash's: the SDKs' documented names
// and Vercel KV's (UPSTASH.md §2).
var upstashEnvWords = []string{"UPSTASH", "QSTASH", "KV_REST_API", "KV_URL"}

// IsUpstashEnvName reports whether an env variable name is about an Upstash
// product by its spelling (UPSTASH_REDIS_REST_URL, QSTASH_TOKEN,
// KV_REST_API_TOKEN, STAGING_UPSTASH_…), with or without a public prefix.
// A generic REDIS_URL is not: see IsRedisEnvName.
func IsUpstashEnvName(name string) bool {
	n := StripPublic(name)
	for _, w := range upstashEnvWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return strings.HasPrefix(n, "KV_")
}

// IsRedisEnvName reports whether an env name is about Upstash or any Redis
// (REDIS_URL, REDIS_HOST…): weaker evidence than IsUpstashEnvName.
func IsRedisEnvName(name string) bool {
	return IsUpstashEnvName(name) || strings.Contains(StripPublic(name), "REDIS")
}

// credentialWords mark an env name as holding a credential.
var credentialWords = []string{"TOKEN", "PASSWORD", "SIGNING_KEY", "API_KEY", "SECRET"}

// IsCredentialEnvName reports whether an env variable name holds a
// credential by its spelling: a token, password, signing key, API key or
// secret. A Redis connection URL carries a password too: see IsRedisURLEnvName.
func IsCredentialEnvName(name string) bool {
	n := StripPublic(name)
	for _, w := range credentialWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// IsRedisURLEnvName reports whether name is a Redis connection URL variable
// (REDIS_URL, KV_URL, UPSTASH_REDIS_URL), which carries the password; the
// REST URL variables do not.
func IsRedisURLEnvName(name string) bool {
	n := StripPublic(name)
	return n == "REDIS_URL" || n == "KV_URL" || strings.HasSuffix(n, "_REDIS_URL") && !strings.Contains(n, "REST")
}

// IsReadOnlyEnvName reports whether an env name says it holds a read-only
// credential (KV_REST_API_READ_ONLY_TOKEN, …_READONLY_TOKEN, …_RO_TOKEN, …_RO).
func IsReadOnlyEnvName(name string) bool {
	n := StripPublic(name)
	return strings.Contains(n, "READ_ONLY") || strings.Contains(n, "READONLY") ||
		strings.Contains(n, "_RO_") || strings.HasSuffix(n, "_RO")
}

// fullTokenEnvs are the env names the SDKs read for full-access credentials
// (UPSTASH.md §2), matched as suffixes of the name without its public prefix
// so that STAGING_UPSTASH_REDIS_REST_TOKEN counts too.
var fullTokenEnvs = []string{
	"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY",
	"QSTASH_NEXT_SIGNING_KEY", "UPSTASH_VECTOR_REST_TOKEN", "UPSTASH_SEARCH_REST_TOKEN", "UPSTASH_REDIS_PASSWORD",
}

// IsFullTokenEnvName reports whether name is (or ends in) an env name the
// SDKs document for a full-access credential, and does not say read-only.
func IsFullTokenEnvName(name string) bool {
	n := StripPublic(name)
	if IsReadOnlyEnvName(n) {
		return false
	}
	for _, s := range fullTokenEnvs {
		if n == s || strings.HasSuffix(n, "_"+s) {
			return true
		}
	}
	return false
}

// IsFullRedisTokenEnvName reports whether name is the documented env name of
// the full-access Redis REST token (UPSTASH_REDIS_REST_TOKEN or
// KV_REST_API_TOKEN, with or without a public or environment prefix).
func IsFullRedisTokenEnvName(name string) bool {
	n := StripPublic(name)
	if IsReadOnlyEnvName(n) {
		return false
	}
	for _, s := range []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN"} {
		if n == s || strings.HasSuffix(n, "_"+s) {
			return true
		}
	}
	return false
}

// EnvCredential classifies an env variable name that, by Upstash's and the
// SDKs' naming (UPSTASH.md §2), holds a credential: what a reference such as
// ${UPSTASH_REDIS_REST_TOKEN} or ${{ secrets.QSTASH_TOKEN }} carries.
func EnvCredential(name string) (Credential, bool) {
	n := strings.ToUpper(name)
	if !IsUpstashEnvName(n) && !strings.Contains(n, "_KV_") {
		return Credential{}, false
	}
	readOnly := strings.Contains(n, "READ_ONLY") || strings.Contains(n, "READONLY") || strings.HasSuffix(n, "_RO_TOKEN")
	switch {
	case strings.Contains(n, "SIGNING_KEY"):
		return Credential{Kind: KindSigningKey, Label: "QStash signing key"}, true
	case !strings.Contains(n, "TOKEN"):
		return Credential{}, false
	case strings.Contains(n, "QSTASH") && readOnly:
		return Credential{Kind: KindQStashToken, ReadOnly: true, Label: "read-only QStash token"}, true
	case strings.Contains(n, "QSTASH"):
		return Credential{Kind: KindQStashToken, Label: "QStash token"}, true
	case strings.Contains(n, "VECTOR") || strings.Contains(n, "SEARCH"):
		if readOnly {
			return Credential{Kind: KindIndexReadOnly, ReadOnly: true, Label: "read-only Upstash Vector/Search token"}, true
		}
		return Credential{Kind: KindIndexToken, Label: "full-access Upstash Vector/Search token"}, true
	case readOnly:
		return Credential{Kind: KindRedisReadOnly, ReadOnly: true, Label: "read-only Upstash Redis REST token"}, true
	default:
		return Credential{Kind: KindRedisToken, Label: "full-access Upstash Redis REST token"}, true
	}
}

// envByKind names the documented env variable for each credential kind
// (UPSTASH.md §2): where a fix moves a hardcoded value.
var envByKind = map[Kind]string{
	KindRedisToken:      "UPSTASH_REDIS_REST_TOKEN",
	KindRedisReadOnly:   "UPSTASH_REDIS_REST_READONLY_TOKEN",
	KindRedisPassword:   "UPSTASH_REDIS_PASSWORD",
	KindQStashToken:     "QSTASH_TOKEN",
	KindSigningKey:      "QSTASH_CURRENT_SIGNING_KEY",
	KindIndexToken:      "UPSTASH_VECTOR_REST_TOKEN",
	KindDeveloperAPIKey: "UPSTASH_API_KEY",
	KindKafkaCredential: "UPSTASH_KAFKA_PASSWORD",
}

// EnvFor returns the documented env variable that holds a credential of
// kind k, or "" when there is none.
func EnvFor(k Kind) string { return envByKind[k] }

// IsSecretEnvName reports whether an env variable's value is secret by its
// name: a credential (IsCredentialEnvName) or a Redis connection URL with
// its password (IsRedisURLEnvName).
func IsSecretEnvName(name string) bool { return IsCredentialEnvName(name) || IsRedisURLEnvName(name) }

// IsDevModeEnvName reports whether name is a QStash dev-mode switch
// (QSTASH_DEV, STAGING_QSTASH_DEV…): true makes the SDKs talk to a local
// QStash dev server and accept its public signing keys (UPSTASH.md §1.3).
func IsDevModeEnvName(name string) bool {
	n := strings.ToUpper(name)
	return n == "QSTASH_DEV" || strings.HasSuffix(n, "_QSTASH_DEV")
}
