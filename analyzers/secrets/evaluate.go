package secrets

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/rules"
)

// result is a validated candidate on its way to becoming a finding.
type result struct {
	ruleID     string
	severity   rules.Severity
	kind       string // Redacted.Kind
	message    string
	start, end int // secret byte offsets
	prio       int // which result wins when two cover the same bytes
	order      int // the pattern's place in specs: breaks ties of start and prio
	related    *host
}

// Priorities for overlapping results: a URL password beats the REST-token
// shape it contains (the URL says where the secret is used, and the decoded
// kind still sets the severity), shapes beat context rules, and the guess
// (UPS109) loses to everything.
const (
	prioGuess = iota
	prioKVPassword
	prioKafka
	prioAPIKey
	prioShape
	prioURLPassword
)

// evaluate validates one candidate and builds its result; ok is false when
// the match is not a credential (bad boundary, failed decode, placeholder,
// public dev value, missing context).
func (d *Detector) evaluate(f *file, c *candidate) (result, bool) {
	v := f.data[c.start:c.end]
	r := result{start: c.start, end: c.end, order: c.p.order}
	switch c.p.kind {
	case kindRedisToken:
		if !base64Bounded(f.data, c.start, c.end) || upstash.HasRepeatRun(v, 6) {
			return r, false
		}
		t, ok := upstash.DecodeRedisToken(v)
		if !ok {
			return r, false
		}
		r.prio = prioShape
		where := ""
		if h, ok := f.hostForDB(t.DB); ok {
			where = " for " + h.name
		}
		if t.ReadOnly {
			r.ruleID, r.severity, r.kind = "UPS102", rules.Low, upstash.KindRedisReadOnly
			r.message = "Upstash Redis read-only REST token" + where + " is hardcoded; Upstash allows exposing it, " +
				"but it still reads every key whose name is known, so load it from an environment variable"
		} else {
			r.ruleID, r.severity, r.kind = "UPS101", rules.Critical, upstash.KindRedisToken
			r.message = "Upstash Redis REST token (full access)" + where + " is hardcoded; rotate it " +
				"(reset the database password) and load it from UPSTASH_REDIS_REST_TOKEN"
		}
	case kindQStashToken:
		if !base64Bounded(f.data, c.start, c.end) {
			return r, false
		}
		t, ok := upstash.DecodeQStashToken(v)
		if !ok || upstash.DevQStashUsers[t.UserID] {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio = "UPS104", rules.Critical, upstash.KindQStashToken, prioShape
		r.message = "QStash token is hardcoded; rotate it and load it from QSTASH_TOKEN"
	case kindSigningKey:
		if !wordBounded(f.data, c.start, c.end) || !upstash.ValidSigningKey(v) {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio = "UPS105", rules.High, upstash.KindSigningKey, prioShape
		r.message = "QStash signing key is hardcoded; roll the signing keys and load them from " +
			"QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY"
	case kindIndexToken:
		if !base64Bounded(f.data, c.start, c.end) || upstash.HasRepeatRun(v, 6) {
			return r, false
		}
		t, ok := upstash.DecodeIndexToken(v)
		if !ok {
			return r, false
		}
		name, env := "Vector or Search", "UPSTASH_VECTOR_REST_TOKEN or UPSTASH_SEARCH_REST_TOKEN"
		switch {
		case strings.Contains(f.data, t.Name+"-vector."):
			name, env = "Vector", "UPSTASH_VECTOR_REST_TOKEN"
		case strings.Contains(f.data, t.Name+"-search."):
			name, env = "Search", "UPSTASH_SEARCH_REST_TOKEN"
		}
		r.ruleID, r.kind, r.prio = "UPS106", upstash.KindIndexToken, prioShape
		if t.Role == "admin" {
			r.severity = rules.Critical
			r.message = fmt.Sprintf("Upstash %s admin token for index %q is hardcoded; reset the index password and load it from %s", name, t.Name, env)
		} else {
			r.severity = rules.Low
			r.message = fmt.Sprintf("Upstash %s read-only token for index %q is hardcoded; it still reads every record, so load it from an environment variable", name, t.Name)
		}
	case kindRedisURL:
		return d.redisURL(f, c, r)
	case kindKafkaEnv:
		if upstash.IsPlaceholder(v) || !valueBounded(f.data, c.end) || !upstash.LooksRandom(v, 12) {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio = "UPS108", rules.Low, upstash.KindKafkaCredential, prioKafka
		r.message = kafkaMessage(c.key)
	case kindAssign, kindBearer, kindURLToken:
		return d.assignment(f, c, r)
	case kindAPIKey, kindBasicAuth:
		if !uuidBounded(f.data, c.end) || upstash.PlaceholderUUIDs[strings.ToLower(v)] || upstash.AllSame(v) || !f.apiKeyContext(c) {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio = "UPS107", rules.Critical, upstash.KindDeveloperAPIKey, prioAPIKey
		r.message = "Upstash Developer API key is hardcoded; delete it in the Upstash console, create a new one and load it from UPSTASH_API_KEY"
	default:
		return r, false
	}
	return r, true
}

// redisURL validates the password of a redis(s)://user:password@host.upstash.io URL.
func (d *Detector) redisURL(f *file, c *candidate, r result) (result, bool) {
	group := func(g int) string {
		if 2*g+1 >= len(c.sub) || c.sub[2*g] < 0 {
			return ""
		}
		return c.match[c.sub[2*g]:c.sub[2*g+1]]
	}
	user, hostName := group(1), group(3)
	pw := f.data[c.start:c.end]
	if len(pw) > 256 {
		return r, false
	}
	if u, err := url.PathUnescape(pw); err == nil {
		pw = u
	}
	readOnly := user == "default_ro"
	alsoToken := ""
	if t, ok := upstash.DecodeRedisToken(pw); ok {
		if t.ReadOnly {
			readOnly = true
		} else {
			alsoToken = " (it is also the full-access REST token)"
		}
	} else if upstash.IsPlaceholder(pw) || !(upstash.IsHexString(pw, 32) || upstash.LooksRandom(pw, 12)) {
		return r, false
	}
	r.ruleID, r.kind, r.prio = "UPS103", upstash.KindRedisPassword, prioURLPassword
	if readOnly {
		r.severity = rules.Low
		r.message = "Read-only password of Upstash Redis host " + hostName + " is hardcoded in a redis URL; " +
			"Upstash allows exposing read-only credentials, but load the URL from an environment variable"
	} else {
		r.severity = rules.Critical
		r.message = "Password of Upstash Redis host " + hostName + " is hardcoded in a redis URL" + alsoToken +
			"; reset the database password and load the URL from REDIS_URL"
	}
	return r, true
}

// nonSecretKeyWords are words of key names whose values are not credentials
// (token_url, secretName, PASSWORD_HASH, token_type, id_token, …).
var nonSecretKeyWords = map[string]bool{"url": true, "uri": true, "endpoint": true, "host": true, "hostname": true,
	"type": true, "name": true, "length": true, "len": true, "path": true, "file": true, "header": true,
	"expiry": true, "expires": true, "expiration": true, "ttl": true, "count": true, "limit": true, "prefix": true,
	"field": true, "format": true, "hash": true, "hashed": true, "csrf": true, "xsrf": true, "label": true,
	"version": true, "kind": true, "mode": true, "hint": true, "description": true, "usage": true, "policy": true,
	"salt": true, "encoding": true, "id": true, "tokenizer": true, "placeholder": true}

// keyWords splits a key name into lower-case words at _ - . and camelCase
// boundaries: "UPSTASH_REDIS_REST_TOKEN" → upstash redis rest token,
// "apiSecretName" → api secret name.
func keyWords(key string) []string {
	var words []string
	w := []byte{}
	flush := func() {
		if len(w) > 0 {
			words = append(words, strings.ToLower(string(w)))
			w = w[:0]
		}
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' || c == '-' || c == '.':
			flush()
		case c >= 'A' && c <= 'Z' && i > 0 && key[i-1] >= 'a' && key[i-1] <= 'z':
			flush()
			w = append(w, c)
		default:
			w = append(w, c)
		}
	}
	flush()
	return words
}

// assignment validates a value assigned to a token/password/secret-like key,
// sent as a Bearer token or as a _token= URL parameter, in a file that names
// an Upstash host. Values in a known token layout are left to the shape
// rules (reported there if they decode, dropped if they do not).
func (d *Detector) assignment(f *file, c *candidate, r result) (result, bool) {
	v := f.data[c.start:c.end]
	if knownShapePrefix(v) || upstash.IsPlaceholder(v) || !valueBounded(f.data, c.end) || upstash.MentionsUpstash(v) {
		return r, false
	}
	key := strings.Trim(c.key, ".-_")
	lkey := strings.ToLower(key)
	for _, w := range keyWords(key) {
		if nonSecretKeyWords[w] {
			return r, false
		}
	}
	hosts := f.upstashHosts()
	if len(hosts) == 0 {
		return r, false
	}
	redis, hasRedis := f.firstHost(upstash.HostRedis)
	kafka, hasKafka := f.firstHost(upstash.HostKafka)
	password := c.p.kind == kindAssign && (strings.Contains(lkey, "pass") || strings.Contains(lkey, "pwd"))
	switch {
	case c.p.kind == kindAssign && (strings.Contains(lkey, "kafka") || hasKafka && !hasRedis && password):
		if !upstash.LooksRandom(v, 12) {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio, r.related = "UPS108", rules.Low, upstash.KindKafkaCredential, prioKafka, &kafka
		if !hasKafka {
			r.related = nil
		}
		r.message = kafkaMessage(key)
	case password && hasRedis:
		if !upstash.IsHexString(v, 32) && !upstash.LooksRandom(v, 12) {
			return r, false
		}
		r.ruleID, r.severity, r.kind, r.prio, r.related = "UPS103", rules.Critical, upstash.KindRedisPassword, prioKVPassword, &redis
		r.message = "Redis password assigned to " + key + " is hardcoded next to Upstash host " + redis.name +
			"; reset the database password and load it from an environment variable"
	default:
		if !upstash.LooksRandom(v, 16) {
			return r, false
		}
		h := hosts[0]
		r.ruleID, r.severity, r.kind, r.prio, r.related = "UPS109", rules.Medium, upstash.KindUnknownToken, prioGuess, &h
		what := "High-entropy value assigned to " + key
		switch c.p.kind {
		case kindBearer:
			what = "High-entropy Bearer token"
		case kindURLToken:
			what = "High-entropy _token URL parameter (URLs end up in logs)"
		}
		r.message = what + " next to Upstash host " + h.name + " is not a known Upstash token format, so this is a guess; " +
			"if it is a credential, rotate it and load it from an environment variable"
	}
	return r, true
}

// envFileMessage is the message of a credential found in an env file that
// the scan reads (the scan skips the git-ignored ones): the line is
// already the variable the code should read, so the problem is that the
// file, with a live credential, is in the repository. The credential's
// words are r's message up to " is hardcoded". The guess (UPS109) and the
// discontinued Kafka credentials (UPS108) keep their own messages.
func envFileMessage(r result, base string) string {
	noun, _, ok := strings.Cut(r.message, " is hardcoded")
	if !ok || r.ruleID == "UPS108" || r.ruleID == "UPS109" {
		return r.message
	}
	return noun + " is a live credential in the env file " + base + ", which is in the repository (not git-ignored), so everyone who can read the repository can use it; " +
		"remove the file from the repository (git rm --cached " + base + "), add it to .gitignore and rotate the credential"
}

// kafkaMessage is the UPS108 message for a credential assigned to key.
func kafkaMessage(key string) string {
	return "Stale Upstash Kafka credential (" + key + ") is hardcoded, service discontinued 2025-03-11; delete the Kafka configuration"
}

// knownShapePrefix reports whether v starts like one of the decodable token
// layouts (Redis, QStash and JWTs, signing key, Vector/Search).
func knownShapePrefix(v string) bool {
	if strings.HasPrefix(v, "eyJ") || strings.HasPrefix(v, "sig_") {
		return true
	}
	if len(v) >= 10 && v[0] == 'A' {
		if v[1] >= 'Q' && v[1] <= 'Z' || v[1] >= 'a' && v[1] <= 'v' {
			return v[4:7] == "AAI" && v[8] == 'c' || strings.HasPrefix(v[4:], "ASQg") || strings.HasPrefix(v[4:], "ACQg")
		}
		if v[1] >= 'A' && v[1] <= 'D' {
			return (v[3] == 'F' || v[3] == 'I') && v[4] == 'M'
		}
	}
	return false
}

// hostForDB returns the Redis host whose trailing digits equal db, the
// database number in bytes 1–2 of a REST token (UPSTASH.md §1.2).
func (f *file) hostForDB(db int) (host, bool) {
	suffix := fmt.Sprintf("-%d", db)
	for _, h := range f.upstashHosts() {
		label, _, _ := strings.Cut(h.name, ".")
		if h.product == upstash.HostRedis && strings.HasSuffix(label, suffix) {
			return h, true
		}
	}
	return host{}, false
}

// apiKeyContext reports whether a UUID assigned to an API-key-like name is an
// Upstash Developer API key: the key name says upstash, or one of the
// Upstash Developer API markers occurs nearby (±contextWindow bytes, or
// anywhere in Terraform and env files). UPSTASH.md §1.5.
func (f *file) apiKeyContext(c *candidate) bool {
	if strings.Contains(strings.ToLower(c.key), "upstash") {
		return true
	}
	lo, hi := 0, len(f.data)
	if !f.wholeFileContext() {
		lo, hi = max(0, c.matchStart-contextWindow), min(len(f.data), c.end+contextWindow)
	}
	near := strings.ToLower(f.data[lo:hi])
	for _, m := range apiKeyMarkers {
		if strings.Contains(near, m) {
			return true
		}
	}
	return false
}

// contextWindow is how far (bytes) UPS107 looks for Upstash markers.
const contextWindow = 1500

// apiKeyMarkers are lower-case Upstash Developer API markers.
var apiKeyMarkers = []string{`provider "upstash"`, "api.upstash.com", "upstash_email", "upstash_api_key", "upstash/upstash"}

// base64Bounded reports whether the token at [start, end) is not part of a
// longer base64 run: the byte before is not a base64 character (a JSON or
// notebook escape such as \n, or a %XX escape, counts as a delimiter) and the
// byte after is neither a base64 character nor padding.
func base64Bounded(s string, start, end int) bool {
	if end < len(s) && (upstash.IsAlnum(s[end]) || strings.IndexByte("+/_=-", s[end]) >= 0) {
		return false
	}
	if start == 0 {
		return true
	}
	p := s[start-1]
	if !upstash.IsAlnum(p) && strings.IndexByte("+/_-", p) < 0 {
		return true
	}
	if start >= 2 && s[start-2] == '\\' && (p == 'n' || p == 't' || p == 'r') {
		return true
	}
	return start >= 3 && s[start-3] == '%' && upstash.IsHex(s[start-2]) && upstash.IsHex(p)
}

// wordBounded reports whether [start, end) is a whole word: no letter, digit
// or underscore on either side.
func wordBounded(s string, start, end int) bool {
	if end < len(s) && (upstash.IsAlnum(s[end]) || s[end] == '_') {
		return false
	}
	return start == 0 || !(upstash.IsAlnum(s[start-1]) || s[start-1] == '_')
}

// valueBounded reports whether a value ending at end was not cut by the
// pattern's length bound.
func valueBounded(s string, end int) bool {
	return end >= len(s) || !(upstash.IsAlnum(s[end]) || strings.IndexByte("+/=_.~-", s[end]) >= 0)
}

// uuidBounded reports whether a UUID ending at end is not followed by more
// hex digits or dashes.
func uuidBounded(s string, end int) bool {
	return end >= len(s) || !(upstash.IsAlnum(s[end]) || s[end] == '-' || s[end] == '_')
}

// resolve drops results that overlap a result of higher priority, keeps one
// result per (rule, position), and builds the findings, sorted.
func resolve(f *file, res []result) []rules.Finding {
	sort.Slice(res, func(i, j int) bool {
		if res[i].start != res[j].start {
			return res[i].start < res[j].start
		}
		if res[i].prio != res[j].prio {
			return res[i].prio > res[j].prio
		}
		// gitleaks returns its rules' matches in map order: without this,
		// which of two equal results is kept would change from run to run.
		return res[i].order < res[j].order
	})
	kept := res[:0]
	for _, r := range res {
		if n := len(kept); n > 0 && r.start < kept[n-1].end {
			if r.prio > kept[n-1].prio {
				kept[n-1] = r
			}
			continue
		}
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		return nil
	}
	out := make([]rules.Finding, 0, len(kept))
	for _, r := range kept {
		value := f.data[r.start:r.end]
		if f.envFile() {
			r.message = envFileMessage(r, path.Base(f.path))
		}
		if strings.Contains(r.message, value) {
			// A key or host name quoted in the message equals the secret
			// (only in contrived input): say less rather than leak.
			r.message = rules.Lookup(r.ruleID).Short
		}
		if r.related != nil && strings.Contains(r.related.name, value) {
			r.related = nil
		}
		fd := rules.Finding{
			RuleID:   r.ruleID,
			Severity: r.severity,
			Path:     f.path,
			Message:  r.message,
			Secret:   rules.Redact(r.kind, value),
		}
		fd.Line, fd.Col = f.position(r.start)
		fd.EndLine, fd.EndCol = f.position(r.end - 1)
		if r.related != nil {
			l, c := f.position(r.related.start)
			el, ec := f.position(r.related.end - 1)
			fd.Related = []rules.Location{{Path: f.path, Line: l, Col: c, EndLine: el, EndCol: ec,
				Message: "Upstash host " + r.related.name}}
		}
		fd.SetKey("")
		out = append(out, fd)
	}
	sort.Slice(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	return out
}
