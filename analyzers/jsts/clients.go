//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/upstash"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// style is how a constructor takes its options.
type style uint8

const (
	styleREST      style = iota // new Redis({url, token}), kv createClient({url, token})
	styleFromEnv                // Redis.fromEnv(), Index.fromEnv(): SDK default env names
	styleIndex                  // new Index(), new Search(): options optional, default env names
	styleQStash                 // new Client({token, baseUrl}); QSTASH_TOKEN by default
	styleReceiver               // new Receiver({currentSigningKey, nextSigningKey})
	styleRatelimit              // new Ratelimit({redis, limiter})
	styleIORedis                // new Redis(url | port, host | {host, port, password, tls})
	styleIOCluster              // new Redis.Cluster([{host, port}], {redisOptions})
	styleNodeRedis              // createClient({url, password, socket: {host, tls}})
	styleVercelKV               // import { kv } from "@vercel/kv"
)

// ctor is a recognised client constructor call.
type ctor struct {
	product facts.Product
	sdk     string
	style   style
}

// clientRec is a client fact with what the later passes need.
type clientRec struct {
	c     facts.Client
	node  int32 // the new/call expression (or the import specifier for @vercel/kv)
	scope int32 // node whose range the Var is visible in
	opts  int32 // the options object, or -1
	args  int32 // the arguments node, or -1
	tls   tlsState
	host  facts.Value // TCP host (literal or env), for UPS303
}

// tlsState is what a TCP client's options say about TLS.
type tlsState uint8

const (
	tlsUnset tlsState = iota
	tlsOn
	tlsOff     // tls: false
	tlsUnknown // no tls key, but a spread (...opts) that may hold one
)

// match maps an SDK family and an imported name to a constructor.
func match(fam family, name string, isNew bool) (facts.Product, style, bool) {
	switch fam {
	case famUpstashRedis:
		if isNew && name == "Redis" {
			return facts.Redis, styleREST, true
		}
	case famVercelKV:
		if !isNew && name == "createClient" {
			return facts.Redis, styleREST, true
		}
	case famIORedis:
		if isNew {
			switch name {
			case "default", "*", "Redis":
				return facts.RedisTCP, styleIORedis, true
			case "Cluster":
				return facts.RedisTCP, styleIOCluster, true
			}
		}
	case famNodeRedis:
		if !isNew && (name == "createClient" || name == "createCluster") {
			return facts.RedisTCP, styleNodeRedis, true
		}
	case famQStash:
		if isNew && name == "Client" {
			return facts.QStash, styleQStash, true
		}
		if isNew && name == "Receiver" {
			return facts.QStashReceiver, styleReceiver, true
		}
	case famWorkflow:
		if isNew && name == "Client" {
			return facts.QStash, styleQStash, true
		}
	case famVector:
		if isNew && name == "Index" {
			return facts.Vector, styleIndex, true
		}
	case famSearch:
		if isNew && name == "Search" {
			return facts.Search, styleIndex, true
		}
	case famRatelimit:
		if isNew && (name == "Ratelimit" || name == "MultiRegionRatelimit") {
			return facts.Ratelimit, styleRatelimit, true
		}
	}
	return "", 0, false
}

// fromEnvProduct maps Class.fromEnv() to its product.
func fromEnvProduct(fam family, class string) (facts.Product, bool) {
	switch {
	case fam == famUpstashRedis && class == "Redis":
		return facts.Redis, true
	case fam == famVector && class == "Index":
		return facts.Vector, true
	case fam == famSearch && class == "Search":
		return facts.Search, true
	}
	return "", false
}

