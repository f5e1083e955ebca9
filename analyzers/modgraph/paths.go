package modgraph

import (
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// CleanPath normalises a scan-root-relative path: slash-separated, no "./"
// or "..", "" for the root itself. ok is false for a path outside the root
// and for an empty path.
func CleanPath(p string) (string, bool) {
	p = strings.ReplaceAll(strings.TrimSpace(p), "\\", "/")
	if p == "" {
		return "", false
	}
	c := path.Clean(strings.TrimPrefix(p, "/"))
	if c == "." {
		return "", true
	}
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

// ParentDir returns the directory of a clean scan-root-relative path; ""
// for the root and for files in it.
func ParentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// JoinDir joins a directory ("" for the root) and a name without cleaning.
func JoinDir(d, name string) string {
	if d == "" {
		return name
	}
	return d + "/" + name
}

// joinPath joins a directory and a relative path and cleans the result; ok
// is false when the result leaves the scan root.
func joinPath(d, rel string) (string, bool) {
	if strings.HasPrefix(rel, "/") {
		return "", false
	}
	return CleanPath(JoinDir(d, rel))
}

func depth(d string) int {
	if d == "" {
		return 0
	}
	return strings.Count(d, "/") + 1
}

// isRelative reports whether a specifier is relative to its module's directory.
func isRelative(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// codeExts are the files the per-file code front-ends read.
var codeExts = map[string]bool{".ts": true, ".tsx": true, ".mts": true, ".cts": true, ".js": true, ".jsx": true,
	".mjs": true, ".cjs": true, ".svelte": true, ".vue": true, ".astro": true, ".py": true}

// IsCode reports whether a path is a module the code front-ends read:
// .ts .tsx .mts .cts .js .jsx .mjs .cjs .svelte .vue .astro .py, not a
// declaration file (.d.ts, .d.mts, .d.cts).
func IsCode(p string) bool {
	if strings.HasSuffix(p, ".d.ts") || strings.HasSuffix(p, ".d.mts") || strings.HasSuffix(p, ".d.cts") {
		return false
	}
	return codeExts[path.Ext(p)]
}

// IsTestPath reports whether a path is test code, which deploys nowhere:
// under __tests__/, tests/ or test/, or named *.test.*, *.spec.*, test_*
// or *_test.py.
func IsTestPath(p string) bool {
	lp := "/" + strings.ToLower(p)
	b := path.Base(lp)
	return strings.Contains(lp, "/__tests__/") || strings.Contains(lp, "/tests/") || strings.Contains(lp, "/test/") ||
		strings.Contains(b, ".test.") || strings.Contains(b, ".spec.") || strings.HasPrefix(b, "test_") || strings.HasSuffix(b, "_test.py")
}

// IsPython reports whether f is a Python module (by its Lang or its .py
// path): its imports resolve by Python's rules.
func IsPython(f *facts.File) bool {
	return f.Lang == facts.Python || strings.HasSuffix(f.Path, ".py")
}

// ClientSide reports whether f is browser code: a "use client" module or a
// file that is client code by convention (facts.File.ClientSide).
func ClientSide(f *facts.File) bool {
	return f.ClientSide || f.Directive == "use client"
}

// ServerOnly reports whether a module never reaches a browser bundle even
// when client code imports it: "use server" modules (the import becomes a
// server action reference), modules importing "server-only" (a build error
// in client code), SvelteKit's $lib/server/ and *.server.* modules.
func ServerOnly(f *facts.File) bool {
	if f.Directive == "use server" {
		return true
	}
	for _, imp := range f.Imports {
		if imp.Spec == "server-only" {
			return true
		}
	}
	p := "/" + f.Path
	return strings.Contains(p, "/lib/server/") || strings.Contains(path.Base(p), ".server.")
}

// Escaped reports whether a command name records a non-call use of a
// binding (facts.Escaped, possibly after a namespace member path): the
// value was passed, returned or assigned and may run anything.
func Escaped(name string) bool {
	return name == facts.Escaped || strings.HasSuffix(name, "."+facts.Escaped)
}

// Before reports whether position a comes before b.
func Before(a, b facts.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// Within reports whether p lies in the extent of fn (its Pos to its End,
// both included).
func Within(p facts.Pos, fn *facts.Func) bool {
	return !Before(p, fn.Pos) && !Before(fn.End, p)
}

// PackageName returns the package of a module specifier: "@scope/name" or
// "name" (an npm:/node: prefix, a version and a CDN host are dropped);
// for Python, the top module.
func PackageName(spec string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(spec, "npm:"), "node:")
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.Index(s, "/@"); j >= 0 {
			s = s[j+1:]
		} else if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j+1:]
		}
	}
	var name string
	if strings.HasPrefix(s, "@") {
		parts := strings.SplitN(s, "/", 3)
		if len(parts) < 2 {
			return s
		}
		name = parts[0] + "/" + parts[1]
	} else {
		name = s
		if i := strings.IndexAny(name, "/."); i >= 0 && !strings.HasPrefix(name, ".") {
			name = name[:i]
		}
	}
	if name == "" {
		return name
	}
	if at := strings.IndexByte(name[1:], '@'); at >= 0 {
		name = name[:at+1]
	}
	return name
}
