package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzReadBaseline feeds ReadBaseline what a repository can commit as a
// baseline file. It must never panic; an accepted baseline has a
// fingerprint in every entry, answers Contains for each, and reads back the
// same after Write; an error names the file. Seeds: f.Add below and
// testdata/fuzz/FuzzReadBaseline.
func FuzzReadBaseline(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "findings": []}`,
		`{"version": 1, "findings": [{"rule_id": "UPS101", "path": "a.ts", "fingerprint": "abc"}]}`,
		`{"version": 2, "findings": []}`,
		`{"version": 1}`,
		`{"version": 1, "findings": [{}]}`,
		`{"version": 1, "findings": [], "extra": 1}`,
		`{"version": 1, "findings": []} {}`,
		`{"version": "1"}`,
		`[]`,
		"",
		"\xef\xbb\xbf{\"version\": 1, \"findings\": []}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "baseline.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadBaseline(path)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "baseline "+path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for i, e := range b.Findings {
			if e.Fingerprint == "" {
				t.Fatalf("accepted entry %d without a fingerprint", i)
			}
			if !b.Contains(e.Fingerprint) {
				t.Fatalf("Contains(%q) = false for entry %d", e.Fingerprint, i)
			}
		}
		var buf bytes.Buffer
		if err := b.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := ReadBaseline(path)
		if err != nil {
			t.Fatalf("a baseline written by Write does not read back: %v", err)
		}
		if diff := cmp.Diff(b, again, cmpopts.IgnoreUnexported(Baseline{}), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-read +again):\n%s", diff)
		}
	})
}
