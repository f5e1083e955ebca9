package golang

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/upstash"
)

// Reach summarises every function of a package: which Upstash services it
// reaches, whether it enforces a rate limit, verifies a QStash signature or
// reads a QStash delivery, each through the calls it makes, transitively and
// across packages (by facts). UPS401 and UPS504 read its result.
var Reach = &analysis.Analyzer{
	Name: "upstashreach",
	Doc: "upstashreach computes, for every function, whether it reaches an Upstash client, enforces a rate limit " +
		"or verifies a QStash signature, and exports that as facts for importing packages; it reports nothing.",
	Requires:         []*analysis.Analyzer{Index},
	FactTypes:        []analysis.Fact{new(FuncFact), new(EvidenceFact)},
	ResultType:       reflect.TypeOf((*reach)(nil)),
	RunDespiteErrors: true,
	Run:              runReach,
}

// Summary is what a function does, itself or through the functions it calls.
type Summary struct {
	Reach      uint8  // services reached (bit set: Redis, QStash, Vector)
	Via        string // the first Upstash client call reached, e.g. "(*redis.Client).Incr"
	Limits     bool   // enforces a rate limit
	Verifies   bool   // verifies a QStash signature
	SigHeader  bool   // reads the Upstash-Signature request header
	ParsesBody bool   // reads or decodes the request body
	// Caller is the strongest upstash.Caller a check on the path proves
	// (a guard or verifier whose failure stops the request), CallerLabel
	// what it is ("golang-jwt Parse").
	Caller      uint8
	CallerLabel string
}

func (s *Summary) merge(o Summary) bool {
	before := *s
	s.Reach |= o.Reach
	if s.Via == "" {
		s.Via = o.Via
	}
	s.Limits = s.Limits || o.Limits
	s.Verifies = s.Verifies || o.Verifies
	s.SigHeader = s.SigHeader || o.SigHeader
	s.ParsesBody = s.ParsesBody || o.ParsesBody
	s.raise(upstash.Caller(o.Caller), o.CallerLabel)
	return *s != before
}

// FuncFact is the fact Reach exports for a function: its Summary.
type FuncFact struct{ S Summary }

// AFact marks FuncFact as an analysis fact.
func (*FuncFact) AFact() {}

func (f *FuncFact) String() string {
	return fmt.Sprintf("reach=%d limits=%t verifies=%t", f.S.Reach, f.S.Limits, f.S.Verifies)
}

// EvidenceFact is the package fact Reach exports when a package, or one it
// imports, points at Upstash (an Upstash host or UPSTASH_* name, an
// identifier named after Upstash, or an import of qstash-go or vector-go).
// Only then do go-redis clients count as Upstash clients.
type EvidenceFact struct{}

// AFact marks EvidenceFact as an analysis fact.
func (*EvidenceFact) AFact() {}

func (*EvidenceFact) String() string { return "upstash" }

// reach is Reach's result.
type reach struct {
	ix       *index
	evidence bool
	local    map[types.Object]*Summary // functions and func-literal vars of this package
	imported map[*types.Func]Summary   // imported functions this package refers to
	methods  map[string][]method       // methods by name, for calls through interfaces
	// lits caches the summaries of func literals used as handlers. The
	// result is shared by analyzers that run in parallel: mu guards it.
	mu   sync.Mutex
	lits map[*ast.FuncLit]*Summary
}

type method struct {
	fn *types.Func
	s  func() Summary
}

// direct is one body's own summary plus the local functions it calls.
type direct struct {
	s      Summary
	calls  []types.Object
	ifaces []types.Object // local methods reached through an interface: their Reach only
}

