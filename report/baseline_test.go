package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/upscan/upscan/rules"
)

func TestBaselineRoundTrip(t *testing.T) {
	fs := fullReport().Findings
	fs = append(fs, fs[1]) // a duplicate
	b := NewBaseline(fs)

	// Sorted by path, rule, fingerprint; deduplicated; no fingerprint-less entry.
	var paths []string
	for _, e := range b.Findings {
		paths = append(paths, e.Path+" "+e.RuleID)
	}
	want := []string{".env.example UPS901", "app/api/chat/route.ts UPS903", "lib/redis.ts UPS901", "lib/redis.ts UPS902"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}

	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "}\n") || !strings.Contains(buf.String(), "\n  \"findings\": [\n") {
		t.Errorf("not indented JSON with a trailing newline:\n%s", buf.String())
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b, got, cmpopts.IgnoreUnexported(Baseline{})); diff != "" {
		t.Errorf("round trip (-wrote +read):\n%s", diff)
	}
	for _, f := range fs {
		if f.Fingerprint != "" && !got.Contains(f.Fingerprint) {
			t.Errorf("baseline lacks %s %s", f.RuleID, f.Path)
		}
	}
	if got.Contains("") || got.Contains("0000") {
		t.Error("Contains matched an unknown fingerprint")
	}
	var nilBaseline *Baseline
	if nilBaseline.Contains(fs[0].Fingerprint) {
		t.Error("a nil baseline contains something")
	}
}

func TestBaselineEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewBaseline(nil).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"findings\": []\n}\n"; buf.String() != want {
		t.Errorf("empty baseline = %q, want %q", buf.String(), want)
	}
	if err := (&Baseline{}).Write(&buf); err != nil {
		t.Fatal(err)
	}
}

func TestBaselineContainsConcurrent(t *testing.T) {
	b := NewBaseline(fullReport().Findings)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !b.Contains(b.Findings[0].Fingerprint) {
				t.Error("Contains missed an entry")
			}
		})
	}
	wg.Wait()
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		want          []string // substrings of the error
	}{
		{"syntax.json", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"ab\",}\n  ]\n}\n",
			[]string{"syntax.json:4:", "malformed JSON"}},
		{"truncated.json", "{\"version\": 1, \"findings\": [", []string{"truncated.json:1:", "malformed JSON"}},
		{"type.json", "{\"version\": \"one\", \"findings\": []}", []string{"type.json:1:", "version must be a number, not string"}},
		{"array.json", "[]", []string{"array.json:1:", "the top level must be an object, not array"}},
		{"findings.json", "{\"version\": 1, \"findings\": {}}", []string{"findings.json:1:", "findings must be an array, not object"}},
		{"unknown.json", "{\"version\": 1, \"findings\": [{\"fingerprints\": \"ab\"}]}", []string{"unknown.json", `unknown field "fingerprints"`}},
		// A token pasted as a field name is quoted redacted (FAKE token, UPSTASH.md §1.2).
		{"token.json", "{\"version\": 1, \"findings\": [{\"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU\": \"ab\"}]}",
			[]string{"token.json:1:", "unknown field [redacted: redis-rest-token ATA5… (63 chars)]"}},
		{"number.json", "{\"version\": 1, \"findings\": [{\"fingerprint\": 12345678901234567890}]}", []string{"number.json:1:", "must be a string, not number"}},
		{"version.json", "{\"version\": 2, \"findings\": []}", []string{"version.json", "unsupported version 2"}},
		{"noversion.json", "{\"findings\": []}", []string{"noversion.json", `missing "version"`}},
		{"nofindings.json", "{\"version\": 1}", []string{"nofindings.json", `missing "findings"`}},
		{"nofp.json", "{\"version\": 1, \"findings\": [{\"rule_id\": \"UPS101\"}]}", []string{"nofp.json", `findings[0] has no "fingerprint"`}},
		{"empty.json", " \n", []string{"empty.json", "empty"}},
		{"trailing.json", "{\"version\": 1, \"findings\": []} {}", []string{"trailing.json:1:", "after the top-level object"}},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadBaseline(path)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
		for _, leak := range []string{"AAIncDFk", "12345678901234567890"} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("%s: error %q echoes a value of the file", tt.name, err)
			}
		}
	}

	var typeErr *json.UnmarshalTypeError
	if _, err := ReadBaseline(filepath.Join(dir, "type.json")); !errors.As(err, &typeErr) {
		t.Errorf("type error %v does not unwrap to *json.UnmarshalTypeError", err)
	}

	_, err := ReadBaseline(filepath.Join(dir, "missing.json"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: error %v, want one wrapping fs.ErrNotExist and naming the file", err)
	}
	if _, err := ReadBaseline(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("directory: error %v, want one naming it", err)
	}
}

func TestNewBaselineSkipsFindingsWithoutFingerprint(t *testing.T) {
	b := NewBaseline([]rules.Finding{{RuleID: "UPS901", Path: "a.ts"}})
	if len(b.Findings) != 0 {
		t.Errorf("entries = %+v, want none", b.Findings)
	}
}
