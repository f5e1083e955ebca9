package secrets

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"regexp"
	"sort"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// patternKind selects the Go validator that turns a gitleaks match into a
// finding (or drops it).
type patternKind int

const (
	kindRedisToken  patternKind = iota // Redis REST token shape, UPSTASH.md §1.2
	kindQStashToken                    // base64 {"UserID","Password"}, §1.3
	kindSigningKey                     // sig_ + base58, §1.3
	kindIndexToken                     // Vector/Search token, §1.4
	kindRedisURL                       // redis(s)://user:pw@*.upstash.io, §1.1
	kindKafkaEnv                       // UPSTASH_KAFKA_*PASSWORD, §1.6
	kindAssign                         // token/password/secret-like key = value
	kindBearer                         // Authorization: Bearer value
	kindURLToken                       // ?_token= / ?qstash_token= query parameter
	kindAPIKey                         // api_key = UUID, §1.5
	kindBasicAuth                      // curl -u email:UUID, §1.5
)

// pattern is one compiled gitleaks rule plus what upscan's post-filter needs
// to know about it.
type pattern struct {
	patternSpec
	re    *regexp.Regexp
	order int      // place in specs: the more specific pattern comes first
	bit   ruleMask // this pattern's bit in a prefilter mask
}

// assignTail matches what sits between a key and its value in the languages
// and formats upscan reads: a closing quote (JSON-escaped in notebooks), an
// index bracket, blanks, the operator (= := : =>), blanks, at most one line
// break with its indentation (the value on the next line), and an opening quote.
const assignTail = `(?:\\?["'\x60])?\]?[ \t]{0,16}(?:=|:=|:|=>)[ \t]{0,4}(?:\r?\n[ \t]{0,40})?(?:\\?["'\x60])?`

