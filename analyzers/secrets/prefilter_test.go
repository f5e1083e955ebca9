package secrets

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

var (
	unfilteredOnce sync.Once
	unfiltered     *Detector
)

// newUnfiltered returns a detector that gives gitleaks every fragment, as
// Detect did before the prefilter: the reference the prefilter must match.
func newUnfiltered(tb testing.TB) *Detector {
	tb.Helper()
	unfilteredOnce.Do(func() {
		d, err := New()
		if err != nil {
			tb.Fatalf("New: %v", err)
		}
		d.unfiltered = true
		unfiltered = d
	})
	return unfiltered
}

// prefilterPieces are what random texts are made of: every keyword and
// literal, cut and whole, in several letter cases, the fold runes,
// credentials and noise.
func prefilterPieces(d *Detector) []string {
	pieces := []string{"\n", " ", "=", ":", "\"", "'", "\\u0041", "x", "é", "\xff", "\u0130", "\u212A",
		"upstash", "UpStAsH", "vercel-storage.com", "VERCEL-STORAGE.COM", ".upstash.io", "fake-otter-12345.upstash.io",
		tokFull, sigKey, fakeUUID, fakeHex, "rediss://default:" + fakeHex + "@fake-otter-12345.upstash.io"}
	for _, p := range d.patterns {
		for _, l := range p.literals {
			pieces = append(pieces, l, l[:len(l)-1], strings.ToLower(l), strings.ToUpper(l))
		}
		for _, k := range p.keywords {
			up := strings.ToUpper(k)
			pieces = append(pieces, k, up, k[:len(k)/2], up[len(k)/2:],
				// U+212A lowers to "k", U+0130 to "i".
				strings.ReplaceAll(k, "k", "\u212A"), strings.ReplaceAll(k, "i", "\u0130"))
		}
	}
	return pieces
}

// randomText joins n random pieces.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return b.String()
}

// TestPrefilterMasks checks the prefilter against gitleaks' own test, a
// keyword in strings.ToLower(fragment), or one of the pattern's literals
// in the fragment, on random texts and fragments: the same patterns, except
// that a fragment with a fold rune may get more; and the mention offset
// against upstash.MentionsUpstash.
func TestPrefilterMasks(t *testing.T) {
	d := newDetector(t)
	pieces := prefilterPieces(d)
	rng := rand.New(rand.NewSource(1))
	for range 3000 {
		s := randomText(rng, pieces, rng.Intn(40))
		// Overlapping fragments, sorted by start and by end, as chunksOf makes them.
		var frags []span
		for start, end := 0, 0; start < len(s); {
			end = max(end+1, start+1+rng.Intn(len(s)-start))
			if end > len(s) {
				break
			}
			frags = append(frags, span{start, end})
			start += 1 + rng.Intn(end-start)
		}
		masks, mention := d.pre.masks(s, frags, nil)
		if got, want := mention >= 0 && upstash.MentionsUpstash(s[mention:]), upstash.MentionsUpstash(s); got != want {
			t.Fatalf("%q: mention %d: gate %v, want %v", s, mention, got, want)
		}
		for i, fr := range frags {
			frag := s[fr.start:fr.end]
			lowered := strings.ToLower(frag)
			var want ruleMask
			for _, p := range d.patterns {
				if len(p.literals) > 0 {
					for _, l := range p.literals {
						if strings.Contains(frag, l) {
							want |= p.bit
						}
					}
					continue
				}
				for _, k := range p.keywords {
					if strings.Contains(lowered, k) {
						want |= p.bit
					}
				}
			}
			folds := strings.ContainsAny(frag, string(foldRunes))
			if masks[i]&want != want || (!folds && masks[i] != want) {
				t.Fatalf("%q [%d:%d]: mask %x, want %x", s, fr.start, fr.end, masks[i], want)
			}
		}
	}
}

// sameAsUnfiltered fails when the detector finds other than the unfiltered
// one in data.
func sameAsUnfiltered(t *testing.T, d, ref *Detector, path string, data []byte) {
	t.Helper()
	got, want := d.detect(path, data), ref.detect(path, data)
	if !reflect.DeepEqual(got, want) {
		t.Logf("%+v\n%+v", got, want)
		t.Fatalf("%s (%d bytes): prefiltered findings differ from unfiltered:\n got %v\nwant %v",
			path, len(data), findingIDs(got), findingIDs(want))
	}
}

