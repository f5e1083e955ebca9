package upstashapi

import (
	"encoding/json"
	"fmt"
	"github.com/upscan/upscan/upstash"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/upscan/upscan/rules"
)

// Credentials are a database's new secrets from a password reset
// (UPSTASH.md §5.3: password, rest_token, read_only_rest_token).
//
// WARNING: these are live secrets. Write them only where the user asked
// (e.g. an env file with mode 0600) and never to stdout, stderr, logs or
// reports. String, GoString, Format, MarshalJSON and LogValue all redact them,
// so printing or logging a Credentials value by accident shows
// "redis-rest-token AXXX… (62 chars)", never the value; read the fields
// directly to use them.
type Credentials struct {
	Endpoint          string // host name, e.g. "beloved-stallion-58500.upstash.io"; not secret
	Port              int    // TCP port; not secret
	Password          string // SECRET: TCP password (on new databases the same as RESTToken)
	RESTToken         string // SECRET: full-access REST token
	ReadOnlyRESTToken string // SECRET: read-only REST token
}

// Empty reports whether the reset response carried no credential.
func (c Credentials) Empty() bool {
	return c.Password == "" && c.RESTToken == "" && c.ReadOnlyRESTToken == ""
}

// RESTURL is the REST endpoint for UPSTASH_REDIS_REST_URL: "https://" + the
// host (UPSTASH.md §1.1), or "" without an endpoint.
func (c Credentials) RESTURL() string {
	if c.Endpoint == "" {
		return ""
	}
	return "https://" + c.Endpoint
}

func (c Credentials) redacted() map[string]string {
	m := map[string]string{}
	add := func(k, kind, v string) {
		if v != "" {
			m[k] = rules.Redact(kind, v).String()
		}
	}
	add("password", upstash.KindRedisPassword, c.Password)
	add("rest_token", upstash.KindRedisToken, c.RESTToken)
	add("read_only_rest_token", upstash.KindRedisReadOnly, c.ReadOnlyRESTToken)
	return m
}

// String describes the credentials with every secret redacted.
func (c Credentials) String() string {
	r := c.redacted()
	var parts []string
	if c.Endpoint != "" {
		parts = append(parts, "endpoint: "+c.Endpoint+":"+strconv.Itoa(c.Port))
	}
	for _, k := range []string{"password", "rest_token", "read_only_rest_token"} {
		if v, ok := r[k]; ok {
			parts = append(parts, k+": "+v)
		}
	}
	return "upstashapi.Credentials{" + strings.Join(parts, ", ") + "}"
}

// GoString is String.
func (c Credentials) GoString() string { return c.String() }

// Format prints String for every verb (%v, %+v, %#v, %s, %d, %x, …).
func (c Credentials) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// MarshalJSON encodes the endpoint and the redacted secrets, never the values.
func (c Credentials) MarshalJSON() ([]byte, error) {
	r := c.redacted()
	out := map[string]any{"endpoint": c.Endpoint, "port": c.Port}
	for k, v := range r {
		out[k] = v
	}
	return json.Marshal(out)
}

// LogValue makes slog record the redacted form.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// decodeCredentials reads the credential fields of a reset-password body.
// Missing or mistyped fields stay empty. A present field that could not be
// a credential is an error naming the field, never its value: a secret must
// be printable ASCII without spaces, the endpoint a host name. A value with
// a line break or another control character would otherwise reach an env
// file or a URL as something else (issue 15 row 14).
func decodeCredentials(body []byte) (Credentials, error) {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return Credentials{}, nil
	}
	var bad []string
	s := func(k string, valid func(string) bool) string {
		var v string
		if json.Unmarshal(m[k], &v) != nil || v == "" {
			return ""
		}
		if !valid(v) {
			bad = append(bad, k)
			return ""
		}
		return v
	}
	c := Credentials{
		Endpoint:          s("endpoint", validHost),
		Password:          s("password", validSecret),
		RESTToken:         s("rest_token", validSecret),
		ReadOnlyRESTToken: s("read_only_rest_token", validSecret),
	}
	if len(bad) > 0 {
		return Credentials{}, fmt.Errorf("the response's %s: a control character, space or other unexpected character", strings.Join(bad, ", "))
	}
	var port json.Number
	if json.Unmarshal(m["port"], &port) == nil {
		if p, err := strconv.Atoi(port.String()); err == nil && p > 0 && p < 65536 {
			c.Port = p
		}
	}
	if c.Endpoint != "" && !strings.Contains(c.Endpoint, ".") {
		c.Endpoint += ".upstash.io" // the API returns the slug (UPSTASH.md §5.3 endpoint, §1.1)
	}
	return c, nil
}

// validSecret reports whether v can be a password or token: printable ASCII
// without spaces (Upstash's are hex or base64, UPSTASH.md §1.1, §1.2), at
// most 1024 bytes.
func validSecret(v string) bool {
	if len(v) > 1024 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			return false
		}
	}
	return true
}

// validHost reports whether v is a DNS host name (or the slug of one):
// dot-separated labels of letters, digits and inner hyphens.
func validHost(v string) bool {
	if len(v) > 253 {
		return false
	}
	for _, label := range strings.Split(v, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
