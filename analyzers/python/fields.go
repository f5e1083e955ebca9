//go:build cgo

package python

import (
	sitter "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// The field IDs of tree-sitter-python the walker reads, looked up once.
// n.ChildByFieldId(fieldX) is n.ChildByFieldName("x") (tree-sitter looks the
// name up, then calls the same function) without copying the name to C and
// searching the grammar's field names on every call.
var (
	fieldAlias       = fieldID("alias")
	fieldArguments   = fieldID("arguments")
	fieldAttribute   = fieldID("attribute")
	fieldBody        = fieldID("body")
	fieldCondition   = fieldID("condition")
	fieldConsequence = fieldID("consequence")
	fieldDefinition  = fieldID("definition")
	fieldExpression  = fieldID("expression")
	fieldFunction    = fieldID("function")
	fieldLeft        = fieldID("left")
	fieldModuleName  = fieldID("module_name")
	fieldName        = fieldID("name")
	fieldObject      = fieldID("object")
	fieldOperator    = fieldID("operator")
	fieldParameters  = fieldID("parameters")
	fieldRight       = fieldID("right")
	fieldSubscript   = fieldID("subscript")
	fieldType        = fieldID("type")
	fieldValue       = fieldID("value")
)

// fieldID returns the ID of tree-sitter-python's field name (0, which
// matches no child, when the grammar has no such field).
func fieldID(name string) uint16 {
	return sitter.NewLanguage(tspython.Language()).FieldIdForName(name)
}