// ctorOf recognises a new/call expression as a client constructor.
func (an *analysis) ctorOf(i int32) (ctor, bool) {
	tr := an.tr
	isNew := tr.nodes[i].kind == kNew
	var callee int32
	if isNew {
		callee = an.unwrap(tr.child(i, fConstructor))
	} else {
		callee = an.unwrap(tr.child(i, fFunction))
	}
	switch tr.kindOf(callee) {
	case kIdent:
		name := tr.text(callee)
		b, ok := an.bindings[name]
		if !ok {
			return ctor{}, false
		}
		if p, st, ok := match(familyOf(b.norm), b.imported, isNew); ok {
			return ctor{product: p, sdk: b.spec, style: st}, true
		}
	case kMember:
		obj, prop := an.unwrap(tr.child(callee, fObject)), tr.child(callee, fProperty)
		pname := tr.text(prop)
		if tr.kindOf(obj) == kIdent {
			b, bound := an.bindings[tr.text(obj)]
			if bound {
				fam := familyOf(b.norm)
				if !isNew && pname == "fromEnv" {
					if p, ok := fromEnvProduct(fam, b.imported); ok {
						return ctor{product: p, sdk: b.spec, style: styleFromEnv}, true
					}
				}
				if b.imported == "*" || b.imported == "default" {
					if p, st, ok := match(fam, pname, isNew); ok {
						return ctor{product: p, sdk: b.spec, style: st}, true
					}
				}
				if fam == famIORedis && isNew && pname == "Cluster" {
					return ctor{product: facts.RedisTCP, sdk: b.spec, style: styleIOCluster}, true
				}
			} else if !isNew && pname == "fromEnv" && tr.textEq(obj, "Redis") {
				// Redis.fromEnv() with the import out of sight (a
				// syntax error, a global): fromEnv is Upstash's.
				return ctor{product: facts.Redis, style: styleFromEnv}, true
			}
		}
		// new upstash.Redis.fromEnv-like chains through a namespace:
		// upstash.Redis.fromEnv().
		if !isNew && pname == "fromEnv" && tr.kindOf(obj) == kMember {
			ns, cls := an.unwrap(tr.child(obj, fObject)), tr.child(obj, fProperty)
			if tr.kindOf(ns) == kIdent {
				if b, ok := an.bindings[tr.text(ns)]; ok && (b.imported == "*" || b.imported == "default") {
					if p, ok := fromEnvProduct(familyOf(b.norm), tr.text(cls)); ok {
						return ctor{product: p, sdk: b.spec, style: styleFromEnv}, true
					}
				}
			}
		}
	}
	return ctor{}, false
}

// collectClients finds every client construction and the variable it is
// bound to.
func (an *analysis) collectClients() {
	tr := an.tr
	// @vercel/kv's kv export is a ready client.
	for local, b := range an.bindings {
		if familyOf(b.norm) == famVercelKV && (b.imported == "kv" || b.imported == "default") {
			_ = local
			an.clients = append(an.clients, &clientRec{
				c: facts.Client{Product: facts.Redis, SDK: b.spec, Var: tr.text(b.node), Default: true,
					URL: facts.Value{Origin: facts.Absent}, Token: facts.Value{Origin: facts.Absent}, Pos: an.pos(b.node)},
				node: b.node, scope: fileScope, opts: -1, args: -1,
			})
		}
	}
	sortClients(an.clients)
	for i := int32(0); i < int32(len(tr.nodes)); i++ {
		k := tr.nodes[i].kind
		if k != kNew && k != kCall {
			continue
		}
		c, ok := an.ctorOf(i)
		if !ok {
			continue
		}
		rec := &clientRec{node: i, opts: -1, args: tr.child(i, fArguments)}
		rec.c = facts.Client{Product: c.product, SDK: c.sdk, Pos: an.pos(i),
			URL: facts.Value{Origin: facts.Absent}, Token: facts.Value{Origin: facts.Absent}}
		an.options(rec, c.style)
		rec.c.Var, rec.scope = an.bindVar(i)
		an.clients = append(an.clients, rec)
	}
}

func sortClients(cs []*clientRec) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].node < cs[j-1].node; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// args returns the argument expressions of a call's arguments node.
func (an *analysis) argList(args int32) []int32 {
	tr := an.tr
	var out []int32
	if args < 0 {
		return nil
	}
	for c := tr.nodes[args].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind == kComment {
			continue
		}
		out = append(out, c)
	}
	return out
}

