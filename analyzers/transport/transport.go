// Package transport is the rule pass of the transport family: it decides
// UPS301 (plaintext URL to an Upstash host), UPS302 (TLS verification
// disabled) and UPS303 (TCP client to an Upstash host without TLS) from a
// file's facts, whatever language the file is in, and owns their messages,
// severities and content keys.
//
// The front-ends (jsts, python, golang, configs) extract the facts
// (facts.File.URLs, WeakTLS, TCP); internal/scan runs Check on every file's
// facts, and the Go analyzers run it inside go/analysis (analyzers/golang),
// so the CLI, go vet and golangci-lint give one answer. Which hosts count
// (upstash.IsServiceHost: console/docs web sites and Fly.io's private fly-*
// hosts do not) and which env names say Upstash come from package upstash.
package transport

import (
	"fmt"
	"slices"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Rule IDs this pass decides (registered in rules/transport.go).
const (
	PlaintextURL = "UPS301" // plaintext URL (redis://, http://) to an Upstash host
	TLSVerify    = "UPS302" // TLS verification disabled
	NoTLS        = "UPS303" // TCP client to an Upstash host without TLS
)

// Check returns the transport findings of one file, sorted with
// rules.Less: UPS301 and UPS302 for each URL fact, UPS302 for each weak TLS
// option with evidence of Upstash (or that applies to the whole process),
// UPS303 for each TCP client without TLS whose host is Upstash's. Severity
// is the catalogue's (high) when the host is a literal Upstash service host
// or the client an Upstash SDK, medium when only an env variable's name
// says Upstash. Each finding's fingerprint is set from its content key (no
// line numbers); its path is f.Path. f may be nil.
func Check(f *facts.File) []rules.Finding {
	if f == nil {
		return nil
	}
	c := &checker{path: f.Path}
	for _, u := range f.URLs {
		c.url(u)
	}
	for _, w := range f.WeakTLS {
		c.weakTLS(w)
	}
	for _, t := range f.TCP {
		c.tcp(t)
	}
	slices.SortStableFunc(c.out, rules.Compare)
	return slices.CompactFunc(c.out, func(a, b rules.Finding) bool {
		return a.RuleID == b.RuleID && a.Line == b.Line && a.Col == b.Col && a.Message == b.Message
	})
}

// checker collects the findings of one file.
type checker struct {
	path string
	out  []rules.Finding
}

// add records a finding of rule id at [pos, end] with its content key.
func (c *checker) add(id string, sev rules.Severity, pos, end facts.Pos, msg, key string, related ...rules.Location) {
	f := rules.Finding{RuleID: id, Severity: sev, Path: c.path, Line: pos.Line, Col: pos.Col, Message: msg, Related: related}
	f.EndLine, f.EndCol = end.Line, end.Col
	if end.Line < pos.Line || end.Line == pos.Line && end.Col < pos.Col {
		f.EndLine, f.EndCol = pos.Line, pos.Col
	}
	f.SetKey(key)
	c.out = append(c.out, f)
}

// at is a related location in the file.
func (c *checker) at(p facts.Pos, msg string) []rules.Location {
	if p.Line == 0 {
		return nil
	}
	return []rules.Location{{Path: c.path, Line: p.Line, Col: p.Col, Message: msg}}
}

// severity is the catalogue's severity of rule id (High for this family).
func severity(id string) rules.Severity {
	if r := rules.Lookup(id); r != nil {
		return r.Severity
	}
	return rules.High
}

// url reports a plaintext scheme (UPS301) or a rediss:// URL whose query
// turns certificate or host-name verification off (UPS302).
func (c *checker) url(u facts.URL) {
	if !upstash.IsServiceHost(u.Host) {
		return
	}
	switch {
	case upstash.IsPlaintextScheme(u.Scheme):
		what := "the password and every command travel unencrypted"
		if u.Scheme == "http" {
			what = "the REST token in the Authorization header and every request travel unencrypted"
		}
		msg := fmt.Sprintf("Plaintext %s:// URL to Upstash host %s: %s; use %s://", u.Scheme, u.Host, what, upstash.SecureScheme(u.Scheme))
		c.add(PlaintextURL, severity(PlaintextURL), u.Pos, u.End, msg, u.Scheme+"://"+u.Host)
	case upstash.IsNoVerifyCertReqs(u.CertReqs):
		msg := fmt.Sprintf("%s:// URL to Upstash host %s sets ssl_cert_reqs=%s: the server certificate is not verified, so anyone on the network path can impersonate the database and read the password; remove the parameter",
			u.Scheme, u.Host, u.CertReqs)
		c.add(TLSVerify, severity(TLSVerify), u.Pos, u.End, msg, u.Scheme+"://"+u.Host+"?ssl_cert_reqs="+u.CertReqs)
	case upstash.IsNoVerifyCheckHostname(u.CheckHostname):
		msg := fmt.Sprintf("%s:// URL to Upstash host %s sets ssl_check_hostname=%s: any valid certificate is accepted, whoever it was issued to, so anyone on the network path with one can impersonate the database and read the password; remove the parameter",
			u.Scheme, u.Host, u.CheckHostname)
		c.add(TLSVerify, severity(TLSVerify), u.Pos, u.End, msg, u.Scheme+"://"+u.Host+"?ssl_check_hostname="+u.CheckHostname)
	}
}

// weakTLS reports an option that turns certificate verification off
// (UPS302): always when it applies to the whole process, otherwise when the
// evidence says the connection goes to Upstash.
func (c *checker) weakTLS(w facts.WeakTLS) {
	opt := w.Option
	if w.On != "" {
		opt += " (" + w.On + ")"
	}
	if w.Process {
		sev, also := severity(TLSVerify), ""
		if w.DevOnly {
			sev, also = rules.Medium, " (in a development or test file, where it still hides a broken certificate chain)"
		}
		msg := fmt.Sprintf("%s turns off TLS certificate verification for every connection of the Node.js process, Upstash's included%s: anyone on the network path can impersonate the server and read the tokens; remove it", w.Option, also)
		c.add(TLSVerify, sev, w.Pos, w.End, msg, w.Option)
		return
	}
	ev := w.Evidence
	switch {
	case ev.Host != "":
		if !upstash.IsServiceHost(ev.Host) {
			return // another host, Upstash's web site or Fly.io's private network
		}
		msg := fmt.Sprintf("%s turns off TLS certificate verification for the connection to Upstash host %s: anyone on the network path can impersonate the database and read the credentials; remove it", opt, ev.Host)
		c.add(TLSVerify, severity(TLSVerify), w.Pos, w.End, msg, w.Option+" "+w.On+" "+ev.Host, c.at(ev.Pos, "Upstash host")...)
	case ev.SDK != "":
		msg := fmt.Sprintf("%s turns off TLS certificate verification for a client of %s, which connects only to Upstash: anyone on the network path can impersonate Upstash and read the credentials; remove it", opt, ev.SDK)
		c.add(TLSVerify, severity(TLSVerify), w.Pos, w.End, msg, w.Option+" "+w.On+" "+ev.SDK)
	case ev.Env != "" && upstash.IsUpstashEnvName(ev.Env):
		msg := fmt.Sprintf("%s turns off TLS certificate verification for a connection whose host comes from %s, by its name an Upstash database: anyone on the network path could impersonate it and read the credentials; remove it", opt, ev.Env)
		c.add(TLSVerify, rules.Medium, w.Pos, w.End, msg, w.Option+" "+w.On+" "+ev.Env, c.at(ev.Pos, "host read from "+ev.Env)...)
	case ev.Comment:
		msg := fmt.Sprintf("%s turns off TLS certificate verification for a connection that a comment next to it says is to Upstash: anyone on the network path could impersonate the database and read the credentials; remove it", opt)
		c.add(TLSVerify, rules.Medium, w.Pos, w.End, msg, w.Option+" "+w.On+" comment", c.at(ev.Pos, "comment naming Upstash")...)
	}
}

// tcp reports a TCP client configured with an Upstash host and no TLS
// (UPS303). A client whose TLS state upscan cannot read is not reported.
func (c *checker) tcp(t facts.TCPClient) {
	if t.TLS != facts.TLSDefault && t.TLS != facts.TLSOff {
		return
	}
	how := "without TLS"
	if t.TLS == facts.TLSOff {
		how = "with TLS turned off"
	}
	fix := upstash.TLSFix(t.Library)
	var related []rules.Location
	if t.Client != (facts.Pos{}) && t.Client != t.Pos {
		related = c.at(t.Client, "client constructed here")
	}
	h := t.Host
	switch {
	case h.Origin == facts.Literal && upstash.IsServiceHost(h.Host):
		msg := fmt.Sprintf("%s client connects to Upstash host %s %s: the password and every command travel unencrypted; %s", t.Library, h.Host, how, fix)
		c.add(NoTLS, severity(NoTLS), t.Pos, t.End, msg, t.Library+" "+h.Host+" "+how, append(c.at(h.Pos, "host"), related...)...)
	case h.Origin == facts.FromEnv && upstash.IsUpstashHostEnvName(h.Env):
		msg := fmt.Sprintf("%s client connects %s to the host in %s, by its name an Upstash database: the password and every command would travel unencrypted; %s", t.Library, how, h.Env, fix)
		c.add(NoTLS, rules.Medium, t.Pos, t.End, msg, t.Library+" "+h.Env+" "+how, append(c.at(h.Pos, "host read from "+h.Env), related...)...)
	}
}