func runReach(pass *analysis.Pass) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	r := &reach{
		ix:       ix,
		local:    map[types.Object]*Summary{},
		imported: map[*types.Func]Summary{},
		methods:  map[string][]method{},
		lits:     map[*ast.FuncLit]*Summary{},
	}
	if inGOROOT(pass) {
		// The standard library reaches no Upstash client; its summaries
		// would only add noise through interface calls.
		return r, nil
	}
	r.evidence = packageEvidence(pass, ix)
	if r.evidence {
		pass.ExportPackageFact(new(EvidenceFact))
	}
	for _, obj := range ix.info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg() != pass.Pkg {
			var f FuncFact
			if pass.ImportObjectFact(fn, &f) {
				r.imported[fn] = f.S
			}
		}
	}
	for _, of := range pass.AllObjectFacts() {
		if fn, ok := of.Object.(*types.Func); ok && fn.Signature().Recv() != nil {
			if f, ok := of.Fact.(*FuncFact); ok {
				s := f.S
				r.methods[fn.Name()] = append(r.methods[fn.Name()], method{fn: fn, s: func() Summary { return s }})
			}
		}
	}

	// Direct summaries, then a fixed point over the package's call graph.
	for _, fn := range ix.funcList {
		if ix.funcs[fn].Body != nil && fn.Signature().Recv() != nil {
			r.methods[fn.Name()] = append(r.methods[fn.Name()], method{fn: fn})
		}
	}
	for _, ms := range r.methods {
		slices.SortStableFunc(ms, func(a, b method) int { return strings.Compare(a.fn.FullName(), b.fn.FullName()) })
	}
	directs := map[types.Object]*direct{}
	var order []types.Object
	for _, fn := range ix.funcList {
		if body := ix.funcs[fn].Body; body != nil {
			directs[fn] = r.direct(body)
			order = append(order, fn)
		}
	}
	for _, v := range ix.varList {
		directs[v] = r.direct(ix.funcVars[v].Body)
		order = append(order, v)
	}
	for obj, d := range directs {
		s := d.s
		r.local[obj] = &s
	}
	for changed, rounds := true, 0; changed && rounds <= len(directs)+1; rounds++ {
		changed = false
		for _, obj := range order {
			d := directs[obj]
			for _, c := range d.calls {
				if cs, ok := r.local[c]; ok && r.local[obj].merge(*cs) {
					changed = true
				}
			}
			for _, c := range d.ifaces {
				if cs, ok := r.local[c]; ok && r.local[obj].merge(Summary{Reach: cs.Reach, Via: cs.Via}) {
					changed = true
				}
			}
		}
	}
	for obj, s := range r.local {
		if fn, ok := obj.(*types.Func); ok && *s != (Summary{}) {
			pass.ExportObjectFact(fn, &FuncFact{S: *s})
		}
	}
	return r, nil
}

// packageEvidence decides whether the package points at Upstash.
func packageEvidence(pass *analysis.Pass, ix *index) bool {
	for _, imp := range pass.Pkg.Imports() {
		if isQStash(imp.Path()) || isVector(imp.Path()) || pass.ImportPackageFact(imp, new(EvidenceFact)) {
			return true
		}
	}
	for _, f := range ix.files {
		for _, is := range f.Imports {
			if p := strings.Trim(is.Path.Value, "\"`"); isQStash(p) || isVector(p) {
				return true
			}
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			switch x := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.BasicLit:
				if s, ok := ix.stringValue(x); ok && upstashMention(s) {
					found = true
				}
			case *ast.Ident:
				if strings.Contains(strings.ToLower(x.Name), "upstash") {
					found = true
				}
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}

// direct summarises the calls in one body, closures included.
func (r *reach) direct(body ast.Node) *direct {
	d := &direct{}
	var incr []*ast.CallExpr
	expire := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IfStmt:
			if env, ok := r.secretCompare(x.Cond); ok && stops(x.Body) {
				d.s.raise(upstash.Verified, "shared secret header check ("+env+")")
			}
		case *ast.BasicLit:
			if s, ok := r.ix.stringValue(x); ok && strings.EqualFold(s, "Upstash-Signature") {
				d.s.SigHeader = true
			}
		case *ast.CallExpr:
			c := r.ix.callee(x)
			if svc := clientCall(c); svc != 0 {
				d.s.Reach |= uint8(svc)
				if d.s.Via == "" {
					d.s.Via = describe(c)
				}
				if svc == svcRedis {
					switch c.Name {
					case "Incr", "IncrBy", "IncrByFloat", "HIncrBy":
						incr = append(incr, x)
					case "Expire", "ExpireNX", "PExpire", "ExpireAt", "PExpireAt":
						expire = true
					}
				}
			}
			if isVerify(c) {
				d.s.Verifies = true
			}
			if isLimiter(c) {
				d.s.Limits = true
			}
			if g, ok := guardCall(c); ok && (g.Throws || g.Wraps || checkedCall(body, x)) {
				d.s.raise(g.Caller, g.Label)
			} else if r.guessedGuard(c) && checkedCall(body, x) {
				d.s.raise(upstash.SignedIn, guessedLabel(c.Name))
			}
			if parsesBody(c) {
				d.s.ParsesBody = true
			}
			if c.Fn != nil {
				r.callSummary(d, c.Fn)
			}
		}
		return true
	})
	if len(incr) > 0 && expire && threshold(body, incr) {
		// A hand-rolled fixed window: INCR a per-client key, EXPIRE it,
		// reject over a threshold (UPSTASH.md §4.2).
		d.s.Limits = true
	}
	return d
}

