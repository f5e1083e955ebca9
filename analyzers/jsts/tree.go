//go:build cgo

package jsts

import (
	"github.com/upscan/upscan/analyzers/treesitter"
)

// kind is the part of the tree-sitter JavaScript/TypeScript node vocabulary
// the analyzer looks at; every other node is kOther. The grammars number
// their node kinds differently, so each language gets a table from its kind
// IDs to these values (see newGrammar).
type kind uint8

const (
	kOther kind = iota
	kProgram
	kExprStmt
	kString
	kStringFragment
	kEscape
	kTemplate
	kTemplateSubst
	kImportStmt
	kImportClause
	kNamedImports
	kImportSpec
	kNamespaceImport
	kIdent
	kExportStmt
	kExportClause
	kExportSpec
	kNamespaceExport
	kLexicalDecl
	kVarDecl
	kDeclarator
	kCall
	kNew
	kMember
	kSubscript
	kPropIdent
	kArguments
	kObject
	kPair
	kShorthandProp
	kAwait
	kParen
	kNonNull
	kAs
	kSatisfies
	kTypeAssertion
	kBinary
	kTernary
	kAssign
	kFieldDef
	kThis
	kArrow
	kFunction
	kMethodDef
	kBlock
	kReturn
	kUndefined
	kNull
	kFalse
	kTrue
	kNumber
	kUnary
	kClass
	kClassBody
	kImportKw
	kMetaProperty
	kObjectPattern
	kShorthandPattern
	kPairPattern
	kArray
	kComment
	kError
	kDefaultKw
	kHashBang
	kTypeIdent
	kEmptyStmt
	kPrivateProp
	kImportRequire
	kTypeKw
	kParams
	kParam
	kTypeQuery
	kJSXTag
	kIf
	kThrow
	kSpread
	kAugAssign
)

// kindNames maps tree-sitter node kind names (JavaScript, TypeScript and TSX
// grammars) to kinds. Several names may share a kind.
var kindNames = map[string]kind{
	"program":                               kProgram,
	"expression_statement":                  kExprStmt,
	"string":                                kString,
	"string_fragment":                       kStringFragment,
	"escape_sequence":                       kEscape,
	"template_string":                       kTemplate,
	"template_substitution":                 kTemplateSubst,
	"import_statement":                      kImportStmt,
	"import_clause":                         kImportClause,
	"named_imports":                         kNamedImports,
	"import_specifier":                      kImportSpec,
	"namespace_import":                      kNamespaceImport,
	"identifier":                            kIdent,
	"export_statement":                      kExportStmt,
	"export_clause":                         kExportClause,
	"export_specifier":                      kExportSpec,
	"namespace_export":                      kNamespaceExport,
	"lexical_declaration":                   kLexicalDecl,
	"variable_declaration":                  kVarDecl,
	"variable_declarator":                   kDeclarator,
	"call_expression":                       kCall,
	"new_expression":                        kNew,
	"member_expression":                     kMember,
	"subscript_expression":                  kSubscript,
	"property_identifier":                   kPropIdent,
	"arguments":                             kArguments,
	"object":                                kObject,
	"pair":                                  kPair,
	"shorthand_property_identifier":         kShorthandProp,
	"await_expression":                      kAwait,
	"parenthesized_expression":              kParen,
	"non_null_expression":                   kNonNull,
	"as_expression":                         kAs,
	"satisfies_expression":                  kSatisfies,
	"type_assertion":                        kTypeAssertion,
	"binary_expression":                     kBinary,
	"ternary_expression":                    kTernary,
	"assignment_expression":                 kAssign,
	"augmented_assignment_expression":       kAugAssign,
	"public_field_definition":               kFieldDef,
	"field_definition":                      kFieldDef,
	"this":                                  kThis,
	"arrow_function":                        kArrow,
	"function_expression":                   kFunction,
	"function":                              kFunction,
	"function_declaration":                  kFunction,
	"generator_function":                    kFunction,
	"generator_function_declaration":        kFunction,
	"method_definition":                     kMethodDef,
	"statement_block":                       kBlock,
	"return_statement":                      kReturn,
	"undefined":                             kUndefined,
	"null":                                  kNull,
	"false":                                 kFalse,
	"true":                                  kTrue,
	"number":                                kNumber,
	"unary_expression":                      kUnary,
	"class_declaration":                     kClass,
	"class":                                 kClass,
	"abstract_class_declaration":            kClass,
	"class_body":                            kClassBody,
	"import":                                kImportKw,
	"meta_property":                         kMetaProperty,
	"object_pattern":                        kObjectPattern,
	"shorthand_property_identifier_pattern": kShorthandPattern,
	"pair_pattern":                          kPairPattern,
	"array":                                 kArray,
	"comment":                               kComment,
	"html_comment":                          kComment,
	"ERROR":                                 kError,
	"hash_bang_line":                        kHashBang,
	"type_identifier":                       kTypeIdent,
	"empty_statement":                       kEmptyStmt,
	"private_property_identifier":           kPrivateProp,
	"import_require_clause":                 kImportRequire,
	"formal_parameters":                     kParams,
	"required_parameter":                    kParam,
	"optional_parameter":                    kParam,
	"type_query":                            kTypeQuery,
	"type_annotation":                       kTypeQuery,
	"jsx_opening_element":                   kJSXTag,
	"jsx_closing_element":                   kJSXTag,
	"jsx_self_closing_element":              kJSXTag,
	"if_statement":                          kIf,
	"throw_statement":                       kThrow,
	"spread_element":                        kSpread,
}