// options reads a constructor's arguments into the client fact.
func (an *analysis) options(rec *clientRec, st style) {
	tr := an.tr
	args := an.argList(rec.args)
	first := int32(-1)
	if len(args) > 0 {
		first = an.resolveObject(args[0])
	}
	c := &rec.c
	switch st {
	case styleFromEnv:
		c.Default = true
	case styleREST:
		if first < 0 {
			return
		}
		if tr.kindOf(first) != kObject {
			c.URL.Origin, c.Token.Origin = facts.Unknown, facts.Unknown
			c.URL.Pos, c.Token.Pos = an.pos(first), an.pos(first)
			return
		}
		rec.opts = first
		p := an.pairs(first)
		c.URL = an.valueAt(p, "url", false)
		c.Token = an.valueAt(p, "token", true)
	case styleIndex, styleQStash:
		urlKey := "url"
		if st == styleQStash {
			urlKey = "baseUrl"
		}
		if tr.kindOf(first) == kObject {
			rec.opts = first
			p := an.pairs(first)
			c.URL = an.valueAt(p, urlKey, false)
			c.Token = an.valueAt(p, "token", true)
			if v, ok := p["devMode"]; ok && st == styleQStash && tr.kindOf(v) == kTrue {
				c.Local = true
			}
		} else if first >= 0 {
			c.URL.Origin, c.Token.Origin = facts.Unknown, facts.Unknown
			c.URL.Pos, c.Token.Pos = an.pos(first), an.pos(first)
		}
		c.Default = first < 0 || c.Token.Origin == facts.Absent
	case styleReceiver:
		if tr.kindOf(first) == kObject {
			rec.opts = first
			c.Token = an.valueAt(an.pairs(first), "currentSigningKey", true)
		}
		c.Default = c.Token.Origin == facts.Absent
	case styleRatelimit:
		if tr.kindOf(first) == kObject {
			rec.opts = first
		}
	case styleIORedis:
		an.ioredisOptions(rec, args)
	case styleIOCluster:
		if len(args) > 0 {
			if nodes := an.resolveObject(args[0]); tr.kindOf(nodes) == kArray {
				if n := an.resolveObject(tr.firstNamed(nodes)); tr.kindOf(n) == kObject {
					if h, ok := an.pairs(n)["host"]; ok {
						rec.host = an.hostValue(h)
						c.URL = rec.host
					}
				} else if n >= 0 {
					c.URL = an.valueOf(n, false)
				}
			}
		}
		if len(args) > 1 {
			if o := an.resolveObject(args[1]); tr.kindOf(o) == kObject {
				rec.opts = o
				p := an.pairs(o)
				ro := an.resolveObject(get(p, "redisOptions"))
				if tr.kindOf(ro) == kObject {
					rp := an.pairs(ro)
					c.Token = an.valueAt(rp, "password", true)
					rec.tls = an.tlsOf(rp, "tls")
				}
				if rec.tls == tlsUnset {
					rec.tls = an.tlsOf(p, "tls")
				}
			}
		}
		an.urlTLS(rec)
	case styleNodeRedis:
		if tr.kindOf(first) != kObject {
			if first >= 0 {
				c.URL.Origin, c.URL.Pos = facts.Unknown, an.pos(first)
			}
			return
		}
		rec.opts = first
		p := an.pairs(first)
		if rn := an.resolveObject(get(p, "rootNodes")); tr.kindOf(rn) == kArray { // createCluster
			if n := an.resolveObject(tr.firstNamed(rn)); tr.kindOf(n) == kObject {
				p = an.pairs(n)
			}
		}
		c.URL = an.valueAt(p, "url", false)
		c.Token = an.valueAt(p, "password", true)
		if sock := an.resolveObject(get(p, "socket")); tr.kindOf(sock) == kObject {
			sp := an.pairs(sock)
			if h, ok := sp["host"]; ok {
				rec.host = an.hostValue(h)
			}
			if c.URL.Origin == facts.Absent {
				c.URL = rec.host
			}
			rec.tls = an.tlsOf(sp, "tls")
			if rec.tls == tlsUnset && an.hasSpread(sock) {
				rec.tls = tlsUnknown
			}
		}
		an.urlTLS(rec)
		an.tokenFromURL(rec, first)
	}
	c.ReadOnlyToken = c.Token.Secret.Kind == upstash.KindRedisReadOnly || c.Token.Origin == facts.FromEnv && upstash.IsReadOnlyEnvName(c.Token.Env)
	if c.Token.Origin == facts.Literal && c.Token.Secret.Kind != "" && an.readOnlyLiteral[c.Token.Secret.SHA256] {
		c.ReadOnlyToken = true
	}
}