// findingIDs describes findings without their secrets.
func findingIDs(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+" "+f.Secret.String())
	}
	return out
}

// TestPrefilterSameFindings checks that skipping the fragments the
// prefilter rules out changes no finding: on every test case, every
// catalogue example, a benchmark input and random texts several fragments
// long.
func TestPrefilterSameFindings(t *testing.T) {
	d, ref := newDetector(t), newUnfiltered(t)
	for _, tc := range positiveCases() {
		sameAsUnfiltered(t, d, ref, tc.path, []byte(tc.content))
	}
	for _, r := range rules.All() {
		for _, ex := range append(append([]rules.Example(nil), r.Bad...), r.Good...) {
			sameAsUnfiltered(t, d, ref, ex.Path, []byte(ex.Content))
		}
	}
	if !testing.Short() {
		// Several fragments; the other inputs take seconds unfiltered.
		sameAsUnfiltered(t, d, ref, "bundle.js", benchInputs()["minified"])
	}
	pieces := prefilterPieces(d)
	filler := strings.Repeat("const value = compute(input) // nothing here\n", chunkSize/45)
	rng := rand.New(rand.NewSource(2))
	for i := range 300 {
		var b strings.Builder
		for range 1 + rng.Intn(4) {
			b.WriteString(randomText(rng, pieces, rng.Intn(30)))
			if rng.Intn(3) == 0 {
				b.WriteString(filler[:rng.Intn(len(filler))])
			}
		}
		path := []string{"a.ts", ".env", "main.tf", "notes.md"}[i%4]
		sameAsUnfiltered(t, d, ref, path, []byte(b.String()))
	}
}

// FuzzPrefilter checks on any input that the prefilter changes no finding.
func FuzzPrefilter(f *testing.F) {
	for _, tc := range positiveCases() {
		f.Add(tc.path, []byte(tc.content))
	}
	f.Add("a.py", []byte("TO\u212AEN = \""+tokFull+"\" # upstash"))
	d, ref := newDetector(f), newUnfiltered(f)
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		sameAsUnfiltered(t, d, ref, path, data)
	})
}

// TestLiteralsInEveryMatch checks patternSpec.literals: every match of a
// pattern's regex, in the test cases, the catalogue examples and random
// texts, contains one of its literals; and each literal, lowered, holds
// one of the pattern's keywords, so that gitleaks runs the pattern
// wherever a literal is.
func TestLiteralsInEveryMatch(t *testing.T) {
	d := newDetector(t)
	texts := []string{}
	for _, tc := range positiveCases() {
		texts = append(texts, tc.content)
	}
	for _, r := range rules.All() {
		for _, ex := range append(append([]rules.Example(nil), r.Bad...), r.Good...) {
			texts = append(texts, ex.Content)
		}
	}
	for _, p := range d.patterns {
		for _, l := range p.literals {
			for _, v := range []string{fakeHex, fakeUUID, tokFull} {
				texts = append(texts, l+"_X = \""+v+"\"\n", l+": "+v, l+" "+v, "curl "+l+" me@example.com:"+v)
			}
		}
	}
	pieces := prefilterPieces(d)
	rng := rand.New(rand.NewSource(3))
	for range 2000 {
		texts = append(texts, randomText(rng, pieces, rng.Intn(30)))
	}
	matched := map[string]bool{}
	for _, p := range d.patterns {
		if len(p.literals) == 0 {
			continue
		}
		for _, l := range p.literals {
			if !slices.ContainsFunc(p.keywords, func(k string) bool { return strings.Contains(strings.ToLower(l), k) }) {
				t.Errorf("%s: literal %q holds none of the keywords", p.id, l)
			}
		}
		for _, s := range texts {
			for _, m := range p.re.FindAllString(s, -1) {
				matched[p.id] = true
				if !slices.ContainsFunc(p.literals, func(l string) bool { return strings.Contains(m, l) }) {
					t.Fatalf("%s: a %d-byte match holds none of the literals", p.id, len(m))
				}
			}
		}
	}
	for _, p := range d.patterns {
		if len(p.literals) > 0 && !matched[p.id] {
			t.Errorf("%s: no text matched, the test checks nothing", p.id)
		}
	}
}