// uuidRE is a UUID of any version, either case (Developer API keys, §1.5).
const uuidRE = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`

// patternSpec describes one pattern. Regexes start with a case-sensitive
// literal wherever possible so that Go's regexp engine can skip to candidates
// with a substring search; the left boundary (RE2 has no look-behind) is
// checked in Go.
type patternSpec struct {
	id          string // gitleaks rule ID, internal
	kind        patternKind
	regex       string
	secretGroup int      // capture group holding the secret; 0 = whole match
	keyGroup    int      // capture group holding (the tail of) the key name; 0 = none
	keywords    []string // lower-case literals for gitleaks' Aho-Corasick prefilter
	// literals are case-sensitive strings of which every match of regex
	// contains one: upscan's prefilter looks for them instead of the
	// keywords when they are set (see prefilter).
	literals  []string
	context   bool     // runs only on files that mention Upstash
	allowlist []string // exact secrets that are public (gitleaks allowlist)
}

// specs returns the pattern table. Shape patterns (context false) run on every
// file; context patterns run only on files that mention Upstash (see
// mentionsUpstash), which keeps generic key = value matching off unrelated code.
func specs() []patternSpec {
	out := []patternSpec{
		{
			// Full (byte0 0x01, 2nd char Q-f) and read-only (0x02, g-v) tokens, new
			// (AAI?cD), old (ASQg) and older (ACQg, full tokens only) headers.
			// UPSTASH.md §1.2.
			id:       "upstash-redis-rest-token",
			kind:     kindRedisToken,
			regex:    `A[Q-Za-v][A-Za-z0-9_-]{2}(?:AAI[g-z0-9_-]cD|ASQg|ACQg)[A-Za-z0-9_-]{36,120}={0,2}`,
			keywords: redisTokenKeywords(),
			literals: redisTokenLiterals(),
		},
		{
			id:       "upstash-qstash-token",
			kind:     kindQStashToken,
			regex:    `eyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,300}={0,2}`,
			keywords: []string{"eyjvc2vysuqioi"},
			literals: []string{"eyJVc2VySUQiOi"},
		},
		{
			id:        "upstash-qstash-signing-key",
			kind:      kindSigningKey,
			regex:     `sig_[1-9A-HJ-NP-Za-km-z]{24,64}`,
			keywords:  []string{"sig_"},
			literals:  []string{"sig_"},
			allowlist: upstash.DevSigningKeys,
		},
		{
			// 0x00, len(name) < 64, len(role) 5 (admin → F) or 8 (readonly → I), '0' (M).
			id:       "upstash-index-token",
			kind:     kindIndexToken,
			regex:    `A[A-D][AEIMQUYcgkosw048][FI]M[A-Za-z0-9+/]{60,200}={0,2}`,
			keywords: indexTokenKeywords(),
			literals: indexTokenLiterals(),
		},
		{
			id:          "upstash-redis-url",
			kind:        kindRedisURL,
			regex:       `rediss?://([A-Za-z0-9._~%-]*):([^\s@'"/\x60]+)@([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+){0,3}\.upstash\.io)`,
			secretGroup: 2,
			keywords:    []string{"redis://", "rediss://"},
			literals:    []string{"redis://", "rediss://"},
			context:     true,
		},
		{
			id:          "upstash-kafka-password",
			kind:        kindKafkaEnv,
			regex:       `(?i)(UPSTASH_KAFKA_(?:REST_)?PASSWORD)` + assignTail + `([A-Za-z0-9+/=_.~-]{8,})`,
			secretGroup: 2,
			keyGroup:    1,
			keywords:    []string{"upstash_kafka_"},
			context:     true,
		},
		{
			id:          "upstash-url-token",
			kind:        kindURLToken,
			regex:       `_token=([^&\s'"#<>\x60\\]{12,})`,
			secretGroup: 1,
			keywords:    []string{"_token="},
			literals:    []string{"_token="},
			context:     true,
		},
		{
			id:          "upstash-basic-auth",
			kind:        kindBasicAuth,
			regex:       `-(?:u|-user)[ \t=]{1,4}["']?[A-Za-z0-9._%+@-]{1,128}:(` + uuidRE + `)`,
			secretGroup: 1,
			keywords:    []string{"-u", "--user"},
			literals:    []string{"-u ", "-u\t", "-u=", "--user"},
			context:     true,
		},
	}
	// Key = value forms, one pattern per spelling of the key word so that each
	// regex starts with a literal (a case-insensitive alternation is ~10x slower).
	for _, kw := range []string{"token", "Token", "TOKEN", "password", "Password", "PASSWORD", "passwd", "PASSWD",
		"secret", "Secret", "SECRET", "signing_key", "signingKey", "SigningKey", "SIGNING_KEY"} {
		out = append(out, patternSpec{
			id:          "upstash-assign-" + kw,
			kind:        kindAssign,
			regex:       `(` + regexp.QuoteMeta(kw) + `[A-Za-z0-9_-]{0,40})` + assignTail + `([A-Za-z0-9+/=_.~-]{12,})`,
			secretGroup: 2,
			keyGroup:    1,
			keywords:    []string{strings.ToLower(kw)},
			literals:    []string{kw},
			context:     true,
		})
	}
	for _, kw := range []string{"Bearer", "bearer", "BEARER"} {
		out = append(out, patternSpec{
			id:          "upstash-bearer-" + kw,
			kind:        kindBearer,
			regex:       kw + `[ \t]{1,4}([A-Za-z0-9._~+/=-]{16,})`,
			secretGroup: 1,
			keywords:    []string{"bearer"},
			literals:    []string{kw},
			context:     true,
		})
	}
	for _, kw := range []string{"api_key", "API_KEY", "apiKey", "ApiKey", "apikey", "APIKEY", "api-key", "API-KEY"} {
		out = append(out, patternSpec{
			id:          "upstash-api-key-" + kw,
			kind:        kindAPIKey,
			regex:       `(` + regexp.QuoteMeta(kw) + `[A-Za-z0-9_-]{0,20})` + assignTail + `(` + uuidRE + `)`,
			secretGroup: 2,
			keyGroup:    1,
			keywords:    []string{strings.ToLower(kw)},
			literals:    []string{kw},
			context:     true,
		})
	}
	return out
}

