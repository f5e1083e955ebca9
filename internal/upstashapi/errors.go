package upstashapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/upscan/upscan/rules"
)

// Sentinel errors wrapped by *APIError; test with errors.Is.
var (
	// ErrAuth: the API rejected the e-mail/key pair (401) or the key may not
	// do this (403, e.g. a read-only key on a write).
	ErrAuth = errors.New("Developer API rejected the API key")
	// ErrNotFound: the database does not exist or belongs to another account (404).
	ErrNotFound = errors.New("not found")
	// ErrRateLimited: still 429 after the retries.
	ErrRateLimited = errors.New("rate limited")
	// ErrServer: still 5xx after the retries.
	ErrServer = errors.New("Developer API server error")
	// ErrRequest: the request failed without an HTTP status (network error,
	// timeout) after the retries.
	ErrRequest = errors.New("request failed")
	// ErrRedirect: the API answered with a redirect (3xx), which the client
	// never follows, so that the credentials go nowhere else.
	ErrRedirect = errors.New("redirect not followed")
)

// APIError is a failed Developer API call. Its text never holds the API key,
// a credential or the response body: only the operation, the status, a short
// sanitised server message and what to do.
type APIError struct {
	Op         string // "GET /redis/databases"
	StatusCode int    // 0 when no response arrived
	Message    string // the server's message, at most 160 characters, token-shaped strings and the e-mail redacted; may be ""
	Attempts   int    // requests made
	text       string
	kind       error
	cause      error
}

// Error returns the full explanation.
func (e *APIError) Error() string { return e.text }

// Unwrap returns the sentinel (ErrAuth, ErrNotFound, …) and, for network
// failures, the underlying error (e.g. context.DeadlineExceeded).
func (e *APIError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.kind, e.cause}
	}
	return []error{e.kind}
}

// failure builds the error for a final failed attempt.
func (c *Client) failure(op, resource string, attempts int, res response, err error) error {
	e := &APIError{Op: op, Attempts: attempts}
	tries := ""
	if attempts > 1 {
		tries = fmt.Sprintf(" after %d attempts", attempts)
	}
	if err != nil {
		e.kind, e.cause = ErrRequest, err
		e.text = fmt.Sprintf("%s: request failed%s: %v", op, tries, err)
		return e
	}
	e.StatusCode = res.status
	e.Message = c.sanitize(serverMessage(res.body))
	status := fmt.Sprintf("HTTP %d", res.status)
	if e.Message != "" {
		status += ": " + e.Message
	}
	switch code := res.status; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		e.kind = ErrAuth
		hint := fmt.Sprintf("check %s and %s (or --email and --api-key); accounts created through Vercel or Fly cannot use the Developer API", EnvEmail, EnvAPIKey)
		if strings.Contains(strings.ToLower(e.Message), "readonly") || strings.Contains(strings.ToLower(e.Message), "read-only") {
			hint = "this is a read-only API key; this call needs a full-access key"
		}
		e.text = fmt.Sprintf("%s: Developer API rejected the API key for %s (%s); %s", op, maskEmail(c.email), status, hint)
	case code == http.StatusNotFound && resource != "":
		e.kind = ErrNotFound
		e.text = fmt.Sprintf("%s: database %q not found (%s); check the ID with `upscan db`", op, c.sanitize(resource), status)
	case code == http.StatusNotFound:
		e.kind = ErrNotFound
		e.text = fmt.Sprintf("%s: %s; check the API base URL (%s)", op, status, EnvBaseURL)
	case code >= 300 && code < 400:
		e.kind = ErrRedirect
		e.text = fmt.Sprintf("%s: the Developer API answered HTTP %d, a redirect to %s; upscan never follows redirects, so the API key was not sent there: check %s (or --api-url)",
			op, code, redirectTarget(res.header.Get("Location")), EnvBaseURL)
	case code == http.StatusTooManyRequests:
		e.kind = ErrRateLimited
		e.text = fmt.Sprintf("%s: rate limited (%s)%s; wait a minute and retry", op, status, tries)
	case code >= 500:
		e.kind = ErrServer
		e.text = fmt.Sprintf("%s: server error (%s)%s; retry later or check status.upstash.com", op, status, tries)
	default:
		e.kind = errors.New("unexpected status")
		e.text = fmt.Sprintf("%s: unexpected response (%s)", op, status)
	}
	return e
}

// redirectTarget shows a Location header: scheme, host and path only (user
// info, query and fragment may carry credentials), escaped as a URL, with
// any Upstash credential in the path redacted (rules.RedactText); "no
// location" when absent.
func redirectTarget(loc string) string {
	loc = strings.TrimSpace(loc)
	if loc == "" {
		return "no location"
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "an unreadable location"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = nil, "", "", "", false
	return clip(rules.RedactText(u.String()), maxMessageLen)
}

// serverMessage extracts the message of an error body: JSON {"error": …},
// {"message": …}, a JSON string, or raw text (UPSTASH.md §5.1).
func serverMessage(body []byte) string {
	var v any
	if json.Unmarshal(body, &v) == nil {
		switch x := v.(type) {
		case string:
			return x
		case map[string]any:
			for _, k := range []string{"error", "message", "msg"} {
				if s, ok := x[k].(string); ok && s != "" {
					return s
				}
			}
			return ""
		default:
			return ""
		}
	}
	if t := strings.TrimSpace(string(body)); !strings.HasPrefix(t, "<") { // not an HTML error page
		return t
	}
	return ""
}

const maxMessageLen = 160

var (
	// tokenShaped matches long runs of token alphabets: base64/base64url and
	// hex, like REST tokens, QStash tokens and passwords (UPSTASH.md §1).
	tokenShaped = regexp.MustCompile(`[A-Za-z0-9+/_=.~-]{24,}`)
	uuidShaped  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	emailShaped = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

// sanitize makes server text safe to show: one line, control characters
// removed, the client's API key and token-shaped strings replaced by
// "[redacted]" (UUIDs other than the key are kept: database IDs are UUIDs),
// e-mail addresses masked, and at most maxMessageLen characters.
func (c *Client) sanitize(s string) string {
	if c.key != "" {
		s = strings.ReplaceAll(s, c.key, "[redacted]")
	}
	return sanitizeText(s)
}

func sanitizeText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = tokenShaped.ReplaceAllStringFunc(s, func(m string) string {
		if uuidShaped.MatchString(m) || !hasLetterAndDigit(m) {
			return m
		}
		return "[redacted]"
	})
	s = emailShaped.ReplaceAllStringFunc(s, maskEmail)
	return clip(strings.Join(strings.Fields(s), " "), maxMessageLen)
}

func hasLetterAndDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0 && strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// maskEmail keeps the first character of the local part and the domain:
// "dev@example.com" → "d***@example.com".
func maskEmail(email string) string {
	if email == "" {
		return `""`
	}
	local, domain, ok := strings.Cut(email, "@")
	first := []rune(local)
	head := ""
	if len(first) > 0 {
		head = string(first[0])
	}
	if !ok {
		return head + "***"
	}
	return head + "***@" + sanitizeDomain(domain)
}

func sanitizeDomain(d string) string {
	return clip(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' {
			return r
		}
		return -1
	}, d), 80)
}

// redactedKey describes an API key without revealing it.
func redactedKey(key string) string {
	if key == "" {
		return `""`
	}
	return fmt.Sprintf("[redacted, %d chars]", len(key))
}
