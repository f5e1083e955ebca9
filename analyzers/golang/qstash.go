package golang

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/analyzers/scope"
	"github.com/upscan/upscan/rules"
)

// QStashVerify reports UPS504: a QStash webhook handler that never verifies
// the Upstash-Signature of the deliveries it accepts.
var QStashVerify = &analysis.Analyzer{
	Name: "qstashverify",
	Doc: `qstashverify reports QStash webhook handlers that never verify the signature (UPS504)

QStash signs every delivery with a JWT in the Upstash-Signature header; a
receiver must check it with qstash-go's (*Receiver).Verify (or a JWT library)
before it trusts the payload, or anyone who finds the URL can forge messages
(UPSTASH.md §1.3). Reported: an HTTP handler that reads the Upstash-Signature
header, or whose route or name says QStash and that reads the body, when
neither it, the functions it calls, nor a middleware on its path calls Verify;
and a qstash Receiver constructed in a package where Verify is never called.
Also UPS505: a Verify call whose VerifyOptions set no Url, so the signature's
sub claim (the endpoint a message was signed for) is never checked.`,
	Requires:         []*analysis.Analyzer{Index, Reach, Transport},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runQStashVerify,
}

func runQStashVerify(pass *analysis.Pass) (any, error) {
	r := pass.ResultOf[Reach].(*reach)
	ix := r.ix
	res := &Result{}
	for _, f := range pass.ResultOf[Transport].(*transportResult).found {
		if f.RuleID == string(rules.QStashVerifyWithoutURL) {
			report(pass, res, f, nil)
		}
	}
	rs := findRoutes(r)
	verifies := func(s Summary) bool { return s.Verifies }
	done := map[ast.Node]bool{}
	flag := func(body ast.Node, at ast.Node, name string, s Summary) {
		if done[body] {
			return
		}
		done[body] = true
		reads := "the Upstash-Signature header"
		if !s.SigHeader {
			reads = "the request body"
		}
		report(pass, res, Found{
			Pos: at.Pos(), End: at.End(), RuleID: ruleNoVerify,
			Message: scope.Unverified("QStash webhook handler "+name, reads, goVerifier),
		}, nil)
	}

	for _, rt := range rs.list {
		body, fn := ix.funcBody(rt.endpoint)
		var s Summary
		for _, h := range rt.handlers {
			s.merge(r.summaryOf(h, 0))
		}
		if s.Verifies || rs.covered(rt.router, verifies, map[any]bool{}) {
			if body != nil {
				done[body] = true
			}
			continue
		}
		name := "for " + quoteOr(rt.pattern, "this route")
		named := containsQStash(rt.pattern)
		if fn != nil {
			name = fn.Name()
			named = named || containsQStash(fn.Name())
		}
		if !s.SigHeader && !(named && s.ParsesBody) {
			continue
		}
		at := ast.Node(rt.call)
		if d, ok := body.(*ast.FuncDecl); ok {
			at = d.Name
		} else if body == nil {
			body = rt.call
		}
		flag(body, at, name, s)
	}

	// Handlers registered elsewhere: functions shaped like a handler that
	// read the signature header and never verify it.
	for _, fn := range ix.funcList {
		decl := ix.funcs[fn]
		if done[decl] || decl.Body == nil || !handlerShaped(ix, decl.Type) {
			continue
		}
		if s := r.funcSummary(fn); s.SigHeader && !s.Verifies {
			flag(decl, decl.Name, fn.Name(), s)
		}
	}

	// A Receiver nobody uses to verify.
	for _, s := range r.local {
		if s.Verifies {
			return res, nil
		}
	}
	for _, f := range ix.files {
		ast.Inspect(f, func(n ast.Node) bool {
			var at ast.Node
			switch x := n.(type) {
			case *ast.CallExpr:
				if c := ix.callee(x); isQStash(c.Path) && c.Recv == "" && qstashConstructors[c.Name] == "Receiver" {
					at = x
				}
			case *ast.CompositeLit:
				if p, name := ix.typeExprRef(x.Type); isQStash(p) && name == "Receiver" {
					at = x
				}
			}
			if at != nil {
				report(pass, res, Found{
					Pos: at.Pos(), End: at.End(), RuleID: ruleNoVerify,
					Message: scope.UnusedReceiver("this package", goVerifier),
				}, nil)
				return false
			}
			return true
		})
	}
	return res, nil
}

// goVerifier names qstash-go's signature check in UPS504 messages.
const goVerifier = "(*qstash.Receiver).Verify"

func containsQStash(s string) bool { return strings.Contains(strings.ToLower(s), "qstash") }

func quoteOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return fmt.Sprintf("%q", s)
}

// handlerShaped reports whether a function has the signature of an HTTP
// handler: (http.ResponseWriter, *http.Request), gin's (*gin.Context),
// echo's (echo.Context) or fiber's (*fiber.Ctx).
func handlerShaped(ix *index, ft *ast.FuncType) bool {
	var params []ast.Expr
	for _, f := range ft.Params.List {
		n := len(f.Names)
		if n == 0 {
			n = 1
		}
		for range n {
			params = append(params, f.Type)
		}
	}
	refs := make([][2]string, len(params))
	for i, p := range params {
		refs[i][0], refs[i][1] = ix.typeExprRef(p)
	}
	switch len(params) {
	case 2:
		return refs[0] == [2]string{"net/http", "ResponseWriter"} && refs[1] == [2]string{"net/http", "Request"}
	case 1:
		fw, name := framework(refs[0][0]), refs[0][1]
		return fw == "gin" && name == "Context" || fw == "echo" && name == "Context" || fw == "fiber" && (name == "Ctx")
	}
	return false
}
