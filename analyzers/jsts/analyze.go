//go:build cgo

package jsts

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// span is the node index range [first, end) of one parsed block.
type span struct {
	first, end int32
	client     bool
}

// binding is a local name bound by an import or require.
type binding struct {
	spec     string // as written
	norm     string // normalised (see normSpec)
	imported string // "default", "*" or the exported name
	imp      int    // index into File.Imports
	node     int32  // the local identifier
}

// envRec is an environment read with the node it was read at.
type envRec struct {
	facts.EnvRead
	node int32
}

// analysis is the state of one Analyze call.
type analysis struct {
	ctx      context.Context // stops the parse and the passes after it
	a        *Analyzer
	path     string
	f        *facts.File
	tr       *tree
	spans    []span
	inFn     []bool // inFunction of every node, computed on first use
	findings []rules.Finding

	fileClient facts.Browser      // why the whole file is browser code; NotBrowser when it is not
	bindings   map[string]binding // local name → import
	decls      map[string]int32   // local name → value of its first declaration
	clients    []*clientRec
	aliases    map[string]target // pipeline/multi handle → what it queues on
	factories  map[string]int    // module-level function → the client it returns (index into clients)
	results    map[string]target // const x = f(): what f returns (see resultOf)
	envs       []envRec
	// separateBlocks is true when the script blocks are separate modules
	// (.astro frontmatter and scripts); otherwise they share the module
	// scope (Svelte module and instance scripts, Vue script and setup).
	separateBlocks bool
	// readOnlyLiteral holds the SHA-256 of literal tokens the secrets
	// analyzer decoded as read-only.
	readOnlyLiteral map[string]bool
	// lineStarts are the byte offsets of the file's line starts, built on
	// first use (transport.go).
	lineStarts []int
	// binds counts the bindings of each name in the file (bindCount);
	// subst holds a helper function's parameters while a call of it is
	// expanded (helperURLs).
	binds map[string]int
	subst map[string]substValue
}

func (an *analysis) note(s string) { an.f.Notes = append(an.f.Notes, s) }

// run is the body of Analyze.
func (an *analysis) run(data []byte) {
	if minified(data) {
		an.note(fmt.Sprintf("not parsed: minified file of %d bytes (the secrets analyzer still scans it)", len(data)))
		return
	}
	blocks, lang := plan(an.path, data)
	an.f.Lang = lang
	if ext := strings.ToLower(path.Ext(an.path)); ext == ".html" || ext == ".htm" {
		defer an.htmlScripts(data)
	}
	if len(blocks) == 0 {
		an.fileClient = pathClient(an.path)
		an.f.ClientSide = an.fileClient != facts.NotBrowser
		return
	}
	an.separateBlocks = strings.EqualFold(path.Ext(an.path), ".astro")
	an.parse(data, blocks)
	if an.tr == nil || len(an.tr.nodes) == 0 || an.ctx.Err() != nil {
		return
	}
	an.bindings = map[string]binding{}
	an.decls = map[string]int32{}
	an.aliases = map[string]target{}
	an.results = map[string]target{}
	if _, plain := scriptExts[strings.ToLower(path.Ext(an.path))]; plain {
		an.findDirective()
	}
	an.collect()
	an.fileClient = pathClient(an.path)
	if an.fileClient == facts.NotBrowser {
		for _, imp := range an.f.Imports {
			if imp.Spec == "react-native" {
				an.fileClient = facts.ReactNative
				break
			}
		}
	}
	an.f.ClientSide = an.fileClient != facts.NotBrowser
	for _, s := range an.spans {
		if s.client {
			an.f.ClientSide = true
		}
	}
	an.collectEnv()
	an.collectHeaders()
	an.collectClients()
	an.collectCommands()
	an.collectQStash()
	an.collectRateFacts()
	an.browserFacts()
	an.publicConfigReads()
	for _, c := range an.clients {
		an.f.Clients = append(an.f.Clients, c.c)
	}
	for _, e := range an.envs {
		an.f.EnvReads = append(an.f.EnvReads, e.EnvRead)
	}
	an.transportFacts()
	if isBuildConfig(an.path) {
		an.buildConfig()
	}
	// Clients hold their commands; copy again after the passes filled them.
	for i, c := range an.clients {
		an.f.Clients[i] = c.c
	}
}

