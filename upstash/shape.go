package upstash

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"strings"
)

// RedisToken is what the byte layout of an Upstash Redis REST token tells
// (UPSTASH.md §1.2): its kind, the database number and the header format.
type RedisToken struct {
	ReadOnly bool // byte 0 is 0x02
	DB       int  // bytes 1–2, big-endian; equals the digits of <slug>-<digits>.upstash.io
	Old      bool // old header 01 24 20 (or the older 00 24 20) + database UUID
}

// DecodeRedisToken validates s as a Redis REST token: base64url that decodes
// to byte0 ∈ {1, 2}, then either the new header 00 02 <len> 'p' <digit> or the
// old header 01 24 20 followed by the database UUID as text. A full-access
// token's tail is printable ASCII; a read-only token ends in random bytes.
// The older header 00 24 20 (UPSTASH.md §1.2, tokens of 2021–2022) is only
// known on full-access tokens: byte0 1, the UUID, then exactly the 32-hex
// password.
func DecodeRedisToken(s string) (RedisToken, bool) {
	b, ok := decodeBase64(s, base64.RawURLEncoding)
	if !ok || len(b) < 8+16 {
		return RedisToken{}, false
	}
	t := RedisToken{ReadOnly: b[0] == 2, DB: int(b[1])<<8 | int(b[2])}
	if b[0] != 1 && b[0] != 2 {
		return RedisToken{}, false
	}
	var tail []byte
	switch {
	case b[3] == 0x00 && b[4] == 0x02 && b[6] == 'p' && b[7] >= '0' && b[7] <= '9':
		tail = b[8:]
	case b[3] == 0x01 && b[4] == 0x24 && b[5] == 0x20 && len(b) >= 6+36+16 && IsUUID(string(b[6:42])):
		t.Old = true
		tail = b[42:]
	case b[0] == 1 && b[3] == 0x00 && b[4] == 0x24 && b[5] == 0x20 && len(b) == 6+36+32 && IsUUID(string(b[6:42])) && isHexString(b[42:]):
		t.Old = true
		tail = b[42:]
	default:
		return RedisToken{}, false
	}
	if !t.ReadOnly && !isPrintable(tail) {
		return RedisToken{}, false
	}
	return t, true
}

// QStashToken is the decoded JSON of a QStash token (UPSTASH.md §1.3).
type QStashToken struct {
	UserID   string `json:"UserID"`
	Password string `json:"Password"`
}

// DecodeQStashToken validates s as base64 (standard or URL alphabet) of a JSON
// object with non-empty UserID and Password strings.
func DecodeQStashToken(s string) (QStashToken, bool) {
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	b, ok := decodeBase64(s, enc)
	if !ok {
		return QStashToken{}, false
	}
	var t QStashToken
	if err := json.Unmarshal(b, &t); err != nil || t.UserID == "" || t.Password == "" {
		return QStashToken{}, false
	}
	// A template token ({"UserID":"xxxxxxxx","Password":"xxxx…"}) decodes
	// but holds placeholders; the dev-server users are judged by the caller.
	if !DevQStashUsers[t.UserID] && (IsPlaceholder(t.UserID) || IsPlaceholder(t.Password) || AllSame(t.Password)) {
		return QStashToken{}, false
	}
	return t, true
}

// IndexToken is what a Vector/Search token's layout tells (UPSTASH.md §1.4):
// the index name (the host slug, not secret) and the role.
type IndexToken struct {
	Name string
	Role string // "admin" or "readonly"
}

// DecodeIndexToken validates s as base64 of 0x00, len(name), len(role), '0',
// name, role, base64(secret): name in the host-slug charset, role admin or
// readonly, and a printable secret of at least 16 bytes.
func DecodeIndexToken(s string) (IndexToken, bool) {
	b, ok := decodeBase64(s, base64.RawStdEncoding)
	if !ok || len(b) < 4 || b[0] != 0 || b[3] != '0' {
		return IndexToken{}, false
	}
	nl, rl := int(b[1]), int(b[2])
	if nl == 0 || len(b) < 4+nl+rl+16 {
		return IndexToken{}, false
	}
	name, role := string(b[4:4+nl]), string(b[4+nl:4+nl+rl])
	if !isSlug(name) || (role != "admin" && role != "readonly") || !isPrintable(b[4+nl+rl:]) {
		return IndexToken{}, false
	}
	return IndexToken{Name: name, Role: role}, true
}

// decodeBase64 strips '=' padding and decodes s with enc (a Raw encoding).
func decodeBase64(s string, enc *base64.Encoding) ([]byte, bool) {
	b, err := enc.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil
}

