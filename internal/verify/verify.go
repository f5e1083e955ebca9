// Package verify checks whether a credential found by the code scan is live,
// with one harmless read request to the Upstash service it belongs to
// (opt-in, `upscan --verify`; UPSTASH.md §1.8). It contacts only Upstash
// hosts, never follows redirects, never writes, and never keeps or shows a
// response body: the outcome is a rules.Verification (verified, invalid or
// unknown with a reason).
package verify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Candidate kinds: what the secret is and so which request checks it. The
// names of rules.Redacted.Kind that analyzers/secrets uses are accepted too
// (see Verify).
const (
	KindRedisREST     = upstash.KindRedisToken    // UPSTASH.md §1.2: GET <REST URL>/ping
	KindRedisReadOnly = upstash.KindRedisReadOnly // the same request
	KindQStash        = upstash.KindQStashToken   // §1.3: GET <QStash URL>/v2/topics
	KindVector        = "vector-token"            // §1.4: GET <index URL>/info
	KindSearch        = "search-token"            // §1.4: GET <index URL>/info
	KindDeveloperAPI  = "developer-api-key"       // §1.5: GET https://api.upstash.com/v2/redis/databases
)

// Kinds that analyzers/secrets gives its findings (rules.Redacted.Kind) and
// that Verify maps onto the kinds above.
const (
	kindVectorOrSearch = upstash.KindIndexToken
	kindAPIKey         = upstash.KindDeveloperAPIKey
)

// Default service endpoints (UPSTASH.md §1.3, §5).
const (
	DefaultQStashURL       = "https://qstash.upstash.io"
	DefaultDeveloperAPIURL = "https://api.upstash.com"
)

// Candidate is one credential to verify: its kind, the secret value, the
// endpoint found next to it and, for a Developer API key, the account e-mail.
// Its String, GoString and Format redact the secret, so a Candidate printed by
// mistake shows "redis-rest-token ATA5… (62 chars)".
type Candidate struct {
	Kind     string // one of the Kind constants (or a secrets Redacted.Kind)
	Secret   string // SECRET: the token or key
	Endpoint string // the REST URL found with it ("https://x-12345.upstash.io"); "" if none
	Email    string // Developer API keys only: the account e-mail found with it
}

// String describes the candidate with the secret redacted.
func (c Candidate) String() string {
	s := rules.Redact(c.Kind, c.Secret).String()
	if s == "" {
		s = c.Kind + " (empty)"
	}
	if c.Endpoint != "" {
		s += " at " + c.Endpoint
	}
	return s
}

// GoString is String, so %#v redacts too.
func (c Candidate) GoString() string { return c.String() }

// Format prints String for every verb, so no verb reaches the secret.
func (c Candidate) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// Verifier sends the live checks. The zero value is ready to use; it is safe
// for concurrent use and remembers each outcome, so a credential found in
// several places is checked once.
type Verifier struct {
	// Client sends the requests; default a client with Go's default
	// transport. Redirects are never followed, whatever its CheckRedirect.
	Client *http.Client
	// Timeout bounds each request; default DefaultTimeout.
	Timeout time.Duration
	// AllowHost decides which hosts may be contacted; default DefaultAllowHost.
	// Tests inject one that also allows a loopback fake.
	AllowHost func(host string) bool
	// MaxConcurrent bounds requests in flight; default 4.
	MaxConcurrent int
	// Deadline bounds a whole VerifyAll call; default DefaultDeadline.
	// Checks still waiting or running when it passes are Unknown.
	Deadline time.Duration

	once  sync.Once
	sem   chan struct{}
	mu    sync.Mutex
	cache map[[32]byte]*call
}

// call is one verification, shared by concurrent callers.
type call struct {
	done chan struct{}
	res  rules.Verification
}

// DefaultTimeout bounds one verification request.
const DefaultTimeout = 10 * time.Second

// DefaultDeadline bounds all the checks of one VerifyAll call together.
const DefaultDeadline = 30 * time.Second

// defaultMaxConcurrent is MaxConcurrent's default.
const defaultMaxConcurrent = 4

// maxBody is how much of a response body is read to recognise the answer
// (a PONG, a JSON array); the rest is discarded unread.
const maxBody = 4 << 10