// pathClient says why a file is browser code by where it lives, or
// NotBrowser.
func pathClient(p string) facts.Browser {
	lower := strings.ToLower(p)
	base := path.Base(lower)
	ext := path.Ext(base)
	switch ext {
	case ".svelte":
		return facts.SvelteComponent
	case ".vue":
		return facts.VueComponent
	case ".html", ".htm":
		return facts.HTMLPage
	}
	if (strings.HasPrefix(base, "+page.") || strings.HasPrefix(base, "+layout.")) && !strings.Contains(base, ".server.") {
		return facts.SvelteKitUniversal
	}
	if ext == ".js" || ext == ".mjs" || ext == ".cjs" {
		segs := strings.Split(path.Dir(lower), "/")
		for i, seg := range segs {
			switch seg {
			case "public":
				if upstash.IsWebRootPublic(strings.Join(segs[:i+1], "/")) {
					return facts.StaticPublic
				}
			case "static":
				return facts.StaticDir
			}
		}
	}
	return facts.NotBrowser
}

// pos converts node i's start to a facts position (1-based).
func (an *analysis) pos(i int32) facts.Pos {
	n := &an.tr.nodes[i]
	return facts.Pos{Line: int(n.row) + 1, Col: int(n.col) + 1}
}

// spanOf returns the block span holding node i.
func (an *analysis) spanOf(i int32) span {
	for _, s := range an.spans {
		if i >= s.first && i < s.end {
			return s
		}
	}
	return span{}
}

// findDirective reads the directive prologue: string statements before any
// other statement (comments and a hashbang may precede them).
func (an *analysis) findDirective() {
	tr := an.tr
	root := an.spans[0].first
	for c := tr.nodes[root].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kComment, kHashBang, kEmptyStmt:
			continue
		case kExprStmt:
			s := tr.firstNamed(c)
			if tr.kindOf(s) != kString || tr.nodes[s].next >= 0 && tr.kindOf(tr.nodes[s].next) != kComment {
				return
			}
			v, _ := an.str(s)
			if (v == "use client" || v == "use server") && an.f.Directive == "" {
				an.f.Directive = v
				an.f.DirectivePos = an.pos(s)
			}
			continue
		}
		return
	}
}

// str returns the value of a string literal or a template literal without
// substitutions.
func (an *analysis) str(i int32) (string, bool) {
	tr := an.tr
	switch tr.kindOf(i) {
	case kString:
	case kTemplate:
		if tr.firstOfKind(i, kTemplateSubst) >= 0 {
			return "", false
		}
	default:
		return "", false
	}
	var b strings.Builder
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kStringFragment:
			b.WriteString(tr.text(c))
		case kEscape:
			b.WriteString(unescape(tr.text(c)))
		}
	}
	return b.String(), true
}

// templateText returns a template literal's (or a string's) text with
// each substitution replaced by "\x00", so that a URL's literal parts can
// still be read.
func (an *analysis) templateText(i int32) string {
	tr := an.tr
	var b strings.Builder
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kStringFragment:
			b.WriteString(tr.text(c))
		case kEscape:
			b.WriteString(unescape(tr.text(c)))
		case kTemplateSubst:
			b.WriteByte(0)
		}
	}
	return b.String()
}

// unescape decodes one JavaScript escape sequence; unknown ones yield the
// escaped character.
func unescape(e string) string {
	if len(e) < 2 {
		return e
	}
	switch e[1] {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'x', 'u':
		var r rune
		hex := strings.Trim(e[2:], "{}")
		for _, c := range hex {
			switch {
			case c >= '0' && c <= '9':
				r = r*16 + c - '0'
			case c >= 'a' && c <= 'f':
				r = r*16 + c - 'a' + 10
			case c >= 'A' && c <= 'F':
				r = r*16 + c - 'A' + 10
			default:
				return e
			}
		}
		return string(r)
	case '\n', '\r':
		return "" // line continuation
	}
	return e[1:]
}

// collect records imports, exports, requires and declarations in one pass
// over the mirror.
func (an *analysis) collect() {
	tr := an.tr
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		switch tr.nodes[i].kind {
		case kImportStmt:
			an.importStmt(i)
		case kExportStmt:
			an.exportStmt(i)
		case kCall:
			an.requireCall(i)
		case kDeclarator:
			name, val := tr.child(i, fName), tr.child(i, fValue)
			if tr.kindOf(name) == kIdent && val >= 0 {
				if _, seen := an.decls[tr.text(name)]; !seen {
					an.decls[tr.text(name)] = val
				}
			}
		case kAssign:
			an.commonJSExport(i)
		}
	}
}

