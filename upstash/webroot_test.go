package upstash

import "testing"

func TestIsWebRootPublic(t *testing.T) {
	for dir, want := range map[string]bool{
		"public":              true,
		"apps/web/public":     true,
		"packages/ui/public":  true,
		"src/routes/public":   false,
		"app/api/public":      false,
		"server/public":       false,
		"apps/api/src/public": false,
		"public/x":            false, // not a public directory itself
		"publicity":           false,
	} {
		if got := IsWebRootPublic(dir); got != want {
			t.Errorf("IsWebRootPublic(%q) = %v, want %v", dir, got, want)
		}
	}
}

func TestIsBrowserPackageJSON(t *testing.T) {
	tests := []struct {
		json string
		want bool
	}{
		{`{"dependencies":{"express":"4.19.2","@upstash/redis":"1.34.0"}}`, false},
		{`{"dependencies":{"hono":"4"},"devDependencies":{"vite":"5"}}`, true},
		{`{"peerDependencies":{"react":"18"}}`, true},
		{`{"name":"lib"}`, false},
		{`not json`, true},
	}
	for _, tt := range tests {
		if got := IsBrowserPackageJSON([]byte(tt.json)); got != tt.want {
			t.Errorf("IsBrowserPackageJSON(%s) = %v, want %v", tt.json, got, tt.want)
		}
	}
}