// ioredisOptions reads new Redis(url, opts), new Redis(port, host, opts)
// and new Redis(opts).
func (an *analysis) ioredisOptions(rec *clientRec, args []int32) {
	tr := an.tr
	c := &rec.c
	opts := int32(-1)
	if len(args) > 0 {
		a0 := an.resolveObject(args[0])
		switch tr.kindOf(a0) {
		case kObject:
			opts = a0
		case kNumber: // new Redis(port, host, opts)
			if len(args) > 1 {
				if h := an.resolveObject(args[1]); tr.kindOf(h) != kObject {
					rec.host = an.hostValue(args[1])
					c.URL = rec.host
				}
			}
		default: // new Redis(url, opts)
			c.URL = an.valueOf(args[0], false)
			if s, ok := an.str(a0); ok && !strings.Contains(s, "://") {
				rec.host = an.hostValue(args[0])
				c.URL = rec.host
			}
		}
		if opts < 0 {
			for _, a := range args[1:] {
				if o := an.resolveObject(a); tr.kindOf(o) == kObject {
					opts = o
					break
				}
			}
		}
	}
	if opts >= 0 {
		rec.opts = opts
		p := an.pairs(opts)
		if h, ok := p["host"]; ok {
			rec.host = an.hostValue(h)
			if c.URL.Origin == facts.Absent {
				c.URL = rec.host
			}
		}
		if _, ok := p["password"]; ok {
			c.Token = an.valueAt(p, "password", true)
		}
		rec.tls = an.tlsOf(p, "tls")
		if rec.tls == tlsUnset && an.hasSpread(opts) {
			rec.tls = tlsUnknown
		}
	}
	an.urlTLS(rec)
	if len(args) > 0 {
		an.tokenFromURL(rec, an.resolveObject(args[0]))
	}
}

// hostValue is valueOf for a bare host name option: a literal keeps the
// host in Host (no scheme).
func (an *analysis) hostValue(i int32) facts.Value {
	v := an.valueOf(i, false)
	if v.Origin == facts.Literal && v.Scheme == "" {
		if s, ok := an.str(an.resolveObject(i)); ok {
			if h := strings.ToLower(strings.TrimSpace(s)); hostName(h) {
				v.Host = h
			}
		}
	}
	return v
}

// urlTLS marks TLS on when the client's URL literal is rediss://.
func (an *analysis) urlTLS(rec *clientRec) {
	if rec.tls == tlsUnset && rec.c.URL.Origin == facts.Literal && rec.c.URL.Scheme == "rediss" {
		rec.tls = tlsOn
	}
}

// tokenFromURL fills the token from the password of a literal connection
// URL (rediss://default:<password>@host) when no password option is given.
func (an *analysis) tokenFromURL(rec *clientRec, first int32) {
	if rec.c.Token.Origin != facts.Absent || rec.c.URL.Origin != facts.Literal {
		return
	}
	var lit int32 = -1
	if s, ok := an.str(first); ok && strings.Contains(s, "@") {
		lit = first
	} else if an.tr.kindOf(first) == kObject {
		if v := an.resolveObject(get(an.pairs(first), "url")); v >= 0 {
			if s, ok := an.str(v); ok && strings.Contains(s, "@") {
				lit = v
			}
		}
	}
	if lit < 0 {
		return
	}
	s, _ := an.str(lit)
	if pw := urlPassword(s); pw != "" {
		rec.c.Token = an.literalToken(pw, lit)
	}
}

