// Package upstashapi is upscan's client for the Upstash Developer API
// (https://api.upstash.com/v2, UPSTASH.md §5): list and read Redis databases
// with credentials hidden, and reset a database's credentials. It retries
// rate-limited and failed requests with bounded backoff, never follows a
// redirect, and never lets the API key or a credential from a response reach
// an error, a log or a String.
package upstashapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/upscan/upscan/analyzers/dbposture"
	"github.com/upscan/upscan/rules"
)

// DefaultBaseURL is the Developer API's base URL (UPSTASH.md §5).
const DefaultBaseURL = "https://api.upstash.com/v2"

// Environment variables read by New when the matching Options field is empty
// (UPSTASH.md §1.5, §5; DESIGN.md "Offline by default").
const (
	EnvBaseURL = "UPSTASH_API_URL"
	EnvEmail   = "UPSTASH_EMAIL"
	EnvAPIKey  = "UPSTASH_API_KEY"
)

// Defaults for Options' zero values.
const (
	DefaultTimeout    = 30 * time.Second // per attempt
	DefaultMaxRetries = 3
	DefaultBackoff    = 500 * time.Millisecond // first retry delay, doubled per retry
	DefaultMaxWait    = 30 * time.Second       // total time spent waiting between attempts
	DefaultUserAgent  = "upscan (+https://github.com/upscan/upscan)"
	maxDelay          = 8 * time.Second  // cap of one computed backoff delay
	maxBodyBytes      = 32 << 20         // cap of a success body
	maxErrorBodyBytes = 8 << 10          // cap of an error body read for its message
	maxRetryAfter     = 10 * time.Minute // Retry-After values beyond this are nonsense
)

// Options configures a Client. Zero values mean the documented default.
// Options' String and GoString hide the API key.
type Options struct {
	// BaseURL of the API; default $UPSTASH_API_URL, else DefaultBaseURL. It must
	// be https, or http to a loopback address (tests), and carry no user info.
	BaseURL string
	// Email is the account e-mail (Basic auth user); default $UPSTASH_EMAIL.
	Email string
	// APIKey is the Developer API key (Basic auth password); default $UPSTASH_API_KEY.
	APIKey string
	// HTTPClient sends the requests; default a client with Go's default
	// transport. Redirects are never followed, whatever its CheckRedirect
	// (New uses a copy).
	HTTPClient *http.Client
	// Timeout bounds each attempt (connect, headers and body); default DefaultTimeout.
	Timeout time.Duration
	// MaxRetries is the number of retries after the first attempt on 429, 5xx,
	// timeouts and network errors; 0 means DefaultMaxRetries, negative means none.
	MaxRetries int
	// Backoff is the delay before the first retry, doubled for each further
	// retry up to 8 s, with ±50% jitter; default DefaultBackoff. A Retry-After
	// header replaces it.
	Backoff time.Duration
	// MaxWait bounds the total time spent waiting between attempts; a retry
	// that would exceed it is not made. Default DefaultMaxWait.
	MaxWait time.Duration
	// UserAgent is sent with every request; default DefaultUserAgent.
	UserAgent string
}

// String describes the options with the API key redacted and the e-mail masked.
func (o Options) String() string {
	return fmt.Sprintf("upstashapi.Options{BaseURL: %q, Email: %q, APIKey: %s, Timeout: %v, MaxRetries: %d}",
		o.BaseURL, maskEmail(o.Email), redactedKey(o.APIKey), o.Timeout, o.MaxRetries)
}

// GoString is String, so %#v hides the key too.
func (o Options) GoString() string { return o.String() }

// Format prints String for every verb, so no verb (%d, %x, …) reaches the key.
func (o Options) Format(f fmt.State, _ rune) { io.WriteString(f, o.String()) }

// Client calls the Developer API. It is safe for concurrent use; the API has
// no published rate limit, so callers should still send requests one at a
// time (UPSTASH.md §5.1).
type Client struct {
	base      *url.URL
	email     string
	key       string
	hc        *http.Client
	timeout   time.Duration
	retries   int
	backoff   time.Duration
	maxWait   time.Duration
	userAgent string
	// sleep waits d or until ctx is done; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
	// now is the clock for Retry-After dates; tests replace it.
	now func() time.Time
}

// ErrMissingCredentials is wrapped by New's error when no e-mail or API key
// is configured.
var ErrMissingCredentials = errors.New("Developer API credentials missing")

