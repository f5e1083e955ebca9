package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/scope"
	"github.com/upscan/upscan/analyzers/transport"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// Transport is the Go driver of the transport pass (analyzers/transport):
// it extracts the transport facts of each Go file of the package (the URLs
// to Upstash hosts in string literals, concatenations, constants and
// fmt.Sprintf formats; InsecureSkipVerify in any tls.Config, with the
// go-redis options or net/http transport it is given to and the evidence of
// Upstash in the options or function; go-redis options with an address and
// their TLSConfig) and runs the same pass the CLI runs on JS/TS, Python and
// config files. It reports nothing itself: TLS and SkipVerify report its
// findings as diagnostics.
var Transport = &analysis.Analyzer{
	Name:             "upstashtransport",
	Doc:              "upstashtransport extracts the transport facts of a package's Go files and runs upscan's transport pass on them; it reports nothing (upstashtls and upstashskipverify do).",
	Requires:         []*analysis.Analyzer{Index},
	ResultType:       reflect.TypeOf((*transportResult)(nil)),
	RunDespiteErrors: true,
	Run:              runTransport,
}

// TLS reports UPS301 and UPS303 from the transport pass.
var TLS = &analysis.Analyzer{
	Name: "upstashtls",
	Doc: `upstashtls reports Upstash connections without TLS (UPS301, UPS303)

UPS301: a redis:// or http:// URL to an Upstash host (Upstash's web sites and
Fly.io's private fly-* hosts excepted) written in a string literal, a
concatenation of literals, constants and other values ("redis://default:" +
os.Getenv("PW") + "@host.upstash.io:6379") or a fmt.Sprintf format: the
password and every command travel unencrypted; use rediss:// and https://.
UPS303: a go-redis Options, ClusterOptions, UniversalOptions, FailoverOptions
or RingOptions literal whose address is an Upstash host (high) or comes from an
env variable whose name says Upstash (medium), and that sets no TLSConfig (nor
gets one assigned later): go-redis then speaks plaintext TCP (UPSTASH.md §1.1:
Upstash TCP is always TLS). The fix adds TLSConfig: &tls.Config{MinVersion:
tls.VersionTLS12}. The decisions and messages are analyzers/transport's, the
same as upscan's for every language.`,
	Requires:         []*analysis.Analyzer{Index, Transport},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runTLS,
}

// SkipVerify reports UPS302 from the transport pass.
var SkipVerify = &analysis.Analyzer{
	Name: "upstashskipverify",
	Doc: `upstashskipverify reports TLS verification disabled for Upstash connections (UPS302)

InsecureSkipVerify: true (in a tls.Config literal or assigned) given to a
go-redis client, a net/http transport or any TLS connection, when there is
evidence that the connection goes to Upstash: the go-redis options' address is
an Upstash host, or the function (for a package-level tls.Config, a function
that uses it) names an Upstash host, builds a qstash-go or vector-go client, or
reads an env variable whose name says Upstash (medium). Also a rediss:// URL
whose query sets ssl_cert_reqs=none. Without verification anyone on the
network path can impersonate the database and read the password and the data;
remove InsecureSkipVerify (Upstash certificates are publicly trusted).`,
	Requires:         []*analysis.Analyzer{Transport},
	ResultType:       resultType,
	RunDespiteErrors: true,
	Run:              runSkipVerify,
}

// transportResult is what Transport returns: the pass's findings as Found
// values, and the go-redis options literals by position, for the UPS303 fix.
type transportResult struct {
	found   []Found
	options map[token.Pos]*ast.CompositeLit
}

func runTransport(pass *analysis.Pass) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	res := &transportResult{options: map[token.Pos]*ast.CompositeLit{}}
	tlsAssigned := assignedFields(ix, "TLSConfig")
	for _, f := range ix.files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		x := &goExtract{ix: ix, tf: tf, file: &facts.File{Path: tf.Name(), Lang: facts.Go}, tlsAssigned: tlsAssigned,
			options: res.options, done: map[ast.Node]bool{}}
		x.comments = f.Comments
		x.run(f)
		for _, fd := range transport.Check(x.file) {
			res.found = append(res.found, x.found(fd))
		}
		for _, fd := range scope.VerifyURL(x.file) {
			res.found = append(res.found, x.found(fd))
		}
	}
	return res, nil
}