// ValidSigningKey reports whether key (sig_ + base58) looks generated
// rather than an identifier or a placeholder. Upstash generates the body
// at random (UPSTASH.md §1.3), so the test is statistical and tuned to
// accept random bodies: no run of 6 repeated characters, at least one
// letter, and then
//   - never a typed sequence (8 adjacent characters in alphabet order);
//   - single-case letters: a digit and a run of 4 consonants (random
//     lower-case-only bodies exist; "sig_123…" and "sig_ABCD…" do not pass);
//   - both cases: a digit, or, with no digit (about 1 random 28-character
//     body in 110) and no placeholder word (read one camelCase word at a
//     time, so that a random "XxX" is not the filler "xxx"), any sign that the letters are
//     not camelCase words: case changes as frequent as in random text, two
//     upper-case pairs, few vowels (English words are about 40% vowels,
//     random base58 letters 16%) or a run of 6 consonants.
//
// About 1 random 28-character body in 1.5 million is rejected (the old
// test rejected 1 in 4,200: a bench key with no digit and few case
// changes); camelCase identifiers such as computeSignatureFromRequestHeaders
// still are.
func ValidSigningKey(key string) bool {
	body := strings.TrimPrefix(key, "sig_")
	var lower, upper, digit bool
	upperPairs := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
			if i > 0 && body[i-1] >= 'A' && body[i-1] <= 'Z' {
				upperPairs++
			}
		case c >= '0' && c <= '9':
			digit = true
		}
	}
	if !lower && !upper || exactRun(body, 6) || successorPairs(body) >= 8 {
		return false
	}
	if !lower || !upper {
		return digit && consonantRun(body) >= 4 && !IsPlaceholder(body)
	}
	if digit {
		return true
	}
	if IsPlaceholder(camelWords(body)) {
		return false
	}
	return caseSwitchRate(body) >= 0.3 || upperPairs >= 2 || vowelShare(body) < 0.25 || consonantRun(body) >= 6
}

// exactRun reports whether s holds one character n times in a row, case
// included: "YyyYYY" is random base58, "xxxxxx" is filler.
func exactRun(s string, n int) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			if run++; run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}

// successorPairs counts adjacent characters in alphabet order ("ab",
// "XY", "34"): a typed sequence, not a random body (about 1 pair in 58).
func successorPairs(s string) int {
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 {
			n++
		}
	}
	return n
}

// camelWords lower-cases s one camelCase word at a time, the words joined
// by "|", and an upper-case X kept apart from x: a placeholder written in
// words ("yourSigningKeyHere") keeps its words, while a random body's
// letters of mixed case ("Xxx", "HereX" split as "here") rarely form the
// placeholder marks IsPlaceholder looks for.
func camelWords(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i > 0 && (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b.WriteByte('|')
		}
		switch {
		case c == 'X', c == 'x' && i > 0 && i+1 < len(s) && s[i-1] == 'x' && s[i+1] == 'x' && (i < 2 || s[i-2] != 'x') && (i+2 >= len(s) || s[i+2] != 'x'):
			// A random body's "Xxx" or "xxx" (exactly three) is not the
			// filler "xxx"; "xxxx" still is.
			c = '1'
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// vowelShare is the share of letters in s that are vowels (a, e, i, o, u in
// either case).
func vowelShare(s string) float64 {
	vowels, letters := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			continue
		}
		letters++
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			vowels++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(vowels) / float64(letters)
}

// consonantRun is the length of the longest run of consonant letters in s
// (y counts as a vowel), either case.
func consonantRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		switch {
		case c < 'a' || c > 'z' || s[i] < 'A':
			run = 0
		case c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y':
			run = 0
		default:
			run++
			best = max(best, run)
		}
	}
	return best
}

// caseSwitchRate is the share of adjacent letter pairs that change case: about
// one half in random mixed-case text, far lower in camelCase identifiers
// ("computeSignatureFromRequestHeaders" is about 0.2).
func caseSwitchRate(s string) float64 {
	switches, pairs := 0, 0
	for i := 1; i < len(s); i++ {
		a, b := s[i-1], s[i]
		al, bl := a >= 'a' && a <= 'z', b >= 'a' && b <= 'z'
		au, bu := a >= 'A' && a <= 'Z', b >= 'A' && b <= 'Z'
		if (al || au) && (bl || bu) {
			pairs++
			if al != bl {
				switches++
			}
		}
	}
	if pairs == 0 {
		return 0
	}
	return float64(switches) / float64(pairs)
}

// IsUUID reports whether s is a UUID in text form (8-4-4-4-12 hex digits).
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !IsHex(c) {
			return false
		}
	}
	return true
}

// isHexString reports whether b is non-empty and all lower- or upper-case
// hex digits.
func isHexString(b []byte) bool {
	for _, c := range b {
		if !IsHex(c) {
			return false
		}
	}
	return len(b) > 0
}

