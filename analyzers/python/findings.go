package python

import (
	"regexp"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Rule IDs this analyzer reports. The rules are registered in
// rules/transport.go; severities are decided here, per finding.
const (
	rulePlaintextURL = "UPS301" // plaintext URL (redis://, http://) to an Upstash host
	ruleTLSVerify    = "UPS302" // TLS verification disabled
	ruleNoTLS        = "UPS303" // TCP client to an Upstash host without TLS
)

// plainURL finds redis:// and http:// URLs to Upstash hosts in string text:
// group 1 is the scheme, group 2 the host. rediss:// and https:// do not
// match (the scheme must be followed by "://" at once).
var plainURL = regexp.MustCompile(`(?i)\b(redis|http)://(?:[^\s/@'"]*@)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.upstash\.io)\b`)

// secureURL finds rediss:// URLs to Upstash hosts, to read their query.
var secureURL = regexp.MustCompile(`(?i)\brediss://(?:[^\s/@'"]*@)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.upstash\.io)(?::\d+)?(?:/\d*)?\?([^\s'"#]*)`)

// certNone matches a query that turns certificate verification off.
var certNone = regexp.MustCompile(`(?i)(?:^|&)ssl_cert_reqs=(?:none|cert_none)(?:&|$)`)

// isDocstring reports whether a string node is a bare string statement
// (a docstring or a no-op): text there documents, it does not connect.
func isDocstring(n *sitter.Node) bool {
	p := n.Parent()
	return p != nil && p.Kind() == "expression_statement" && p.NamedChildCount() == 1
}

// stringURLs reports UPS301 for plaintext Upstash URLs in a string literal
// and UPS302 for rediss:// Upstash URLs whose query disables verification.
func (w *walker) stringURLs(n *sitter.Node) {
	start := int(n.StartByte())
	s := w.text(n)
	if len(s) < 16 || !strings.Contains(strings.ToLower(s), "upstash.io") || isDocstring(n) {
		return
	}
	for _, m := range plainURL.FindAllStringSubmatchIndex(s, -1) {
		scheme, host := strings.ToLower(s[m[2]:m[3]]), strings.ToLower(s[m[4]:m[5]])
		if upstash.IsFlyHost(host) {
			continue
		}
		f := rules.Finding{
			RuleID: rulePlaintextURL, Severity: rules.High, Path: w.path,
		}
		p, e := w.posAt(start+m[0]), w.posAt(start+m[1]-1)
		f.Line, f.Col, f.EndLine, f.EndCol = p.Line, p.Col, e.Line, e.Col
		if scheme == "redis" {
			f.Message = "Plaintext redis:// URL to Upstash host " + host + ": the password and every command travel unencrypted; use rediss://"
		} else {
			f.Message = "Plaintext http:// URL to Upstash host " + host + ": the REST token travels unencrypted in the Authorization header; use https://"
		}
		f.SetKey(scheme + "://" + host)
		w.findings = append(w.findings, f)
	}
	for _, m := range secureURL.FindAllStringSubmatchIndex(s, -1) {
		host, query := strings.ToLower(s[m[2]:m[3]]), s[m[4]:m[5]]
		if !certNone.MatchString(query) {
			continue
		}
		f := rules.Finding{
			RuleID: ruleTLSVerify, Severity: rules.High, Path: w.path,
			Message: "rediss:// URL to Upstash host " + host + " sets ssl_cert_reqs=none: the certificate is not verified, so anyone on the path can impersonate the database and read the password; remove the parameter",
		}
		p, e := w.posAt(start+m[0]), w.posAt(start+m[1]-1)
		f.Line, f.Col, f.EndLine, f.EndCol = p.Line, p.Col, e.Line, e.Col
		f.SetKey("rediss://" + host + "?ssl_cert_reqs=none")
		w.findings = append(w.findings, f)
	}
}

// clientFindings reports UPS302 (verification disabled by a keyword option)
// and UPS303 (redis-py TCP client to an Upstash host without TLS).
func (w *walker) clientFindings(c *client) {
	callee := "Redis client " + w.text(c.call.ChildByFieldName("function")) + "()"
	constructed := rules.Location{Path: w.path, Line: c.Pos.Line, Col: c.Pos.Col, Message: "client constructed here"}
	onUpstash := upstash.IsServiceHost(c.host)

	for _, o := range c.insecure {
		if k := o.node.Kind(); k == "string" || k == "concatenated_string" {
			continue // a URL query: reported by stringURLs
		}
		f := rules.Finding{RuleID: ruleTLSVerify, Path: w.path, Related: []rules.Location{constructed}}
		switch {
		case onUpstash:
			f.Severity = rules.High
			f.Message = callee + " to Upstash host " + c.host + " sets " + o.text +
				": the server certificate is not verified, so anyone on the path can impersonate the database; remove the option"
		case c.host != "":
			continue // a literal host that is not Upstash's
		case w.upstashy || upstash.IsUpstashEnvName(c.URL.Env):
			f.Severity = rules.Medium
			f.Message = callee + " sets " + o.text + ": the server certificate is not verified; the host " + hostOrigin(c) +
				" is not literal, so this is an Upstash database only if the file's Upstash use suggests it; remove the option"
		default:
			continue
		}
		p, e := w.pos(o.node), w.endPos(o.node)
		f.Line, f.Col, f.EndLine, f.EndCol = p.Line, p.Col, e.Line, e.Col
		f.SetKey(callee + " " + o.text + " " + c.host)
		w.findings = append(w.findings, f)
	}

	if c.tls != tlsOff || (c.style != styleTCPHost && c.style != styleTCPAddr) || c.hostV.Origin == facts.Absent {
		return
	}
	// A host read from an env var named for Upstash (UPSTASH_REDIS_HOST)
	// is an Upstash database by its name: reported, less sure.
	envHost := c.hostV.Origin == facts.FromEnv && strings.Contains(strings.ToUpper(c.hostV.Env), "UPSTASH") &&
		!strings.Contains(strings.ToUpper(c.hostV.Env), "FLY")
	if !onUpstash && !envHost {
		return
	}
	f := rules.Finding{RuleID: ruleNoTLS, Severity: rules.High, Path: w.path}
	if !onUpstash {
		f.Severity = rules.Medium
		at := c.call
		if c.sslFalse != nil {
			at = c.sslFalse
		}
		f.Message = callee + " connects without TLS (no ssl=True) to the host in " + c.hostV.Env +
			", by its name an Upstash database: the password and every command would travel unencrypted; set ssl=True"
		p, e := w.pos(at), w.endPos(at)
		f.Line, f.Col, f.EndLine, f.EndCol = p.Line, p.Col, e.Line, e.Col
		f.SetKey(callee + " " + c.hostV.Env + " no-tls")
		w.findings = append(w.findings, f)
		return
	}
	at := c.call
	if c.sslFalse != nil {
		at = c.sslFalse
		f.Message = callee + " connects to Upstash host " + c.host + " with ssl=False: the password and every command travel unencrypted; set ssl=True"
		f.Related = []rules.Location{constructed}
	} else {
		f.Message = callee + " connects to Upstash host " + c.host + " without ssl=True (redis-py's default is no TLS): the password and every command travel unencrypted; set ssl=True"
	}
	p, e := w.pos(at), w.endPos(at)
	f.Line, f.Col, f.EndLine, f.EndCol = p.Line, p.Col, e.Line, e.Col
	f.SetKey(callee + " " + c.host + " no-tls")
	w.findings = append(w.findings, f)
}

// hostOrigin says where a non-literal host comes from, for messages.
func hostOrigin(c *client) string {
	if c.URL.Env != "" {
		return "comes from " + c.URL.Env
	}
	return "is computed"
}
