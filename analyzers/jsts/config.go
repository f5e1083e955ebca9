//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// buildConfig records the settings of a framework build config that put
// environment values into client bundles (analyzers/exposure decides
// UPS203 from them): the entries of maps the build inlines or sends to the
// browser (next.config env, Vite define, Nuxt public runtime config,
// webpack DefinePlugin), Astro env schema keys with context "client", and
// the public prefixes (Vite envPrefix, SvelteKit publicPrefix). Facts:
// UPSTASH.md §3.
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
					an.exposedMap(an.resolveObject(args[0]), facts.SettingDefinePlugin, fw)
				}
			}
		}
	}
}

// configPair records one property of a build config.
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
			an.exposedMap(val, facts.SettingEnv, fw)
		}
	case "publicRuntimeConfig":
		an.exposedMap(val, facts.SettingPublicRuntimeConfig, fw)
	case "public":
		if parentKey == "runtimeConfig" {
			an.exposedMap(val, facts.SettingRuntimeConfigPublic, fw)
		}
	case "define":
		an.exposedMap(val, facts.SettingDefine, fw)
	case "envPrefix":
		an.envPrefix(i, val, fw)
	case "publicPrefix":
		if s, ok := an.str(val); ok {
			an.configFact(facts.ConfigExposure{Setting: facts.SettingPublicPrefix, Framework: fw, What: facts.ExposedPrefix, Key: s}, i)
		}
	case "schema":
		if parentKey == "env" && fw == "astro" {
			an.astroSchema(val, fw)
		}
	}
}

// configFact records x at node i (the entry, or for a whole map the map).
func (an *analysis) configFact(x facts.ConfigExposure, i int32) {
	x.Pos, x.End = an.pos(i), an.endOf(i)
	an.f.ConfigExposures = append(an.f.ConfigExposures, x)
}

// envPrefix records each string prefix of a Vite envPrefix (a string or
// an array of them).
func (an *analysis) envPrefix(pair, val int32, fw string) {
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
		if s, ok := an.str(an.unwrap(v)); ok {
			an.configFact(facts.ConfigExposure{Setting: facts.SettingEnvPrefix, Framework: fw, What: facts.ExposedPrefix, Key: s}, pair)
		}
	}
}

// exposedMap records what a key → value map that a framework inlines into
// (or sends to) the browser exposes: the whole environment, or per entry a
// read of a token env variable, a literal credential, or a computed value.
func (an *analysis) exposedMap(obj int32, set facts.Setting, fw string) {
	tr := an.tr
	if o := an.envObject(obj); o != notEnv {
		an.configFact(facts.ConfigExposure{Setting: set, Framework: fw, What: facts.ExposedWholeEnv}, obj)
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
		x := facts.ConfigExposure{Setting: set, Framework: fw, Key: key}
		if key == "process.env" || key == "import.meta.env" {
			if an.envObject(an.unwrapStringify(val)) != notEnv {
				x.What = facts.ExposedEnvKey
				an.configFact(x, c)
				continue
			}
		}
		// 1. A token env variable read in the value.
		if env, at := an.tokenEnvIn(val); env != "" {
			x.What, x.Env = facts.ExposedEnv, env
			if at != c {
				x.Value = an.pos(at)
			}
			an.configFact(x, c)
			continue
		}
		// 2. A literal: only a credential is a fact.
		v := an.unwrapStringify(val)
		if s, ok := an.str(v); ok {
			if kind, ro := classify(s); credentialKind(kind) {
				x.What, x.Secret, x.ReadOnly = facts.ExposedLiteral, rules.Redact(kind, s), ro
				an.configFact(x, c)
			}
			continue
		}
		// 3. Any computed value.
		if val >= 0 {
			x.What = facts.ExposedValue
			if val != c {
				x.Value = an.pos(val)
			}
			an.configFact(x, c)
		}
	}
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

// astroSchema records the keys of an Astro env schema declared with
// context "client" (astro:env/client exposes them to the browser).
func (an *analysis) astroSchema(obj int32, fw string) {
	tr := an.tr
	if tr.kindOf(obj) != kObject {
		return
	}
	for c := tr.nodes[obj].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind != kPair {
			continue
		}
		key := an.keyName(c)
		call := an.unwrap(tr.child(c, fValue))
		if tr.kindOf(call) != kCall {
			continue
		}
		args := an.argList(tr.child(call, fArguments))
		if len(args) == 0 {
			continue
		}
		if ctx, ok := an.str(an.unwrap(get(an.pairs(an.resolveObject(args[0])), "context"))); ok && ctx == "client" {
			an.configFact(facts.ConfigExposure{Setting: facts.SettingAstroEnvSchema, Framework: fw, What: facts.ExposedClientKey, Key: key}, c)
		}
	}
}
