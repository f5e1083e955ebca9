package upstash

import "testing"

func TestIsInstalledPath(t *testing.T) {
	for p, want := range map[string]bool{
		"node_modules/@upstash/qstash/nextjs.js":                true,
		"web/node_modules/@upstash/qstash/h3.mjs":               true,
		".venv/lib/python3.11/site-packages/qstash/receiver.py": true,
		"layer/python/lib/python3.12/site-packages/x.py":        true,
		"vendor/github.com/upstash/x/y.go":                      true,
		"app/api/jobs/route.ts":                                 false,
		"src/node_modules_helper.ts":                            false,
		"vendors/list.ts":                                       false,
	} {
		if got := IsInstalledPath(p); got != want {
			t.Errorf("IsInstalledPath(%q) = %v, want %v", p, got, want)
		}
	}
}
