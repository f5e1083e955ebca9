//go:build cgo

package jsts

import (
	"encoding/json"
	"os"
	"testing"
)

// TestDebugDump prints the facts and findings of the file in JSTS_DUMP.
func TestDebugDump(t *testing.T) {
	p := os.Getenv("JSTS_DUMP")
	if p == "" {
		t.Skip("set JSTS_DUMP=path")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f, fs := analyzeFile(a, p, data)
	b, _ := json.MarshalIndent(struct {
		Facts    any
		Findings any
	}{f, fs}, "", "  ")
	t.Log(string(b))
}