// hasSpread reports whether object literal obj spreads another object into
// itself ({ host, ...tlsOptions }), whose keys upscan does not read.
func (an *analysis) hasSpread(obj int32) bool {
	return an.tr.firstOfKind(obj, kSpread) >= 0
}

// tlsOf reads a tls option: an object or true turns TLS on, false/null/
// undefined turn it off.
func (an *analysis) tlsOf(p map[string]int32, key string) tlsState {
	v, ok := p[key]
	if !ok {
		return tlsUnset
	}
	v = an.resolveObject(v)
	switch an.tr.kindOf(v) {
	case kFalse, kNull, kUndefined:
		return tlsOff
	case kIdent, kShorthandProp:
		if an.tr.textEq(v, "undefined") {
			return tlsOff
		}
	}
	return tlsOn
}

// valueAt returns the origin of option key of an options object.
func (an *analysis) valueAt(p map[string]int32, key string, isToken bool) facts.Value {
	v, ok := p[key]
	if !ok {
		return facts.Value{Origin: facts.Absent}
	}
	return an.valueOf(v, isToken)
}

// valueOf follows an option's expression to its origin: a literal, an env
// read, an import, or unknown. Wrappers that keep the value are looked
// through: x!, x as string, String(x), x ?? "", `${x}`, x.trim(), and
// identifiers declared in this file.
func (an *analysis) valueOf(i int32, isToken bool) facts.Value {
	at := an.pos(i)
	tr := an.tr
	for depth := 0; depth < 8; depth++ {
		i = an.unwrap(i)
		switch tr.kindOf(i) {
		case kString, kTemplate:
			if s, ok := an.str(i); ok {
				v := an.literal(s, i, isToken)
				v.Pos = at
				return v
			}
			if tr.nodes[i].kind == kTemplate {
				// `${x}` alone is x.
				if sub := tr.firstOfKind(i, kTemplateSubst); sub >= 0 && tr.firstOfKind(i, kStringFragment) < 0 && tr.nodes[sub].next < 0 {
					i = tr.firstNamed(sub)
					continue
				}
			}
			return facts.Value{Origin: facts.Unknown, Pos: at}
		case kMember, kSubscript, kCall:
			if name, o, ok := an.envAccess(i); ok {
				return facts.Value{Origin: facts.FromEnv, Env: name, Public: publicRead(name, o), Pos: at}
			}
			if u := an.parsedURL(i); u >= 0 {
				i = u // new URL(process.env.UPSTASH_REDIS_URL).hostname is that env's
				continue
			}
			if tr.nodes[i].kind == kCall {
				callee := an.unwrap(tr.child(i, fFunction))
				args := an.argList(tr.child(i, fArguments))
				if tr.kindOf(callee) == kIdent && tr.textEq(callee, "String") && len(args) == 1 {
					i = args[0]
					continue
				}
				if tr.kindOf(callee) == kMember && len(args) == 0 {
					m := tr.text(tr.child(callee, fProperty))
					if m == "trim" || m == "toString" {
						i = tr.child(callee, fObject)
						continue
					}
				}
			}
			return facts.Value{Origin: facts.Unknown, Pos: at}
		case kBinary:
			op := tr.child(i, fOperator)
			if op >= 0 && (tr.textEq(op, "??") || tr.textEq(op, "||")) {
				i = tr.child(i, fLeft)
				continue
			}
			return facts.Value{Origin: facts.Unknown, Pos: at}
		case kIdent, kShorthandProp:
			name := tr.text(i)
			if b, ok := an.bindings[name]; ok {
				switch familyOf(b.norm) {
				case famEnvStaticPublic:
					return facts.Value{Origin: facts.FromEnv, Env: b.imported, Public: true, Pos: at}
				case famEnvStaticPrivate:
					return facts.Value{Origin: facts.FromEnv, Env: b.imported, Pos: at}
				}
				return facts.Value{Origin: facts.FromImport, From: b.spec, Name: b.imported, Pos: at}
			}
			if v, ok := an.decls[name]; ok && v != i {
				i = v
				continue
			}
			if k := an.envAt(i); k >= 0 { // const { TOKEN } = process.env
				return facts.Value{Origin: facts.FromEnv, Env: an.envs[k].Name, Public: an.envs[k].Public, Pos: at}
			}
			if k := an.destructuredEnv(name); k >= 0 {
				return facts.Value{Origin: facts.FromEnv, Env: an.envs[k].Name, Public: an.envs[k].Public, Pos: at}
			}
			return facts.Value{Origin: facts.Unknown, Pos: at}
		default:
			return facts.Value{Origin: facts.Unknown, Pos: at}
		}
	}
	return facts.Value{Origin: facts.Unknown, Pos: at}
}

