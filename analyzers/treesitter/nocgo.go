//go:build !cgo

// Package treesitter is the shared tree-sitter layer of the JS/TS and Python
// front-ends. It is empty in a build without cgo (CGO_ENABLED=0): the
// tree-sitter runtime is C, and those front-ends are left out too.
package treesitter
