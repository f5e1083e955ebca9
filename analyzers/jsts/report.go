package jsts

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// finding builds a finding at node i (start and end positions).
func (an *analysis) finding(id string, sev rules.Severity, i int32, msg string) rules.Finding {
	n := &an.tr.nodes[i]
	f := rules.Finding{RuleID: id, Severity: sev, Path: an.path, Line: int(n.row) + 1, Col: int(n.col) + 1, Message: msg}
	f.EndLine, f.EndCol = an.endPos(n.start, n.end, f.Line, f.Col)
	return f
}

// endPos returns the 1-based line and column of the last byte of
// src[start:end], given the position of start.
func (an *analysis) endPos(start, end uint32, line, col int) (int, int) {
	if end <= start {
		return line, col
	}
	seg := an.tr.src[start : end-1]
	if nl := strings.Count(string(seg), "\n"); nl > 0 {
		last := strings.LastIndexByte(string(seg), '\n')
		return line + nl, len(seg) - last
	}
	return line, col + len(seg)
}

// loc is a related location at node i.
func (an *analysis) loc(i int32, msg string) rules.Location {
	n := &an.tr.nodes[i]
	return rules.Location{Path: an.path, Line: int(n.row) + 1, Col: int(n.col) + 1, Message: msg}
}

// locAt is a related location at a fact position.
func (an *analysis) locAt(p facts.Pos, msg string) rules.Location {
	return rules.Location{Path: an.path, Line: p.Line, Col: p.Col, Message: msg}
}

// add appends a finding with its fingerprint from content (or the secret).
func (an *analysis) add(f rules.Finding, content string) {
	f.SetKey(content)
	an.findings = append(an.findings, f)
}

// productName is a product's name in messages.
func productName(p facts.Product) string {
	switch p {
	case facts.Redis:
		return "Upstash Redis"
	case facts.RedisTCP:
		return "Redis"
	case facts.QStash:
		return "QStash"
	case facts.QStashReceiver:
		return "QStash receiver"
	case facts.Vector:
		return "Upstash Vector"
	case facts.Search:
		return "Upstash Search"
	case facts.Ratelimit:
		return "rate limiter"
	}
	return string(p)
}