// parsedURL returns the argument of new URL(arg) when member expression i
// reads a part of the connection from it (u.hostname, u.host, u.password,
// u.port, u.username) and u is declared with it in this file; -1 otherwise.
func (an *analysis) parsedURL(i int32) int32 {
	tr := an.tr
	if tr.kindOf(i) != kMember {
		return -1
	}
	switch tr.text(tr.child(i, fProperty)) {
	case "hostname", "host", "password", "port", "username":
	default:
		return -1
	}
	obj := an.resolveObject(tr.child(i, fObject))
	if tr.kindOf(obj) != kNew {
		return -1
	}
	if ctor := an.unwrap(tr.child(obj, fConstructor)); tr.kindOf(ctor) != kIdent || !tr.textEq(ctor, "URL") {
		return -1
	}
	if args := an.argList(tr.child(obj, fArguments)); len(args) > 0 {
		return args[0]
	}
	return -1
}

// destructuredEnv returns the env read that bound local name through
// destructuring (const { UPSTASH_REDIS_REST_TOKEN: token } = process.env).
func (an *analysis) destructuredEnv(name string) int {
	tr := an.tr
	for k, e := range an.envs {
		n := e.node
		if (tr.kindOf(n) == kShorthandPattern || tr.kindOf(n) == kIdent && tr.kindOf(tr.parentOf(n)) == kPairPattern) && tr.textEq(n, name) {
			return k
		}
	}
	return -1
}

// literal builds the Value of a string literal option: a URL keeps only its
// scheme and host; a token is classified and redacted.
func (an *analysis) literal(s string, at int32, isToken bool) facts.Value {
	if !isToken {
		scheme, host := splitURL(s)
		return facts.Value{Origin: facts.Literal, Scheme: scheme, Host: host}
	}
	return an.literalToken(s, at)
}

// literalToken classifies a literal credential with the secrets analyzer
// and returns it redacted.
func (an *analysis) literalToken(s string, at int32) facts.Value {
	kind, ro := classify(s)
	red := rules.Redact(kind, s)
	if ro {
		if an.readOnlyLiteral == nil {
			an.readOnlyLiteral = map[string]bool{}
		}
		an.readOnlyLiteral[red.SHA256] = true
	}
	return facts.Value{Origin: facts.Literal, Secret: red, Pos: an.pos(at)}
}

// splitURL returns the lower-case scheme and host of a URL; host is "" when
// it is not a plain host name (a placeholder such as <your-db>).
func splitURL(s string) (scheme, host string) {
	i := strings.Index(s, "://")
	if i <= 0 {
		return "", ""
	}
	scheme = strings.ToLower(s[:i])
	for _, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return "", ""
		}
	}
	rest := s[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		rest = rest[j+1:]
	}
	if j := strings.LastIndexByte(rest, ':'); j >= 0 && !strings.Contains(rest[j:], "]") {
		rest = rest[:j]
	}
	host = strings.ToLower(rest)
	if !hostName(host) {
		host = ""
	}
	return scheme, host
}

