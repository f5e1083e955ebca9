package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/upscan/upscan/internal/inputfile"
	"github.com/upscan/upscan/rules"
)

// BaselineVersion is the version of the baseline file format written by
// (*Baseline).Write and accepted by ReadBaseline.
const BaselineVersion = 1

// Baseline is a set of accepted findings, identified by fingerprint, stored
// as a JSON file ({"version":1,"findings":[{"fingerprint","rule_id","path"}]}).
// Findings whose fingerprint is in the baseline are suppressed. RuleID and
// Path are informational, for people reviewing the file; matching uses only
// the fingerprint, which is stable across line moves (rules.Fingerprint).
//
// Contains indexes Findings on first use: do not modify Findings after
// calling it. A Baseline is safe for concurrent Contains calls.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`

	once  sync.Once
	index map[string]struct{}

	mu      sync.Mutex
	matched map[string]struct{} // fingerprints Contains found
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	Path        string `json:"path"`
}

// NewBaseline returns a baseline accepting findings: one entry per distinct
// (fingerprint, rule, path), sorted by path, rule ID and fingerprint.
// Findings without a fingerprint cannot be matched and are left out.
func NewBaseline(findings []rules.Finding) *Baseline {
	entries := make([]BaselineEntry, 0, len(findings))
	for _, f := range findings {
		if f.Fingerprint == "" {
			continue
		}
		entries = append(entries, BaselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, Path: f.Path})
	}
	slices.SortFunc(entries, compareEntries)
	entries = slices.Compact(entries)
	return &Baseline{Version: BaselineVersion, Findings: entries}
}

// compareEntries orders entries by path, rule ID and fingerprint.
func compareEntries(a, b BaselineEntry) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Fingerprint, b.Fingerprint))
}