// anonKinds are the unnamed tokens kept in the mirror tree although they
// have no field name: `export default` is told apart by its keyword.
var anonKinds = map[string]kind{
	"default": kDefaultKw,
	"type":    kTypeKw,
}

// field is a tree-sitter field name the analyzer uses.
type field uint8

const (
	fNone field = iota
	fName
	fAlias
	fSource
	fValue
	fDeclaration
	fFunction
	fConstructor
	fArguments
	fObject
	fProperty
	fIndex
	fKey
	fLeft
	fRight
	fOperator
	fBody
	fArgument
	fTypeArgs
	fCondition
	fConsequence
	fAlternative
)

var fieldNames = map[string]field{
	"name":           fName,
	"alias":          fAlias,
	"source":         fSource,
	"value":          fValue,
	"declaration":    fDeclaration,
	"function":       fFunction,
	"constructor":    fConstructor,
	"arguments":      fArguments,
	"object":         fObject,
	"property":       fProperty,
	"index":          fIndex,
	"key":            fKey,
	"left":           fLeft,
	"right":          fRight,
	"operator":       fOperator,
	"body":           fBody,
	"argument":       fArgument,
	"type_arguments": fTypeArgs,
	"condition":      fCondition,
	"consequence":    fConsequence,
	"alternative":    fAlternative,
}

// kindInfo is what the mirror needs to know about one tree-sitter kind ID.
type kindInfo struct {
	kind kind
	keep bool // named node, or an anonymous token listed in anonKinds
}

// grammar is one tree-sitter language with its kind and field tables.
type grammar struct {
	ts     *treesitter.Grammar
	kinds  []kindInfo // indexed by kind ID
	fields []field    // indexed by field ID
	c      cTables    // the same tables for the C walk
}

func newGrammar(tg *treesitter.Grammar) *grammar {
	g := &grammar{ts: tg}
	g.kinds = treesitter.Kinds(tg, func(name string, named bool) kindInfo {
		if named {
			return kindInfo{kind: kindNames[name], keep: true}
		}
		if k, ok := anonKinds[name]; ok {
			return kindInfo{kind: k, keep: true}
		}
		return kindInfo{}
	})
	g.fields = treesitter.Fields(tg, fieldNames)
	g.c = newCTables(g)
	return g
}

// node is one node of the mirror tree: the subset of the tree-sitter tree
// the analysis reads, copied into Go memory in one cursor walk so that the
// analysis itself makes no cgo calls. Indices are into tree.nodes; -1 means
// none. Rows are 0-based and columns count bytes, as in tree-sitter.
type node struct {
	kind        kind
	field       field // field name under the parent
	start, end  uint32
	row, col    uint32
	parent      int32
	first, next int32 // first child, next sibling
}

// tree is the mirror of one or more parsed script blocks of a file. Each
// block's nodes are contiguous and start with its program node.
type tree struct {
	src   []byte
	lines *treesitter.Lines // built on first use (lineIndex)
	nodes []node
	// errAt is the position of the first syntax error (ERROR or missing
	// node) per block, or -1 rows when the block parsed cleanly.
	errors []synErr
}

// synErr is the first syntax error of a block and how many ERROR nodes it has.
type synErr struct {
	row, col uint32
	count    int
}

// lineIndex returns the line index of the file, building it on first use.
func (tr *tree) lineIndex() *treesitter.Lines {
	if tr.lines == nil {
		tr.lines = treesitter.NewLines(tr.src, 0)
	}
	return tr.lines
}

// text returns the source text of node i; "" for -1 (no such node).
func (tr *tree) text(i int32) string {
	if i < 0 {
		return ""
	}
	n := &tr.nodes[i]
	return string(tr.src[n.start:n.end])
}

// textEq reports whether the source text of node i is s, without
// allocating; false for -1 (no such node).
func (tr *tree) textEq(i int32, s string) bool {
	if i < 0 {
		return false
	}
	n := &tr.nodes[i]
	return int(n.end-n.start) == len(s) && string(tr.src[n.start:n.end]) == s
}

// child returns the first child of i with field f, or -1.
func (tr *tree) child(i int32, f field) int32 {
	if i < 0 {
		return -1
	}
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].field == f {
			return c
		}
	}
	return -1
}

// firstOfKind returns the first child of i of kind k, or -1.
func (tr *tree) firstOfKind(i int32, k kind) int32 {
	if i < 0 {
		return -1
	}
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		if tr.nodes[c].kind == k {
			return c
		}
	}
	return -1
}

// firstNamed returns the first child of i that is not a comment or a kept
// anonymous token, or -1.
func (tr *tree) firstNamed(i int32) int32 {
	if i < 0 {
		return -1
	}
	for c := tr.nodes[i].first; c >= 0; c = tr.nodes[c].next {
		switch tr.nodes[c].kind {
		case kComment, kDefaultKw, kTypeKw:
			continue
		}
		if tr.nodes[c].field == fOperator {
			continue
		}
		return c
	}
	return -1
}

// kind returns the kind of node i, kOther for -1.
func (tr *tree) kindOf(i int32) kind {
	if i < 0 {
		return kOther
	}
	return tr.nodes[i].kind
}

// parentOf returns the parent of i, or -1.
func (tr *tree) parentOf(i int32) int32 {
	if i < 0 {
		return -1
	}
	return tr.nodes[i].parent
}

// contains reports whether node a's byte range contains node b's.
func (tr *tree) contains(a, b int32) bool {
	return tr.nodes[a].start <= tr.nodes[b].start && tr.nodes[b].end <= tr.nodes[a].end
}
