package jsts

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"strings"

	"github.com/upscan/upscan/rules"
)

// buildConfig reports UPS203 in a framework build config: entries that
// inline a token into client bundles (next.config env, Vite define, Nuxt
// public runtime config, Astro client env schema, webpack DefinePlugin) and
// prefixes that make every variable public (Vite envPrefix, SvelteKit
// publicPrefix). Facts: UPSTASH.md §3.
func (an *analysis) buildConfig() {
	tr := an.tr
	fw := configKind(an.path)
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kPair:
			an.configPair(i, fw)
		case kNew:
			callee := an.unwrap(tr.child(i, fConstructor))
			name := ""
			switch tr.kindOf(callee) {
			case kIdent:
				name = tr.text(callee)
			case kMember:
				name = tr.text(tr.child(callee, fProperty))
			}
			if name == "DefinePlugin" {
				if args := an.argList(tr.child(i, fArguments)); len(args) > 0 {
					an.exposedMap(an.resolveObject(args[0]), "webpack DefinePlugin", "inlines")
				}
			}
		}
	}
}

// configPair checks one property of a build config.
func (an *analysis) configPair(i int32, fw string) {
	tr := an.tr
	key := an.keyName(i)
	val := an.resolveObject(tr.child(i, fValue))
	parentKey := ""
	if obj := tr.parentOf(i); tr.kindOf(obj) == kObject {
		if pp := tr.parentOf(obj); tr.kindOf(pp) == kPair {
			parentKey = an.keyName(pp)
		}
	}
	switch key {
	case "env":
		if fw == "next" || fw == "nuxt" {
			where := "next.config env"
			if fw == "nuxt" {
				where = "nuxt.config env (Nuxt 2)"
			}
			an.exposedMap(val, where, "inlines")
		}
	case "publicRuntimeConfig":
		an.exposedMap(val, fw+".config publicRuntimeConfig", "sends")
	case "public":
		if parentKey == "runtimeConfig" {
			an.exposedMap(val, "nuxt.config runtimeConfig.public", "sends")
		}
	case "define":
		an.exposedMap(val, "Vite define", "inlines")
	case "envPrefix":
		an.envPrefix(i, val)
	case "publicPrefix":
		if s, ok := an.str(val); ok && s == "" {
			f := an.finding("UPS203", rules.High, i, "SvelteKit publicPrefix '' makes every environment variable public ($env/static/public, $env/dynamic/public), Upstash tokens included; keep the default PUBLIC_ prefix")
			an.add(f, "publicPrefix ''")
		}
	case "schema":
		if parentKey == "env" && fw == "astro" {
			an.astroSchema(val)
		}
	}
}

// envPrefix reports a Vite envPrefix that exposes every variable (”) or
// every Upstash variable ('UPSTASH_', 'KV_', 'QSTASH_').
func (an *analysis) envPrefix(pair, val int32) {
	tr := an.tr
	var vals []int32
	switch tr.kindOf(val) {
	case kArray:
		for c := tr.nodes[val].first; c >= 0; c = tr.nodes[c].next {
			vals = append(vals, c)
		}
	default:
		vals = append(vals, val)
	}
	for _, v := range vals {
		s, ok := an.str(an.unwrap(v))
		if !ok {
			continue
		}
		switch {
		case s == "":
			f := an.finding("UPS203", rules.High, pair, "Vite envPrefix '' exposes every environment variable to client code through import.meta.env, Upstash tokens included (Vite forbids it); keep the default VITE_ prefix")
			an.add(f, "envPrefix ''")
			return
		case upstash.IsRedisEnvName(s+"X") && (strings.HasPrefix("UPSTASH_REDIS_REST_TOKEN", s) || strings.HasPrefix("KV_REST_API_TOKEN", s) || strings.HasPrefix("QSTASH_TOKEN", s) || strings.HasPrefix("UPSTASH_VECTOR_REST_TOKEN", s)):
			f := an.finding("UPS203", rules.Critical, pair, fmt.Sprintf("Vite envPrefix %q exposes every variable starting with it to client code, the Upstash REST token included; keep the default VITE_ prefix", s))
			an.add(f, "envPrefix "+s)
			return
		}
	}
}

