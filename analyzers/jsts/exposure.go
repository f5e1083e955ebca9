//go:build cgo

package jsts

import (
	"path"
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
