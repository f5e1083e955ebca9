package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Reference shapes from UPSTASH.md §1. The test uses them as an independent
// detector to check the generator, not upscan.
var refShapes = map[string]*regexp.Regexp{
	"redis-full":     regexp.MustCompile(`\bA[Q-Za-f][A-Za-z0-9_-]{2}(?:AAI[g-z0-9_-]cD|ASQg|ACQg)[A-Za-z0-9_-]{36,120}={0,2}`),
	"redis-readonly": regexp.MustCompile(`\bA[g-v][A-Za-z0-9_-]{2}(?:AAI[g-z0-9_-]cD|ASQg)[A-Za-z0-9_-]{36,120}={0,2}`),
	"redis-url":      regexp.MustCompile(`\brediss?://([A-Za-z0-9._~-]*):([^\s@'"/]{8,})@([a-z0-9-]+\.upstash\.io)(?::(\d{2,5}))?`),
	"qstash-token":   regexp.MustCompile(`\beyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,300}={0,2}`),
	"signing-key":    regexp.MustCompile(`\bsig_[1-9A-HJ-NP-Za-km-z]{24,64}\b`),
	"index-token":    regexp.MustCompile(`\bA[A-D][A-Za-z0-9+/][FI]M[A-Za-z0-9+/]{60,200}={0,2}`),
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// validRedis decodes a Redis REST token and checks the layout of UPSTASH.md
// §1.2; it returns the kind byte (1 full, 2 read-only) or 0.
func validRedis(tok string) byte {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(tok, "="))
	if err != nil || len(b) < 8 || (b[0] != 1 && b[0] != 2) {
		return 0
	}
	switch {
	case b[3] == 0 && b[4] == 2 && string(b[6:8]) == "p1" && len(b) == 8+int(b[5]):
		return b[0]
	case b[3] == 1 && b[4] == 0x24 && b[5] == 0x20 && len(b) == 6+36+32 && uuidRE.Match(b[6:42]):
		return b[0]
	case b[0] == 1 && b[3] == 0 && b[4] == 0x24 && b[5] == 0x20 && len(b) == 6+36+32 && uuidRE.Match(b[6:42]):
		return b[0] // the older full-token layout of 2021–2022
	}
	return 0
}

func validQStash(tok string) bool {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		return false
	}
	var v struct{ UserID, Password string }
	return json.Unmarshal(b, &v) == nil && uuidRE.MatchString(v.UserID) && len(v.Password) == 32
}

// validIndex decodes a Vector/Search token (UPSTASH.md §1.4) and returns its role.
func validIndex(tok string) string {
	b, err := base64.StdEncoding.DecodeString(tok)
	if err != nil || len(b) < 4 || b[0] != 0 || b[3] != '0' {
		return ""
	}
	n, r := int(b[1]), int(b[2])
	if len(b) < 4+n+r {
		return ""
	}
	role := string(b[4+n : 4+n+r])
	u, err := base64.StdEncoding.DecodeString(string(b[4+n+r:]))
	if err != nil || !uuidRE.Match(u) || (role != "admin" && role != "readonly") {
		return ""
	}
	return role
}

// refKinds returns the manifest kinds of the valid credentials on a line.
func refKinds(line string) []string {
	var kinds []string
	for _, m := range refShapes["redis-url"].FindAllStringSubmatch(line, -1) {
		if len(m[2]) == 32 || validRedis(m[2]) != 0 {
			kinds = append(kinds, "redis-url-password")
		}
	}
	if len(kinds) > 0 {
		return kinds // the password inside the URL is not a separate token
	}
	for _, name := range []string{"redis-full", "redis-readonly"} {
		for _, m := range refShapes[name].FindAllString(line, -1) {
			k := validRedis(m)
			if k == 0 {
				continue
			}
			b, _ := base64.RawURLEncoding.DecodeString(strings.TrimRight(m, "="))
			suffix := "-new"
			switch {
			case b[3] == 1:
				suffix = "-old"
			case b[4] == 0x24:
				suffix = "-older"
			}
			kinds = append(kinds, map[byte]string{1: "redis-full", 2: "redis-readonly"}[k]+suffix)
		}
	}
	for _, m := range refShapes["qstash-token"].FindAllString(line, -1) {
		if validQStash(m) {
			kinds = append(kinds, "qstash-token")
		}
	}
	for _, m := range refShapes["signing-key"].FindAllString(line, -1) {
		if distinct(m[4:]) < 8 {
			continue // sig_xxxx… placeholder
		}
		switch len(m) - 4 {
		case 28:
			kinds = append(kinds, "qstash-signing-key-28")
		case 50, 51:
			kinds = append(kinds, "qstash-signing-key-50")
		}
	}
	for _, m := range refShapes["index-token"].FindAllString(line, -1) {
		switch validIndex(m) {
		case "admin":
			kinds = append(kinds, "index-admin")
		case "readonly":
			kinds = append(kinds, "index-readonly")
		}
	}
	return kinds
}

