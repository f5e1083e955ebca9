package golang

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// TLS reports UPS301 and UPS303: plaintext redis:// and http:// URLs to
// Upstash hosts, and go-redis clients for an Upstash address without TLS.
var TLS = &analysis.Analyzer{
	Name: "upstashtls",
	Doc: `upstashtls reports Upstash connections without TLS (UPS301, UPS303)

UPS301: a string literal holding a redis:// or http:// URL to an *.upstash.io
host (Fly.io's private fly-* hosts excepted), for example the argument of
redis.ParseURL: the password and every command travel unencrypted; use
rediss:// and https://. UPS303: a go-redis Options, ClusterOptions,
UniversalOptions, FailoverOptions or RingOptions literal whose address names an
Upstash host or an UPSTASH_* variable and that sets no TLSConfig (nor gets one
assigned later): go-redis then speaks plaintext TCP, which Upstash refuses or,
worse, exposes (UPSTASH.md §1.1: Upstash TCP is always TLS). The fix adds
TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}.`,
	Requires:         []*analysis.Analyzer{Index},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runTLS,
}

// SkipVerify reports UPS302: TLS certificate verification turned off on a
// client for an Upstash host.
var SkipVerify = &analysis.Analyzer{
	Name: "upstashskipverify",
	Doc: `upstashskipverify reports TLS verification disabled for Upstash clients (UPS302)

A tls.Config with InsecureSkipVerify: true (or an assignment of true to
.InsecureSkipVerify) in a function that builds an Upstash client — a go-redis
client or options for an Upstash address, a qstash-go or vector-go client — or
in a package-level variable such a function uses. Without verification anyone
on the network path can impersonate the database and read the password and
the data; remove InsecureSkipVerify (Upstash certificates are publicly
trusted).`,
	Requires:         []*analysis.Analyzer{Index},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runSkipVerify,
}

func runTLS(pass *analysis.Pass) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	res := &Result{}
	tlsAssigned := assignedFields(ix, "TLSConfig")
	for _, f := range ix.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.BinaryExpr:
				// A constant concatenation: check the whole value once.
				if _, ok := ix.stringValue(x); ok && x.Op == token.ADD {
					plaintextURLs(pass, ix, x, res)
					return false
				}
			case *ast.BasicLit:
				plaintextURLs(pass, ix, x, res)
			case *ast.CompositeLit:
				noTLS(pass, ix, f, x, tlsAssigned, res)
			}
			return true
		})
	}
	return res, nil
}

// plaintextURLs reports UPS301 for each redis:// or http:// Upstash URL in a
// string literal.
func plaintextURLs(pass *analysis.Pass, ix *index, e ast.Expr, res *Result) {
	s, ok := ix.stringValue(e)
	if !ok || !strings.Contains(strings.ToLower(s), "upstash.io") {
		return
	}
	// Offsets in the value equal offsets in the source after the quote
	// unless an escape sequence comes first or the value is a concatenation.
	lit, isLit := e.(*ast.BasicLit)
	exact := isLit && s == lit.Value[1:len(lit.Value)-1]
	for _, m := range plainURL.FindAllStringSubmatchIndex(s, -1) {
		scheme, host := strings.ToLower(s[m[2]:m[3]]), strings.ToLower(s[m[4]:m[5]])
		if upstash.IsFlyHost(host) {
			continue
		}
		pos, end := e.Pos(), e.End()
		if exact {
			pos, end = lit.Pos()+1+token.Pos(m[0]), lit.Pos()+1+token.Pos(m[1])
		}
		msg := "Plaintext redis:// URL to Upstash host " + host + ": the password and every command travel unencrypted; use rediss://"
		if scheme == "http" {
			msg = "Plaintext http:// URL to Upstash host " + host + ": the token and every request travel unencrypted; use https://"
		}
		report(pass, res, Found{Pos: pos, End: end, RuleID: rulePlaintextURL, Message: msg}, nil)
	}
}

// noTLS reports UPS303 for a go-redis options literal for an Upstash
// address without a TLSConfig.
func noTLS(pass *analysis.Pass, ix *index, f *ast.File, lit *ast.CompositeLit, tlsAssigned map[ast.Expr]bool, res *Result) {
	path, name := ix.typeExprRef(lit.Type)
	if lit.Type == nil {
		path, name = ix.typeRef(lit, 0)
	}
	if !isGoRedis(path) || !goRedisOptions[name] {
		return
	}
	var addr ast.Expr
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, _ := kv.Key.(*ast.Ident)
		if key == nil {
			continue
		}
		switch key.Name {
		case "TLSConfig":
			if id, isIdent := ast.Unparen(kv.Value).(*ast.Ident); !isIdent || id.Name != "nil" {
				return
			}
		case "Addr", "Addrs", "SentinelAddrs":
			addr = kv.Value
		}
	}
	if addr == nil || !ix.mentionsUpstash(addr, 0) || tlsAssigned[lit] {
		return
	}
	report(pass, res, Found{
		Pos: lit.Pos(), End: lit.End(), RuleID: ruleNoTLS,
		Message: fmt.Sprintf("go-redis %s for an Upstash address sets no TLSConfig, so the client connects in plaintext TCP "+
			"and sends the password unencrypted; set TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}", name),
	}, tlsFix(pass, ix, f, lit))
}