func runTLS(pass *analysis.Pass) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	tr := pass.ResultOf[Transport].(*transportResult)
	res := &Result{}
	for _, f := range tr.found {
		if f.RuleID != transport.PlaintextURL && f.RuleID != transport.NoTLS {
			continue
		}
		var fixes []analysis.SuggestedFix
		if lit := tr.options[f.Pos]; lit != nil && f.RuleID == transport.NoTLS {
			if file := ix.fileOf(lit.Pos()); file != nil {
				fixes = tlsFix(pass, ix, file, lit)
			}
		}
		report(pass, res, f, fixes)
	}
	return res, nil
}

func runSkipVerify(pass *analysis.Pass) (any, error) {
	tr := pass.ResultOf[Transport].(*transportResult)
	res := &Result{}
	for _, f := range tr.found {
		if f.RuleID == transport.TLSVerify {
			report(pass, res, f, nil)
		}
	}
	return res, nil
}

// qstashVerify records a qstash-go (*Receiver).Verify call (facts.Verify,
// UPS505): whether its VerifyOptions literal sets Url.
func (x *goExtract) qstashVerify(call *ast.CallExpr) {
	c := x.ix.callee(call)
	if !isQStash(c.Path) || c.Name != "Verify" || len(call.Args) != 1 {
		return
	}
	v := facts.Verify{Call: "(*qstash.Receiver).Verify", Pos: x.pos(call.Pos())}
	arg := ast.Unparen(call.Args[0])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	if lit, ok := arg.(*ast.CompositeLit); ok {
		v.Known = true
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				v.Known = false
				continue
			}
			if k, ok := kv.Key.(*ast.Ident); ok && strings.EqualFold(k.Name, "Url") {
				if b, ok := kv.Value.(*ast.BasicLit); !ok || b.Value != `""` {
					v.URL = true
				}
			}
		}
	}
	x.file.Verifies = append(x.file.Verifies, v)
}

// goExtract extracts the transport facts of one Go file.
type goExtract struct {
	ix          *index
	tf          *token.File
	file        *facts.File
	tlsAssigned map[ast.Expr]bool
	options     map[token.Pos]*ast.CompositeLit
	done        map[ast.Node]bool // string expressions read as part of a longer one
	// funcEv caches the evidence of Upstash in each function declaration.
	funcEv map[ast.Node]facts.Evidence
	// subst holds a helper function's parameters while a call of it is
	// expanded (helperURLs).
	subst map[types.Object]substValue
	// comments are the file's comments, for the weakest evidence of
	// Upstash (funcEvidence).
	comments []*ast.CommentGroup
}

// substValue is the value of a helper function's parameter while a call
// of it is expanded: the argument's string when it is a constant (known),
// a hole otherwise.
type substValue struct {
	s     string
	known bool
}

// pos converts a token position to a facts position (1-based, bytes, not
// adjusted by //line directives; Run adjusts the findings).
func (x *goExtract) pos(p token.Pos) facts.Pos {
	if !p.IsValid() || int(p) < x.tf.Base() || int(p) > x.tf.Base()+x.tf.Size() {
		return facts.Pos{}
	}
	q := x.tf.PositionFor(p, false)
	return facts.Pos{Line: q.Line, Col: q.Column}
}

// endOf is the position of n's last byte.
func (x *goExtract) endOf(n ast.Node) facts.Pos {
	if n.End() > n.Pos() {
		return x.pos(n.End() - 1)
	}
	return x.pos(n.Pos())
}

// offset is the byte offset of p in the file.
func (x *goExtract) offset(p token.Pos) int { return int(p) - x.tf.Base() }

