package main

import (
	"strings"
	"testing"
)

// TestVersionStamps: the -ldflags stamps of make build and the release
// builds decide what `upscan version` prints, whatever the toolchain's VCS
// stamping recorded.
func TestVersionStamps(t *testing.T) {
	const commit = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
	tests := []struct{ version, commit, want string }{
		{"v1.2.3", commit, "v1.2.3 1a2b3c4d5e6f"},
		{"v1.2.3-4-g1a2b3c4", commit, "v1.2.3-4-g1a2b3c4"},
		{"v1.2.3-4-g1a2b3c4-dirty", commit, "v1.2.3-4-g1a2b3c4-dirty"},
		{"1a2b3c4", commit, "(devel) 1a2b3c4d5e6f"},
		{"1a2b3c4-dirty", commit, "(devel) 1a2b3c4d5e6f-dirty"},
		{"1a2b3c4", "", "(devel) 1a2b3c4"},
	}
	defer func(v, c string) { buildVersion, buildCommit = v, c }(buildVersion, buildCommit)
	for _, tt := range tests {
		buildVersion, buildCommit = tt.version, tt.commit
		got := version()
		if tt.commit == "" {
			// the build info's own revision may be there (go test of a work tree)
			if !strings.HasPrefix(got, "(devel) ") {
				t.Errorf("version() with %q = %q, want (devel) …", tt.version, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("version() with %q, %q = %q, want %q", tt.version, tt.commit, got, tt.want)
		}
	}
}