// New returns a Client for opts, filling empty fields from the environment
// (UPSTASH_API_URL, UPSTASH_EMAIL, UPSTASH_API_KEY). It fails, wrapping
// ErrMissingCredentials, when the e-mail or key is missing (the message names
// the variable and flag to set), and when the base URL is not https (or http
// to loopback) or carries user info. It makes no request.
func New(opts Options) (*Client, error) {
	base := firstNonEmpty(opts.BaseURL, os.Getenv(EnvBaseURL), DefaultBaseURL)
	u, err := parseBaseURL(base)
	if err != nil {
		return nil, err
	}
	email := strings.TrimSpace(firstNonEmpty(opts.Email, os.Getenv(EnvEmail)))
	key := strings.TrimSpace(firstNonEmpty(opts.APIKey, os.Getenv(EnvAPIKey)))
	switch {
	case email == "" && key == "":
		return nil, fmt.Errorf("%w: set %s and %s (or --email and --api-key); create a key under Account > Management API in the Upstash console", ErrMissingCredentials, EnvEmail, EnvAPIKey)
	case email == "":
		return nil, fmt.Errorf("%w: set %s (or --email) to the account's e-mail address", ErrMissingCredentials, EnvEmail)
	case key == "":
		return nil, fmt.Errorf("%w: set %s (or --api-key) to a Developer API key", ErrMissingCredentials, EnvAPIKey)
	}
	if strings.ContainsAny(email+key, "\r\n\x00") || strings.Contains(email, ":") {
		return nil, fmt.Errorf("%w: %s or %s holds a line break, NUL or (in the e-mail) a colon", ErrMissingCredentials, EnvEmail, EnvAPIKey)
	}
	c := &Client{
		base:      u,
		email:     email,
		key:       key,
		hc:        opts.HTTPClient,
		timeout:   opts.Timeout,
		retries:   opts.MaxRetries,
		backoff:   opts.Backoff,
		maxWait:   opts.MaxWait,
		userAgent: firstNonEmpty(opts.UserAgent, DefaultUserAgent),
		sleep:     sleepCtx,
		now:       time.Now,
	}
	// Redirects are never followed, whoever supplied the client: a 3xx
	// comes back to do, which reports it (APIError wrapping ErrRedirect).
	// Following one would send the Basic credentials to its Location, in
	// clear after an https→http hop.
	hc := http.Client{}
	if c.hc != nil {
		hc = *c.hc
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = &hc
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	switch {
	case c.retries == 0:
		c.retries = DefaultMaxRetries
	case c.retries < 0:
		c.retries = 0
	}
	if c.backoff <= 0 {
		c.backoff = DefaultBackoff
	}
	if c.maxWait <= 0 {
		c.maxWait = DefaultMaxWait
	}
	return c, nil
}

func parseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(s), "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("Developer API base URL %s (%s or --api-url) is not an absolute URL", rules.Quote(s), EnvBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("Developer API base URL (%s) must not contain user info; use %s and %s", EnvBaseURL, EnvEmail, EnvAPIKey)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("Developer API base URL %s (%s) must use https (plain http only to a loopback address): the API key would cross the network in clear", u.Redacted(), EnvBaseURL)
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// String describes the client without its API key; the e-mail is masked.
func (c *Client) String() string {
	if c == nil {
		return "upstashapi.Client(nil)"
	}
	return fmt.Sprintf("upstashapi.Client{base: %s, user: %s, key: %s}", c.base, maskEmail(c.email), redactedKey(c.key))
}

// GoString is String, so %#v hides the key too.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so no verb (%d, %x, …) reaches the key.
func (c *Client) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// User returns the account e-mail, masked ("d***@example.com").
func (c *Client) User() string { return maskEmail(c.email) }

// BaseURL returns the API base URL in use.
func (c *Client) BaseURL() string { return c.base.String() }

// ListDatabases returns every Redis database of the account
// (GET /redis/databases). Credential fields in the response are dropped while
// decoding. Errors: see APIError; a malformed body gives
// "decoding /redis/databases response: …" without quoting it.
func (c *Client) ListDatabases(ctx context.Context) ([]dbposture.Database, error) {
	const path = "/redis/databases"
	body, err := c.do(ctx, http.MethodGet, path, nil, "")
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] != '[' {
		return nil, fmt.Errorf("decoding %s response: expected a JSON array of databases", path)
	}
	dbs, err := dbposture.DecodeDatabases(body)
	if err != nil {
		return nil, fmt.Errorf("decoding %s response: %w", path, err)
	}
	return dbs, nil
}

// GetDatabase returns one database (GET /redis/database/{id}?credentials=hide,
// so the API leaves credentials out; any that still arrive are dropped while
// decoding). A 404 gives an *APIError wrapping ErrNotFound:
// `database "ID" not found`.
func (c *Client) GetDatabase(ctx context.Context, id string) (dbposture.Database, error) {
	if err := checkID(id); err != nil {
		return dbposture.Database{}, err
	}
	path := "/redis/database/" + id
	body, err := c.do(ctx, http.MethodGet, path, url.Values{"credentials": {"hide"}}, id)
	if err != nil {
		return dbposture.Database{}, err
	}
	db, err := dbposture.DecodeDatabase(body)
	if err != nil {
		return dbposture.Database{}, fmt.Errorf("decoding /redis/database/{id} response: %w", err)
	}
	return db, nil
}

