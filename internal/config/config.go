// Package config loads and validates .upscan.toml, the per-repository settings:
// rules to enable or disable, the fail threshold, the file size cap and the
// allowlist that suppresses findings by path glob, rule or fingerprint.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/bmatcuk/doublestar/v4"

	"github.com/upscan/upscan/internal/inputfile"
	"github.com/upscan/upscan/report"
	"github.com/upscan/upscan/rules"
)

// FileName is the name of the configuration file looked up in the scan root.
const FileName = ".upscan.toml"

// Config is the decoded .upscan.toml. The zero value is the default
// configuration: every rule enabled, nothing allowlisted.
type Config struct {
	Path        string      `toml:"-"`             // file it was read from; "" for the default
	Base        string      `toml:"-"`             // Path's directory as finding paths print it; allowlist globs match relative to it too
	Enable      []string    `toml:"enable"`        // when non-empty, only these rules run (IDs or names)
	Disable     []string    `toml:"disable"`       // rules that never run (IDs or names)
	FailOn      string      `toml:"fail_on"`       // severity name or "none"; "" = the CLI default
	MaxFileSize string      `toml:"max_file_size"` // e.g. "10MB"; "" = the CLI default
	Coverage    string      `toml:"coverage"`      // rate-limit coverage rows: upstash, all, none; "" = the CLI default
	Allowlist   []Allowlist `toml:"allowlist"`
}

// Allowlist is one [[allowlist]] entry. A finding is suppressed when it matches
// every non-empty field of one entry: its path matches one of Paths (doublestar
// globs over slash-separated paths, as findings print them or relative to the
// configuration file's directory), its rule is one of
// Rules, and its fingerprint is one of Fingerprints. An entry must set at least
// one of the three.
type Allowlist struct {
	Description  string   `toml:"description"`
	Paths        []string `toml:"paths"`
	Rules        []string `toml:"rules"`
	Fingerprints []string `toml:"fingerprints"`
}

// Load reads and validates the configuration file at path. Errors name the
// file and, where known, the line: "config .upscan.toml:12: unknown key \"rule\"".
// The file must be a regular file (a symbolic link to one is followed) of at
// most inputfile.MaxConfig bytes; anything else is refused unread.
func Load(path string) (*Config, error) {
	data, err := inputfile.Read(path, inputfile.MaxConfig)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, unwrapPathError(err))
	}
	return Parse(path, data)
}

// Find looks for FileName in dir and returns the loaded configuration, the
// default configuration when there is no such name, or the load error. A
// dangling symbolic link named FileName is an error, not a missing file.
// The caller sets Base when dir is not where finding paths start.
func Find(dir string) (*Config, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return &Config{}, nil
	}
	return Load(path)
}

var decodeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// Parse decodes and validates data read from the file name (used in errors).
// Before decoding, it refuses data over inputfile.MaxConfig bytes and, with
// the line, a dotted key of more than 16 parts or brackets nested more than
// 16 deep, which would cost the decoder minutes.
func Parse(name string, data []byte) (*Config, error) {
	if len(data) > inputfile.MaxConfig {
		return nil, fmt.Errorf("config %s: is larger than %s", name, inputfile.Size(inputfile.MaxConfig))
	}
	if line, err := checkShape(data); err != nil {
		return nil, fmt.Errorf("config %s:%d: %w", name, line, err)
	}
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		var ppe *toml.ParseError
		switch {
		case errors.As(err, &pe):
		case errors.As(err, &ppe):
			pe = *ppe
		default:
			// Type mismatches are plain errors: "toml: line 1 (last key "x"): …".
			if m := decodeErrRE.FindStringSubmatch(err.Error()); m != nil {
				return nil, fmt.Errorf("config %s:%s: %s: %s", name, m[1], showKey(m[2]), redactMessage(m[3], m[2]))
			}
			return nil, fmt.Errorf("config %s: %s", name, rules.RedactText(err.Error()))
		}
		msg := redactMessage(pe.Message, pe.LastKey)
		if pe.LastKey != "" && !strings.Contains(pe.Message, pe.LastKey) {
			msg = showKey(pe.LastKey) + ": " + msg
		}
		return nil, fmt.Errorf("config %s:%d: %s", name, pe.Position.Line, msg)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		return nil, fmt.Errorf("config %s:%d: unknown key %s", name, keyLine(data, k[len(k)-1]), rules.Quote(k.String()))
	}
	c.Path = name
	fail := func(key, format string, args ...any) error {
		return fmt.Errorf("config %s:%d: %s", name, keyLine(data, key), fmt.Sprintf(format, args...))
	}
	for _, key := range []struct {
		name string
		ids  []string
	}{{"enable", c.Enable}, {"disable", c.Disable}} {
		if err := CheckRules(key.ids); err != nil {
			return nil, fail(key.name, "%s: %v", key.name, err)
		}
	}
	if c.FailOn != "" && !strings.EqualFold(c.FailOn, "none") {
		if _, err := rules.ParseSeverity(c.FailOn); err != nil {
			return nil, fail("fail_on", "fail_on: %v", err)
		}
	}
	if c.MaxFileSize != "" {
		if _, err := ParseSize(c.MaxFileSize); err != nil {
			return nil, fail("max_file_size", "max_file_size: %v", err)
		}
	}
	if c.Coverage != "" {
		if _, err := report.ParseCoverage(c.Coverage); err != nil {
			return nil, fail("coverage", "coverage: %v", err)
		}
	}
	for i, a := range c.Allowlist {
		if len(a.Paths)+len(a.Rules)+len(a.Fingerprints) == 0 {
			return nil, fail("allowlist", "allowlist entry %d sets none of paths, rules, fingerprints", i+1)
		}
		for _, p := range a.Paths {
			if !doublestar.ValidatePattern(p) {
				return nil, fail(p, "allowlist entry %d: invalid path glob %s", i+1, rules.Quote(p))
			}
		}
		if err := CheckRuleIDs(a.Rules); err != nil {
			return nil, fail("rules", "allowlist entry %d: %v", i+1, err)
		}
	}
	return &c, nil
}

// showKey is a TOML key as messages print it: as it is, or redacted when it
// looks like a credential (a token pasted as a key).
func showKey(key string) string {
	if _, ok := rules.LooksSecret(key); ok {
		return rules.Quote(key)
	}
	return key
}

// redactMessage hides credentials in a TOML decoder message, which may quote
// the last key or a fragment of the file: every credential RedactText finds,
// and the key when it looks like one.
func redactMessage(msg, key string) string {
	if _, ok := rules.LooksSecret(key); ok {
		msg = strings.ReplaceAll(msg, key, rules.Quote(key))
	}
	return rules.RedactText(msg)
}

// CheckRules returns an error naming the first entry that is neither a
// rule ID nor a rule name of the catalogue (case-insensitive, as the
// --enable and --disable flags take them: rules.Resolve), with the nearest
// ID or name when one is close.
func CheckRules(given []string) error {
	for _, g := range given {
		if r, s := rules.Resolve(g); r == nil {
			if s != "" {
				return fmt.Errorf("unknown rule %s; did you mean %q?", rules.Quote(g), s)
			}
			return fmt.Errorf("unknown rule %s (see `upscan rules`)", rules.Quote(g))
		}
	}
	return nil
}

// CheckRuleIDs returns an error naming the first ID that is not in the catalogue.
func CheckRuleIDs(ids []string) error {
	for _, id := range ids {
		if rules.Lookup(id) == nil {
			return fmt.Errorf("unknown rule ID %s (see `upscan rules`)", rules.Quote(id))
		}
	}
	return nil
}