// addImport appends an import fact and returns its index.
func (an *analysis) addImport(spec string, at int32) int {
	imp := facts.Import{Spec: spec, Pos: an.pos(at)}
	if strings.EqualFold(path.Ext(an.path), ".astro") && !an.spanOf(at).client {
		imp.ServerOnly = true // frontmatter
	}
	an.f.Imports = append(an.f.Imports, imp)
	return len(an.f.Imports) - 1
}

// bind records that local (an identifier node) is `imported` of import k.
func (an *analysis) bind(k int, local int32, imported string) {
	imp := &an.f.Imports[k]
	imp.Names = append(imp.Names, imported)
	imp.Bindings = append(imp.Bindings, facts.Binding{Imported: imported, Local: an.tr.text(local)})
	an.bindings[an.tr.text(local)] = binding{spec: imp.Spec, norm: normSpec(imp.Spec), imported: imported, imp: k, node: local}
}

func (an *analysis) importStmt(i int32) {
	tr := an.tr
	src := tr.child(i, fSource)
	req := tr.firstOfKind(i, kImportRequire)
	if src < 0 && req >= 0 {
		src = tr.child(req, fSource)
	}
	spec, ok := an.str(src)
	if !ok {
		return
	}
	k := an.addImport(spec, i)
	an.f.Imports[k].TypeOnly = tr.firstOfKind(i, kTypeKw) >= 0
	if req >= 0 {
		if id := tr.firstOfKind(req, kIdent); id >= 0 {
			an.bind(k, id, "*") // import x = require("m")
		}
		return
	}
	clause := tr.firstOfKind(i, kImportClause)
	if clause < 0 {
		return
	}
	for c := tr.nodes[clause].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kIdent:
			an.bind(k, c, "default")
		case kNamespaceImport:
			if id := tr.firstOfKind(c, kIdent); id >= 0 {
				an.bind(k, id, "*")
			}
		case kNamedImports:
			for s := tr.nodes[c].first; s >= 0; s = tr.nodes[s].next {
				if tr.nodes[s].kind != kImportSpec {
					continue
				}
				name, alias := tr.child(s, fName), tr.child(s, fAlias)
				imported := tr.text(name)
				if v, ok := an.str(name); ok {
					imported = v
				}
				local := name
				if alias >= 0 {
					local = alias
				}
				if tr.kindOf(local) == kIdent {
					an.bind(k, local, imported)
				}
			}
		}
	}
}

func (an *analysis) addExport(name, local string, at int32) {
	an.f.Exports = append(an.f.Exports, facts.Export{Name: name, Local: local, Pos: an.pos(at)})
}

// addExportFrom records a re-export of module from.
func (an *analysis) addExportFrom(name, local, from string, at int32) {
	an.f.Exports = append(an.f.Exports, facts.Export{Name: name, Local: local, From: from, Pos: an.pos(at)})
}

func (an *analysis) exportStmt(i int32) {
	tr := an.tr
	isDefault := tr.firstOfKind(i, kDefaultKw) >= 0
	if src := tr.child(i, fSource); src >= 0 {
		spec, ok := an.str(src)
		if !ok {
			return
		}
		k := an.addImport(spec, i)
		imp := &an.f.Imports[k]
		imp.TypeOnly = tr.firstOfKind(i, kTypeKw) >= 0
		from := spec
		if clause := tr.firstOfKind(i, kExportClause); clause >= 0 {
			for s := tr.nodes[clause].first; s >= 0; s = tr.nodes[s].next {
				if tr.nodes[s].kind != kExportSpec {
					continue
				}
				name, alias := tr.child(s, fName), tr.child(s, fAlias)
				exported := tr.text(name)
				if alias >= 0 {
					exported = tr.text(alias)
				}
				imp.Names = append(imp.Names, tr.text(name))
				an.addExportFrom(exported, tr.text(name), from, s)
			}
			return
		}
		imp.Names = append(imp.Names, "*")
		if ns := tr.firstOfKind(i, kNamespaceExport); ns >= 0 {
			if id := tr.firstOfKind(ns, kIdent); id >= 0 {
				an.addExportFrom(tr.text(id), "*", from, ns)
				return
			}
		}
		an.addExportFrom("*", "", from, i)
		return
	}
	if decl := tr.child(i, fDeclaration); decl >= 0 {
		switch tr.nodes[decl].kind {
		case kLexicalDecl, kVarDecl:
			for d := tr.nodes[decl].first; d >= 0; d = tr.nodes[d].next {
				if tr.nodes[d].kind != kDeclarator {
					continue
				}
				name := tr.child(d, fName)
				switch tr.kindOf(name) {
				case kIdent:
					an.addExport(tr.text(name), tr.text(name), d)
				case kObjectPattern:
					for _, id := range an.patternNames(name) {
						an.addExport(tr.text(id), tr.text(id), id)
					}
				}
			}
		case kFunction, kClass:
			name := tr.child(decl, fName)
			local := ""
			if name >= 0 {
				local = tr.text(name)
			}
			if isDefault {
				an.addExport("default", local, decl)
			} else if local != "" {
				an.addExport(local, local, decl)
			}
		}
		return
	}
	if v := tr.child(i, fValue); v >= 0 && isDefault {
		local := ""
		if tr.kindOf(v) == kIdent {
			local = tr.text(v)
		}
		an.addExport("default", local, i)
		return
	}
	if clause := tr.firstOfKind(i, kExportClause); clause >= 0 {
		for s := tr.nodes[clause].first; s >= 0; s = tr.nodes[s].next {
			if tr.nodes[s].kind != kExportSpec {
				continue
			}
			name, alias := tr.child(s, fName), tr.child(s, fAlias)
			exported := tr.text(name)
			if alias >= 0 {
				exported = tr.text(alias)
			}
			an.addExport(exported, tr.text(name), s)
		}
	}
}

