//go:build cgo

package jsts

import "testing"

// TestPublicFolder: a .js file in a web root public/ is a static browser
// asset; one in a folder named public below the source tree is server code.
func TestPublicFolder(t *testing.T) {
	a := newTestAnalyzer(t)
	src := []byte("import { Redis } from \"@upstash/redis\"\nexport const redis = Redis.fromEnv()\n")
	for p, want := range map[string]bool{
		"public/sw.js":              true,
		"apps/web/public/config.js": true,
		"src/routes/public/feed.js": false,
		"app/api/public/handler.js": false,
		"server/public/index.js":    false,
	} {
		f, _ := a.Analyze(p, src)
		if f.ClientSide != want {
			t.Errorf("%s: ClientSide = %v, want %v", p, f.ClientSide, want)
		}
	}
}
