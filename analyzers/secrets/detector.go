// Package secrets finds hardcoded Upstash credentials (rules UPS101–UPS109)
// in raw file bytes: the gitleaks v8 detect engine matches the patterns, and
// upscan's own code decodes and validates every match before it is reported.
package secrets

import (
	"errors"
	"github.com/upscan/upscan/upstash"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/logging"
	"github.com/zricethezav/gitleaks/v8/report"

	"github.com/upscan/upscan/rules"
)

// Chunking bounds gitleaks' per-match line lookup (linear in the number of
// lines of the fragment) to one chunk: content is scanned in fragments of
// about chunkSize bytes cut at line ends, each starting at a line start at
// least chunkOverlap bytes before the previous fragment's end, so that every
// match (at most ~1.3 KiB, value on the next line included) lies whole in
// some fragment.
const (
	chunkSize    = 64 << 10
	chunkOverlap = 2 << 10
)

var silenceGitleaks sync.Once

// Detector finds Upstash credentials in file contents. Build it with New; it
// is safe for concurrent use.
type Detector struct {
	shape    *detect.Detector    // shape rules: run on every file
	context  *detect.Detector    // key = value, URLs, API keys: files that mention Upstash
	patterns map[string]*pattern // by gitleaks rule ID
	keywords []string

	// pre finds which patterns' keywords occur in each fragment: a
	// detector runs on a fragment only when one of its own patterns can
	// (see prefilter).
	pre                  *prefilter
	shapeRules, ctxRules ruleMask
	always               ruleMask  // patterns without keywords or literals: gitleaks runs them on every fragment
	unfiltered           bool      // tests: give gitleaks every fragment, as before the prefilter
	spans                sync.Pool // *scratch
}

// scratch is the per-call memory of detectText, pooled.
type scratch struct {
	frags []span
	masks []ruleMask
}

// New builds the detector: it compiles the patterns and builds the gitleaks
// detectors, and silences gitleaks' logger. It returns an error only if a
// built-in pattern is malformed (a programming error).
func New() (*Detector, error) {
	silenceGitleaks.Do(func() { logging.Logger = zerolog.Nop() })
	pats, shapeCfg, ctxCfg, err := compile(specs())
	if err != nil {
		return nil, err
	}
	d := &Detector{
		shape:    detect.NewDetector(shapeCfg),
		context:  detect.NewDetector(ctxCfg),
		patterns: pats,
		keywords: keywordsOf(shapeCfg),
	}
	terms := map[term]ruleMask{}
	for _, p := range pats {
		if p.context {
			d.ctxRules |= p.bit
		} else {
			d.shapeRules |= p.bit
		}
		switch {
		case len(p.literals) > 0:
			for _, l := range p.literals {
				terms[term{text: l, exact: true}] |= p.bit
			}
		case len(p.keywords) > 0:
			for _, k := range p.keywords {
				terms[term{text: strings.ToLower(k)}] |= p.bit
			}
		default:
			d.always |= p.bit
		}
	}
	d.pre = newPrefilter(terms, upstash.MentionWords)
	for _, g := range []*detect.Detector{d.shape, d.context} {
		g.IgnoreGitleaksAllow = true // suppression is upscan's job (upscan:ignore)
		g.MaxDecodeDepth = 0
	}
	return d, nil
}

// Keywords returns the lower-case literals of which at least one occurs
// (compared case-insensitively) in every file that Detect can report on: a
// caller may skip Detect for files that contain none of them.
func (d *Detector) Keywords() []string { return append([]string(nil), d.keywords...) }

// candidate is a gitleaks match located in the file.
type candidate struct {
	p          *pattern
	matchStart int // byte offset of the whole match
	start, end int // byte offsets of the secret
	key        string
	match      string // the whole match
	sub        []int  // submatch offsets within match
}

// Detect returns the credential findings in one file's content, sorted with
// rules.Less. path is slash-separated and relative to the scan root; it is
// copied into Finding.Path and decides how far context reaches (.tf, .tfvars
// and .env files count as one context). Lines and columns are 1-based and
// point at the secret itself; columns count bytes. Detect never panics: on an
// internal error it returns no findings and an error that quotes no content.
func (d *Detector) Detect(path string, data []byte) (out []rules.Finding, err error) {
	defer func() {
		if recover() != nil {
			// The panic value is not reported: it could quote file content.
			out, err = nil, errors.New("internal error in the credential rules; the file was not checked (please report this)")
		}
	}()
	return d.detect(path, data), nil
}

// detect is Detect without the recover, so that tests and the fuzzer see panics.
func (d *Detector) detect(path string, data []byte) []rules.Finding {
	s := string(data)
	return d.withEscaped(path, s, d.detectText(path, s))
}