// tokenPos converts a facts position back to a token position.
func (x *goExtract) tokenPos(p facts.Pos) token.Pos {
	if p.Line < 1 || p.Line > x.tf.LineCount() {
		return token.NoPos
	}
	return x.tf.LineStart(p.Line) + token.Pos(p.Col-1)
}

// found turns a finding of the pass into a Found of the file.
func (x *goExtract) found(fd rules.Finding) Found {
	f := Found{Pos: x.tokenPos(facts.Pos{Line: fd.Line, Col: fd.Col}), RuleID: fd.RuleID, Severity: fd.Severity,
		Message: fd.Message, Key: fd.Key, Related: fd.Related}
	if e := x.tokenPos(facts.Pos{Line: fd.EndLine, Col: fd.EndCol}); e.IsValid() {
		f.End = e + 1
	}
	return f
}

// run walks the file once, recording the URLs, the weak TLS options and the
// go-redis options.
func (x *goExtract) run(f *ast.File) {
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.ImportSpec:
			x.done[n.Path] = true
		case *ast.BasicLit, *ast.BinaryExpr:
			x.urls(n.(ast.Expr))
		case *ast.CallExpr:
			x.urls(n)
			x.qstashVerify(n)
			x.helperURLs(n)
		case *ast.CompositeLit:
			x.goRedisOptions(n)
		case *ast.KeyValueExpr:
			if key, ok := n.Key.(*ast.Ident); ok && key.Name == "InsecureSkipVerify" && x.ix.boolTrue(n.Value) {
				x.skipVerify(n, stack)
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == "InsecureSkipVerify" &&
					i < len(n.Rhs) && x.ix.boolTrue(n.Rhs[i]) {
					x.skipVerify(n, stack)
				}
			}
		}
		return true
	})
}

// urls records the Upstash URLs of a string expression that is not part of
// a longer one already read: a literal, a + chain, a fmt.Sprintf call.
func (x *goExtract) urls(e ast.Expr) {
	if x.done[e] {
		return
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return
		}
	case *ast.CallExpr:
		if x.format(e) == nil {
			return
		}
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return
		}
	}
	var t upstash.Text
	if x.appendText(&t, e, 0) == 0 {
		return
	}
	// A URL in a constant declared elsewhere is reported there (t.Here).
	pos := func(off int) facts.Pos { return x.pos(x.tf.Pos(off)) }
	x.file.URLs = append(x.file.URLs, facts.URLsIn(&t, pos, x.endOf(e))...)
}

// format returns the format argument of a fmt.Sprintf or fmt.Errorf call
// when it is a constant string, or nil.
func (x *goExtract) format(call *ast.CallExpr) ast.Expr {
	c := x.ix.callee(call)
	if c.Path != "fmt" || c.Recv != "" || (c.Name != "Sprintf" && c.Name != "Errorf") || len(call.Args) == 0 {
		return nil
	}
	if _, ok := x.ix.stringValue(call.Args[0]); !ok {
		return nil
	}
	return call.Args[0]
}

// appendText appends the string expression e to t: string literals as
// literal parts (exact when written without escapes), named constants as
// parts resolved from elsewhere, + chains part by part, fmt.Sprintf formats
// with their verbs as holes, anything else as a hole. It returns the number
// of literal or constant parts and marks what it read done.
func (x *goExtract) appendText(t *upstash.Text, e ast.Expr, depth int) int {
	if depth > 64 {
		t.Hole()
		return 0
	}
	e = ast.Unparen(e)
	switch v := e.(type) {
	case *ast.BasicLit:
		s, ok := x.ix.stringValue(v)
		if !ok || v.Kind != token.STRING {
			t.Hole()
			return 0
		}
		x.done[v] = true
		t.Lit(s, x.offset(v.Pos())+1, literalExact(v, s))
		return 1
	case *ast.BinaryExpr:
		if v.Op == token.ADD {
			x.done[v] = true
			return x.appendText(t, v.X, depth+1) + x.appendText(t, v.Y, depth+1)
		}
	case *ast.CallExpr:
		if f := x.format(v); f != nil {
			x.done[v] = true
			x.appendFormat(t, f, v.Args[1:])
			return 1
		}
	case *ast.Ident:
		if sv, ok := x.substOf(v); ok {
			if sv.known {
				t.Ref(sv.s, x.offset(v.Pos()))
			} else {
				t.Hole()
			}
			return 0
		}
	}
	if s, ok := x.ix.stringValue(e); ok {
		t.Ref(s, x.offset(e.Pos()))
		return 1
	}
	t.Hole()
	return 0
}