// urlPassword returns the password of scheme://user:password@host, or "".
func urlPassword(s string) string {
	i := strings.Index(s, "://")
	if i < 0 {
		return ""
	}
	rest := s[i+3:]
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return ""
	}
	user := rest[:at]
	if strings.ContainsAny(user, "/?#") {
		return ""
	}
	if c := strings.IndexByte(user, ':'); c >= 0 {
		return user[c+1:]
	}
	return ""
}

// hostName reports whether h is a DNS name: letters, digits, '-' and '.'.
func hostName(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// bindVar returns the variable a constructor's result is assigned to and
// the node whose range that variable is visible in.
func (an *analysis) bindVar(i int32) (string, int32) {
	tr := an.tr
	cur := i
	for {
		up := an.climb(cur)
		if up < 0 {
			return "", fileScope
		}
		switch tr.nodes[up].kind {
		case kBinary, kTernary:
			cur = up // globalForRedis.redis ?? new Redis(…)
			continue
		case kDeclarator:
			name := tr.child(up, fName)
			if tr.kindOf(name) == kIdent && tr.child(up, fValue) == an.below(up, cur) {
				return tr.text(name), an.scopeOf(up, false)
			}
		case kAssign:
			if tr.child(up, fRight) != an.below(up, cur) {
				return "", -1
			}
			left := tr.child(up, fLeft)
			switch {
			case tr.kindOf(left) == kIdent:
				return tr.text(left), an.scopeOf(up, false)
			case an.isModuleExports(left):
				an.exportLocal("default", "default")
				return "default", fileScope
			case tr.kindOf(left) == kMember:
				obj, prop := an.unwrap(tr.child(left, fObject)), tr.child(left, fProperty)
				switch {
				case tr.kindOf(obj) == kThis:
					return "this." + tr.text(prop), an.scopeOf(up, true)
				case tr.kindOf(obj) == kIdent && tr.textEq(obj, "exports") || an.isModuleExports(obj):
					an.exportLocal(tr.text(prop), tr.text(prop))
					return tr.text(prop), fileScope
				}
			}
		case kFieldDef:
			if tr.child(up, fValue) == an.below(up, cur) {
				if name := tr.child(up, fName); name >= 0 {
					return "this." + tr.text(name), an.scopeOf(up, true)
				}
			}
		case kExportStmt:
			if tr.child(up, fValue) == an.below(up, cur) && tr.firstOfKind(up, kDefaultKw) >= 0 {
				// export default new Redis(): the pseudo-binding "default"
				// (a reserved word, so never a real variable).
				an.exportLocal("default", "default")
				return "default", fileScope
			}
		}
		return "", -1
	}
}

// exportLocal names the local binding of export name when the export
// statement did not (the client built in `export default new Redis()`,
// `module.exports = …`, `exports.redis = …` is bound to it).
func (an *analysis) exportLocal(name, local string) {
	for k := range an.f.Exports {
		if e := &an.f.Exports[k]; e.Name == name && e.Local == "" && e.From == "" {
			e.Local = local
		}
	}
}

// fileScope is the scope of module-level bindings: every script block of
// the file (a Svelte module and instance script share it).
const fileScope int32 = -2

// scopeOf returns the node whose range a declaration at i is visible in:
// the enclosing block or function, fileScope at module level; for this.x
// the class body.
func (an *analysis) scopeOf(i int32, class bool) int32 {
	tr := an.tr
	for p := tr.parentOf(i); p >= 0; p = tr.nodes[p].parent {
		switch tr.nodes[p].kind {
		case kClassBody:
			return p
		case kProgram:
			if an.separateBlocks {
				return p // Astro: the frontmatter and each <script> are separate modules
			}
			return fileScope
		case kBlock, kFunction, kArrow, kMethodDef:
			if !class {
				return p
			}
		}
	}
	return fileScope
}
