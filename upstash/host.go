package upstash

import "strings"

// HostProduct is the Upstash service a host name belongs to.
type HostProduct int

// Host products, told from the first label of the host (UPSTASH.md §1.1, §1.4, §1.6).
const (
	HostRedis HostProduct = iota
	HostQStash
	HostVector
	HostSearch
	HostKafka
)

// hostSuffixes are the domains of Upstash service hosts: Upstash's own and
// Vercel KV's, which is Upstash Redis under another name (UPSTASH.md §1.1).
var hostSuffixes = []string{".upstash.io", ".kv.vercel-storage.com"}

// HostSuffixes returns the domains whose hosts are Upstash services.
func HostSuffixes() []string { return append([]string(nil), hostSuffixes...) }

// webLabels are the first labels of Upstash's web sites (console, docs…):
// links in code and comments, not service endpoints.
var webLabels = []string{"console", "docs", "www", "status", "blog", "auth", "api"}

// IsUpstashHost reports whether host is an Upstash service host
// (*.upstash.io) or an Upstash-backed Vercel KV host (*.kv.vercel-storage.com,
// UPSTASH.md §1.1). Upstash's web sites (console.upstash.io…) are hosts of
// upstash.io too; IsWebHost tells them apart.
func IsUpstashHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, s := range hostSuffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// IsWebHost reports whether host is one of Upstash's web sites
// (console.upstash.io, docs.upstash.com…), which are links, not databases.
func IsWebHost(host string) bool {
	label, rest, _ := strings.Cut(strings.ToLower(host), ".")
	if rest != "upstash.io" && rest != "upstash.com" {
		return false
	}
	for _, w := range webLabels {
		if label == w {
			return true
		}
	}
	return false
}

// IsServiceHost reports whether host is an Upstash database or service
// endpoint reachable over the internet: an Upstash host that is neither a
// web site nor a Fly.io private host.
func IsServiceHost(host string) bool {
	return IsUpstashHost(host) && !IsWebHost(host) && !IsFlyHost(host)
}

// IsFlyHost reports whether host is a Fly.io private-network Upstash host
// (fly-<slug>.upstash.io), reached without TLS by design (UPSTASH.md §1.1).
func IsFlyHost(host string) bool {
	return strings.HasPrefix(strings.ToLower(host), "fly-")
}

// ProductOfHost tells the product from the first label of an Upstash host.
func ProductOfHost(name string) HostProduct {
	label, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch {
	case strings.Contains(label, "kafka"):
		return HostKafka
	case strings.HasPrefix(label, "qstash"):
		return HostQStash
	case strings.HasSuffix(label, "-vector"):
		return HostVector
	case strings.HasSuffix(label, "-search"):
		return HostSearch
	}
	return HostRedis
}

// IsHostByte reports whether c may appear in a lower-case host name.
func IsHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
}

// MentionWords are the lower-case words whose presence in a text means it may
// talk about Upstash: what MentionsUpstash looks for.
var MentionWords = []string{"upstash", "vercel-storage.com"}

// MentionsUpstash reports whether s names Upstash in any letter case, or a
// Vercel KV host (Upstash-backed).
func MentionsUpstash(s string) bool {
	if strings.Contains(s, "vercel-storage.com") {
		return true
	}
	for i := 0; i+7 <= len(s); {
		j := strings.IndexAny(s[i:], "uU")
		if j < 0 {
			return false
		}
		i += j
		if i+7 <= len(s) && strings.EqualFold(s[i:i+7], "upstash") {
			return true
		}
		i++
	}
	return false
}