// distinct counts the different bytes in s.
func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := range len(s) {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func genSmall(t *testing.T, dir string, size int64) *manifest {
	t.Helper()
	m, err := generate(genOptions{Dir: dir, Seed: 7, Size: size, Tokens: 110, Placeholders: 36})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestGeneratedTree checks every planted line with the reference detector:
// each holds exactly one valid credential of its kind, placeholders hold
// none that is not a public dev value, and no other line holds any.
func TestGeneratedTree(t *testing.T) {
	dir := t.TempDir()
	m := genSmall(t, dir, 1.5e6)
	if len(m.Planted) != 110 || len(m.Placeholders) != 36 {
		t.Fatalf("manifest has %d planted, %d placeholders; want 110, 36", len(m.Planted), len(m.Placeholders))
	}
	type key struct {
		path string
		line int
	}
	want := map[key]string{}
	for _, p := range m.Planted {
		k := key{p.Path, p.Line}
		if _, dup := want[k]; dup {
			t.Errorf("%s:%d: two plants on one line", p.Path, p.Line)
		}
		want[k] = p.Kind
	}
	ph := map[key]string{}
	for _, p := range m.Placeholders {
		ph[key{p.Path, p.Line}] = p.Kind
	}
	files, total := 0, int64(0)
	err := filepath.WalkDir(filepath.Join(dir, "tree"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		total += int64(len(b))
		rel, _ := filepath.Rel(filepath.Join(dir, "tree"), path)
		rel = filepath.ToSlash(rel)
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 8<<20)
		for n := 1; sc.Scan(); n++ {
			got := refKinds(sc.Text())
			k := key{rel, n}
			switch {
			case want[k] != "":
				exp := want[k]
				exp = strings.NewReplacer("vector-", "index-", "search-", "index-").Replace(exp)
				if len(got) != 1 || got[0] != exp {
					t.Errorf("%s:%d: planted %s, reference detector sees %v", rel, n, want[k], got)
				}
				delete(want, k)
			case ph[k] != "":
				if len(got) > 0 && !strings.HasPrefix(ph[k], "qstash-dev-") {
					t.Errorf("%s:%d: placeholder %s is a valid credential shape %v", rel, n, ph[k], got)
				}
			case len(got) > 0:
				t.Errorf("%s:%d: unplanted credential shape %v", rel, n, got)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, kind := range want {
		t.Errorf("%s:%d: planted %s not found in the tree", k.path, k.line, kind)
	}
	if files != m.Files || total != m.Bytes {
		t.Errorf("tree has %d files, %d bytes; manifest says %d, %d", files, total, m.Files, m.Bytes)
	}
	if total < 1.2e6 || total > 2.5e6 {
		t.Errorf("tree is %d bytes; want about 1.5 MB", total)
	}
}

// TestGenerateDeterministic checks that the same options give the same tree.
func TestGenerateDeterministic(t *testing.T) {
	hashTree := func(dir string) string {
		h := sha256.New()
		root := filepath.Join(dir, "tree")
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(root, path)
			fmt.Fprintf(h, "%s\x00%d\x00", rel, len(b))
			h.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		m, err := os.ReadFile(filepath.Join(dir, "planted.json"))
		if err != nil {
			t.Fatal(err)
		}
		h.Write(m)
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	a, b := t.TempDir(), t.TempDir()
	genSmall(t, a, 1e6)
	genSmall(t, b, 1e6)
	if ha, hb := hashTree(a), hashTree(b); ha != hb {
		t.Errorf("two runs with seed 7 differ: %s vs %s", ha, hb)
	}
}

// TestTokenLayouts checks each generator against the reference validators
// and the documented prefixes (UPSTASH.md §1.2–§1.4).
func TestTokenLayouts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	prefixes := map[string]*regexp.Regexp{
		"redis-full-new":     regexp.MustCompile(`^A[Q-Za-f]..AAI[g-z0-9_-]cD`),
		"redis-full-old":     regexp.MustCompile(`^A[Q-Za-f]..ASQg.*=$`),
		"redis-full-older":   regexp.MustCompile(`^A[Q-Za-f]..ACQg.*=$`),
		"redis-readonly-new": regexp.MustCompile(`^A[g-v]..AAI[g-z0-9_-]cD`),
		"redis-readonly-old": regexp.MustCompile(`^A[g-v]..ASQg.*=$`),
		"vector-admin":       regexp.MustCompile(`^A[A-D].FM`),
		"vector-readonly":    regexp.MustCompile(`^A[A-D].IM`),
		"search-admin":       regexp.MustCompile(`^A[A-D].FM`),
		"qstash-token":       regexp.MustCompile(`^eyJVc2VySUQiOi`),
	}
	for range 200 {
		for _, k := range plantKinds {
			s := newSecret(r, k)
			if re := prefixes[k.Name]; re != nil && !re.MatchString(s.Value) {
				t.Errorf("%s: value %s… does not have the documented prefix", k.Name, s.Value[:min(6, len(s.Value))])
			}
			if got := refKinds(s.Value); len(got) != 1 {
				t.Errorf("%s: reference detector sees %v", k.Name, got)
			}
			if strings.HasPrefix(k.Name, "redis-") && k.Name != "redis-url-password" {
				b, _ := base64.RawURLEncoding.DecodeString(strings.TrimRight(s.Value, "="))
				db := int(b[1])<<8 | int(b[2])
				if !strings.Contains(s.URL, fmt.Sprintf("-%d.upstash.io", db)) {
					t.Errorf("%s: DB number %d not in URL host %s", k.Name, db, s.URL)
				}
			}
		}
	}
	for _, p := range placeholders() {
		got := refKinds(p.Value)
		if strings.HasPrefix(p.Kind, "qstash-dev-") {
			continue // public dev values: valid shapes by design, allowlisted by upscan
		}
		if len(got) > 0 {
			t.Errorf("placeholder %s (%s) is a valid credential: %v", p.Kind, p.Env, got)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"200MB": 200e6, "1.5GB": 1.5e9, "512kb": 512e3, "1000": 1000, " 20 MB ": 20e6} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "0", "ten"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): want an error", in)
		}
	}
}

func TestMedian(t *testing.T) {
	s := time.Second
	if got := median([]time.Duration{3 * s, 1 * s, 2 * s}); got != 2*s {
		t.Errorf("odd median = %v", got)
	}
	if got := median([]time.Duration{4 * s, 1 * s, 2 * s, 3 * s}); got != 2500*time.Millisecond {
		t.Errorf("even median = %v", got)
	}
}

func TestCheckRecall(t *testing.T) {
	m := &manifest{
		Planted: []plantRecord{
			{"a.ts", 3, "redis-full-new", "UPS101"},
			{"b.py", 7, "qstash-token", "UPS104"},
			{"c.md", 1, "vector-admin", "UPS106"},
		},
		Placeholders: []plantRecord{{"a.ts", 9, "placeholder-redis-token", ""}},
	}
	rep := &upscanReport{Findings: []upscanFinding{
		{RuleID: "UPS101", Path: "a.ts", Line: 3},
		{RuleID: "UPS109", Path: "b.py", Line: 7},
		{RuleID: "UPS109", Path: "a.ts", Line: 9},
		{RuleID: "UPS301", Path: "d.js", Line: 2},
	}}
	rc := checkRecall(m, rep)
	if rc.Found != 2 || len(rc.Missed) != 1 || rc.Missed[0].Path != "c.md" {
		t.Errorf("found %d, missed %v; want 2 and c.md", rc.Found, rc.Missed)
	}
	if len(rc.WrongRule) != 1 || rc.WrongRule[0].Path != "b.py" {
		t.Errorf("wrong rule %v; want b.py", rc.WrongRule)
	}
	if len(rc.PlaceholderHits) != 1 || len(rc.Unplanted) != 1 || rc.Unplanted[0].Path != "d.js" {
		t.Errorf("placeholder hits %v, unplanted %v", rc.PlaceholderHits, rc.Unplanted)
	}
}

func TestNormPath(t *testing.T) {
	for in, want := range map[string]string{"./a/b.ts": "a/b.ts", "a/b.ts": "a/b.ts", "/x/tree-s1/tree/a/b.ts": "a/b.ts"} {
		if got := normPath(in); got != want {
			t.Errorf("normPath(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSpliceSection(t *testing.T) {
	sec := docBegin + "\nnew\n" + docEnd + "\n"
	if got := spliceSection("", sec); !strings.HasPrefix(got, "# Performance\n") || !strings.HasSuffix(got, sec) {
		t.Errorf("new doc = %q", got)
	}
	doc := "# P\n\nintro\n\n" + docBegin + "\nold\n" + docEnd + "\n\n## After\n"
	want := "# P\n\nintro\n\n" + sec + "\n## After\n"
	if got := spliceSection(doc, sec); got != want {
		t.Errorf("splice = %q; want %q", got, want)
	}
	if got := spliceSection("# P\nx", sec); got != "# P\nx\n\n"+sec {
		t.Errorf("append = %q", got)
	}
}
