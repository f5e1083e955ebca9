package upstash

import (
	"path"
	"strings"
)

// BuildConfigs are the frameworks whose build config decides what reaches
// the browser (UPSTASH.md §3: next.config env, Vite define and envPrefix,
// SvelteKit publicPrefix, Astro's env schema, Nuxt runtimeConfig.public,
// webpack DefinePlugin), by the stem of the config's file name.
var BuildConfigs = []string{"next", "vite", "nuxt", "svelte", "astro", "webpack"}

// BuildConfigOf returns the framework whose build config the file at p
// (slash-separated) is by its name, "next" for next.config.mjs, or "" when
// it is none. The extension is not checked.
func BuildConfigOf(p string) string {
	base := strings.ToLower(path.Base(p))
	for _, fw := range BuildConfigs {
		if strings.HasPrefix(base, fw+".config.") {
			return fw
		}
	}
	return ""
}