// exposedMap reports the entries of a key → value map that a framework
// inlines into (or sends to) the browser when the value is a token: a read
// of a token env variable, a literal credential, or any value under a
// token-named key. where names the map; verb is "inlines" or "sends".
func (an *analysis) exposedMap(obj int32, where, verb string) {
	tr := an.tr
	if o := an.envObject(obj); o != notEnv {
		f := an.finding("UPS203", rules.High, obj, fmt.Sprintf("%s %s the whole environment into the browser bundle, every Upstash token included; list only public values", where, verb))
		an.add(f, where+" whole env")
		return
	}
	if tr.kindOf(obj) != kObject {
		return
	}
	for c := tr.nodes[obj].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind != kPair && tr.nodes[c].kind != kShorthandProp {
			continue
		}
		key := an.keyName(c)
		val := tr.child(c, fValue)
		if tr.nodes[c].kind == kShorthandProp {
			key, val = tr.text(c), c
		}
		bare := strings.TrimPrefix(strings.TrimPrefix(key, "process.env."), "import.meta.env.")
		if key == "process.env" || key == "import.meta.env" {
			if an.envObject(an.unwrapStringify(val)) != notEnv {
				f := an.finding("UPS203", rules.High, c, fmt.Sprintf("%s maps %s to the whole environment: every Upstash token ends up in the browser bundle; define single public values instead", where, key))
				an.add(f, where+" "+key)
				continue
			}
		}
		// 1. A token env variable read in the value.
		if env, at := an.tokenEnvIn(val); env != "" {
			an.configFinding(c, at, where, verb, key, env, upstash.IsReadOnlyEnvName(env))
			continue
		}
		// 2. A literal credential.
		v := an.unwrapStringify(val)
		if s, ok := an.str(v); ok {
			kind, ro := classify(s)
			if credentialKind(kind) {
				sev := rules.Critical
				if ro {
					sev = rules.Low
				}
				red := rules.Redact(kind, s)
				f := an.finding("UPS203", sev, c, fmt.Sprintf("%s %s a hardcoded credential (%s) under %s into the browser bundle; remove it, rotate it and read it only in server code", where, verb, red.String(), key))
				f.Secret = red
				an.add(f, "")
			}
			continue
		}
		// 3. Any computed value under a token-named key.
		if upstash.IsSecretEnvName(bare) && upstash.IsRedisEnvName(bare) && val >= 0 {
			an.configFinding(c, val, where, verb, key, "", upstash.IsReadOnlyEnvName(bare))
		}
	}
}

// configFinding reports one exposed config entry.
func (an *analysis) configFinding(pair, at int32, where, verb, key, env string, ro bool) {
	sev, kind := rules.Critical, "a full-access token unless it holds the read-only one"
	if ro {
		sev, kind = rules.Low, "by its name a read-only token, which Upstash allows exposing"
	}
	what := key
	if env != "" && env != key {
		what = fmt.Sprintf("%s (from %s)", key, env)
	}
	f := an.finding("UPS203", sev, pair, fmt.Sprintf("%s %s %s into the browser bundle (%s); remove the entry and read the token only in server code", where, verb, what, kind))
	if at >= 0 && at != pair {
		f.Related = []rules.Location{an.loc(at, "token value")}
	}
	an.add(f, where+" "+key+" "+env)
}

// unwrapStringify looks through JSON.stringify(x) and wrappers.
func (an *analysis) unwrapStringify(i int32) int32 {
	tr := an.tr
	i = an.unwrap(i)
	if tr.kindOf(i) == kCall {
		callee := an.unwrap(tr.child(i, fFunction))
		if tr.kindOf(callee) == kMember && tr.textEq(callee, "JSON.stringify") {
			if args := an.argList(tr.child(i, fArguments)); len(args) > 0 {
				return an.resolveObject(args[0])
			}
		}
	}
	return an.resolveObject(i)
}

// tokenEnvIn returns the first read of an Upstash token env variable inside
// expression i and the node it is read at.
func (an *analysis) tokenEnvIn(i int32) (string, int32) {
	tr := an.tr
	if i < 0 {
		return "", -1
	}
	if v := an.resolveObject(i); v != i && v >= 0 {
		if env, at := an.tokenEnvIn(v); env != "" {
			return env, at
		}
	}
	for j := i; j < int32(len(tr.nodes)) && (j == i || an.descends(j, i)); j++ {
		switch tr.nodes[j].kind {
		case kMember, kSubscript, kCall:
			if name, _, ok := an.envAccess(j); ok && upstash.IsSecretEnvName(name) && upstash.IsRedisEnvName(name) {
				return name, j
			}
		case kIdent, kShorthandProp:
			if b, ok := an.bindings[tr.text(j)]; ok && (familyOf(b.norm) == famEnvStaticPrivate || familyOf(b.norm) == famEnvStaticPublic) &&
				upstash.IsSecretEnvName(b.imported) && upstash.IsRedisEnvName(b.imported) {
				return b.imported, j
			}
		}
	}
	return "", -1
}

// astroSchema reports Astro env schema entries for token variables declared
// with context "client" (astro:env/client exposes them to the browser).
func (an *analysis) astroSchema(obj int32) {
	tr := an.tr
	if tr.kindOf(obj) != kObject {
		return
	}
	for c := tr.nodes[obj].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind != kPair {
			continue
		}
		key := an.keyName(c)
		if !upstash.IsSecretEnvName(key) || !upstash.IsRedisEnvName(key) {
			continue
		}
		call := an.unwrap(tr.child(c, fValue))
		if tr.kindOf(call) != kCall {
			continue
		}
		args := an.argList(tr.child(call, fArguments))
		if len(args) == 0 {
			continue
		}
		if ctx, ok := an.str(an.unwrap(get(an.pairs(an.resolveObject(args[0])), "context"))); ok && ctx == "client" {
			an.configFinding(c, -1, "astro.config env schema", "declares", key+` with context "client", which puts it`, "", upstash.IsReadOnlyEnvName(key))
		}
	}
}
