package jsts

import (
	"path"
	"strings"
)

// This file builds with and without cgo: the scan asks Handles and Language
// about every file even in a build that has no tree-sitter parser (see
// nocgo.go), to say which languages it could not analyse.

// grammarID selects the tree-sitter grammar of a block.
type grammarID uint8

const (
	gJS grammarID = iota
	gTS
	gTSX
	numGrammars
)

// scriptExts are the extensions whose whole content is JavaScript/TypeScript.
var scriptExts = map[string]grammarID{
	".js": gJS, ".jsx": gJS, ".mjs": gJS, ".cjs": gJS,
	".ts": gTS, ".mts": gTS, ".cts": gTS,
	".tsx": gTSX,
}

// componentExts are the extensions whose scripts sit in <script> elements
// (and, for .astro, the frontmatter).
var componentExts = map[string]bool{".svelte": true, ".vue": true, ".astro": true, ".html": true, ".htm": true}

// Handles reports whether Analyze reads the file at path (slash-separated):
// .js .jsx .mjs .cjs .ts .tsx .mts .cts (not .d.ts declarations), .svelte,
// .vue, .astro, .html and .htm. Build configs (next.config.*, vite.config.*,
// nuxt.config.*, svelte.config.*, astro.config.*) are among them by extension.
func Handles(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if _, ok := scriptExts[ext]; ok {
		base := strings.ToLower(path.Base(p))
		return !strings.HasSuffix(base, ".d.ts") && !strings.HasSuffix(base, ".d.mts") && !strings.HasSuffix(base, ".d.cts")
	}
	return componentExts[ext]
}

// Language names the language of a file Handles accepts, as a report says it
// ("TypeScript", "JavaScript", "Svelte", "Vue", "Astro", "HTML"), and "" for
// any other file.
func Language(p string) string {
	if !Handles(p) {
		return ""
	}
	switch ext := strings.ToLower(path.Ext(p)); ext {
	case ".svelte":
		return "Svelte"
	case ".vue":
		return "Vue"
	case ".astro":
		return "Astro"
	case ".html", ".htm":
		return "HTML"
	default:
		if scriptExts[ext] == gJS {
			return "JavaScript"
		}
		return "TypeScript"
	}
}