// literalExact reports whether a string literal's value is its source text
// between the quotes (no escape sequences; no carriage returns in a raw
// string, which the compiler drops).
func literalExact(lit *ast.BasicLit, s string) bool {
	raw := lit.Value
	if len(raw) < 2 {
		return false
	}
	return raw[1:len(raw)-1] == s
}

// substOf returns the value of identifier id while a helper function is
// expanded, when id names one of its parameters.
func (x *goExtract) substOf(id *ast.Ident) (substValue, bool) {
	if x.subst == nil {
		return substValue{}, false
	}
	obj := x.ix.info.Uses[id]
	if obj == nil {
		return substValue{}, false
	}
	v, ok := x.subst[obj]
	return v, ok
}

// constText returns the string value of e: a constant, or the parameter
// of a helper being expanded (substOf).
func (x *goExtract) constText(e ast.Expr) (string, bool) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := x.substOf(id); ok {
			return v.s, v.known
		}
	}
	return x.ix.stringValue(e)
}

// appendFormat appends a constant fmt format to t with each %s or %v verb
// whose argument (of args) is a string constant as that constant, every
// other verb (%d, %[1]q…) as a hole, and %% as a percent sign.
func (x *goExtract) appendFormat(t *upstash.Text, f ast.Expr, args []ast.Expr) {
	s, _ := x.ix.stringValue(f)
	f = ast.Unparen(f)
	lit, isLit := f.(*ast.BasicLit)
	exact := isLit && literalExact(lit, s)
	if isLit {
		x.done[lit] = true
	}
	base := x.offset(f.Pos())
	if isLit {
		base++
	}
	start, arg := 0, 0
	flush := func(end int) {
		if end > start {
			if exact {
				t.Lit(s[start:end], base+start, true)
			} else {
				t.Lit(s[start:end], x.offset(f.Pos()), false)
			}
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		flush(i)
		j := i + 1
		if j < len(s) && s[j] == '%' {
			t.Lit("%", base+i, false)
			i, start = j, j+1
			continue
		}
		explicit := false
		for j < len(s) && !(s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			if s[j] == '[' || s[j] == '*' {
				explicit = true // argument indexes and * widths: the count is lost
			}
			j++
		}
		v, ok := "", false
		if j < len(s) && (s[j] == 's' || s[j] == 'v') && !explicit && arg < len(args) && j == i+1 {
			v, ok = x.constText(args[arg])
		}
		if ok {
			t.Ref(v, x.offset(args[arg].Pos()))
		} else {
			t.Hole()
		}
		if explicit {
			arg = len(args) // later verbs cannot be matched to their arguments
		} else {
			arg++
		}
		i, start = j, j+1
	}
	flush(len(s))
}

// helperMaxParams bounds the parameters of a helper function expanded at
// its calls (helperURLs).
const helperMaxParams = 8

// helperURLs expands a call of a function of this package that returns a
// string assembled from its parameters (func redisURL(host string) string
// { return fmt.Sprintf("redis://default:%s@%s:6379", pw, host) }): when
// the arguments are string constants, the URL the call returns is read as
// if written at the call, and its Upstash URLs are recorded there. A
// function whose returned expression already names an Upstash URL without
// its arguments is reported where it is written, not at each call.
func (x *goExtract) helperURLs(call *ast.CallExpr) {
	if x.subst != nil || len(call.Args) == 0 || len(call.Args) > helperMaxParams || call.Ellipsis.IsValid() {
		return
	}
	mentions := false
	for _, a := range call.Args {
		if s, ok := x.ix.stringValue(a); ok && upstash.MentionsUpstash(s) {
			mentions = true
		}
	}
	if !mentions {
		return
	}
	c := x.ix.callee(call)
	decl := x.ix.funcs[c.Fn]
	if c.Fn == nil || decl == nil || decl.Recv != nil || decl.Body == nil || decl.Type.Params == nil {
		return
	}
	ret := returned(decl.Body)
	if ret == nil {
		return
	}
	var params []types.Object
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			params = append(params, x.ix.info.Defs[name])
		}
	}
	if len(params) != len(call.Args) {
		return
	}
	subst := map[types.Object]substValue{}
	for _, p := range params {
		if p != nil {
			subst[p] = substValue{}
		}
	}
	x.subst = subst
	var bare upstash.Text
	x.textOf(&bare, ret)
	if len(upstash.FindURLs(bare.String())) > 0 {
		x.subst = nil
		return // the helper names the URL itself: reported there
	}
	for k, p := range params {
		if s, ok := x.ix.stringValue(call.Args[k]); ok && p != nil {
			subst[p] = substValue{s, true}
		}
	}
	var t upstash.Text
	x.textOf(&t, ret)
	x.subst = nil
	// Every part of the expansion is placed at the call.
	var at upstash.Text
	at.Lit(t.String(), x.offset(call.Pos()), false)
	pos := func(off int) facts.Pos { return x.pos(x.tf.Pos(off)) }
	x.file.URLs = append(x.file.URLs, facts.URLsIn(&at, pos, x.endOf(call))...)
}