// detectText finds the credentials in one file's text, without decoding
// escapes.
func (d *Detector) detectText(path, data string) []rules.Finding {
	if len(data) == 0 {
		return nil
	}
	f := &file{path: path, data: data}
	sc, _ := d.spans.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer d.spans.Put(sc)
	sc.frags = chunksOf(f.data, sc.frags)
	var mention int
	sc.masks, mention = d.pre.masks(f.data, sc.frags, sc.masks)
	// Every match of MentionsUpstash is a match of a mention word: none
	// starts before the prefilter's first one.
	gate := mention >= 0 && upstash.MentionsUpstash(f.data[mention:])
	if d.unfiltered {
		gate = upstash.MentionsUpstash(f.data)
	}
	var seen map[seenKey]bool
	var cands []candidate
	for i, fr := range sc.frags {
		m := sc.masks[i] | d.always
		if d.unfiltered {
			m = allRules
		}
		if m&d.shapeRules != 0 {
			cands = d.scan(d.shape, f, fr.start, fr.end, &seen, cands)
		}
		if gate && m&d.ctxRules != 0 {
			cands = d.scan(d.context, f, fr.start, fr.end, &seen, cands)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	var res []result
	for i := range cands {
		if r, ok := d.evaluate(f, &cands[i]); ok {
			res = append(res, r)
		}
	}
	return resolve(f, res)
}

// forEachChunk calls fn with the fragments [start, end) of s (see chunkSize).
func forEachChunk(s string, fn func(start, end int)) {
	for start := 0; start < len(s); {
		end := len(s)
		if start+chunkSize < len(s) {
			if nl := strings.IndexByte(s[start+chunkSize:], '\n'); nl >= 0 {
				end = start + chunkSize + nl + 1
			}
		}
		fn(start, end)
		if end == len(s) {
			return
		}
		next := end
		if b := end - chunkOverlap; b > start {
			if i := strings.LastIndexByte(s[start:b], '\n'); i >= 0 {
				next = start + i + 1
			}
		}
		start = next
	}
}

// scan runs one gitleaks detector over f.data[start:end] and appends the
// located matches not seen before.
func (d *Detector) scan(g *detect.Detector, f *file, start, end int, seenp *map[seenKey]bool, out []candidate) []candidate {
	chunk := f.data[start:end]
	found := g.DetectString(chunk)
	if len(found) == 0 {
		return out
	}
	if *seenp == nil {
		*seenp = map[seenKey]bool{}
	}
	seen := *seenp
	var lineStarts []int
	for i := range found {
		r := &found[i]
		p := d.patterns[r.RuleID]
		if p == nil {
			continue
		}
		if lineStarts == nil {
			lineStarts = lineStartsOf(chunk)
		}
		off, ok := locate(chunk, lineStarts, r)
		if !ok {
			continue
		}
		sub := p.re.FindStringSubmatchIndex(r.Match)
		if sub == nil || sub[2*p.secretGroup] < 0 {
			continue
		}
		c := candidate{p: p, matchStart: start + off, match: r.Match, sub: sub,
			start: start + off + sub[2*p.secretGroup], end: start + off + sub[2*p.secretGroup+1]}
		k := seenKey{c.start, p.id}
		if seen[k] {
			continue
		}
		seen[k] = true
		if p.keyGroup > 0 && sub[2*p.keyGroup] >= 0 {
			ks := start + off + sub[2*p.keyGroup]
			for ks > 0 && isKeyByte(f.data[ks-1]) && c.matchStart-ks < 64 {
				ks--
			}
			c.key = f.data[ks : start+off+sub[2*p.keyGroup+1]]
		}
		out = append(out, c)
	}
	return out
}

// lineStartsOf returns the byte offset at which each line of s starts.
func lineStartsOf(s string) []int {
	starts := []int{0}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// locate finds the byte offset of a gitleaks match in its fragment. gitleaks
// reports a 0-based line and a column that is 1-based on the first line and
// one too high on later lines (detect/location.go, v8.30.1); both readings
// are tried and verified against the match text before falling back to a
// search from the reported line.
func locate(chunk string, lineStarts []int, r *report.Finding) (int, bool) {
	if r.Match == "" {
		return 0, false
	}
	ls := 0
	if r.StartLine >= 0 && r.StartLine < len(lineStarts) {
		ls = lineStarts[r.StartLine]
	}
	for _, off := range []int{ls + r.StartColumn - 1, ls + r.StartColumn - 2} {
		if off >= 0 && off <= len(chunk)-len(r.Match) && chunk[off:off+len(r.Match)] == r.Match {
			return off, true
		}
	}
	if i := strings.Index(chunk[ls:], r.Match); i >= 0 {
		return ls + i, true
	}
	if i := strings.Index(chunk, r.Match); i >= 0 {
		return i, true
	}
	return 0, false
}

func isKeyByte(c byte) bool { return upstash.IsAlnum(c) || c == '_' || c == '-' || c == '.' }

// seenKey identifies a match across overlapping fragments.
type seenKey struct {
	start int
	id    string
}
