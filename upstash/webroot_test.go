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