// returned returns the single result of a function body's last
// statement when it is the body's only top-level return; nil otherwise.
func returned(body *ast.BlockStmt) ast.Expr {
	var ret *ast.ReturnStmt
	for k, st := range body.List {
		if r, ok := st.(*ast.ReturnStmt); ok {
			if ret != nil || k != len(body.List)-1 {
				return nil
			}
			ret = r
		}
	}
	if ret == nil || len(ret.Results) != 1 {
		return nil
	}
	return ret.Results[0]
}

// goRedisOptions records a go-redis options literal with an address: a TCP
// client fact with its host and TLS state.
func (x *goExtract) goRedisOptions(lit *ast.CompositeLit) {
	ix := x.ix
	path, name := ix.typeExprRef(lit.Type)
	if lit.Type == nil {
		path, name = ix.typeRef(lit, 0)
	}
	if !isGoRedis(path) || !goRedisOptions[name] {
		return
	}
	var addr ast.Expr
	tlsState := facts.TLSDefault
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
				tlsState = facts.TLSOn
			}
		case "Addr", "Addrs", "SentinelAddrs":
			addr = kv.Value
			if c, ok := ast.Unparen(addr).(*ast.CompositeLit); ok {
				addr = nil
				if len(c.Elts) > 0 {
					addr = c.Elts[0]
				}
			}
		}
	}
	if addr == nil {
		return
	}
	if x.tlsAssigned[lit] {
		tlsState = facts.TLSOn
	}
	x.options[lit.Pos()] = lit
	x.file.TCP = append(x.file.TCP, facts.TCPClient{Library: upstash.LibGoRedis, Host: x.hostValue(addr, 0), TLS: tlsState,
		Pos: x.pos(lit.Pos()), End: x.endOf(lit), Client: x.pos(lit.Pos())})
}

