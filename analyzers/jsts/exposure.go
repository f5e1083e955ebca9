//go:build cgo

package jsts

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// browserFacts fills the exposure facts of the file's clients and env
// reads (analyzers/exposure decides UPS202 from them): where each ends, and
// why the code around it runs in the browser by where it is.
func (an *analysis) browserFacts() {
	for _, c := range an.clients {
		c.c.End = an.endOf(c.node)
		c.c.Browser = an.browserOf(c.node)
	}
	for i := range an.envs {
		e := &an.envs[i]
		e.End = an.endOf(e.node)
		e.Browser = an.browserOf(e.node)
	}
}

// publicConfigReads records the reads of Nuxt's public runtime config
// (facts.PublicConfigRead): a member read X.public.key where X is
// useRuntimeConfig(), a name bound to it, or $config (this.$config).
func (an *analysis) publicConfigReads() {
	tr := an.tr
	bound := map[string]bool{"$config": true}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		if tr.nodes[i].kind != kDeclarator {
			continue
		}
		if n := tr.child(i, fName); tr.kindOf(n) == kIdent && an.isRuntimeConfigCall(tr.child(i, fValue)) {
			bound[tr.text(n)] = true
		}
	}
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		if tr.nodes[i].kind != kMember {
			continue
		}
		obj := an.unwrap(tr.child(i, fObject))
		if tr.kindOf(obj) != kMember || !tr.textEq(tr.child(obj, fProperty), "public") {
			continue
		}
		root := an.unwrap(tr.child(obj, fObject))
		switch {
		case an.isRuntimeConfigCall(root):
		case tr.kindOf(root) == kIdent && bound[tr.text(root)]:
		case tr.kindOf(root) == kMember && tr.textEq(tr.child(root, fProperty), "$config"):
		default:
			continue
		}
		an.f.PublicConfigReads = append(an.f.PublicConfigReads, facts.PublicConfigRead{
			Key: tr.text(tr.child(i, fProperty)), Pos: an.pos(i), End: an.endOf(i), Browser: an.browserOf(i)})
	}
}

// isRuntimeConfigCall reports whether i is a call of Nuxt's
// useRuntimeConfig() (awaited or not).
func (an *analysis) isRuntimeConfigCall(i int32) bool {
	tr := an.tr
	i = an.unwrap(i)
	if tr.kindOf(i) != kCall {
		return false
	}
	fn := an.unwrap(tr.child(i, fFunction))
	return tr.kindOf(fn) == kIdent && tr.textEq(fn, "useRuntimeConfig")
}

// endOf returns the position of the last byte of node i (its start for an
// empty node).
func (an *analysis) endOf(i int32) facts.Pos {
	n := &an.tr.nodes[i]
	p := an.pos(i)
	if n.end <= n.start {
		return p
	}
	seg := an.tr.src[n.start : n.end-1]
	if nl := strings.Count(string(seg), "\n"); nl > 0 {
		return facts.Pos{Line: p.Line + nl, Col: len(seg) - strings.LastIndexByte(string(seg), '\n')}
	}
	return facts.Pos{Line: p.Line, Col: p.Col + len(seg)}
}

// browserOf says why node i runs in the browser by where it is: the file's
// convention, or its client <script> block. A "use client" directive is
// File.Directive instead.
func (an *analysis) browserOf(i int32) facts.Browser {
	if an.fileClient != facts.NotBrowser {
		return an.fileClient
	}
	if an.spanOf(i).client {
		if strings.EqualFold(path.Ext(an.path), ".astro") {
			return facts.AstroScript
		}
		return facts.ClientScript
	}
	return facts.NotBrowser
}

// scriptSrc matches the src attribute of a <script> tag.
var scriptSrc = regexp.MustCompile(`(?is)<script\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)

// htmlScripts records the local scripts an HTML page loads (`<script
// src="js/app.js">`) as imports of the page, so that the module graph
// treats them as code the page runs in the browser. Remote scripts
// (https:, //cdn…) and data: URLs are not files of the project; a
// root-relative src ("/js/app.js") is taken relative to the page's
// directory, where static sites keep their pages.
func (an *analysis) htmlScripts(data []byte) {
	for _, m := range scriptSrc.FindAllSubmatchIndex(data, 64) {
		var src string
		for g := 1; g <= 3; g++ {
			if m[2*g] >= 0 {
				src = string(data[m[2*g]:m[2*g+1]])
				break
			}
		}
		src = strings.TrimSpace(src)
		if i := strings.IndexAny(src, "?#"); i >= 0 {
			src = src[:i]
		}
		lower := strings.ToLower(src)
		if src == "" || strings.Contains(lower, "://") || strings.HasPrefix(lower, "//") || strings.HasPrefix(lower, "data:") || strings.Contains(src, "{") {
			continue
		}
		spec := "./" + strings.TrimPrefix(strings.TrimPrefix(src, "./"), "/")
		line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
		col := m[0] - bytes.LastIndexByte(data[:m[0]], '\n')
		an.f.Imports = append(an.f.Imports, facts.Import{Spec: spec, Pos: facts.Pos{Line: line, Col: col}})
	}
}