// tlsFix adds a TLSConfig field to a go-redis options literal.
func tlsFix(pass *analysis.Pass, ix *index, f *ast.File, lit *ast.CompositeLit) []analysis.SuggestedFix {
	if ix.generated[f] {
		return nil
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "TLSConfig" {
				return nil // TLSConfig: nil
			}
		}
	}
	tlsName, edits, ok := importFor(pass, f, lit.Lbrace, "crypto/tls")
	if !ok {
		return nil
	}
	field := "TLSConfig: &" + tlsName + ".Config{MinVersion: " + tlsName + ".VersionTLS12}"
	tf := pass.Fset.File(lit.Pos())
	text := field
	switch {
	case tf.Line(lit.Lbrace) != tf.Line(lit.Rbrace):
		text = field + ",\n"
	case len(lit.Elts) > 0:
		text = ", " + field
	}
	edits = append([]analysis.TextEdit{{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}}, edits...)
	return []analysis.SuggestedFix{{Message: "Connect with TLS", TextEdits: edits}}
}

// assignedFields returns the composite literals whose variable later gets
// field assigned (opt := &redis.Options{…}; opt.TLSConfig = cfg).
func assignedFields(ix *index, field string) map[ast.Expr]bool {
	out := map[ast.Expr]bool{}
	for _, f := range ix.files {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for _, lhs := range as.Lhs {
				sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != field {
					continue
				}
				obj := ix.objectOf(sel.X)
				if obj == nil {
					continue
				}
				for _, a := range ix.assigned[obj] {
					a = ast.Unparen(a)
					if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
						a = ast.Unparen(u.X)
					}
					out[a] = true
				}
			}
			return true
		})
	}
	return out
}

func runSkipVerify(pass *analysis.Pass) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	res := &Result{}
	// Functions that build an Upstash client, and the package-level
	// variables they use.
	builders := map[ast.Node]bool{}
	used := map[any]bool{}
	for _, fn := range ix.funcList {
		decl := ix.funcs[fn]
		if decl.Body != nil && buildsUpstashClient(ix, decl.Body) {
			builders[decl] = true
			ast.Inspect(decl.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if obj := ix.info.Uses[id]; obj != nil {
						used[obj] = true
					}
				}
				return true
			})
		}
	}
	for _, f := range ix.files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if builders[d] {
					skipVerifyIn(pass, ix, d, res)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					for _, name := range vs.Names {
						if obj := ix.info.Defs[name]; obj != nil && used[obj] || buildsUpstashClient(ix, vs) {
							skipVerifyIn(pass, ix, vs, res)
							break
						}
					}
				}
			}
		}
	}
	return res, nil
}

// skipVerifyIn reports every InsecureSkipVerify: true in n.
func skipVerifyIn(pass *analysis.Pass, ix *index, n ast.Node, res *Result) {
	const msg = "TLS certificate verification is disabled (InsecureSkipVerify) on a client for Upstash: anyone on the " +
		"network path can impersonate the database and read the password and data; remove InsecureSkipVerify"
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.KeyValueExpr:
			if key, ok := x.Key.(*ast.Ident); ok && key.Name == "InsecureSkipVerify" && ix.boolTrue(x.Value) {
				report(pass, res, Found{Pos: x.Pos(), End: x.End(), RuleID: ruleTLSVerify, Message: msg}, nil)
			}
		case *ast.AssignStmt:
			for i, lhs := range x.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == "InsecureSkipVerify" &&
					i < len(x.Rhs) && ix.boolTrue(x.Rhs[i]) {
					report(pass, res, Found{Pos: x.Pos(), End: x.End(), RuleID: ruleTLSVerify, Message: msg}, nil)
				}
			}
		}
		return true
	})
}

// buildsUpstashClient reports whether n constructs a qstash-go or vector-go
// client, or a go-redis client or options for an Upstash address.
func buildsUpstashClient(ix *index, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.CallExpr:
			c := ix.callee(x)
			switch {
			case (isQStash(c.Path) || isVector(c.Path)) && c.Recv == "":
				found = true
			case isGoRedis(c.Path) && c.Recv == "" && goRedisConstructors[c.Name] != "":
				for _, a := range x.Args {
					if ix.mentionsUpstash(a, 0) {
						found = true
					}
				}
			}
		case *ast.CompositeLit:
			if p, name := ix.typeExprRef(x.Type); (isGoRedis(p) && goRedisOptions[name] && ix.mentionsUpstash(x, 0)) ||
				((isQStash(p) || isVector(p)) && name == "Options") {
				found = true
			}
		}
		return true
	})
	return found
}