// hostValue resolves an address expression ("host:6379", a constant, a
// concatenation, os.Getenv("UPSTASH_REDIS_HOST") or a variable assigned one
// of those) to the host's origin: Literal with Host, FromEnv with Env, or
// Unknown.
func (x *goExtract) hostValue(e ast.Expr, depth int) facts.Value {
	e = ast.Unparen(e)
	at := x.pos(e.Pos())
	var t upstash.Text
	if x.textOf(&t, e) > 0 && !t.HasHoles() {
		if h := addrHost(t.String()); h != "" {
			return facts.Value{Origin: facts.Literal, Host: h, Pos: at}
		}
		return facts.Value{Origin: facts.Unknown, Pos: at}
	}
	if name := x.ix.envName(e); name != "" {
		return facts.Value{Origin: facts.FromEnv, Env: name, Pos: at}
	}
	if depth < 3 {
		if obj := x.ix.objectOf(e); obj != nil {
			for _, a := range x.ix.assigned[obj] {
				if v := x.hostValue(a, depth+1); v.Origin != facts.Unknown {
					return v
				}
			}
		}
	}
	return facts.Value{Origin: facts.Unknown, Pos: at}
}

// textOf is appendText without marking anything done: for values read
// again as an address or evidence.
func (x *goExtract) textOf(t *upstash.Text, e ast.Expr) int {
	saved := x.done
	x.done = map[ast.Node]bool{}
	n := x.appendText(t, e, 0)
	x.done = saved
	return n
}

// addrHost returns the lower-case host of an address ("host:6379",
// "rediss://user:pw@host:6379/0"), or "" when it is not a host name.
func addrHost(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexAny(s, "/?#"); j >= 0 {
			s = s[:j]
		}
		if j := strings.LastIndexByte(s, '@'); j >= 0 {
			s = s[j+1:]
		}
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.ToLower(s)
	if !upstash.IsHostName(s) {
		return ""
	}
	return s
}

// envName returns the env variable e reads (os.Getenv, os.LookupEnv,
// syscall.Getenv with a constant name), directly or inside a concatenation
// (os.Getenv("UPSTASH_REDIS_HOST") + ":6379"); "" when none.
func (ix *index) envName(e ast.Expr) string {
	name := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if name != "" {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			name = ix.envRead(call)
		}
		return name == ""
	})
	return name
}

// envRead returns the name a call reads from the environment, or "".
func (ix *index) envRead(call *ast.CallExpr) string {
	c := ix.callee(call)
	if (c.Path != "os" && c.Path != "syscall") || c.Recv != "" || (c.Name != "Getenv" && c.Name != "LookupEnv") || len(call.Args) != 1 {
		return ""
	}
	s, _ := ix.stringValue(call.Args[0])
	return s
}

