package upstash

import (
	"net/url"
	"strings"
)

// URL knowledge (UPSTASH.md §1.1, §7): Upstash serves REST over https:// and
// TCP over rediss://; redis:// and http:// to an Upstash host travel in
// clear text (Fly.io's private fly-* hosts excepted, see IsServiceHost); a
// rediss:// URL whose query sets ssl_cert_reqs=none keeps the encryption but
// stops verifying the certificate (redis-py reads the parameter from the URL).

// Hole stands in a resolved text for a part of the expression that upscan
// cannot read: an env read, a variable, a template substitution, a format
// verb. A URL whose scheme or host holds a hole is not an Upstash URL.
const Hole = '\x00'

// urlSchemes are the schemes of Upstash connection URLs, with whether the
// scheme encrypts (rediss://, https://) or not (redis://, http://).
var urlSchemes = map[string]bool{"redis": false, "rediss": true, "http": false, "https": true}

// IsPlaintextScheme reports whether scheme (lower-case, without "://")
// connects to Upstash without TLS: redis and http.
func IsPlaintextScheme(scheme string) bool {
	tls, ok := urlSchemes[scheme]
	return ok && !tls
}

// SecureScheme returns the TLS variant of a plaintext scheme (redis →
// rediss, http → https), or scheme itself.
func SecureScheme(scheme string) string {
	if IsPlaintextScheme(scheme) {
		return scheme + "s"
	}
	return scheme
}

// IsNoVerifyCertReqs reports whether v, the value of redis-py's
// ssl_cert_reqs (in a URL query or as a string), turns certificate
// verification off: "none" or "cert_none" in any case.
func IsNoVerifyCertReqs(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "none" || v == "cert_none"
}

// IsNoVerifyCheckHostname reports whether v, the value of redis-py's
// ssl_check_hostname in a URL query, turns the host-name check off: the
// values redis-py reads as false ("false", "f", "no", "n", "0", any case).
func IsNoVerifyCheckHostname(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "false", "f", "no", "n", "0":
		return true
	}
	return false
}

// URLMatch is one URL to an Upstash host found in a text.
type URLMatch struct {
	Scheme string // lower-case, without "://": "redis", "rediss", "http", "https"
	Host   string // lower-case host name, without user information or port
	// CertReqs is the lower-case value of the ssl_cert_reqs query
	// parameter ("none", "required"), "" when the URL has none.
	CertReqs string
	// CheckHostname is the lower-case value of the ssl_check_hostname
	// query parameter, "" when the URL has none.
	CheckHostname string
	// Start is the byte offset of the scheme's first byte in the text,
	// End the offset just past the URL's last byte.
	Start, End int
	// Holes is true when the URL has holes (in its user information, path
	// or query): a password read from the environment, for example.
	Holes bool
}

// FindURLs returns the URLs in text whose scheme is redis, rediss, http or
// https and whose host is an Upstash host (IsUpstashHost; web sites and
// Fly.io hosts included, which callers tell apart with IsServiceHost), in
// text order. text may hold Holes (see Text): a URL is returned only when
// its scheme and host are free of them. A scheme preceded by a letter,
// digit or one of "+-." is part of a longer word ("xredis://") and is
// skipped. The password of a URL is never returned.
func FindURLs(text string) []URLMatch {
	if !MentionsUpstash(text) {
		return nil
	}
	var out []URLMatch
	for off := 0; ; {
		i := strings.Index(text[off:], "://")
		if i < 0 {
			return out
		}
		i += off
		off = i + 3
		start := i
		for start > 0 && isSchemeByte(text[start-1]) {
			start--
		}
		scheme := strings.ToLower(text[start:i])
		if _, ok := urlSchemes[scheme]; !ok {
			continue
		}
		end := off
		for end < len(text) && !isURLEnd(text[end]) {
			end++
		}
		m, ok := parseUpstashURL(text[off:end])
		if !ok {
			continue
		}
		m.Scheme, m.Start, m.End = scheme, start, end
		out = append(out, m)
		off = end
	}
}

// MentionsUpstashBytes is MentionsUpstash for source bytes, without a copy:
// a cheap test before a string is decoded and searched for URLs.
func MentionsUpstashBytes(b []byte) bool {
	for i := 0; i+7 <= len(b); i++ {
		switch c := b[i] | 0x20; {
		case c == 'u' && (b[i+1]|0x20) == 'p' && (b[i+2]|0x20) == 's' && (b[i+3]|0x20) == 't' && (b[i+4]|0x20) == 'a' &&
			(b[i+5]|0x20) == 's' && (b[i+6]|0x20) == 'h':
			return true
		case c == 'v' && i+18 <= len(b) && string(b[i:i+18]) == "vercel-storage.com":
			return true
		}
	}
	return false
}

// isSchemeByte reports whether c may appear in a URL scheme.
func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// isURLEnd reports whether c ends a URL written in code or config text.
func isURLEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\'', '"', '`', '<', '>':
		return true
	}
	return false
}