// Suppresses reports whether an allowlist entry matches the finding, and
// which entry's description (or index) did.
func (c *Config) Suppresses(f *rules.Finding) (bool, string) {
	for i, a := range c.Allowlist {
		if a.matches(f, c.Base) {
			if a.Description != "" {
				return true, a.Description
			}
			return true, fmt.Sprintf("allowlist entry %d", i+1)
		}
	}
	return false, ""
}

// Excludes reports whether an allowlist entry that sets only paths covers
// path: the whole file is a fixture, so reports leave it out of tables too
// (the rate-limit coverage), not only out of findings.
func (c *Config) Excludes(path string) bool {
	for _, a := range c.Allowlist {
		if len(a.Paths) > 0 && len(a.Rules) == 0 && len(a.Fingerprints) == 0 &&
			(matchAny(a.Paths, path) || matchAny(a.Paths, relativeTo(c.Base, path))) {
			return true
		}
	}
	return false
}

func (a *Allowlist) matches(f *rules.Finding, base string) bool {
	if len(a.Paths) > 0 && !matchAny(a.Paths, f.Path) && !matchAny(a.Paths, relativeTo(base, f.Path)) {
		return false
	}
	if len(a.Rules) > 0 && !containsFold(a.Rules, f.RuleID) {
		return false
	}
	if len(a.Fingerprints) > 0 && !containsFold(a.Fingerprints, f.Fingerprint) {
		return false
	}
	return true
}

// relativeTo returns path relative to the directory base, or "" when path is
// not inside it.
func relativeTo(base, path string) string {
	if base == "" || base == "." {
		return path
	}
	if rest, ok := strings.CutPrefix(path, strings.TrimSuffix(base, "/")+"/"); ok {
		return rest
	}
	return ""
}

func matchAny(globs []string, path string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// keyLine returns the 1-based line of the first line in data that mentions
// key, or 0 when none does; it places messages about decoded values.
func keyLine(data []byte, key string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(line, []byte(key)) {
			return i + 1
		}
	}
	return 0
}

// unwrapPathError drops the *fs.PathError wrapper, whose path the caller names already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// SizeForm describes the sizes ParseSize accepts, for error messages.
const SizeForm = "a whole number of bytes with an optional KB/MB/GB suffix, e.g. 10MB"

// sizeRE is the shape of a size: digits, an optional decimal fraction, an
// optional unit (matched case-insensitively).
var sizeRE = regexp.MustCompile(`^([0-9]{1,20})(?:\.([0-9]{1,20}))?\s*(B|[KMG]|[KMG]B|[KMG]IB)?$`)

// ParseSize parses a byte size such as "10MB", "512KiB", "1.5 MB" or "4096".
// Units are powers of 1024 (KB = KiB = K). The result must be a positive
// whole number of bytes that fits an int64: "0.1", "1.5B", "0", "-1", "NaN",
// "inf", "1e3" and "1e30GB" are errors, which quote s (redacted when it looks
// like a credential) and say what is accepted (SizeForm).
func ParseSize(s string) (int64, error) {
	bad := func(why string) error {
		return fmt.Errorf("invalid size %s%s: want %s", rules.Quote(s), why, SizeForm)
	}
	m := sizeRE.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return 0, bad("")
	}
	mult := int64(1)
	switch strings.TrimSuffix(strings.TrimSuffix(m[3], "B"), "I") { // K, KB, KIB → K
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	}
	// value = (int.frac) × mult, exactly: (int·10^k + frac) × mult / 10^k.
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(m[2]))), nil)
	n, _ := new(big.Int).SetString(m[1]+m[2], 10)
	n.Mul(n, big.NewInt(mult))
	q, r := new(big.Int).QuoRem(n, scale, new(big.Int))
	switch {
	case r.Sign() != 0:
		return 0, bad(" (a fraction of a byte)")
	case q.Sign() == 0:
		return 0, bad(" (zero)")
	case !q.IsInt64():
		return 0, bad(" (too large)")
	}
	return q.Int64(), nil
}