// patternNames returns the identifiers an object destructuring pattern binds.
func (an *analysis) patternNames(p int32) []int32 {
	tr := an.tr
	var out []int32
	for c := tr.nodes[p].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kShorthandPattern:
			out = append(out, c)
		case kPairPattern:
			if v := tr.child(c, fValue); tr.kindOf(v) == kIdent {
				out = append(out, v)
			}
		}
	}
	return out
}

// patternKeys returns (key, local identifier) pairs of an object pattern.
func (an *analysis) patternKeys(p int32) (keys []string, locals []int32) {
	tr := an.tr
	for c := tr.nodes[p].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kShorthandPattern:
			keys, locals = append(keys, tr.text(c)), append(locals, c)
		case kPairPattern:
			k, v := tr.child(c, fKey), tr.child(c, fValue)
			if tr.kindOf(v) != kIdent {
				continue
			}
			key := tr.text(k)
			if s, ok := an.str(k); ok {
				key = s
			}
			keys, locals = append(keys, key), append(locals, v)
		}
	}
	return keys, locals
}

// requireCall records require("x") and import("x") with the names the
// surrounding declaration binds: const x = require("m") binds the namespace
// "*", const { a } = require("m") binds "a", const a = require("m").a binds
// "a" (and .default "default").
func (an *analysis) requireCall(i int32) {
	tr := an.tr
	callee := tr.child(i, fFunction)
	switch {
	case tr.kindOf(callee) == kIdent && tr.textEq(callee, "require"):
	case tr.kindOf(callee) == kImportKw:
	default:
		return
	}
	arg := tr.firstNamed(tr.child(i, fArguments))
	spec, ok := an.str(arg)
	if !ok {
		return
	}
	k := an.addImport(spec, i)
	// The declaration that receives the module: const x = require("m"),
	// const { a } = await import("m"), const a = require("m").a.
	whole := "*"
	val := i
	up := an.climb(i)
	if tr.kindOf(up) == kMember && tr.child(up, fObject) == an.below(up, i) {
		whole = tr.text(tr.child(up, fProperty))
		val = up
		up = an.climb(up)
	}
	if tr.kindOf(up) != kDeclarator || tr.child(up, fValue) != an.below(up, val) {
		return
	}
	name := tr.child(up, fName)
	switch tr.kindOf(name) {
	case kIdent:
		an.bind(k, name, whole)
	case kObjectPattern:
		if whole != "*" {
			return
		}
		keys, locals := an.patternKeys(name)
		for j := range keys {
			an.bind(k, locals[j], keys[j])
		}
	}
}

// climb returns the nearest ancestor of i that is not a wrapper expression
// (await, parentheses, non-null, as, satisfies, type assertion).
func (an *analysis) climb(i int32) int32 {
	tr := an.tr
	p := tr.parentOf(i)
	for p >= 0 {
		switch tr.nodes[p].kind {
		case kAwait, kParen, kNonNull, kAs, kSatisfies, kTypeAssertion:
			p = tr.nodes[p].parent
			continue
		}
		return p
	}
	return -1
}

