package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Location is a place in a file. Lines and columns are 1-based; columns count
// UTF-8 bytes. EndLine/EndCol are inclusive of the last byte's column and may
// be zero when unknown.
type Location struct {
	Path            string // slash-separated, relative to the scan root
	Line, Col       int
	EndLine, EndCol int
	Message         string // what this place is, e.g. "client constructed here"
}

// Redacted describes a secret without revealing it: its kind, first four
// characters, length and SHA-256. The zero value means "no secret".
type Redacted struct {
	Kind   string // "redis-rest-token", "qstash-signing-key", …
	Prefix string // at most the first 4 characters of the value
	Length int    // length of the value in bytes
	SHA256 string // hex SHA-256 of the value, for fingerprints and baselines
}

// Redact returns the redacted form of value. The value itself is not kept.
func Redact(kind, value string) Redacted {
	prefix := value
	if n := prefixLen(value, 4); n < len(value) {
		prefix = value[:n]
	}
	sum := sha256.Sum256([]byte(value))
	return Redacted{Kind: kind, Prefix: prefix, Length: len(value), SHA256: hex.EncodeToString(sum[:])}
}

// prefixLen returns the byte length of the first n runes of s.
func prefixLen(s string, n int) int {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// IsZero reports whether r holds no secret.
func (r Redacted) IsZero() bool { return r.Kind == "" && r.Length == 0 }

// String renders the redaction as "redis-rest-token ATA5… (62 chars)".
func (r Redacted) String() string {
	if r.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %s… (%d chars)", r.Kind, r.Prefix, r.Length)
}

// Finding is one result of one rule. It never holds a secret value: Message is
// built from redacted parts and Secret is a Redacted.
type Finding struct {
	RuleID          string
	Severity        Severity // usually the rule's; analyzers may lower or raise it
	Path            string   // slash-separated, relative to the scan root
	Line, Col       int      // 1-based; Col counts UTF-8 bytes
	EndLine, EndCol int
	Message         string   // one sentence; never contains a secret
	Secret          Redacted // zero when the finding is not about a secret value
	Related         []Location

	// Key is the finding's content key, set by the analyzer with SetKey: a
	// hash of the rule and of what the rule identifies the finding by, which
	// is the secret's SHA-256 for a finding about a secret, else content
	// such as a host, a variable or handler name, or normalised source text.
	// Only the hash is kept, since that content may quote a secret. It does
	// not depend on line numbers or on where upscan runs.
	Key string
	// Fingerprint is the finding's identity, which baselines, allowlists and
	// SARIF partialFingerprints match: set by BindFingerprints from the rule,
	// the content key and the file's path; "" until then.
	Fingerprint string

	// Logical names what the finding is about when it has no file location:
	// "upstash/redis/<database name>" for database posture findings. Path is
	// then empty and SARIF reports it as a logical location.
	Logical string
	// Commit is the commit that introduced the finding, for history scans
	// (--history); nil otherwise.
	Commit *Commit
	// Verification is the outcome of the opt-in live check (--verify) of the
	// finding's credential; nil when no check ran.
	Verification *Verification
}

// Commit identifies a git commit: the one that first added a finding's content.
type Commit struct {
	ID     string    // full hex object name
	Author string    // author name (not the e-mail: reports are shared)
	Date   time.Time // author date
}

// Verification is the tri-state result of checking a credential against its
// Upstash service with one harmless read request (UPSTASH.md §1.8).
type Verification struct {
	Status VerifyStatus
	Reason string // why, for Unknown and Invalid: "HTTP 401", "no URL found next to the token", "timeout"; never a response body
}

// VerifyStatus is the outcome of a live check.
type VerifyStatus string

// Verification outcomes.
const (
	Verified VerifyStatus = "verified" // the service accepted the credential: it is live
	Invalid  VerifyStatus = "invalid"  // the service rejected it (revoked, or never valid)
	Unknown  VerifyStatus = "unknown"  // no answer either way: no endpoint, network error, unexpected status
)

// Fingerprint returns a stable, content-based identity: a hex SHA-256 prefix
// over the rule ID, a path and content, with runs of whitespace in content
// counted as one space. It never depends on line numbers, so a finding keeps
// its fingerprint when lines move. SetKey and BindFingerprints call it.
func Fingerprint(ruleID, path, content string) string {
	h := sha256.New()
	for _, part := range []string{ruleID, path, strings.Join(strings.Fields(content), " ")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// SetKey sets f.Key from content, the text the rule identifies the finding
// by (runs of whitespace count as one space), or from the secret's hash when
// f.Secret is set: Fingerprint(RuleID, "", content or Secret.SHA256). Set
// RuleID and Secret first.
func (f *Finding) SetKey(content string) {
	if !f.Secret.IsZero() {
		content = f.Secret.SHA256
	}
	f.Key = Fingerprint(f.RuleID, "", content)
}

// SetFingerprint is SetKey.
//
// Deprecated: use SetKey. SetFingerprint remains while analyzers move over.
func (f *Finding) SetFingerprint(content string) { f.SetKey(content) }

// BindFingerprints sets the Fingerprint of every finding in fs, after sorting
// fs with Compare. A finding in a file is identified by its rule, its Key,
// path(f.Path) (the file's path relative to the repository or scan root, so
// that the identity does not depend on where upscan runs; a nil path keeps
// Path) and, for the n-th finding of a file with the same rule and key (n >
// 1, counted in line order; in history scans per commit), that ordinal, so
// that two identical problems in a file stay two. A finding without a file
// (Path "", Logical set, as for database posture) is identified by its Key
// alone. This is the only place fingerprints are computed.
func BindFingerprints(fs []Finding, path func(string) string) {
	slices.SortFunc(fs, Compare)
	seen := map[[4]string]int{}
	for i := range fs {
		f := &fs[i]
		id := f.Key
		if f.Path == "" && f.Logical != "" {
			f.Fingerprint = id
			continue
		}
		k := [4]string{f.Path, f.RuleID, id, ""}
		if f.Commit != nil {
			k[3] = f.Commit.ID // history: each commit's copy is counted apart
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			id = fmt.Sprintf("%s#%d", id, n)
		}
		p := f.Path
		if path != nil {
			p = path(p)
		}
		f.Fingerprint = Fingerprint(f.RuleID, p, id)
	}
}

// Compare orders findings as Less does, for slices.SortFunc: negative when a
// comes first, positive when b does, zero when neither.
func Compare(a, b Finding) int {
	switch {
	case Less(a, b):
		return -1
	case Less(b, a):
		return 1
	}
	return 0
}

// Less orders findings by path, line, column and rule ID: the order of every report.
func Less(a, b Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	if a.RuleID != b.RuleID {
		return a.RuleID < b.RuleID
	}
	return a.Message < b.Message
}