// Write writes the baseline as indented JSON with a trailing newline. A nil
// Findings slice is written as [].
func (b *Baseline) Write(w io.Writer) error {
	doc := struct {
		Version  int             `json:"version"`
		Findings []BaselineEntry `json:"findings"`
	}{cmp.Or(b.Version, BaselineVersion), b.Findings}
	if doc.Findings == nil {
		doc.Findings = []BaselineEntry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// Contains reports whether a finding with this fingerprint is in the baseline.
// The empty fingerprint is never contained.
func (b *Baseline) Contains(fingerprint string) bool {
	if b == nil || fingerprint == "" {
		return false
	}
	b.once.Do(b.build)
	_, ok := b.index[fingerprint]
	if ok {
		b.mu.Lock()
		if b.matched == nil {
			b.matched = map[string]struct{}{}
		}
		b.matched[fingerprint] = struct{}{}
		b.mu.Unlock()
	}
	return ok
}

// build indexes Findings by fingerprint.
func (b *Baseline) build() {
	b.index = make(map[string]struct{}, len(b.Findings))
	for _, e := range b.Findings {
		b.index[e.Fingerprint] = struct{}{}
	}
}

// Unmatched returns how many distinct fingerprints of the baseline no
// Contains call has found so far: after a scan, the accepted findings that
// are fixed or moved. Zero for a nil baseline.
func (b *Baseline) Unmatched() int {
	if b == nil {
		return 0
	}
	b.once.Do(b.build)
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.index) - len(b.matched)
}

// UnmatchedNote is the report note for n baseline entries that matched
// no finding of a scan; "" when n is 0.
func UnmatchedNote(n int) string {
	if n == 0 {
		return ""
	}
	entries := "entries"
	if n == 1 {
		entries = "entry"
	}
	return fmt.Sprintf("%d baseline %s matched no finding (fixed or moved): `upscan baseline` rewrites it", n, entries)
}

// ReadBaseline reads and validates the baseline file at path, a regular file
// (a symbolic link to one is followed) of at most inputfile.MaxBaseline
// bytes. Errors name the file and the problem: "baseline FILE: file does not
// exist" (wrapping fs.ErrNotExist), "baseline FILE: is a FIFO, not a regular
// file" (wrapping inputfile.ErrNotRegular), "baseline FILE: is larger than
// 32 MiB", "baseline FILE:LINE:COL: malformed JSON: …" (also for
// unknown fields and wrong types), a missing or unsupported version, a
// missing findings array, or an entry without a fingerprint.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := inputfile.Read(path, inputfile.MaxBaseline)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s: %w (create one with `upscan baseline --output %s`)", path, fs.ErrNotExist, path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is named already
	}
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("baseline %s: file is empty (want a JSON object with \"version\": %d)", path, BaselineVersion)
	}

	var doc struct {
		Version  *int             `json:"version"`
		Findings *[]BaselineEntry `json:"findings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, baselineJSONError(path, data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lineCol(data, dec.InputOffset())
		return nil, fmt.Errorf("baseline %s:%d:%d: malformed JSON: unexpected data after the top-level object", path, line, col)
	}
	switch {
	case doc.Version == nil:
		return nil, fmt.Errorf("baseline %s: missing \"version\" (want %d)", path, BaselineVersion)
	case *doc.Version != BaselineVersion:
		return nil, fmt.Errorf("baseline %s: unsupported version %d (this upscan reads version %d; regenerate it with `upscan baseline`)",
			path, *doc.Version, BaselineVersion)
	case doc.Findings == nil:
		return nil, fmt.Errorf("baseline %s: missing \"findings\" (use [] for an empty baseline)", path)
	}
	for i, e := range *doc.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: findings[%d] has no \"fingerprint\"", path, i)
		}
	}
	return &Baseline{Version: *doc.Version, Findings: *doc.Findings}, nil
}

// baselineJSONError turns a decoding error into one naming the file, line
// and column.
func baselineJSONError(path string, data []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := dec.InputOffset()
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		line, col := lineCol(data, offset)
		return &wrappedError{
			msg: fmt.Sprintf("baseline %s:%d:%d: malformed JSON: %s must be %s, not %s",
				path, line, col, field, jsonTypeName(typ.Type.Kind().String()), jsonValueKind(typ.Value)),
			err: err,
		}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		offset = int64(len(data))
	}
	line, col := lineCol(data, offset)
	if field, ok := strings.CutPrefix(err.Error(), `json: unknown field `); ok {
		// The field name comes from the file: quote it redacted.
		if f, uerr := strconv.Unquote(field); uerr == nil {
			field = f
		}
		return &wrappedError{
			msg: fmt.Sprintf("baseline %s:%d:%d: malformed JSON: unknown field %s (want version and findings; entries have fingerprint, rule_id, path)",
				path, line, col, rules.Quote(field)),
			err: err,
		}
	}
	return &wrappedError{
		msg: fmt.Sprintf("baseline %s:%d:%d: malformed JSON: %s", path, line, col, rules.RedactText(err.Error())),
		err: err,
	}
}

// wrappedError is an error with its own message that still unwraps to the
// underlying error, for when the underlying message only adds noise (Go type
// names from encoding/json).
type wrappedError struct {
	msg string
	err error
}

func (e *wrappedError) Error() string { return e.msg }
func (e *wrappedError) Unwrap() error { return e.err }

// jsonTypeName names a Go kind in JSON terms for error messages.
func jsonTypeName(kind string) string {
	switch kind {
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "ptr":
		return "a value"
	}
	return kind
}

// jsonValueKind is the kind of JSON value of an UnmarshalTypeError's Value
// ("number 123" → "number"): never the value itself, which comes from the
// file.
func jsonValueKind(v string) string {
	switch kind, _, _ := strings.Cut(v, " "); kind {
	case "number", "string", "bool", "array", "object", "null":
		return kind
	}
	return "another value"
}

// lineCol converts a byte offset into a 1-based line and column (in bytes).
func lineCol(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