// parseUpstashURL reads what follows "://": the authority, whose host must be
// an Upstash host free of holes, and the ssl_cert_reqs and
// ssl_check_hostname query parameters.
func parseUpstashURL(rest string) (URLMatch, bool) {
	var m URLMatch
	authEnd := strings.IndexAny(rest, "/?#")
	if authEnd < 0 {
		authEnd = len(rest)
	}
	auth := rest[:authEnd]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		m.Holes = strings.IndexByte(auth[:at], Hole) >= 0
		auth = auth[at+1:]
	}
	if c := strings.LastIndexByte(auth, ':'); c >= 0 {
		port := auth[c+1:]
		if strings.IndexByte(port, Hole) >= 0 {
			m.Holes = true
		}
		auth = auth[:c]
	}
	host := strings.ToLower(auth)
	if host == "" || strings.IndexByte(host, Hole) >= 0 || !IsHostName(host) || !IsUpstashHost(host) {
		return URLMatch{}, false
	}
	m.Host = host
	tail := rest[authEnd:]
	if strings.IndexByte(tail, Hole) >= 0 {
		m.Holes = true
	}
	if q := strings.IndexByte(tail, '?'); q >= 0 {
		query := tail[q+1:]
		if h := strings.IndexByte(query, '#'); h >= 0 {
			query = query[:h]
		}
		for _, kv := range strings.FieldsFunc(query, func(r rune) bool { return r == '&' || r == ';' }) {
			k, v, _ := strings.Cut(kv, "=")
			if u, err := url.QueryUnescape(v); err == nil {
				v = u
			}
			switch {
			case strings.EqualFold(k, "ssl_cert_reqs"):
				m.CertReqs = strings.ToLower(v)
			case strings.EqualFold(k, "ssl_check_hostname"):
				m.CheckHostname = strings.ToLower(v)
			}
		}
	}
	return m, true
}

// Text is a string assembled from the parts of an expression (string
// literals, template and f-string fragments, constants) with a Hole for
// each part upscan cannot read, remembering where each part came from so
// that a URL found in it (FindURLs) can be placed in the file. Source
// offsets are the caller's: byte offsets in the file, usually.
type Text struct {
	b    strings.Builder
	segs []textSeg
}

// textSeg is one part of a Text: from text offset at on, taken from source
// offset src. exact is true when the part's bytes are the source bytes
// (no escapes): offsets inside it map one to one; here is false for a part
// resolved from elsewhere (a named constant declared in another place).
type textSeg struct {
	at, src     int
	exact, here bool
}

// Lit appends s, the value of a literal part that starts at source offset
// src. exact says the source bytes from src on are s itself (no escape
// sequences or quotes in between), so offsets inside s map exactly.
func (t *Text) Lit(s string, src int, exact bool) {
	t.segs = append(t.segs, textSeg{at: t.b.Len(), src: src, exact: exact, here: true})
	t.b.WriteString(s)
}

// Ref appends s, a value resolved from a declaration elsewhere (a named
// constant), used at source offset src. A URL that starts inside it is
// reported where it is declared, not here: see Here.
func (t *Text) Ref(s string, src int) {
	t.segs = append(t.segs, textSeg{at: t.b.Len(), src: src})
	t.b.WriteString(s)
}

// Hole appends a Hole for a part that upscan cannot read.
func (t *Text) Hole() { t.b.WriteByte(Hole) }

// String returns the assembled text.
func (t *Text) String() string { return t.b.String() }

// HasHoles reports whether the text holds a Hole.
func (t *Text) HasHoles() bool { return strings.IndexByte(t.b.String(), Hole) >= 0 }

// Source returns the source offset of text offset i: exact inside an exact
// part, the start of the part otherwise; -1 when i lies in no part (a Hole
// at the start).
func (t *Text) Source(i int) int {
	s, ok := t.seg(i)
	if !ok {
		return -1
	}
	if s.exact {
		return s.src + i - s.at
	}
	return s.src
}

// Here reports whether text offset i lies in a part written at this place
// (Lit), rather than in a value resolved from elsewhere (Ref) or a Hole.
func (t *Text) Here(i int) bool {
	s, ok := t.seg(i)
	return ok && s.here && (i >= len(t.b.String()) || t.b.String()[i] != Hole)
}

// Exact reports whether text offsets [i, j) lie in one exact literal part,
// without holes: then Source(j-1) is the source offset of the last byte.
func (t *Text) Exact(i, j int) bool {
	if j <= i {
		return false
	}
	k := t.segIndex(i)
	if k < 0 || !t.segs[k].exact || t.segIndex(j-1) != k {
		return false
	}
	return strings.IndexByte(t.b.String()[i:j], Hole) < 0
}

// seg returns the part that holds text offset i.
func (t *Text) seg(i int) (textSeg, bool) {
	if k := t.segIndex(i); k >= 0 {
		return t.segs[k], true
	}
	return textSeg{}, false
}

// segIndex returns the index of the part that holds text offset i, or -1.
func (t *Text) segIndex(i int) int {
	for k := len(t.segs) - 1; k >= 0; k-- {
		if t.segs[k].at <= i {
			return k
		}
	}
	return -1
}

// URLPath returns the path of a URL that code builds to send QStash a
// delivery target, from its resolved text (holes for what upscan cannot
// read): "https://app.example.com/api/jobs" and "\x00/api/jobs" (`${base}/api/jobs`)
// are "/api/jobs"; each hole in the path is "*" ("/api/users/*"); the
// query and fragment are dropped. A Supabase Edge Function URL
// (/functions/v1/name) and a Netlify Function URL (/.netlify/functions/name)
// are "/name", the function's own path. ok is false
// when no constant path is written.
func URLPath(text string) (string, bool) {
	s := text
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "", false
		}
		s = rest[j:]
	} else {
		s = strings.TrimLeft(s, string(Hole))
		if !strings.HasPrefix(s, "/") {
			return "", false
		}
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == Hole {
			if !strings.HasSuffix(b.String(), "*") {
				b.WriteByte('*')
			}
			continue
		}
		b.WriteByte(s[i])
	}
	p := strings.TrimRight(b.String(), "/")
	p = strings.TrimPrefix(p, "/functions/v1")       // Supabase Edge Functions
	p = strings.TrimPrefix(p, "/.netlify/functions") // Netlify Functions
	if p == "" || p == "/*" || !strings.HasPrefix(p, "/") {
		return "", false
	}
	return p, true
}
