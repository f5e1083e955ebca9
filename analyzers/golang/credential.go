package golang

import (
	"fmt"
	"github.com/upscan/upscan/upstash"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/upscan/upscan/rules"
)

// Detector finds credentials in one file's content, with rules.Finding
// positions (1-based, bytes) and redacted secrets: *secrets.Detector
// (analyzers/secrets) implements it. The analyzers take it as a parameter
// rather than importing analyzers/secrets so that the golangci-lint plugin
// does not pull gitleaks (and its terminal libraries) into golangci-lint's
// build, where their versions conflict.
type Detector interface {
	Detect(path string, data []byte) ([]rules.Finding, error)
}

// Credential is the credential analyzer without a Detector: it reports
// the values passed to an Upstash client's credential parameter only. Use
// NewCredential with analyzers/secrets for every token layout.
var Credential = NewCredential(nil)

// NewCredential returns the analyzer that reports hardcoded Upstash
// credentials in Go string literals and constants (UPS101–UPS109), with a
// fix that reads them from the environment. With d, every literal is
// checked with d (the decode-validated token layouts of "upscan ./...");
// with d nil, only values passed to an Upstash client are.
func NewCredential(d Detector) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "upstashcredential",
		Doc: `upstashcredential reports Upstash credentials hardcoded in Go string literals (UPS101–UPS109)

Every string literal is checked with upscan's credential rules (the same
decode-validated token layouts as "upscan ./...": Redis REST tokens, redis
URL passwords, QStash tokens and signing keys, Vector and Search tokens,
Developer API keys) when the driver provides them (upscan, upscan-vet). A
literal or constant passed to an Upstash client (qstash.NewClient,
qstash.NewReceiver, vector.NewIndex, qstash/vector Options.Token, a go-redis
Options.Password next to an Upstash address) is reported even when its value
has no known token layout. The suggested fix replaces the credential with
os.Getenv("UPSTASH_…") (the variable the official SDKs read, UPSTASH.md §2)
and adds the "os" import; no fix is offered in generated files or constant
declarations.`,
		Requires:         []*analysis.Analyzer{Index},
		ResultType:       resultType,
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return runCredential(pass, d) },
	}
}

// sink is a parameter or field of an Upstash client that takes a credential.
type sink struct {
	rule, kind, env, what string
}

// litInfo is where a string literal stands.
type litInfo struct {
	lit     *ast.BasicLit
	file    *ast.File
	parents [3]ast.Node // parent, grandparent, great-grandparent
	noFix   bool        // constant declaration, struct tag or import path
}

func runCredential(pass *analysis.Pass, det Detector) (any, error) {
	ix := pass.ResultOf[Index].(*index)
	res := &Result{}
	for _, f := range ix.files {
		checkFile(pass, ix, det, f, res)
	}
	return res, nil
}

func checkFile(pass *analysis.Pass, ix *index, det Detector, f *ast.File, res *Result) {
	lits := stringLits(f)
	if len(lits) == 0 {
		return
	}
	tf := pass.Fset.File(f.FileStart)
	covered := map[*ast.BasicLit]bool{}

	// Shaped credentials: the detector over the whole file, so that a
	// finding here is the finding analyzers/secrets makes for the same bytes.
	if content, err := readFile(pass, tf.Name()); det != nil && err == nil && int(f.FileEnd-f.FileStart) == len(content) {
		found, _ := det.Detect(tf.Name(), content)
		for i := range found {
			fd := found[i]
			start, end, ok := byteRange(tf, content, fd)
			if !ok {
				continue
			}
			li := enclosingLit(lits, tf.Pos(start))
			if li == nil {
				continue // in a comment: not a literal the program uses
			}
			covered[li.lit] = true
			sk := sinkOf(ix, li)
			env := upstash.EnvFor(fd.Secret.Kind)
			if sk != nil {
				env = sk.env
			}
			fd.Path = tf.Name()
			report(pass, res, Found{
				Pos: tf.Pos(start), End: tf.Pos(end), RuleID: fd.RuleID, Severity: fd.Severity,
				Message: fd.Message, Secret: fd.Secret, Finding: &fd,
			}, credentialFix(pass, ix, li, start-tf.Offset(li.lit.Pos()), end-tf.Offset(li.lit.Pos()), env))
		}
	}

	// Unshaped values passed to a credential parameter of an Upstash client.
	for _, li := range lits {
		if covered[li.lit] {
			continue
		}
		sk := sinkOf(ix, li)
		if sk == nil {
			continue
		}
		value, ok := ix.stringValue(li.lit)
		if !ok || len(value) < 8 || upstash.IsPlaceholder(value) || upstash.IsDevValue(value) || det != nil && shapeOwnedBySecrets(value) {
			continue
		}
		report(pass, res, Found{
			Pos: li.lit.Pos() + 1, End: li.lit.End() - 1, RuleID: sk.rule,
			Message: fmt.Sprintf("%s passed to %s is hardcoded; rotate it and load it from %s", capitalize(sk.what), sk.where(), sk.env),
			Secret:  rules.Redact(sk.kind, value),
		}, credentialFix(pass, ix, li, 1, len(li.lit.Value)-1, sk.env))
	}
}

