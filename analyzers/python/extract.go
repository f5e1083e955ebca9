//go:build cgo

package python

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/treesitter"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// walker holds one file's parse and what has been extracted from it.
type walker struct {
	path  string
	src   []byte // the parsed bytes (after any BOM)
	bom   int    // bytes of BOM skipped before src: added to line-1 columns
	lines *treesitter.Lines
	file  *facts.File

	// imports maps a local name to the dotted name it stands for:
	// `import redis` → redis: "redis"; `from redis import Redis as R` →
	// R: "redis.Redis"; relative imports keep their dots (".cfg.TOKEN").
	imports map[string]string
	// routeDeps are the route decorators' `dependencies=` arguments
	// (ratefacts.go).
	routeDeps []depRange
	// fromNames maps a name bound by from-import to its module and name.
	fromNames map[string][2]string
	// modules are the names bound by plain `import x` / `import x.y as z`.
	modules map[string]bool
	// wildcards are SDK modules imported with `from m import *`.
	wildcards []string
	// bindings maps a name to the right-hand sides assigned to it, in order.
	bindings map[string][]*sitter.Node

	kinds                                   []kind
	calls, subscripts, strs, idents, params []*sitter.Node
	// binops and concats are the binary operators and implicit string
	// concatenations, where URLs are assembled (transport.go).
	binops, concats []*sitter.Node
	// clientCalls are the Id()s of clients' construction calls (isClientCall).
	clientCalls map[uintptr]bool
	// defs, decorated and assigns feed the rate-limit facts (ratefacts.go):
	// function and class definitions, decorated definitions, assignments.
	defs, decorated, assigns []*sitter.Node

	clients   []*client
	aliases   map[string]*client // pipelines and with-targets: name → client
	factories map[string]*client // module-level function → the client it returns
	results   map[string]string  // x = f(): x → f, a factory or an imported name
	findings  []rules.Finding
	nodeCount int
	maxNodes  int // budget of the first pass (treesitter.Budget.Nodes)
	// subst holds a helper function's parameters while a call of it is
	// expanded (helperURLs, transport.go).
	subst map[string]substValue
}

// client is a facts.Client under construction with what the findings need.
type client struct {
	facts.Client
	call  *sitter.Node
	style style
	tls   tlsState
	host  string // literal host, lower-case; "" when not literal
	hostV facts.Value
	// insecure holds the options that stop TLS verification, for UPS302.
	insecure []insecureOpt
	sslFalse *sitter.Node // ssl=False keyword argument, for UPS303
}

type tlsState uint8

const (
	tlsOff     tlsState = iota // no TLS: redis-py's default, ssl=False, redis://
	tlsOn                      // ssl=True or rediss://
	tlsUnknown                 // an expression upscan cannot follow
)

type insecureOpt struct {
	node *sitter.Node
	text string // normalised option text for messages and fingerprints
}

func newWalker(path string, src []byte, bom int, f *facts.File) *walker {
	w := &walker{
		path: path, src: src, bom: bom, file: f,
		imports: map[string]string{}, fromNames: map[string][2]string{}, modules: map[string]bool{},
		bindings: map[string][]*sitter.Node{}, aliases: map[string]*client{},
	}
	w.lines = treesitter.NewLines(src, bom)
	return w
}

// text returns the source text of n.
func (w *walker) text(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return string(w.src[treesitter.StartByte(n):n.EndByte()])
}

// pos returns n's 1-based start position in the original file.
func (w *walker) pos(n *sitter.Node) facts.Pos {
	return treesitter.PointPos(treesitter.StartPoint(n), w.bom)
}

// endPos returns the 1-based position of n's last byte.
func (w *walker) endPos(n *sitter.Node) facts.Pos {
	return w.lines.End(int(treesitter.StartByte(n)), int(n.EndByte()))
}

// posAt converts a byte offset in src to a 1-based position in the file.
func (w *walker) posAt(off int) facts.Pos { return w.lines.Pos(off) }