// skipVerify records an InsecureSkipVerify: true (a key-value in a
// tls.Config literal, or an assignment) with what it is given to and the
// evidence of Upstash: the go-redis options' address when it is given to
// go-redis options, else the enclosing function's (for a package-level
// variable, the first function using it that has some).
func (x *goExtract) skipVerify(n ast.Node, stack []ast.Node) {
	w := facts.WeakTLS{Option: "InsecureSkipVerify: true", Pos: x.pos(n.Pos()), End: x.endOf(n)}
	var opts *ast.CompositeLit
	// What the tls.Config is given to: a field of a literal (TLSConfig,
	// TLSClientConfig) or the field an assignment sets.
	if as, ok := n.(*ast.AssignStmt); ok {
		w.On = fieldOwner(as.Lhs[0])
	}
	for i := len(stack) - 2; i >= 0 && w.On == ""; i-- {
		switch p := stack[i].(type) {
		case *ast.KeyValueExpr:
			if key, ok := p.Key.(*ast.Ident); ok {
				w.On = ownerOfField(key.Name)
				if w.On == upstash.LibGoRedis && i > 0 {
					opts, _ = stack[i-1].(*ast.CompositeLit)
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range p.Lhs {
				if on := fieldOwner(lhs); on != "" {
					w.On = on
					if on == upstash.LibGoRedis {
						w.Evidence = x.targetEvidence(lhs)
					}
				}
			}
		case *ast.FuncDecl, *ast.GenDecl:
			i = -1
		}
	}
	if as, ok := n.(*ast.AssignStmt); ok && w.On == upstash.LibGoRedis {
		w.Evidence = x.targetEvidence(as.Lhs[0])
	}
	if opts != nil {
		w.Evidence = x.optionsEvidence(opts)
	}
	if w.Evidence == (facts.Evidence{}) {
		w.Evidence = x.enclosingEvidence(stack)
	}
	x.file.WeakTLS = append(x.file.WeakTLS, w)
}

// ownerOfField names what a tls.Config set in field name is given to:
// go-redis options (TLSConfig) or a net/http transport (TLSClientConfig).
func ownerOfField(name string) string {
	switch name {
	case "TLSConfig":
		return upstash.LibGoRedis
	case "TLSClientConfig":
		return "net/http"
	}
	return ""
}

// fieldOwner is ownerOfField for the left side of an assignment
// (opt.TLSConfig = …, tr.TLSClientConfig.InsecureSkipVerify = true).
func fieldOwner(lhs ast.Expr) string {
	for e := ast.Unparen(lhs); ; {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		if on := ownerOfField(sel.Sel.Name); on != "" {
			return on
		}
		e = ast.Unparen(sel.X)
	}
}

// targetEvidence is the evidence of the go-redis options whose TLSConfig
// an assignment sets (opt.TLSConfig = …, opt.TLSConfig.InsecureSkipVerify
// = true): the address of the options literal opt was assigned, or the
// URL given to the redis.ParseURL call it came from (a literal host or an
// env variable, whatever its name: a REDIS_URL client is not Upstash's by
// name). The zero value when opt's origin is unknown.
func (x *goExtract) targetEvidence(lhs ast.Expr) facts.Evidence {
	e := ast.Unparen(lhs)
	for {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return facts.Evidence{}
		}
		if sel.Sel.Name == "TLSConfig" {
			e = sel.X
			break
		}
		e = ast.Unparen(sel.X)
	}
	obj := x.ix.objectOf(e)
	if obj == nil {
		return facts.Evidence{}
	}
	for _, a := range x.ix.assigned[obj] {
		a = ast.Unparen(a)
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			a = ast.Unparen(u.X)
		}
		switch v := a.(type) {
		case *ast.CompositeLit:
			if ev := x.optionsEvidence(v); ev != (facts.Evidence{}) {
				return ev
			}
		case *ast.CallExpr:
			if c := x.ix.callee(v); c.Name != "ParseURL" || !isGoRedis(c.Path) || len(v.Args) != 1 {
				continue
			}
			switch hv := x.hostValue(v.Args[0], 0); hv.Origin {
			case facts.Literal:
				return facts.Evidence{Host: hv.Host, Pos: hv.Pos}
			case facts.FromEnv:
				return facts.Evidence{Env: hv.Env, Pos: hv.Pos}
			}
		}
	}
	return facts.Evidence{}
}

// optionsEvidence is the evidence of a go-redis options literal: its
// address's literal host or env variable.
func (x *goExtract) optionsEvidence(lit *ast.CompositeLit) facts.Evidence {
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); !ok || key.Name != "Addr" && key.Name != "Addrs" && key.Name != "SentinelAddrs" {
			continue
		}
		addr := kv.Value
		if c, ok := ast.Unparen(addr).(*ast.CompositeLit); ok {
			if len(c.Elts) == 0 {
				continue
			}
			addr = c.Elts[0]
		}
		switch v := x.hostValue(addr, 0); v.Origin {
		case facts.Literal:
			return facts.Evidence{Host: v.Host, Pos: v.Pos}
		case facts.FromEnv:
			return facts.Evidence{Env: v.Env, Pos: v.Pos}
		}
	}
	return facts.Evidence{}
}

// enclosingEvidence is the evidence of the function declaration on the
// stack, or for a package-level declaration its own and then that of the
// first function (in source order) that uses a variable it declares.
func (x *goExtract) enclosingEvidence(stack []ast.Node) facts.Evidence {
	for i := len(stack) - 1; i >= 0; i-- {
		switch d := stack[i].(type) {
		case *ast.FuncDecl:
			return x.funcEvidence(d)
		case *ast.GenDecl:
			if ev := x.funcEvidence(d); ev != (facts.Evidence{}) {
				return ev
			}
			return x.usersEvidence(d)
		}
	}
	return facts.Evidence{}
}