func (s *sink) where() string {
	if i := strings.Index(s.what, " of "); i >= 0 {
		return s.what[i+4:]
	}
	return s.what
}

func capitalize(s string) string {
	if i := strings.Index(s, " of "); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// readFile reads a source file through the driver when it offers that.
func readFile(pass *analysis.Pass, name string) ([]byte, error) {
	if pass.ReadFile != nil {
		return pass.ReadFile(name)
	}
	return os.ReadFile(name)
}

// byteRange converts a secrets finding's 1-based line and column (bytes)
// into byte offsets [start, end) in content.
func byteRange(tf *token.File, content []byte, fd rules.Finding) (start, end int, ok bool) {
	off := func(line, col int) (int, bool) {
		if line < 1 || line > tf.LineCount() || col < 1 {
			return 0, false
		}
		o := tf.Offset(tf.LineStart(line)) + col - 1
		return o, o <= len(content)
	}
	s, ok1 := off(fd.Line, fd.Col)
	e, ok2 := off(fd.EndLine, fd.EndCol)
	if !ok1 || !ok2 || e < s {
		return 0, 0, false
	}
	return s, e + 1, true
}

// stringLits lists a file's string literals in source order with their
// parents.
func stringLits(f *ast.File) []*litInfo {
	var out []*litInfo
	var stack []ast.Node
	inConst := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if gd, ok := top.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				inConst--
			}
			return true
		}
		if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
			inConst++
		}
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			li := &litInfo{lit: lit, file: f, noFix: inConst > 0}
			for i := 0; i < 3 && i < len(stack); i++ {
				li.parents[i] = stack[len(stack)-1-i]
			}
			switch p := li.parents[0].(type) {
			case *ast.ImportSpec:
				stack = append(stack, n)
				return true
			case *ast.Field:
				li.noFix = li.noFix || p.Tag == lit
			}
			out = append(out, li)
		}
		stack = append(stack, n)
		return true
	})
	return out
}

// enclosingLit returns the literal that contains pos.
func enclosingLit(lits []*litInfo, pos token.Pos) *litInfo {
	i := sort.Search(len(lits), func(i int) bool { return lits[i].lit.End() > pos })
	if i < len(lits) && lits[i].lit.Pos() <= pos {
		return lits[i]
	}
	return nil
}

// sinkOf reports the credential parameter or field a literal is passed to:
// a direct argument or field value, or a constant initialised with it whose
// uses reach one (only the direct forms are looked at here).
func sinkOf(ix *index, li *litInfo) *sink {
	switch p := li.parents[0].(type) {
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == li.lit {
				return callSink(ix.callee(p), i)
			}
		}
	case *ast.KeyValueExpr:
		if p.Value != li.lit {
			return nil
		}
		key, ok := p.Key.(*ast.Ident)
		lit, ok2 := li.parents[1].(*ast.CompositeLit)
		if !ok || !ok2 {
			return nil
		}
		path, name := ix.typeExprRef(lit.Type)
		if lit.Type == nil {
			path, name = ix.typeRef(lit, 0)
		}
		return fieldSink(ix, path, name, key.Name, lit)
	}
	return nil
}

func callSink(c callee, arg int) *sink {
	switch {
	case isQStash(c.Path) && c.Recv == "" && c.Name == "NewClient" && arg == 0:
		return &sink{ruleQStashToken, upstash.KindQStashToken, "QSTASH_TOKEN", "QStash token of qstash.NewClient"}
	case isQStash(c.Path) && c.Recv == "" && c.Name == "NewReceiver" && arg == 0:
		return &sink{ruleSigningKey, upstash.KindSigningKey, "QSTASH_CURRENT_SIGNING_KEY", "QStash signing key of qstash.NewReceiver"}
	case isQStash(c.Path) && c.Recv == "" && c.Name == "NewReceiver" && arg == 1:
		return &sink{ruleSigningKey, upstash.KindSigningKey, "QSTASH_NEXT_SIGNING_KEY", "QStash signing key of qstash.NewReceiver"}
	case isVector(c.Path) && c.Recv == "" && c.Name == "NewIndex" && arg == 1:
		return &sink{ruleVectorToken, upstash.KindIndexToken, "UPSTASH_VECTOR_REST_TOKEN", "Upstash Vector token of vector.NewIndex"}
	}
	return nil
}