// isSlug reports whether s uses only the Upstash host-slug charset [a-z0-9-].
func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// IsHostName reports whether s uses only lower-case host-name characters.
func IsHostName(s string) bool {
	return isSlug(strings.ReplaceAll(s, ".", "-"))
}

// isPrintable reports whether b is non-empty, printable, non-space ASCII.
func isPrintable(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

func IsHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func IsAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// IsHexString reports whether s is at least n hex digits and nothing else.
func IsHexString(s string, n int) bool {
	if len(s) < n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsHex(s[i]) {
			return false
		}
	}
	return true
}

// HasRepeatRun reports whether s holds n or more identical bytes in a row
// (case-insensitive), the mark of "xxxxxx" or "000000" filler.
func HasRepeatRun(s string, n int) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if lowerByte(s[i]) == lowerByte(s[i-1]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return n <= 1 && len(s) > 0
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// shannonEntropy returns the Shannon entropy of s in bits per byte.
func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// LooksRandom reports whether v looks like a generated credential rather than
// a word, an identifier or a path: at least minLen bytes, letters and digits,
// entropy of at least 3 bits per byte, no run of 10 letters of one case
// (random base64 almost never has one; identifiers and words do), and not
// wordy.
func LooksRandom(v string, minLen int) bool {
	if len(v) < minLen || len(v) > 512 {
		return false
	}
	var letter, digit bool
	run, prev := 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		class := 0
		switch {
		case c >= 'a' && c <= 'z':
			class, letter = 1, true
		case c >= 'A' && c <= 'Z':
			class, letter = 2, true
		case c >= '0' && c <= '9':
			digit = true
		}
		if class != 0 && class == prev {
			run++
		} else {
			run = 1
		}
		if class != 0 && run >= 10 {
			return false
		}
		prev = class
	}
	return letter && digit && shannonEntropy(v) >= 3.0 && !wordy(v)
}

// wordy reports whether v reads like an identifier made of words: two or more
// of its -_./-separated segments are single-case letters only, three or more
// long ("bert-base-uncased-v2", "prod_redis_2024"). Random base64url rarely has
// separators, let alone short single-case segments between them.
func wordy(v string) bool {
	words := 0
	for _, seg := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("-_./", r) }) {
		if len(seg) >= 3 && (seg == strings.ToLower(seg) || seg == strings.ToUpper(seg)) && isLetters(seg) {
			words++
		}
	}
	return words >= 2
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
	}
	return true
}

// IsPlaceholder reports whether value is a stand-in for a credential rather
// than one: empty, one repeated character, a template or variable reference
// (${VAR}, $VAR, {{ var }}, <token>, %s), an environment lookup
// (process.env.X, os.environ[…], os.getenv, import.meta.env, env(…)),
// filler (xxx, ***, ...), or placeholder words (your_token, REPLACE_ME,
// changeme, example, fake, dummy, …). Callers apply it to values that did not
// decode as a documented Upstash token layout: a decoded token is judged by
// its structure, not its spelling (the FAKE samples say "Fake").
func IsPlaceholder(value string) bool {
	v := strings.TrimSpace(value)
	v = strings.Trim(v, "\"'`")
	if v == "" {
		return true
	}
	if AllSame(v) || strings.HasPrefix(v, "$") {
		return true
	}
	lv := strings.ToLower(v)
	for _, m := range placeholderMarks {
		if strings.Contains(lv, m) {
			return true
		}
	}
	return false
}

// placeholderMarks are lower-case substrings that mark a placeholder value.
var placeholderMarks = []string{
	// templates, variables, lookups
	"${", "{{", "}}", "<", ">", "%s", "%v", "%(", "process.env", "os.environ", "environ[", "getenv", "import.meta",
	"env(", "env[", "env.", "deno.env", "secrets.", "var.", "vars.",
	// filler
	"xxx", "***", "...", "…", "___",
	// words
	"your", "replace", "changeme", "change_me", "change-me", "placeholder", "example", "sample", "dummy", "fake",
	"mock", "test", "redacted", "insert", "enter_", "todo", "fixme", "token", "password", "passwd", "secret",
	"api_key", "apikey", "here", "notreal", "not_real", "null", "undefined",
}

// AllSame reports whether s is one character repeated, ignoring separators
// ("0000-0000", "aaaaaaaa").
func AllSame(s string) bool {
	var first byte
	for i := 0; i < len(s); i++ {
		c := lowerByte(s[i])
		if c == '-' || c == '_' || c == '.' {
			continue
		}
		if first == 0 {
			first = c
		} else if c != first {
			return false
		}
	}
	return true
}

// PlaceholderUUIDs are UUIDs that documentation uses as examples.
var PlaceholderUUIDs = map[string]bool{
	"12345678-1234-1234-1234-123456789012": true,
	"123e4567-e89b-12d3-a456-426614174000": true,
	"12345678-1234-5678-1234-567812345678": true,
}
