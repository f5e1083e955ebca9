//go:build cgo

package jsts

import (
	"slices"
	"testing"
)

// TestHTMLScriptImports checks that an HTML page's local <script src>
// scripts are its imports (the module graph follows them as code the page
// runs in the browser), and that remote and templated ones are not.
func TestHTMLScriptImports(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html>
<html><head>
<script src="js/app.js"></script>
<script type="module" src='/assets/main.js?v=3'></script>
<script src="https://cdn.example.com/lib.js"></script>
<script src="//cdn.example.com/x.js"></script>
<script src="{{ asset }}"></script>
</head><body><script>const x = 1;</script></body></html>
`
	f, _ := a.Analyze("site/index.html", []byte(page))
	var specs []string
	for _, imp := range f.Imports {
		specs = append(specs, imp.Spec)
	}
	want := []string{"./js/app.js", "./assets/main.js"}
	if !slices.Equal(specs, want) {
		t.Errorf("imports = %q, want %q", specs, want)
	}
	if len(f.Imports) > 0 && f.Imports[0].Pos.Line != 3 {
		t.Errorf("first import at line %d, want 3", f.Imports[0].Pos.Line)
	}
	if !f.ClientSide {
		t.Error("an HTML page is client-side")
	}
}