// DefaultAllowHost allows Upstash's own hosts only: *.upstash.io (Redis,
// Vector, Search, QStash including qstash-<region>.upstash.io) and
// api.upstash.com (the Developer API).
func DefaultAllowHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "api.upstash.com" || (strings.HasSuffix(host, ".upstash.io") && len(host) > len(".upstash.io"))
}

// Verify checks c with one GET request and returns the outcome. It never
// returns an error: problems are Unknown with a reason (no endpoint, a host
// that is not Upstash's, timeout, network error, an unexpected status).
// 401 and 403 are Invalid. Reasons never contain the secret or a response
// body. ctx cancels the request.
func (v *Verifier) Verify(ctx context.Context, c Candidate) rules.Verification {
	v.once.Do(func() {
		v.sem = make(chan struct{}, v.maxConcurrent())
		v.cache = map[[32]byte]*call{}
	})
	key := sha256.Sum256([]byte(c.Kind + "\x00" + c.Secret + "\x00" + c.Endpoint + "\x00" + c.Email))
	v.mu.Lock()
	if cl, ok := v.cache[key]; ok {
		v.mu.Unlock()
		select {
		case <-cl.done:
			return cl.res
		case <-ctx.Done():
			return unknown("cancelled")
		}
	}
	cl := &call{done: make(chan struct{})}
	v.cache[key] = cl
	v.mu.Unlock()

	cl.res = v.verify(ctx, c)
	close(cl.done)
	if ctx.Err() != nil && cl.res.Status == rules.Unknown {
		v.mu.Lock() // a cancelled check says nothing about the credential: do not remember it
		delete(v.cache, key)
		v.mu.Unlock()
	}
	return cl.res
}

// VerifyAll checks every candidate as Verify does, up to MaxConcurrent at a
// time, all within one Deadline (default DefaultDeadline) from the call. The
// result at index i is cs[i]'s, whatever order the checks finish in. A check
// the deadline cuts short or never starts is Unknown with a reason that says
// so; ctx cancels them all ("cancelled").
func (v *Verifier) VerifyAll(ctx context.Context, cs []Candidate) []rules.Verification {
	deadline := v.Deadline
	if deadline <= 0 {
		deadline = DefaultDeadline
	}
	dctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	out := make([]rules.Verification, len(cs))
	var g errgroup.Group
	g.SetLimit(v.maxConcurrent())
	for i := range cs {
		g.Go(func() error {
			out[i] = v.Verify(dctx, cs[i])
			return nil
		})
	}
	_ = g.Wait() // the goroutines never fail
	if ctx.Err() == nil && dctx.Err() != nil {
		for i := range out {
			if out[i].Status == rules.Unknown && out[i].Reason == "cancelled" {
				out[i].Reason = fmt.Sprintf("not checked within the %s deadline of all checks", deadline)
			}
		}
	}
	return out
}

func (v *Verifier) maxConcurrent() int {
	if v.MaxConcurrent > 0 {
		return v.MaxConcurrent
	}
	return defaultMaxConcurrent
}

func unknown(reason string) rules.Verification {
	return rules.Verification{Status: rules.Unknown, Reason: reason}
}

