//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/upstash"
	"sort"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// envObj is what an expression is as an environment container.
type envObj uint8

const (
	notEnv     envObj = iota
	procEnv           // process.env
	metaEnv           // import.meta.env
	otherEnv          // env, c.env, Bun.env, context.cloudflare.env: names must look like env names
	dynPublic         // env from $env/dynamic/public
	dynPrivate        // env from $env/dynamic/private
)

// envObject classifies expression i as an environment container.
func (an *analysis) envObject(i int32) envObj {
	tr := an.tr
	i = an.unwrap(i)
	switch tr.kindOf(i) {
	case kIdent:
		if !tr.textEq(i, "env") {
			return notEnv
		}
		if b, ok := an.bindings["env"]; ok {
			switch familyOf(b.norm) {
			case famEnvDynamicPublic:
				return dynPublic
			case famEnvDynamicPrivate:
				return dynPrivate
			}
		}
		return otherEnv
	case kMember:
		if !tr.textEq(tr.child(i, fProperty), "env") {
			return notEnv
		}
		obj := an.unwrap(tr.child(i, fObject))
		switch {
		case tr.kindOf(obj) == kIdent && tr.textEq(obj, "process"):
			return procEnv
		case tr.kindOf(obj) == kMetaProperty:
			return metaEnv
		}
		return otherEnv
	}
	return notEnv
}

// envAccess returns the variable that node i reads when i is an environment
// access: process.env.X, process.env["X"], import.meta.env.X, env.X (Workers
// bindings, $env/dynamic/*), Deno.env.get("X").
func (an *analysis) envAccess(i int32) (name string, o envObj, ok bool) {
	tr := an.tr
	switch tr.kindOf(i) {
	case kMember:
		o = an.envObject(tr.child(i, fObject))
		prop := tr.child(i, fProperty)
		if o == notEnv || tr.kindOf(prop) != kPropIdent {
			return "", notEnv, false
		}
		name = tr.text(prop)
	case kSubscript:
		o = an.envObject(tr.child(i, fObject))
		if o == notEnv {
			return "", notEnv, false
		}
		s, isStr := an.str(an.unwrap(tr.child(i, fIndex)))
		if !isStr {
			return "", notEnv, false
		}
		name = s
	case kCall:
		callee := an.unwrap(tr.child(i, fFunction))
		if tr.kindOf(callee) != kMember || !tr.textEq(tr.child(callee, fProperty), "get") {
			return "", notEnv, false
		}
		obj := an.unwrap(tr.child(callee, fObject))
		if tr.kindOf(obj) != kMember || !tr.textEq(tr.child(obj, fProperty), "env") {
			return "", notEnv, false
		}
		host := an.unwrap(tr.child(obj, fObject))
		if tr.kindOf(host) != kIdent || !(tr.textEq(host, "Deno") || tr.textEq(host, "Netlify")) {
			return "", notEnv, false
		}
		s, isStr := an.str(tr.firstNamed(tr.child(i, fArguments)))
		if !isStr {
			return "", notEnv, false
		}
		name, o = s, procEnv
	default:
		return "", notEnv, false
	}
	if o == otherEnv && !upperSnake(name) {
		return "", notEnv, false
	}
	return name, o, name != ""
}

// publicRead reports whether reading name through o exposes it to the browser
// by naming or by module.
func publicRead(name string, o envObj) bool {
	switch o {
	case dynPublic:
		return true
	case dynPrivate:
		return false
	}
	return upstash.PublicPrefixOf(name) != ""
}

// collectEnv records every environment read: accesses, destructuring of an
// env object, and SvelteKit $env/static/* imports.
func (an *analysis) collectEnv() {
	tr := an.tr
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kMember, kSubscript, kCall:
			name, o, ok := an.envAccess(i)
			if !ok {
				continue
			}
			if p := tr.nodes[i].parent; p >= 0 && tr.nodes[p].kind == kAssign && tr.nodes[i].field == fLeft {
				continue // a write
			}
			an.envs = append(an.envs, envRec{EnvRead: facts.EnvRead{Name: name, Public: publicRead(name, o), Pos: an.pos(i)}, node: i})
		case kDeclarator:
			pat, val := tr.child(i, fName), tr.child(i, fValue)
			if tr.kindOf(pat) != kObjectPattern || val < 0 {
				continue
			}
			o := an.envObject(val)
			if o == notEnv {
				continue
			}
			keys, locals := an.patternKeys(pat)
			for j, k := range keys {
				if o == otherEnv && !upperSnake(k) {
					continue
				}
				an.envs = append(an.envs, envRec{EnvRead: facts.EnvRead{Name: k, Public: publicRead(k, o), Pos: an.pos(locals[j])}, node: locals[j]})
			}
		}
	}
	// $env/static/public and $env/static/private imports are reads.
	var static []binding
	for _, b := range an.bindings {
		switch familyOf(b.norm) {
		case famEnvStaticPublic, famEnvStaticPrivate:
			static = append(static, b)
		}
	}
	sort.Slice(static, func(i, j int) bool { return static[i].node < static[j].node })
	for _, b := range static {
		pub := familyOf(b.norm) == famEnvStaticPublic
		an.envs = append(an.envs, envRec{EnvRead: facts.EnvRead{Name: b.imported, Public: pub, Pos: an.pos(b.node)}, node: b.node})
	}
	sort.SliceStable(an.envs, func(i, j int) bool { return an.envs[i].node < an.envs[j].node })
}

// envAt returns the index in an.envs of the read at node i, or -1.
func (an *analysis) envAt(i int32) int {
	for k := range an.envs {
		if an.envs[k].node == i {
			return k
		}
	}
	return -1
}

// collectHeaders records the Upstash-* request headers the module reads:
// a string literal "Upstash-…" passed to headers.get/has, req.header() or
// req.get(), or used as a subscript (req.headers["upstash-signature"]).
func (an *analysis) collectHeaders() {
	tr := an.tr
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		if tr.nodes[i].kind != kString {
			continue
		}
		s, ok := an.str(i)
		if !ok || len(s) <= len("upstash-") || !strings.EqualFold(s[:len("upstash-")], "upstash-") || !headerToken(s) {
			continue
		}
		read := false
		switch p := tr.parentOf(i); tr.kindOf(p) {
		case kSubscript:
			read = tr.nodes[i].field == fIndex
		case kArguments:
			call := tr.parentOf(p)
			callee := an.unwrap(tr.child(call, fFunction))
			if tr.kindOf(callee) == kMember && tr.firstNamed(p) == i {
				switch tr.text(tr.child(callee, fProperty)) {
				case "get", "has", "header", "getHeader":
					read = true
				}
			}
		}
		if read {
			an.f.Headers = append(an.f.Headers, facts.Header{Name: strings.ToLower(s), Pos: an.pos(i)})
		}
	}
}

// headerToken reports whether s is an HTTP header name.
func headerToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