// syntaxNote describes the first syntax error for File.Notes, without content.
func (w *walker) syntaxNote(root *sitter.Node) string {
	first := treesitter.FirstError(root)
	if first == nil {
		return "python: syntax errors; facts may be partial"
	}
	p := w.pos(first)
	return "python: syntax error near line " + itoa(p.Line) + "; facts may be partial"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// run extracts everything: a first pass collects imports, bindings and the
// nodes of interest; a second resolves clients, env reads, commands and
// transport facts against them.
func (w *walker) run(root *sitter.Node) {
	// One walk in C collects the nodes the passes below read, in document
	// order; every node visited counts against the budget.
	got, err := treesitter.Collect(root, w.maxNodes, w.kinds)
	if err != nil {
		w.file.Notes = append(w.file.Notes, "python: "+err.Error()+"; no facts for this file")
		return
	}
	w.nodeCount += got.Visited
	for i := range got.Nodes {
		n := &got.Nodes[i]
		switch got.Classes[i] {
		case kImport:
			w.importStatement(n)
		case kImportFrom:
			w.importFrom(n)
		case kAssignment:
			w.assignment(n)
			w.assigns = append(w.assigns, n)
		case kCall:
			w.calls = append(w.calls, n)
		case kSubscript:
			w.subscripts = append(w.subscripts, n)
		case kString:
			w.strs = append(w.strs, n)
		case kIdentifier:
			w.idents = append(w.idents, n)
		case kDefaultParam:
			w.params = append(w.params, n)
		case kFuncDef, kClassDef:
			w.defs = append(w.defs, n)
		case kDecorated:
			w.decorated = append(w.decorated, n)
		case kBinary:
			w.binops = append(w.binops, n)
		case kConcat:
			w.concats = append(w.concats, n)
		}
	}
	if !got.Complete {
		w.file.Notes = append(w.file.Notes, fmt.Sprintf("python: read up to line %d: the file has more than its budget of %d syntax nodes for %d bytes; facts after it are missing",
			w.pos(got.Last).Line, w.maxNodes, len(w.src)))
	}
	w.exports(root)

	for _, n := range w.subscripts {
		if name, ok := w.envRead(n); ok {
			w.file.EnvReads = append(w.file.EnvReads, facts.EnvRead{Name: name, Public: (upstash.PublicPrefixOf(name) != ""), Pos: w.pos(n)})
		}
	}
	for _, n := range w.calls {
		if name, ok := w.envRead(n); ok {
			w.file.EnvReads = append(w.file.EnvReads, facts.EnvRead{Name: name, Public: (upstash.PublicPrefixOf(name) != ""), Pos: w.pos(n)})
			continue
		}
		w.constructor(n)
	}
	w.trackAliases()
	factories, returns := w.findFactories()
	w.factories, w.results = factories, map[string]string{}
	w.collectResults()
	w.references()
	for _, c := range w.clients {
		if c.Factory != "" {
			c.Commands = dropReturns(c.Commands, returns)
		}
	}
	w.headers()
	w.qstashFacts()
	for _, c := range w.clients {
		sort.SliceStable(c.Commands, func(i, j int) bool { return lessPos(c.Commands[i].Pos, c.Commands[j].Pos) })
		w.file.Clients = append(w.file.Clients, c.Client)
	}
	w.rateFacts()
	sort.SliceStable(w.file.EnvReads, func(i, j int) bool { return lessPos(w.file.EnvReads[i].Pos, w.file.EnvReads[j].Pos) })
	w.transportFacts()
}

func lessPos(a, b facts.Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// importStatement records `import a.b`, `import a.b as c`.
func (w *walker) importStatement(n *sitter.Node) {
	for i := uint(0); i < n.NamedChildCount(); i++ {
		ch := n.NamedChild(i)
		switch ch.Kind() {
		case "dotted_name":
			spec := w.text(ch)
			local := spec
			if j := strings.IndexByte(spec, '.'); j >= 0 {
				local = spec[:j]
			}
			w.imports[local] = local
			w.modules[local] = true
			if spec != local {
				// `import app.cache` is used as app.cache.x: track the
				// whole dotted name as the binding of the module.
				w.imports[spec] = spec
			}
			w.file.Imports = append(w.file.Imports, facts.Import{Spec: spec, Names: []string{local}, Pos: w.pos(n),
				Bindings: []facts.Binding{{Imported: "*", Local: spec}}})
		case "aliased_import":
			spec := w.text(ch.ChildByFieldId(fieldName))
			alias := w.text(ch.ChildByFieldId(fieldAlias))
			if spec == "" || alias == "" {
				continue
			}
			w.imports[alias] = spec
			w.modules[alias] = true
			w.file.Imports = append(w.file.Imports, facts.Import{Spec: spec, Names: []string{alias}, Pos: w.pos(n),
				Bindings: []facts.Binding{{Imported: "*", Local: alias}}})
		}
	}
}

// importFrom records `from m import a, b as c`, `from . import x`,
// `from ..m import *`.
func (w *walker) importFrom(n *sitter.Node) {
	mod := n.ChildByFieldId(fieldModuleName)
	if mod == nil {
		return
	}
	spec := strings.Join(strings.Fields(w.text(mod)), "")
	imp := facts.Import{Spec: spec, Pos: w.pos(n)}
	for i := uint(0); i < n.NamedChildCount(); i++ {
		ch := n.NamedChild(i)
		if ch.StartByte() == mod.StartByte() {
			continue
		}
		var name, local string
		switch ch.Kind() {
		case "dotted_name":
			name = w.text(ch)
			local = name
		case "aliased_import":
			name = w.text(ch.ChildByFieldId(fieldName))
			local = w.text(ch.ChildByFieldId(fieldAlias))
		case "wildcard_import":
			imp.Names = append(imp.Names, "*")
			if sdkModules[spec] {
				w.wildcards = append(w.wildcards, spec)
			}
			continue
		default:
			continue
		}
		if name == "" || local == "" {
			continue
		}
		imp.Names = append(imp.Names, local)
		imp.Bindings = append(imp.Bindings, facts.Binding{Imported: name, Local: local})
		q := spec + "." + name
		if strings.HasSuffix(spec, ".") {
			q = spec + name
		}
		w.imports[local] = q
		w.fromNames[local] = [2]string{spec, name}
		delete(w.modules, local)
	}
	w.file.Imports = append(w.file.Imports, imp)
}

// assignment records `name = value` (and `name: T = value`) bindings.
func (w *walker) assignment(n *sitter.Node) {
	left, right := n.ChildByFieldId(fieldLeft), n.ChildByFieldId(fieldRight)
	if left == nil || right == nil || left.Kind() != "identifier" {
		return
	}
	name := w.text(left)
	w.bindings[name] = append(w.bindings[name], right)
}

// exports records the module's top-level bindings: in Python every
// top-level name is importable. Statements nested in if/try at module level
// count too.
func (w *walker) exports(root *sitter.Node) {
	var visit func(n *sitter.Node, depth int)
	visit = func(n *sitter.Node, depth int) {
		for i := uint(0); i < n.NamedChildCount(); i++ {
			st := n.NamedChild(i)
			switch st.Kind() {
			case "expression_statement":
				for j := uint(0); j < st.NamedChildCount(); j++ {
					if a := st.NamedChild(j); a.Kind() == "assignment" {
						if l := a.ChildByFieldId(fieldLeft); l != nil && l.Kind() == "identifier" {
							w.file.Exports = append(w.file.Exports, facts.Export{Name: w.text(l), Pos: w.pos(l)})
						}
					}
				}
			case "function_definition", "class_definition":
				if nm := st.ChildByFieldId(fieldName); nm != nil {
					w.file.Exports = append(w.file.Exports, facts.Export{Name: w.text(nm), Pos: w.pos(nm)})
				}
			case "decorated_definition":
				if d := st.ChildByFieldId(fieldDefinition); d != nil {
					if nm := d.ChildByFieldId(fieldName); nm != nil {
						w.file.Exports = append(w.file.Exports, facts.Export{Name: w.text(nm), Pos: w.pos(nm)})
					}
				}
			case "if_statement", "try_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block":
				if depth < 4 {
					visit(st, depth+1)
				}
			}
		}
	}
	visit(root, 0)
}

// envRead reports the variable name of an environment read:
// os.environ["X"], os.environ.get("X"), os.getenv("X"), environ["X"],
// getenv("X") (from os import environ, getenv).
func (w *walker) envRead(n *sitter.Node) (string, bool) {
	switch n.Kind() {
	case "subscript":
		obj := w.qualified(n.ChildByFieldId(fieldValue))
		if obj != "os.environ" {
			return "", false
		}
		return w.literal(n.ChildByFieldId(fieldSubscript))
	case "call":
		fn := w.qualified(n.ChildByFieldId(fieldFunction))
		if fn != "os.getenv" && fn != "os.environ.get" && fn != "os.environ.setdefault" {
			return "", false
		}
		args := n.ChildByFieldId(fieldArguments)
		if args == nil || args.NamedChildCount() == 0 {
			return "", false
		}
		return w.literal(args.NamedChild(0))
	}
	return "", false
}

// qualified returns the dotted name of an identifier/attribute chain with
// its first part resolved through the imports ("r.Redis" with `import redis
// as r` → "redis.Redis"), or the chain as written when the first part is
// not imported. It returns "" for anything else (calls, subscripts).
func (w *walker) qualified(n *sitter.Node) string {
	d := w.dotted(n)
	if d == "" {
		return ""
	}
	first, rest, _ := strings.Cut(d, ".")
	if q, ok := w.imports[first]; ok {
		if rest == "" {
			return q
		}
		return q + "." + rest
	}
	return d
}

// dotted returns "a.b.c" for an identifier or a chain of attributes on one,
// or "" otherwise.
func (w *walker) dotted(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	var parts []string
	for n != nil {
		switch n.Kind() {
		case "identifier":
			parts = append(parts, w.text(n))
			for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
				parts[i], parts[j] = parts[j], parts[i]
			}
			return strings.Join(parts, ".")
		case "attribute":
			parts = append(parts, w.text(n.ChildByFieldId(fieldAttribute)))
			n = n.ChildByFieldId(fieldObject)
		default:
			return ""
		}
		if len(parts) > 32 {
			return ""
		}
	}
	return ""
}

// literal returns the value of a plain string literal (or implicit
// concatenation of them), without interpolation.
func (w *walker) literal(n *sitter.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.Kind() {
	case "string":
		return w.stringValue(n)
	case "concatenated_string":
		var b strings.Builder
		for i := uint(0); i < n.NamedChildCount(); i++ {
			s, ok := w.stringValue(n.NamedChild(i))
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	case "parenthesized_expression":
		if n.NamedChildCount() == 1 {
			return w.literal(n.NamedChild(0))
		}
	}
	return "", false
}

// stringValue decodes a string node without interpolations; bytes literals
// count as text. Common escapes are decoded unless the string is raw.
func (w *walker) stringValue(n *sitter.Node) (string, bool) {
	if n.Kind() != "string" {
		return "", false
	}
	var b strings.Builder
	raw := false
	for i := uint(0); i < n.ChildCount(); i++ {
		ch := n.Child(i)
		switch ch.Kind() {
		case "string_start":
			raw = strings.ContainsAny(w.text(ch), "rR")
		case "string_content":
			b.WriteString(unescape(w.text(ch), raw))
		case "interpolation":
			return "", false
		}
	}
	return b.String(), true
}

func unescape(s string, raw bool) string {
	if raw || !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\', '\'', '"':
			b.WriteByte(s[i])
		case '\n':
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// unwrap strips await, parentheses and single-argument str()/int() wrappers.
func (w *walker) unwrap(n *sitter.Node) *sitter.Node {
	for i := 0; n != nil && i < 8; i++ {
		switch n.Kind() {
		case "await", "parenthesized_expression":
			if n.NamedChildCount() != 1 {
				return n
			}
			n = n.NamedChild(0)
		case "call":
			fn := w.text(n.ChildByFieldId(fieldFunction))
			args := n.ChildByFieldId(fieldArguments)
			if (fn != "str" && fn != "int") || args == nil || args.NamedChildCount() != 1 {
				return n
			}
			n = args.NamedChild(0)
		default:
			return n
		}
	}
	return n
}

// role says what a value is for, which decides how a literal is kept.
type role uint8

const (
	roleURL role = iota
	roleHost
	roleToken
	rolePassword
)

// value resolves where the expression n comes from. depth bounds the
// following of local bindings.
func (w *walker) value(n *sitter.Node, r role, depth int) facts.Value {
	n = w.unwrap(n)
	if n == nil {
		return facts.Value{}
	}
	v := facts.Value{Origin: facts.Unknown, Pos: w.pos(n)}
	if s, ok := w.literal(n); ok {
		v.Origin = facts.Literal
		w.literalValue(&v, s, r)
		return v
	}
	if name, ok := w.envRead(n); ok {
		v.Origin, v.Env, v.Public = facts.FromEnv, name, (upstash.PublicPrefixOf(name) != "")
		return v
	}
	switch n.Kind() {
	case "string":
		// An f-string: a URL's scheme and host may still be literal.
		if r == roleURL {
			if u, ok := parseURL(w.template(n)); ok && !strings.Contains(u.host, interpMark) {
				v.Origin, v.Host, v.Scheme = facts.Literal, u.host, u.scheme
				return v
			}
		}
		if only := w.onlyInterpolation(n); only != nil && depth < 4 {
			return w.value(only, r, depth+1)
		}
	case "boolean_operator":
		// os.environ.get("X") or "default": the left side wins when set.
		if l := w.value(n.ChildByFieldId(fieldLeft), r, depth+1); l.Origin != facts.Unknown || depth >= 4 {
			return l
		}
		return w.value(n.ChildByFieldId(fieldRight), r, depth+1)
	case "identifier":
		name := w.text(n)
		if fi, ok := w.fromNames[name]; ok {
			v.Origin, v.From, v.Name = facts.FromImport, fi[0], fi[1]
			return v
		}
		if b := w.bindingBefore(name, n); b != nil && depth < 4 {
			inner := w.value(b, r, depth+1)
			return inner
		}
	case "attribute":
		// module.NAME on a plainly imported module: the name comes from it.
		obj := n.ChildByFieldId(fieldObject)
		if obj != nil && obj.Kind() == "identifier" && w.modules[w.text(obj)] {
			v.Origin, v.From, v.Name = facts.FromImport, w.imports[w.text(obj)], w.text(n.ChildByFieldId(fieldAttribute))
			return v
		}
	}
	return v
}

// bindingBefore returns the last value assigned to name before use, or the
// first one when all come later (module globals used in functions above).
func (w *walker) bindingBefore(name string, use *sitter.Node) *sitter.Node {
	bs := w.bindings[name]
	if len(bs) == 0 {
		return nil
	}
	var best *sitter.Node
	for _, b := range bs {
		if b.StartByte() < use.StartByte() {
			best = b
		}
	}
	if best == nil {
		best = bs[0]
	}
	if best.StartByte() <= use.StartByte() && best.EndByte() >= use.EndByte() {
		return nil // x = f(x): not a definition of itself
	}
	return best
}

// literalValue fills v for the literal s according to its role: URLs keep
// host and scheme only, credentials only their redaction.
func (w *walker) literalValue(v *facts.Value, s string, r role) {
	switch r {
	case roleURL:
		if u, ok := parseURL(s); ok {
			v.Host, v.Scheme = u.host, u.scheme
		}
	case roleHost:
		v.Host = strings.ToLower(strings.TrimSpace(s))
	case roleToken, rolePassword:
		if c, ok := upstash.Classify(s); ok {
			v.Secret = rules.Redact(c.Kind, s)
		} else if !upstash.IsPlaceholder(s) && len(strings.TrimSpace(s)) >= 8 {
			kind := "unrecognised-token"
			if r == rolePassword {
				kind = upstash.KindRedisPassword
			}
			v.Secret = rules.Redact(kind, s)
		}
	}
}

// interpMark stands for an interpolation in template: a host that contains
// it is not literal.
const interpMark = "upscan-interpolated"

// template returns an f-string's text with each interpolation replaced by
// interpMark: f"rediss://default:{pw}@h.upstash.io" keeps its literal host.
func (w *walker) template(n *sitter.Node) string {
	var b strings.Builder
	for i := uint(0); i < n.ChildCount(); i++ {
		ch := n.Child(i)
		switch ch.Kind() {
		case "string_content":
			b.WriteString(w.text(ch))
		case "interpolation":
			b.WriteString(interpMark)
		}
	}
	return b.String()
}

// onlyInterpolation returns the expression of f"{expr}" when the string is
// nothing but that one interpolation.
func (w *walker) onlyInterpolation(n *sitter.Node) *sitter.Node {
	var expr *sitter.Node
	for i := uint(0); i < n.ChildCount(); i++ {
		ch := n.Child(i)
		switch ch.Kind() {
		case "string_content":
			return nil
		case "interpolation":
			if expr != nil {
				return nil
			}
			expr = ch.ChildByFieldId(fieldExpression)
		}
	}
	return expr
}

// parsedURL is the non-secret part of a URL.
type parsedURL struct {
	scheme, host, user string
	hasPassword        bool
	password           string
	query              url.Values
}

// parseURL parses s as an absolute URL with a host; it tolerates a partial
// URL (an f-string prefix such as "rediss://default:") by reading the host
// only when it is complete.
func parseURL(s string) (parsedURL, bool) {
	s = strings.TrimSpace(s)
	i := strings.Index(s, "://")
	if i <= 0 || i > 10 {
		return parsedURL{}, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return parsedURL{}, false
	}
	for _, c := range u.Hostname() {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
			return parsedURL{}, false // a placeholder such as <your-db>.upstash.io
		}
	}
	p := parsedURL{scheme: strings.ToLower(u.Scheme), host: strings.ToLower(u.Hostname()), query: u.Query()}
	if u.User != nil {
		p.user = u.User.Username()
		p.password, p.hasPassword = u.User.Password()
	}
	return p, p.host != ""
}

// keywordArgs splits a call's arguments into positional ones and keywords.
func (w *walker) keywordArgs(call *sitter.Node) (pos []*sitter.Node, kw map[string]*sitter.Node) {
	kw = map[string]*sitter.Node{}
	args := call.ChildByFieldId(fieldArguments)
	if args == nil || args.Kind() != "argument_list" {
		return nil, kw
	}
	for i := uint(0); i < args.NamedChildCount(); i++ {
		a := args.NamedChild(i)
		switch a.Kind() {
		case "keyword_argument":
			kw[w.text(a.ChildByFieldId(fieldName))] = a
		case "list_splat", "dictionary_splat", "comment":
		default:
			pos = append(pos, a)
		}
	}
	return pos, kw
}

// arg returns the value node of keyword name, or of positional argument i
// (-1: keyword only).
func arg(pos []*sitter.Node, kw map[string]*sitter.Node, name string, i int) *sitter.Node {
	if k, ok := kw[name]; ok {
		return k.ChildByFieldId(fieldValue)
	}
	if i >= 0 && i < len(pos) {
		return pos[i]
	}
	return nil
}

// constructor recognises a client construction at call n.
func (w *walker) constructor(n *sitter.Node) {
	fn := n.ChildByFieldId(fieldFunction)
	q := w.qualified(fn)
	spec, ok := constructors[q]
	if !ok && len(w.wildcards) > 0 {
		if d := w.dotted(fn); d != "" {
			if _, imported := w.imports[strings.SplitN(d, ".", 2)[0]]; !imported {
				for _, m := range w.wildcards {
					if spec, ok = constructors[m+"."+d]; ok {
						break
					}
				}
			}
		}
	}
	if !ok {
		return
	}
	c := &client{call: n, style: spec.style}
	c.Product, c.SDK, c.Pos = spec.product, spec.sdk, w.pos(n)
	c.Var = w.boundName(n)
	pos, kw := w.keywordArgs(n)
	switch spec.style {
	case styleFromEnv:
		c.Default = true
	case styleREST:
		c.URL = w.value(arg(pos, kw, "url", 0), roleURL, 0)
		c.Token = w.value(arg(pos, kw, "token", 1), roleToken, 0)
	case styleToken:
		c.Token = w.value(arg(pos, kw, "token", 0), roleToken, 0)
		if u := arg(pos, kw, "base_url", -1); u != nil {
			c.URL = w.value(u, roleURL, 0)
		}
	case styleReceiver:
		c.Token = w.value(arg(pos, kw, "current_signing_key", 0), roleToken, 0)
	case styleTCPHost:
		c.hostV = w.value(arg(pos, kw, "host", 0), roleHost, 0)
		c.URL = c.hostV
		c.host = c.hostV.Host
		c.Token = w.value(arg(pos, kw, "password", 3), rolePassword, 0)
		c.tls = w.sslOption(c, kw)
		if c.URL.Origin == facts.Literal && c.host != "" {
			c.URL.Scheme = map[tlsState]string{tlsOn: "rediss", tlsOff: "redis"}[c.tls]
		}
	case styleTCPURL, styleTCPAddr:
		u := arg(pos, kw, "url", 0)
		if spec.style == styleTCPAddr {
			u = arg(pos, kw, "address", 0)
			if u != nil && u.Kind() == "tuple" && u.NamedChildCount() > 0 {
				c.hostV = w.value(u.NamedChild(0), roleHost, 0)
				c.URL, c.host = c.hostV, c.hostV.Host
				c.tls = w.sslOption(c, kw)
				if c.URL.Origin == facts.Literal && c.host != "" {
					c.URL.Scheme = map[tlsState]string{tlsOn: "rediss", tlsOff: "redis"}[c.tls]
				}
				c.Token = w.value(arg(pos, kw, "password", -1), rolePassword, 0)
				break
			}
		}
		w.tcpURL(c, u, kw)
	}
	if spec.style == styleTCPHost || spec.style == styleTCPURL || spec.style == styleTCPAddr {
		w.verifyOptions(c, kw)
	}
	c.ReadOnlyToken = readOnlyValue(c.Token)
	w.clients = append(w.clients, c)
}

// tcpURL fills a from_url client: the URL's host and scheme, its password as
// the token, TLS from the scheme, and verification options in its query.
func (w *walker) tcpURL(c *client, u *sitter.Node, kw map[string]*sitter.Node) {
	c.URL = w.value(u, roleURL, 0)
	c.host = c.URL.Host
	c.tls = tlsUnknown
	switch c.URL.Scheme {
	case "rediss":
		c.tls = tlsOn
	case "redis":
		c.tls = tlsOff
	}
	n := w.unwrap(u)
	if s, ok := w.literal(n); ok {
		if p, ok := parseURL(s); ok {
			if p.hasPassword && p.password != "" {
				c.Token = facts.Value{Origin: facts.Literal, Pos: w.pos(n)}
				w.literalValue(&c.Token, p.password, rolePassword)
				if p.user == "default_ro" && !c.Token.Secret.IsZero() {
					c.Token.Secret.Kind = upstash.KindRedisROPassword
					if cr, ok := upstash.Classify(p.password); ok {
						c.Token.Secret.Kind = cr.Kind
					}
				}
			}
			if reqs := strings.ToLower(p.query.Get("ssl_cert_reqs")); reqs == "none" || reqs == "cert_none" {
				c.insecure = append(c.insecure, insecureOpt{node: n, text: "ssl_cert_reqs=none in the URL"})
			}
		}
	} else if n != nil && n.Kind() == "string" {
		// f"rediss://default:{password}@host:6379": the interpolation in the
		// user-info part is the password.
		for i := uint(0); i < n.ChildCount(); i++ {
			ch := n.Child(i)
			before, after := w.textBefore(n, ch), string(w.src[ch.EndByte():n.EndByte()])
			if at := strings.IndexByte(after, '@'); ch.Kind() == "interpolation" && strings.Contains(before, "://") &&
				!strings.Contains(before, "@") && at >= 0 && !strings.Contains(after[:at], "/") {
				c.Token = w.value(ch.ChildByFieldId(fieldExpression), rolePassword, 1)
				break
			}
		}
	}
	if pw := arg(nil, kw, "password", -1); pw != nil {
		c.Token = w.value(pw, rolePassword, 0)
	}
	if ssl := kw["ssl"]; ssl != nil && c.tls == tlsUnknown {
		c.tls = w.sslOption(c, kw)
	}
}

// textBefore returns the source text of string n before its child ch.
func (w *walker) textBefore(n, ch *sitter.Node) string {
	return string(w.src[n.StartByte():ch.StartByte()])
}

// sslOption reads redis-py's ssl= keyword: absent or False is no TLS.
func (w *walker) sslOption(c *client, kw map[string]*sitter.Node) tlsState {
	if _, ok := kw["connection_class"]; ok {
		return tlsUnknown
	}
	k, ok := kw["ssl"]
	if !ok {
		return tlsOff
	}
	switch v := w.unwrap(k.ChildByFieldId(fieldValue)); {
	case v == nil:
		return tlsUnknown
	case v.Kind() == "true":
		return tlsOn
	case v.Kind() == "false":
		c.sslFalse = k
		return tlsOff
	}
	return tlsUnknown
}

// verifyOptions records redis-py options that stop TLS verification:
// ssl_cert_reqs=None / "none" / ssl.CERT_NONE and ssl_check_hostname=False.
func (w *walker) verifyOptions(c *client, kw map[string]*sitter.Node) {
	if k, ok := kw["ssl_cert_reqs"]; ok {
		v := w.unwrap(k.ChildByFieldId(fieldValue))
		s, isLit := w.literal(v)
		q := w.qualified(v)
		if v != nil && (v.Kind() == "none" || isLit && strings.EqualFold(s, "none") || isLit && strings.EqualFold(s, "cert_none") ||
			q == "ssl.CERT_NONE" || q == "CERT_NONE") {
			c.insecure = append(c.insecure, insecureOpt{node: k, text: "ssl_cert_reqs=" + w.text(v)})
		}
	}
	if k, ok := kw["ssl_check_hostname"]; ok {
		if v := w.unwrap(k.ChildByFieldId(fieldValue)); v != nil && v.Kind() == "false" {
			c.insecure = append(c.insecure, insecureOpt{node: k, text: "ssl_check_hostname=False"})
		}
	}
	for _, o := range c.insecure {
		c.InsecureTLS = append(c.InsecureTLS, w.pos(o.node))
	}
	if c.sslFalse != nil && upstash.IsUpstashHost(c.host) {
		c.InsecureTLS = append(c.InsecureTLS, w.pos(c.sslFalse))
		sort.SliceStable(c.InsecureTLS, func(i, j int) bool { return lessPos(c.InsecureTLS[i], c.InsecureTLS[j]) })
	}
}

// readOnlyValue reports whether a token value is known to be read-only: a
// decoded read-only literal, or an env name that says so
// (KV_REST_API_READ_ONLY_TOKEN, UPSTASH.md §2).
func readOnlyValue(v facts.Value) bool {
	switch v.Origin {
	case facts.Literal:
		switch v.Secret.Kind {
		case upstash.KindRedisReadOnly, upstash.KindIndexReadOnly, upstash.KindRedisROPassword:
			return true
		}
	case facts.FromEnv:
		n := strings.ToUpper(v.Env)
		return strings.Contains(n, "READ_ONLY") || strings.Contains(n, "READONLY")
	}
	return false
}

// boundName returns the name a constructed value is bound to:
// `x = Ctor()`, `self.x = Ctor()`, `x: T = await Ctor()`, `with Ctor() as x`.
func (w *walker) boundName(call *sitter.Node) string {
	n := call
	for p := n.Parent(); p != nil; p = n.Parent() {
		switch p.Kind() {
		case "await", "parenthesized_expression":
			n = p
			continue
		case "assignment":
			if r := p.ChildByFieldId(fieldRight); r != nil && r.StartByte() == n.StartByte() && r.EndByte() == n.EndByte() {
				if l := p.ChildByFieldId(fieldLeft); l != nil && (l.Kind() == "identifier" || l.Kind() == "attribute") {
					if d := w.dotted(l); d != "" {
						return d
					}
				}
			}
		case "as_pattern":
			if al := p.ChildByFieldId(fieldAlias); al != nil {
				return w.dotted(firstNamed(al))
			}
		}
		return ""
	}
	return ""
}

func firstNamed(n *sitter.Node) *sitter.Node {
	if n != nil && n.Kind() == "as_pattern_target" && n.NamedChildCount() > 0 {
		return n.NamedChild(0)
	}
	return n
}

// receiver returns the client a method call is made on and the command
// name: `r.get()` → get, `r.json.set()` → json.set, `r.pipeline().set()` →
// set on r, `p.set()` for a tracked pipeline p.
func (w *walker) receiver(call *sitter.Node) (*client, string) {
	fn := call.ChildByFieldId(fieldFunction)
	if fn == nil || fn.Kind() != "attribute" {
		return nil, ""
	}
	method := w.text(fn.ChildByFieldId(fieldAttribute))
	obj := w.unwrap(fn.ChildByFieldId(fieldObject))
	for i := 0; obj != nil && obj.Kind() == "call" && i < 64; i++ {
		f := obj.ChildByFieldId(fieldFunction)
		if f == nil || f.Kind() != "attribute" {
			return nil, ""
		}
		obj = w.unwrap(f.ChildByFieldId(fieldObject))
	}
	d := w.dotted(obj)
	if d == "" {
		return nil, ""
	}
	if c := w.clientByVar(d); c != nil {
		return c, strings.ToLower(method)
	}
	// A namespace on the client: redis.json.set → "json.set".
	if i := strings.LastIndexByte(d, '.'); i > 0 {
		if c := w.clientByVar(d[:i]); c != nil {
			return c, strings.ToLower(d[i+1:] + "." + method)
		}
	}
	return nil, ""
}

func (w *walker) clientByVar(name string) *client {
	if c, ok := w.aliases[name]; ok {
		return c
	}
	for i := len(w.clients) - 1; i >= 0; i-- {
		if w.clients[i].Var == name {
			return w.clients[i]
		}
	}
	return nil
}

// trackAliases makes `p = r.pipeline()` and `with r.pipeline() as p` aliases of r.
func (w *walker) trackAliases() {
	for _, n := range w.calls {
		fn := n.ChildByFieldId(fieldFunction)
		if fn == nil || fn.Kind() != "attribute" || !pipelineMethods[w.text(fn.ChildByFieldId(fieldAttribute))] {
			continue
		}
		c, _ := w.receiver(n)
		if c == nil {
			continue
		}
		if name := w.boundName(n); name != "" && w.clientByVar(name) == nil {
			w.aliases[name] = c
		}
	}
}

func (w *walker) sortedFindings() []rules.Finding {
	out := append([]rules.Finding(nil), w.findings...)
	sort.SliceStable(out, func(i, j int) bool { return rules.Less(out[i], out[j]) })
	return out
}
