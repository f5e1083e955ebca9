package exposure

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// publicEntry is a key of nuxt.config's runtimeConfig.public that holds an
// Upstash token, and where.
type publicEntry struct {
	x    *facts.ConfigExposure
	path string
}

// runtimeConfigReads reports UPS202 at each read of a Nuxt public runtime
// config key (facts.PublicConfigRead) that a nuxt.config of the same
// project fills with an Upstash token (the setting itself is UPS203): Nuxt
// sends the public runtime config to every browser, and the read is where
// the code relies on it. Critical in code that runs in the browser (a
// component, page, plugin or composable: every module outside server/ and
// *.server.* files), medium in server code; low for a read-only token.
func runtimeConfigReads(g *modgraph.Graph, via map[string]hop) []rules.Finding {
	entries := map[string]publicEntry{} // project root + key → entry
	files := g.Files()
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for _, f := range files {
		for i := range f.ConfigExposures {
			x := &f.ConfigExposures[i]
			if x.Setting != facts.SettingRuntimeConfigPublic || !holdsToken(x) {
				continue
			}
			k := g.Index().ProjectRoot(f.Path) + "\x00" + x.Key
			if _, dup := entries[k]; !dup {
				entries[k] = publicEntry{x, f.Path}
			}
		}
	}
	if len(entries) == 0 {
		return nil
	}
	var out []rules.Finding
	for _, f := range files {
		done := map[string]bool{} // one finding per key per file, at the first read
		for _, r := range f.PublicConfigReads {
			e, ok := entries[g.Index().ProjectRoot(f.Path)+"\x00"+r.Key]
			if !ok || done[r.Key] {
				continue
			}
			done[r.Key] = true
			_, reached := via[f.Path]
			sev, where := rules.Medium, "in server code, but Nuxt sends the public runtime config to every browser with the page"
			if reached || r.Browser != facts.NotBrowser || modgraph.ClientSide(f) || !nuxtServer(f.Path) {
				sev, where = rules.Critical, "in code that runs in the browser"
			}
			if e.x.ReadOnly || e.x.What == facts.ExposedEnv && upstash.IsReadOnlyEnvName(e.x.Env) {
				sev = rules.Low
			}
			from := "a hardcoded credential"
			if e.x.Env != "" {
				from = e.x.Env
			}
			fd := finding(f, ruleClientCode, sev, r.Pos, r.End, fmt.Sprintf(
				"This code reads the public runtime config key %s, which %s fills from %s, %s; move the key to the private runtimeConfig and use the token only in server/ code",
				r.Key, e.path, from, where))
			fd.Related = []rules.Location{{Path: e.path, Line: e.x.Pos.Line, Col: e.x.Pos.Col, Message: "runtimeConfig.public." + r.Key}}
			fd.SetKey("runtime config " + r.Key)
			out = append(out, fd)
		}
	}
	return out
}

// nuxtServer reports whether a module of a Nuxt project runs only on the
// server: under a server/ directory (Nitro) or named *.server.*. Every
// other module (components, pages, layouts, composables, plugins,
// middleware, utils) is bundled for the browser too.
func nuxtServer(p string) bool {
	return strings.HasPrefix(p, "server/") || strings.Contains(p, "/server/") || strings.Contains(path.Base(p), ".server.")
}

// holdsToken reports whether a runtimeConfig.public entry holds an Upstash
// token: a token env variable, a decoded literal credential, or a computed
// value under a key that says token.
func holdsToken(x *facts.ConfigExposure) bool {
	switch x.What {
	case facts.ExposedEnv:
		return true
	case facts.ExposedLiteral:
		return decoded(x.Secret)
	case facts.ExposedValue:
		return tokenName(x.Key)
	}
	return false
}
