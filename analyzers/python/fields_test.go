//go:build cgo

package python

import "testing"

// TestFieldIDs checks that every field the walker reads by ID exists in the
// grammar (a misspelt name would match no child, silently).
func TestFieldIDs(t *testing.T) {
	for _, name := range []string{"alias", "arguments", "attribute", "body", "condition", "consequence", "definition", "expression", "function", "left", "module_name", "name", "object", "operator", "parameters", "right", "subscript", "value"} {
		if fieldID(name) == 0 {
			t.Errorf("tree-sitter-python has no field %q", name)
		}
	}
}
