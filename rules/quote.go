package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/upscan/upscan/upstash"
)

// maxQuoted bounds the runes of a value Quote shows.
const maxQuoted = 80

// tokenRun matches runs of the alphabets credentials are written in (base64,
// base64url, hex, UUIDs, JWT-like dotted parts).
var tokenRun = regexp.MustCompile(`[A-Za-z0-9+/=_.~-]{20,}`)

// urlPassword matches the password of a URL's user info: group 1 is
// everything before it, group 2 the password.
var urlPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^\s:@/]*:)([^\s@/]+)@`)

// Quote returns value as an error message shows it: in double quotes (Go
// syntax, control characters escaped, clipped to 80 characters), or, when
// value looks like a credential, its redacted form "[redacted: KIND ABCD…
// (N chars)]" like a finding's (kind, the first 4 characters, the length).
// Looking like a credential means an Upstash credential by upstash.Classify,
// or a token-shaped string (see LooksSecret; a Developer API key is a UUID).
// Credentials inside a longer value are redacted as RedactText does. Every
// error that echoes a configuration value, key, flag value or file field
// quotes it through Quote.
func Quote(value string) string {
	v := strings.TrimSpace(value)
	if kind, ok := LooksSecret(v); ok {
		return redactedText(kind, v)
	}
	return clipQuote(RedactText(value))
}

// LooksSecret reports whether value as a whole looks like a credential, and
// its kind: an Upstash credential by upstash.Classify (its kind), or a
// token-shaped string (upstash.KindUnknownToken): 20 or more characters of
// base64, hex or UUID alphabets with at least three letters and three digits.
func LooksSecret(value string) (kind string, ok bool) {
	v := strings.TrimSpace(value)
	if c, ok := upstash.Classify(v); ok {
		return c.Kind, true
	}
	if tokenShaped(v) {
		return upstash.KindUnknownToken, true
	}
	return "", false
}

// tokenShaped reports whether v is one run of token alphabets with at least
// three letters and three digits (so that "99999999999999999999GB" is not).
func tokenShaped(v string) bool {
	if m := tokenRun.FindString(v); len(m) != len(v) {
		return false
	}
	letters, digits := 0, 0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		}
	}
	return letters >= 3 && digits >= 3
}

// RedactText returns s with every Upstash credential in it (upstash.Classify
// over runs of token alphabets) and every URL password replaced by its
// redacted form "[redacted: KIND ABCD… (N chars)]". It keeps everything else,
// so it can run over any message: file paths, rule IDs and database IDs stay
// readable. The CLI passes every error it prints through it.
func RedactText(s string) string {
	s = urlPassword.ReplaceAllStringFunc(s, func(m string) string {
		sub := urlPassword.FindStringSubmatch(m)
		return sub[1] + redactedText("password", sub[2]) + "@"
	})
	return tokenRun.ReplaceAllStringFunc(s, redactRun)
}

// redactRun redacts a run of token alphabets when it is an Upstash
// credential, or when one of its '/'-separated parts is (a base64url token
// in a path); a trailing '.' (the end of a sentence) is kept.
func redactRun(run string) string {
	body := strings.TrimRight(run, ".")
	if c, ok := upstash.Classify(body); ok {
		return redactedText(c.Kind, body) + run[len(body):]
	}
	if !strings.Contains(body, "/") {
		return run
	}
	parts := strings.Split(body, "/")
	changed := false
	for i, p := range parts {
		if c, ok := upstash.Classify(p); ok {
			parts[i], changed = redactedText(c.Kind, p), true
		}
	}
	if !changed {
		return run
	}
	return strings.Join(parts, "/") + run[len(body):]
}

// redactedText is Redact(kind, value) as messages show it.
func redactedText(kind, value string) string {
	return "[redacted: " + Redact(kind, value).String() + "]"
}

// clipQuote quotes s in Go syntax, clipped to maxQuoted runes.
func clipQuote(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		return strconv.Quote(string(r[:maxQuoted])) + "…"
	}
	return strconv.Quote(s)
}