func fieldSink(ix *index, path, typ, field string, lit *ast.CompositeLit) *sink {
	switch {
	case isQStash(path) && typ == "Options" && field == "Token":
		return &sink{ruleQStashToken, upstash.KindQStashToken, "QSTASH_TOKEN", "QStash token of qstash.Options"}
	case isQStash(path) && typ == "Receiver" && field == "CurrentSigningKey":
		return &sink{ruleSigningKey, upstash.KindSigningKey, "QSTASH_CURRENT_SIGNING_KEY", "QStash signing key of qstash.Receiver"}
	case isQStash(path) && typ == "Receiver" && field == "NextSigningKey":
		return &sink{ruleSigningKey, upstash.KindSigningKey, "QSTASH_NEXT_SIGNING_KEY", "QStash signing key of qstash.Receiver"}
	case isVector(path) && typ == "Options" && field == "Token":
		return &sink{ruleVectorToken, upstash.KindIndexToken, "UPSTASH_VECTOR_REST_TOKEN", "Upstash Vector token of vector.Options"}
	case isGoRedis(path) && goRedisOptions[typ] && field == "Password":
		if !ix.mentionsUpstash(lit, 0) {
			return nil
		}
		return &sink{ruleRedisPass, upstash.KindRedisPassword, "UPSTASH_REDIS_PASSWORD", "Upstash Redis password of redis." + typ}
	}
	return nil
}

// ownedShape matches the token layouts analyzers/secrets decodes
// (UPSTASH.md §1.2–§1.4): when such a value is not reported there, it is a
// public dev value or fails validation, and is not a guess to make here.
var ownedShape = regexp.MustCompile(`^(?:eyJVc2VySUQiOi|sig_|A[A-Za-z0-9_-]{3}(?:AAI|ASQg|ACQg)|A[A-D].[FI]M)`)

func shapeOwnedBySecrets(v string) bool { return ownedShape.MatchString(v) }

// credentialFix builds the fix that replaces bytes [rs, re) of a literal's
// source text with os.Getenv(env): the whole literal when the credential is
// all of it, else "prefix" + os.Getenv(env) + "suffix". It returns nil when
// no fix is safe: generated file, constant declaration, struct tag, a
// literal of a named string type, escapes in the way, or no "os" name.
func credentialFix(pass *analysis.Pass, ix *index, li *litInfo, rs, re int, env string) []analysis.SuggestedFix {
	src := li.lit.Value
	if env == "" || li.noFix || ix.generated[li.file] || rs < 1 || re > len(src)-1 || rs >= re {
		return nil
	}
	if t := ix.info.TypeOf(li.lit); validType(t) {
		if b, ok := t.(*types.Basic); !ok || b.Info()&types.IsString == 0 {
			return nil
		}
	}
	secret, prefix := src[rs:re], src[:rs]
	if strings.Contains(secret, `\`) || (strings.HasSuffix(prefix, `\`) && src[0] == '"') {
		return nil
	}
	osName, edits, ok := importFor(pass, li.file, li.lit.Pos(), "os")
	if !ok {
		return nil
	}
	q := src[:1]
	var parts []string
	if rs > 1 {
		parts = append(parts, prefix+q)
	}
	parts = append(parts, osName+`.Getenv("`+env+`")`)
	if re < len(src)-1 {
		parts = append(parts, q+src[re:])
	}
	edits = append([]analysis.TextEdit{{Pos: li.lit.Pos(), End: li.lit.End(), NewText: []byte(strings.Join(parts, " + "))}}, edits...)
	return []analysis.SuggestedFix{{Message: "Read the credential from $" + env, TextEdits: edits}}
}

// importFor returns the name under which file f can refer to package path at
// pos, and the edits that add the import when f lacks it. ok is false when
// the name is taken by something else in scope.
func importFor(pass *analysis.Pass, f *ast.File, pos token.Pos, path string) (name string, edits []analysis.TextEdit, ok bool) {
	for _, is := range f.Imports {
		if p, _ := strconv.Unquote(is.Path.Value); p == path {
			if is.Name == nil {
				return lastElem(path), nil, true
			}
			if n := is.Name.Name; n != "_" && n != "." {
				return n, nil, true
			}
		}
	}
	name = lastElem(path)
	if pass.Pkg != nil {
		if s := pass.Pkg.Scope().Innermost(pos); s != nil {
			if _, obj := s.LookupParent(name, pos); obj != nil {
				return "", nil, false
			}
		}
	}
	for _, d := range f.Decls {
		if gd, isGen := d.(*ast.GenDecl); isGen && gd.Tok == token.IMPORT {
			if gd.Lparen.IsValid() {
				return name, []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + strconv.Quote(path))}}, true
			}
			return name, []analysis.TextEdit{{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + strconv.Quote(path))}}, true
		}
	}
	return name, []analysis.TextEdit{{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport " + strconv.Quote(path))}}, true
}