// usersEvidence is the evidence of the first function that uses a variable
// declared in d.
func (x *goExtract) usersEvidence(d *ast.GenDecl) facts.Evidence {
	ix := x.ix
	declared := map[any]bool{}
	for _, spec := range d.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok {
			for _, name := range vs.Names {
				if obj := ix.info.Defs[name]; obj != nil {
					declared[obj] = true
				}
			}
		}
	}
	if len(declared) == 0 {
		return facts.Evidence{}
	}
	for _, fn := range ix.funcList {
		decl := ix.funcs[fn]
		if decl.Body == nil {
			continue
		}
		uses := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && declared[ix.info.Uses[id]] {
				uses = true
			}
			return !uses
		})
		if uses {
			if ev := x.funcEvidence(decl); ev != (facts.Evidence{}) {
				return ev
			}
		}
	}
	return facts.Evidence{}
}

// funcEvidence returns the best evidence of Upstash in n (a function or a
// declaration): an Upstash host named in a string (a URL or an address;
// Upstash's web sites are links, not connections), else a qstash-go or
// vector-go client built there, else a read of an env variable whose name
// says Upstash.
func (x *goExtract) funcEvidence(n ast.Node) facts.Evidence {
	if ev, ok := x.funcEv[n]; ok {
		return ev
	}
	ix := x.ix
	var host, sdk, env facts.Evidence
	ast.Inspect(n, func(m ast.Node) bool {
		switch v := m.(type) {
		case *ast.BasicLit:
			s, ok := ix.stringValue(v)
			if !ok || v.Kind != token.STRING || host.Host != "" {
				break
			}
			for _, u := range upstash.FindURLs(s) {
				if !upstash.IsWebHost(u.Host) {
					host = facts.Evidence{Host: u.Host, Pos: x.pos(v.Pos())}
					break
				}
			}
			if h := addrHost(s); host.Host == "" && upstash.IsUpstashHost(h) && !upstash.IsWebHost(h) {
				host = facts.Evidence{Host: h, Pos: x.pos(v.Pos())}
			}
		case *ast.CallExpr:
			c := ix.callee(v)
			if sdk.SDK == "" && c.Recv == "" && (isQStash(c.Path) || isVector(c.Path)) {
				sdk = facts.Evidence{SDK: c.Path}
			}
			if name := ix.envRead(v); env.Env == "" && upstash.IsUpstashEnvName(name) {
				env = facts.Evidence{Env: name, Pos: x.pos(v.Pos())}
			}
		case *ast.CompositeLit:
			if p, name := ix.typeExprRef(v.Type); sdk.SDK == "" && (isQStash(p) || isVector(p)) && name == "Options" {
				sdk = facts.Evidence{SDK: p}
			}
		}
		return true
	})
	ev := env
	switch {
	case host.Host != "":
		ev = host
	case sdk.SDK != "":
		ev = sdk
	case env.Env == "":
		ev = x.commentEvidence(n)
	}
	if x.funcEv == nil {
		x.funcEv = map[ast.Node]facts.Evidence{}
	}
	x.funcEv[n] = ev
	return ev
}

// commentEvidence returns the first comment inside n (a function or a
// declaration) that names Upstash, as the weakest evidence; the zero value
// when there is none.
func (x *goExtract) commentEvidence(n ast.Node) facts.Evidence {
	for _, g := range x.comments {
		if g.Pos() < n.Pos() || g.End() > n.End() {
			continue
		}
		for _, c := range g.List {
			if upstash.MentionsUpstash(c.Text) {
				return facts.Evidence{Comment: true, Pos: x.pos(c.Pos())}
			}
		}
	}
	return facts.Evidence{}
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