// threshold reports whether body compares the count of one of the incr
// calls against a threshold (<, <=, >, >=) in an if condition with a body,
// or returns the comparison: a counter nobody compares is statistics, not
// a limit. The count is the call itself (`rdb.Incr(ctx, k).Val() > 10`) or
// a name assigned from it (`n, err := rdb.Incr(ctx, k).Result()`).
func threshold(body ast.Node, incr []*ast.CallExpr) bool {
	holds := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			for _, c := range incr {
				if n == c {
					found = true
				}
			}
			return !found
		})
		return found
	}
	names := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if a, ok := n.(*ast.AssignStmt); ok {
			for _, r := range a.Rhs {
				if holds(r) {
					for _, l := range a.Lhs {
						if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
							names[id.Name] = true
						}
					}
				}
			}
		}
		return true
	})
	compares := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			b, ok := n.(*ast.BinaryExpr)
			if !ok || found {
				return !found
			}
			switch b.Op {
			case token.GTR, token.GEQ, token.LSS, token.LEQ:
				for _, side := range []ast.Expr{b.X, b.Y} {
					if id, ok := ast.Unparen(side).(*ast.Ident); ok && names[id.Name] || holds(side) {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IfStmt:
			found = found || len(x.Body.List) > 0 && compares(x.Cond)
		case *ast.ReturnStmt:
			for _, r := range x.Results {
				found = found || compares(r)
			}
		}
		return !found
	})
	return found
}

// callSummary adds what a call to fn does to d: imported functions through
// their facts, local ones through the fixed point, interface methods
// through every known method of that name whose receiver implements the
// interface.
func (r *reach) callSummary(d *direct, fn *types.Func) {
	if fn.Pkg() == r.ix.pkg {
		if _, ok := r.ix.funcs[fn]; ok {
			d.calls = append(d.calls, fn)
			return
		}
	} else if s, ok := r.imported[fn]; ok {
		d.s.merge(s)
		return
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return
	}
	for _, m := range r.methods[fn.Name()] {
		mr := m.fn.Signature().Recv()
		if mr == nil || !implements(mr.Type(), iface) {
			continue
		}
		// Only what the implementations reach counts: one implementation
		// that limits or verifies says nothing of the others.
		var ms Summary
		if m.fn.Pkg() == r.ix.pkg {
			if !slices.Contains(d.ifaces, types.Object(m.fn)) {
				d.ifaces = append(d.ifaces, m.fn)
			}
			continue
		}
		ms = m.s()
		d.s.merge(Summary{Reach: ms.Reach, Via: ms.Via})
	}
}

// inGOROOT reports whether the pass analyses a standard-library package.
func inGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	name := filepath.ToSlash(pass.Fset.File(pass.Files[0].FileStart).Name())
	for _, root := range goroots() {
		if strings.HasPrefix(name, root+"/src/") {
			return true
		}
	}
	return false
}

// goroots lists where the standard library may be: a binary built with
// -trimpath knows no GOROOT, but the go command that runs a vet tool sets
// $GOROOT.
var goroots = sync.OnceValue(func() []string {
	var out []string
	for _, r := range []string{os.Getenv("GOROOT"), build.Default.GOROOT} {
		if r != "" {
			out = append(out, filepath.ToSlash(filepath.Clean(r)))
		}
	}
	if len(out) == 0 {
		// A binary built with -trimpath (release builds, the Action) knows
		// no GOROOT: the go command that loads the packages does.
		if b, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			if r := strings.TrimSpace(string(b)); r != "" {
				out = append(out, filepath.ToSlash(filepath.Clean(r)))
			}
		}
	}
	return out
})

// implements reports whether t (or *t) implements iface; with an unknown
// interface (syntax-only mode) every method of the name counts.
func implements(t types.Type, iface *types.Interface) bool {
	if iface.NumMethods() == 0 {
		return true
	}
	if types.Implements(t, iface) {
		return true
	}
	if _, isPtr := t.(*types.Pointer); !isPtr {
		return types.Implements(types.NewPointer(t), iface)
	}
	return false
}

// describe names a callee for messages: "(*redis.Client).Incr".
func describe(c callee) string {
	pkg := lastElem(c.Path)
	if c.Fn != nil && c.Fn.Pkg() != nil {
		pkg = c.Fn.Pkg().Name()
	} else if strings.HasPrefix(pkg, "v") && strings.Trim(pkg[1:], "0123456789") == "" || strings.Contains(pkg, "-") {
		pkg = guessPackageName(c.Path)
	}
	if c.Recv == "" {
		return pkg + "." + c.Name
	}
	if c.Recv == "?" {
		return pkg + "." + c.Name
	}
	return "(" + pkg + "." + c.Recv + ")." + c.Name
}

