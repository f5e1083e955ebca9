package exposure

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// buildConfig reports UPS203 for the settings of a framework build config
// that put a token into client bundles: map entries that the build inlines
// or sends to the browser (the whole environment, a token env variable, a
// literal credential, a computed value under a token-named key), Astro env
// schema keys declared with context "client", and prefixes that make every
// variable (an empty Vite envPrefix or SvelteKit publicPrefix) or every Upstash
// variable (envPrefix 'UPSTASH_') public. Facts: UPSTASH.md §3.
func buildConfig(f *facts.File) []rules.Finding {
	var out []rules.Finding
	prefixDone := map[facts.Pos]bool{} // one finding per envPrefix setting
	for i := range f.ConfigExposures {
		x := &f.ConfigExposures[i]
		where, verb := settingWords(x)
		switch x.What {
		case facts.ExposedWholeEnv:
			fd := finding(f, ruleBuildConfig, rules.High, x.Pos, x.End, fmt.Sprintf("%s %s the whole environment into the browser bundle, every Upstash token included; list only public values", where, verb))
			fd.SetKey(where + " whole env")
			out = append(out, fd)
		case facts.ExposedEnvKey:
			fd := finding(f, ruleBuildConfig, rules.High, x.Pos, x.End, fmt.Sprintf("%s maps %s to the whole environment: every Upstash token ends up in the browser bundle; define single public values instead", where, x.Key))
			fd.SetKey(where + " " + x.Key)
			out = append(out, fd)
		case facts.ExposedEnv:
			out = append(out, configEntry(f, x, where, verb, x.Key, x.Env, upstash.IsReadOnlyEnvName(x.Env)))
		case facts.ExposedLiteral:
			if !decoded(x.Secret) {
				continue
			}
			sev := rules.Critical
			if x.ReadOnly {
				sev = rules.Low
			}
			fd := finding(f, ruleBuildConfig, sev, x.Pos, x.End, fmt.Sprintf("%s %s a hardcoded credential (%s) under %s into the browser bundle; remove it, rotate it and read it only in server code", where, verb, x.Secret.String(), x.Key))
			fd.Secret = x.Secret
			fd.SetKey("")
			out = append(out, fd)
		case facts.ExposedValue:
			bare := strings.TrimPrefix(strings.TrimPrefix(x.Key, "process.env."), "import.meta.env.")
			if tokenName(bare) {
				out = append(out, configEntry(f, x, where, verb, x.Key, "", upstash.IsReadOnlyEnvName(bare)))
			}
		case facts.ExposedClientKey:
			if tokenName(x.Key) {
				out = append(out, configEntry(f, x, where, verb, x.Key+` with context "client", which puts it`, "", upstash.IsReadOnlyEnvName(x.Key)))
			}
		case facts.ExposedPrefix:
			if fd, ok := prefixExposure(f, x); ok && !prefixDone[x.Pos] {
				prefixDone[x.Pos] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// tokenName reports whether an env variable name says it holds an Upstash
// credential or a Redis URL with its password.
func tokenName(name string) bool {
	return upstash.IsSecretEnvName(name) && upstash.IsRedisEnvName(name)
}

// settingWords names a build setting for messages, and says what the build
// does with its entries: "inlines", "sends" or "declares".
func settingWords(x *facts.ConfigExposure) (where, verb string) {
	switch x.Setting {
	case facts.SettingEnv:
		if x.Framework == "nuxt" {
			return "nuxt.config env (Nuxt 2)", "inlines"
		}
		return "next.config env", "inlines"
	case facts.SettingPublicRuntimeConfig:
		return x.Framework + ".config publicRuntimeConfig", "sends"
	case facts.SettingRuntimeConfigPublic:
		return "nuxt.config runtimeConfig.public", "sends"
	case facts.SettingDefine:
		return "Vite define", "inlines"
	case facts.SettingDefinePlugin:
		return "webpack DefinePlugin", "inlines"
	case facts.SettingAstroEnvSchema:
		return "astro.config env schema", "declares"
	case facts.SettingEnvPrefix:
		return "Vite envPrefix", "exposes"
	case facts.SettingPublicPrefix:
		return "SvelteKit publicPrefix", "exposes"
	}
	return x.Framework + ".config", "inlines"
}

// configEntry reports one exposed config entry: what is the key as the
// message shows it, env the token variable its value reads ("" when
// none), readOnly what the names say of the token.
func configEntry(f *facts.File, x *facts.ConfigExposure, where, verb, what, env string, readOnly bool) rules.Finding {
	sev, kind := rules.Critical, "a full-access token unless it holds the read-only one"
	if readOnly {
		sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing"
	}
	shown := what
	if env != "" && env != what {
		shown = fmt.Sprintf("%s (from %s)", what, env)
	}
	fd := finding(f, ruleBuildConfig, sev, x.Pos, x.End, fmt.Sprintf("%s %s %s into the browser bundle (%s); remove the entry and read the token only in server code", where, verb, shown, kind))
	if x.Value.Line > 0 && x.Value != x.Pos {
		fd.Related = []rules.Location{loc(f, x.Value, "token value")}
	}
	fd.SetKey(where + " " + what + " " + env)
	return fd
}

// upstashTokenVars are the documented token variables (UPSTASH.md §2) that
// an envPrefix exposes when it is a prefix of one of them.
var upstashTokenVars = []string{"UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_TOKEN", "QSTASH_TOKEN", "UPSTASH_VECTOR_REST_TOKEN"}

// prefixExposure decides one public prefix: ” makes every variable public
// (Vite envPrefix, SvelteKit publicPrefix); a Vite envPrefix that starts a
// documented token variable's name makes that token public.
func prefixExposure(f *facts.File, x *facts.ConfigExposure) (rules.Finding, bool) {
	s := x.Key
	switch {
	case x.Setting == facts.SettingPublicPrefix && s == "":
		fd := finding(f, ruleBuildConfig, rules.High, x.Pos, x.End, "SvelteKit publicPrefix '' makes every environment variable public ($env/static/public, $env/dynamic/public), Upstash tokens included; keep the default PUBLIC_ prefix")
		fd.SetKey("publicPrefix ''")
		return fd, true
	case x.Setting != facts.SettingEnvPrefix:
		return rules.Finding{}, false
	case s == "":
		fd := finding(f, ruleBuildConfig, rules.High, x.Pos, x.End, "Vite envPrefix '' exposes every environment variable to client code through import.meta.env, Upstash tokens included (Vite forbids it); keep the default VITE_ prefix")
		fd.SetKey("envPrefix ''")
		return fd, true
	case upstash.IsRedisEnvName(s+"X") && startsTokenVar(s):
		fd := finding(f, ruleBuildConfig, rules.Critical, x.Pos, x.End, fmt.Sprintf("Vite envPrefix %q exposes every variable starting with it to client code, the Upstash REST token included; keep the default VITE_ prefix", s))
		fd.SetKey("envPrefix " + s)
		return fd, true
	}
	return rules.Finding{}, false
}

// startsTokenVar reports whether prefix starts a documented token variable.
func startsTokenVar(prefix string) bool {
	for _, v := range upstashTokenVars {
		if strings.HasPrefix(v, prefix) {
			return true
		}
	}
	return false
}