// verify builds and sends the request for c's kind.
func (v *Verifier) verify(ctx context.Context, c Candidate) rules.Verification {
	if strings.TrimSpace(c.Secret) == "" {
		return unknown("empty credential")
	}
	if strings.ContainsAny(c.Secret, "\r\n\x00") {
		return unknown("the credential holds a line break")
	}
	var (
		endpoint string
		path     string
		auth     string
		accept   func(status int, body []byte) bool
	)
	bearer := "Bearer " + c.Secret
	switch c.Kind {
	case KindRedisREST, KindRedisReadOnly:
		if c.Endpoint == "" {
			return unknown("no URL next to the token")
		}
		endpoint, path, auth = c.Endpoint, "/ping", bearer
		accept = func(status int, body []byte) bool { return status == http.StatusOK && isPong(body) }
	case KindQStash:
		endpoint, path, auth = c.Endpoint, "/v2/topics", bearer // never /v2/keys: it returns the signing keys
		if endpoint == "" {
			endpoint = DefaultQStashURL
		}
		accept = func(status int, _ []byte) bool { return status == http.StatusOK }
	case KindVector, KindSearch, kindVectorOrSearch:
		if c.Endpoint == "" {
			return unknown("no URL next to the token")
		}
		endpoint, path, auth = c.Endpoint, "/info", bearer
		accept = func(status int, _ []byte) bool { return status == http.StatusOK }
	case KindDeveloperAPI, kindAPIKey:
		email := strings.TrimSpace(c.Email)
		if email == "" {
			return unknown("no e-mail next to the key")
		}
		if strings.ContainsAny(email, ":\r\n\x00") {
			return unknown("the e-mail next to the key is malformed")
		}
		endpoint, path = c.Endpoint, "/v2/redis/databases"
		if endpoint == "" {
			endpoint = DefaultDeveloperAPIURL
		}
		auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(email+":"+c.Secret))
		accept = func(status int, body []byte) bool {
			return status == http.StatusOK && bytes.HasPrefix(bytes.TrimSpace(body), []byte("["))
		}
	default:
		return unknown(fmt.Sprintf("no harmless check for a %s", clip(c.Kind, 40)))
	}

	u, reason := v.target(endpoint, path)
	if reason != "" {
		return unknown(reason)
	}
	timeout := v.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	select {
	case v.sem <- struct{}{}:
		defer func() { <-v.sem }()
	case <-ctx.Done():
		return unknown("cancelled")
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return unknown("could not build the request")
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "upscan --verify (+https://github.com/upscan/upscan)")

	hc := v.Client
	if hc == nil {
		hc = http.DefaultClient
	}
	noRedirect := *hc
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Do(req)
	if err != nil {
		return unknown(networkReason(rctx, ctx, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil && !errors.Is(err, io.EOF) {
		return unknown(networkReason(rctx, ctx, err))
	}
	switch {
	case accept(resp.StatusCode, body):
		return rules.Verification{Status: rules.Verified}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return rules.Verification{Status: rules.Invalid, Reason: fmt.Sprintf("HTTP %d", resp.StatusCode)}
	case resp.StatusCode == http.StatusOK:
		return unknown("HTTP 200 with an unexpected answer")
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		return unknown(fmt.Sprintf("HTTP %d redirect to %s, not followed", resp.StatusCode, redirectHost(resp.Header.Get("Location"))))
	default:
		return unknown(fmt.Sprintf("HTTP %d", resp.StatusCode))
	}
}

// redirectHost names where a redirect points, by host only (a path or query
// may carry a credential): "host example.com", "another path on the same
// host", or "no location".
func redirectHost(loc string) string {
	u, err := url.Parse(strings.TrimSpace(loc))
	switch {
	case strings.TrimSpace(loc) == "":
		return "no location"
	case err != nil:
		return "an unreadable location"
	case u.Host == "":
		return "another path on the same host"
	}
	return "host " + clip(u.Host, 80)
}

// target builds the request URL: endpoint (scheme and host only; a path in
// it is dropped) plus path. It refuses anything but https, plain http to a
// loopback address (tests), user info, and hosts AllowHost refuses.
func (v *Verifier) target(endpoint, path string) (*url.URL, string) {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || u.Host == "" {
		return nil, "the URL next to the token is malformed"
	}
	host := u.Hostname()
	allow := v.AllowHost
	if allow == nil {
		allow = DefaultAllowHost
	}
	switch {
	case u.User != nil:
		return nil, "the URL next to the token holds user info; not contacted"
	case !allow(host):
		return nil, fmt.Sprintf("host %s is not allowed (only Upstash hosts are contacted)", clip(host, 80))
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(host):
	default:
		return nil, fmt.Sprintf("%s is not https; not contacted", clip(u.Scheme+"://"+host, 80))
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: path}, ""
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isPong reports whether a Redis REST body is {"result":"PONG"}.
func isPong(body []byte) bool {
	var r struct {
		Result any `json:"result"`
	}
	return json.Unmarshal(body, &r) == nil && r.Result == "PONG"
}

// networkReason names a failed request without the URL (*url.Error repeats
// it) or any server text.
func networkReason(rctx, ctx context.Context, err error) string {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case ctx.Err() != nil:
		return "cancelled"
	case errors.Is(rctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &dnsErr):
		return "host not found"
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return "connection failed"
	default:
		return "network error"
	}
}

// clip shortens s to n bytes at most, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] >= 0xC0 {
		s = s[:len(s)-1]
	}
	return s + "…"
}