// redisTokenKeywords lists the lower-cased header literals of Redis REST
// tokens: "asqg" and "acqg" (old formats) and "aai?cd" for every length character the new
// format allows ([g-z0-9_-], a length of 32–63).
func redisTokenKeywords() []string {
	kws := []string{"asqg", "acqg"}
	for _, c := range "ghijklmnopqrstuvwxyz0123456789_-" {
		kws = append(kws, "aai"+string(c)+"cd")
	}
	return kws
}

// redisTokenLiterals lists the header literals of Redis REST tokens as the
// pattern spells them: ASQg, ACQg and AAI?cD.
func redisTokenLiterals() []string {
	lits := []string{"ASQg", "ACQg"}
	for _, c := range "ghijklmnopqrstuvwxyz0123456789_-" {
		lits = append(lits, "AAI"+string(c)+"cD")
	}
	return lits
}

// indexTokenLiterals lists the first five characters of Vector/Search
// tokens as the pattern spells them.
func indexTokenLiterals() []string {
	var lits []string
	for _, b := range "ABCD" {
		for _, c := range "AEIMQUYcgkosw048" {
			for _, r := range "FI" {
				lits = append(lits, "A"+string(b)+string(c)+string(r)+"M")
			}
		}
	}
	return lits
}

// indexTokenKeywords lists the lower-cased first five characters every
// Vector/Search token can start with (UPSTASH.md §1.4).
func indexTokenKeywords() []string {
	var kws []string
	for _, b := range "abcd" {
		for _, c := range "aeimquycgkosw048" {
			for _, r := range "fi" {
				kws = append(kws, "a"+string(b)+string(c)+string(r)+"m")
			}
		}
	}
	return kws
}

// compile turns specs into patterns and the two gitleaks configurations:
// shape rules and context rules. gitleaks' regexp package aliases the
// standard library's unless upscan is built with its gore2regex tag, which
// upscan does not use.
func compile(specs []patternSpec) (pats map[string]*pattern, shape, ctx config.Config, err error) {
	if len(specs) > 64 {
		return nil, shape, ctx, fmt.Errorf("secrets: %d patterns do not fit a prefilter mask", len(specs))
	}
	pats = make(map[string]*pattern, len(specs))
	shape = config.Config{Rules: map[string]config.Rule{}, Keywords: map[string]struct{}{}}
	ctx = config.Config{Rules: map[string]config.Rule{}, Keywords: map[string]struct{}{}}
	for i, s := range specs {
		re, cerr := regexp.Compile(s.regex)
		if cerr != nil {
			return nil, shape, ctx, fmt.Errorf("secrets: rule %s: %w", s.id, cerr)
		}
		p := &pattern{patternSpec: s, re: re, order: i, bit: 1 << i}
		rule := config.Rule{
			RuleID:      s.id,
			Description: s.id,
			Regex:       re,
			SecretGroup: s.secretGroup,
			Keywords:    s.keywords,
		}
		if len(s.allowlist) > 0 {
			quoted := make([]string, len(s.allowlist))
			for i, a := range s.allowlist {
				quoted[i] = regexp.QuoteMeta(a)
			}
			rule.Allowlists = []*config.Allowlist{{
				Description: "public Upstash dev-server values",
				Regexes:     []*regexp.Regexp{regexp.MustCompile(`^(?:` + strings.Join(quoted, "|") + `)$`)},
			}}
		}
		if verr := rule.Validate(); verr != nil {
			return nil, shape, ctx, fmt.Errorf("secrets: %w", verr)
		}
		cfg := &shape
		if s.context {
			cfg = &ctx
		}
		if _, dup := pats[s.id]; dup {
			return nil, shape, ctx, fmt.Errorf("secrets: duplicate rule %s", s.id)
		}
		pats[s.id] = p
		cfg.Rules[s.id] = rule
		cfg.OrderedRules = append(cfg.OrderedRules, s.id)
		for _, k := range s.keywords {
			cfg.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
	return pats, shape, ctx, nil
}

// keywordsOf returns the sorted, de-duplicated lower-case keywords of shape
// rules plus the words that gate the context rules.
func keywordsOf(shape config.Config) []string {
	set := map[string]struct{}{}
	for k := range shape.Keywords {
		set[k] = struct{}{}
	}
	for _, k := range upstash.MentionWords {
		set[k] = struct{}{}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