// ResetPassword resets the database's password and both REST tokens
// (POST /redis/reset-password/{id}); the old credentials stop working at
// once. It returns the database and the new credentials: the only secrets
// this package ever returns (see Credentials). A retried reset after a lost
// response resets again; the credentials returned are the latest, valid ones.
// The Credentials may be empty if the response carried none (Empty reports
// it): the reset still happened; the console shows the new values. A
// credential field holding a control character, a space or anything but
// printable ASCII (or an endpoint that is not a host name) is an error that
// names the field: the reset happened, but nothing is returned to be written.
func (c *Client) ResetPassword(ctx context.Context, id string) (dbposture.Database, Credentials, error) {
	if err := checkID(id); err != nil {
		return dbposture.Database{}, Credentials{}, err
	}
	path := "/redis/reset-password/" + id
	body, err := c.do(ctx, http.MethodPost, path, nil, id)
	if err != nil {
		return dbposture.Database{}, Credentials{}, err
	}
	db, err := dbposture.DecodeDatabase(body)
	if err != nil {
		return dbposture.Database{}, Credentials{}, fmt.Errorf("decoding /redis/reset-password/{id} response (the reset happened; see the console for the new credentials): %w", err)
	}
	creds, err := decodeCredentials(body)
	if err != nil {
		return db, Credentials{}, fmt.Errorf("decoding /redis/reset-password/{id} response (the reset happened; see the console for the new credentials): %w", err)
	}
	return db, creds, nil
}

// checkID accepts database IDs made of letters, digits, '-' and '_' (Upstash
// IDs are UUIDs), so an ID can never change the request path.
func checkID(id string) error {
	if id == "" {
		return errors.New("empty database ID")
	}
	if len(id) > 100 || strings.IndexFunc(id, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) >= 0 {
		return fmt.Errorf("%s is not an Upstash database ID (letters, digits, '-' and '_' only)", rules.Quote(id))
	}
	return nil
}

// do sends one request with retries and returns a 2xx body. resource is the
// database ID for 404 messages ("" for the list).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, resource string) ([]byte, error) {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawPath = ""
	u.RawQuery = query.Encode()
	op := method + " " + path
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		res, err := c.once(ctx, method, u.String())
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", op, ctx.Err())
		}
		if err == nil && res.status >= 200 && res.status < 300 {
			return res.body, nil
		}
		retryable := err != nil || res.status == http.StatusTooManyRequests || res.status >= 500
		if !retryable || attempt > c.retries {
			return nil, c.failure(op, resource, attempt, res, err)
		}
		delay := c.delay(attempt)
		if err == nil {
			if ra, ok := c.retryAfter(res.header); ok {
				delay = ra
			}
		}
		if waited+delay > c.maxWait {
			e := c.failure(op, resource, attempt, res, err)
			return nil, fmt.Errorf("%w (not retrying: waiting %s more would exceed the %s budget)", e, delay.Round(time.Millisecond), c.maxWait)
		}
		if err := c.sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		waited += delay
	}
}

type response struct {
	status int
	header http.Header
	body   []byte // the whole body for 2xx, at most maxErrorBodyBytes otherwise
}

// once makes one attempt bounded by the client's timeout.
func (c *Client) once(ctx context.Context, method, rawURL string) (response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, method, rawURL, nil)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.email+":"+c.key)))
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.hc.Do(req)
	if err != nil {
		return response{}, c.networkError(actx, err)
	}
	defer resp.Body.Close()
	limit := int64(maxErrorBodyBytes)
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		limit = maxBodyBytes + 1
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return response{}, c.networkError(actx, fmt.Errorf("reading the response body: %w", err))
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 && len(body) > maxBodyBytes {
		return response{}, fmt.Errorf("response body exceeds %d MiB", maxBodyBytes>>20)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// networkError strips the *url.Error wrapper (its text repeats the URL) and
// names an attempt timeout plainly.
func (c *Client) networkError(actx context.Context, err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no response within %s: %w", c.timeout, context.DeadlineExceeded)
	}
	return err
}

// delay is the backoff before retry number attempt (1-based): Backoff·2^(n−1),
// capped at 8 s, with ±50% jitter.
func (c *Client) delay(attempt int) time.Duration {
	d := c.backoff << min(attempt-1, 16)
	if d <= 0 || d > maxDelay {
		d = max(maxDelay, c.backoff)
	}
	return d/2 + time.Duration(rand.Int64N(int64(d)))
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func (c *Client) retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return min(time.Duration(n)*time.Second, maxRetryAfter), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(c.now()), 0), maxRetryAfter), true
	}
	return 0, false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