// parsesBody reports whether a call reads or decodes a request body.
func parsesBody(c callee) bool {
	switch {
	case (c.Path == "io" || c.Path == "io/ioutil") && c.Name == "ReadAll":
		return true
	case c.Path == "encoding/json" && (c.Name == "NewDecoder" || c.Name == "Unmarshal"):
		return true
	case c.Recv != "" && (strings.HasPrefix(c.Name, "Bind") || strings.HasPrefix(c.Name, "ShouldBind") ||
		c.Name == "BodyParser" || c.Name == "GetRawData"):
		return true
	}
	return false
}

// summaryOf returns the summary of what a handler expression runs: a
// function or method (value), a func literal, a variable holding one, a
// value whose ServeHTTP method serves, or a wrapper call, whose own
// function and wrapped arguments both count.
func (r *reach) summaryOf(e ast.Expr, depth int) Summary {
	var s Summary
	if e == nil || depth > 6 {
		return s
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.FuncLit:
		return r.litSummary(x)
	case *ast.UnaryExpr:
		return r.summaryOf(x.X, depth+1)
	case *ast.CompositeLit:
		return r.serveHTTP(e)
	case *ast.CallExpr:
		c := r.ix.callee(x)
		if c.Fn != nil {
			s.merge(r.funcSummary(c.Fn))
		} else if tv, ok := r.ix.info.Types[x.Fun]; ok && tv.IsType() {
			// a conversion such as http.HandlerFunc(f)
		}
		if isLimiter(c) {
			s.Limits = true
		}
		if isVerify(c) {
			s.Verifies = true
		}
		// A middleware factory or wrapper: jwtauth.Authenticator(ja),
		// middleware.KeyAuth(…), RequireAuth(next).
		if g, ok := guardCall(c); ok && (g.Wraps || g.Throws) {
			s.raise(g.Caller, g.Label)
		} else if r.guessedGuard(c) {
			s.raise(upstash.SignedIn, guessedLabel(c.Name))
		}
		for _, a := range x.Args {
			s.merge(r.summaryOf(a, depth+1))
		}
		return s
	case *ast.Ident, *ast.SelectorExpr:
		switch obj := r.ix.objectOf(x).(type) {
		case *types.Func:
			fs := r.funcSummary(obj)
			if c := (callee{Name: obj.Name(), Fn: obj}); fs.Caller == 0 && r.guessedGuard(c) {
				fs.raise(upstash.SignedIn, guessedLabel(obj.Name()))
			}
			if obj.Pkg() != nil {
				if g, ok := guardCall(callee{Path: obj.Pkg().Path(), Name: obj.Name(), Fn: obj}); ok && g.Wraps {
					fs.raise(g.Caller, g.Label)
				}
			}
			return fs
		case *types.Var:
			if ls, ok := r.local[obj]; ok {
				return *ls
			}
			return r.serveHTTP(e)
		}
	}
	return s
}

// funcSummary returns a function's summary, local or imported.
func (r *reach) funcSummary(fn *types.Func) Summary {
	if s, ok := r.local[fn]; ok {
		return *s
	}
	return r.imported[fn]
}

// litSummary summarises a func literal used as a handler.
func (r *reach) litSummary(lit *ast.FuncLit) Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.lits[lit]; ok {
		return *s
	}
	d := r.direct(lit.Body)
	s := d.s
	for _, c := range d.calls {
		if cs, ok := r.local[c]; ok {
			s.merge(*cs)
		}
	}
	for _, c := range d.ifaces {
		if cs, ok := r.local[c]; ok {
			s.merge(Summary{Reach: cs.Reach, Via: cs.Via})
		}
	}
	r.lits[lit] = &s
	return s
}

// serveHTTP returns the summary of the ServeHTTP method of e's type, for
// values registered with http.Handle.
func (r *reach) serveHTTP(e ast.Expr) Summary {
	path, name := r.ix.typeRef(e, 0)
	if name == "" {
		return Summary{}
	}
	for fn, decl := range r.ix.funcs {
		if fn.Name() != "ServeHTTP" || decl.Recv == nil || len(decl.Recv.List) == 0 {
			continue
		}
		if p, n := r.ix.typeExprRef(decl.Recv.List[0].Type); p == path && n == name {
			return r.funcSummary(fn)
		}
	}
	return Summary{}
}

// upstash returns the services s reaches that count as Upstash: go-redis
// only when the package points at Upstash.
func (r *reach) upstash(s Summary) service {
	svc := service(s.Reach)
	if !r.evidence {
		svc &^= svcRedis
	}
	return svc
}