// below returns the child of ancestor a on the path to i.
func (an *analysis) below(a, i int32) int32 {
	tr := an.tr
	for i >= 0 && tr.nodes[i].parent != a {
		i = tr.nodes[i].parent
	}
	return i
}

// unwrap skips wrapper expressions down to the expression they wrap.
func (an *analysis) unwrap(i int32) int32 {
	tr := an.tr
	for i >= 0 {
		switch tr.nodes[i].kind {
		case kAwait, kParen, kNonNull, kAs, kSatisfies:
			i = tr.firstNamed(i)
			continue
		case kTypeAssertion: // <T>expr: the expression is the last child
			last := int32(-1)
			for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
				last = c
			}
			i = last
			continue
		}
		return i
	}
	return i
}

// commonJSExport records module.exports = X, module.exports.x = X and
// exports.x = X.
func (an *analysis) commonJSExport(i int32) {
	tr := an.tr
	left, right := tr.child(i, fLeft), an.unwrap(tr.child(i, fRight))
	if tr.kindOf(left) != kMember {
		return
	}
	obj, prop := tr.child(left, fObject), tr.child(left, fProperty)
	switch {
	case an.isModuleExports(left):
		local := ""
		if tr.kindOf(right) == kIdent {
			local = tr.text(right)
		}
		an.addExport("default", local, i)
		if tr.kindOf(right) == kObject {
			for c := tr.nodes[right].first; c >= 0; c = tr.nodes[c].next {
				switch tr.nodes[c].kind {
				case kShorthandProp:
					an.addExport(tr.text(c), tr.text(c), c)
				case kPair:
					key := an.keyName(c)
					v := an.unwrap(tr.child(c, fValue))
					loc := ""
					if tr.kindOf(v) == kIdent {
						loc = tr.text(v)
					}
					if key != "" {
						an.addExport(key, loc, c)
					}
				}
			}
		}
	case tr.kindOf(obj) == kIdent && tr.textEq(obj, "exports") || an.isModuleExports(obj):
		local := ""
		if tr.kindOf(right) == kIdent {
			local = tr.text(right)
		}
		an.addExport(tr.text(prop), local, i)
	}
}

// isModuleExports reports whether i is the expression module.exports.
func (an *analysis) isModuleExports(i int32) bool {
	tr := an.tr
	if tr.kindOf(i) != kMember {
		return false
	}
	obj, prop := tr.child(i, fObject), tr.child(i, fProperty)
	return tr.kindOf(obj) == kIdent && tr.textEq(obj, "module") && tr.textEq(prop, "exports")
}

// keyName returns a pair's key as a string: identifier, string or number
// keys; "" for computed keys.
func (an *analysis) keyName(pair int32) string {
	tr := an.tr
	k := tr.child(pair, fKey)
	switch tr.kindOf(k) {
	case kPropIdent, kIdent, kNumber:
		return tr.text(k)
	case kString:
		s, _ := an.str(k)
		return s
	}
	return ""
}

// pairs returns an object literal's properties by key: the value node of
// each pair, the identifier of a shorthand property, the function of a
// method. Later keys win, as in JavaScript.
func (an *analysis) pairs(obj int32) map[string]int32 {
	tr := an.tr
	out := map[string]int32{}
	if tr.kindOf(obj) != kObject {
		return out
	}
	for c := tr.nodes[obj].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kPair:
			if k := an.keyName(c); k != "" {
				out[k] = tr.child(c, fValue)
			}
		case kShorthandProp:
			out[tr.text(c)] = c
		case kMethodDef:
			if n := tr.child(c, fName); n >= 0 {
				out[tr.text(n)] = c
			}
		}
	}
	return out
}

// get returns p[key], or -1 when the key is absent.
func get(p map[string]int32, key string) int32 {
	if v, ok := p[key]; ok {
		return v
	}
	return -1
}

// resolveObject follows an identifier to the object literal it was declared
// with in this file (const opts = {...}); other expressions are returned
// unwrapped.
func (an *analysis) resolveObject(i int32) int32 {
	if i < 0 {
		return -1
	}
	for depth := 0; depth < 3; depth++ {
		i = an.unwrap(i)
		if an.tr.kindOf(i) != kIdent && an.tr.kindOf(i) != kShorthandProp {
			return i
		}
		v, ok := an.decls[an.tr.text(i)]
		if !ok {
			return i
		}
		i = v
	}
	return an.unwrap(i)
}
