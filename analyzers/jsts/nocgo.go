//go:build !cgo

// Package jsts reads JavaScript and TypeScript with tree-sitter and turns
// each file into facts for the cross-file analyses.
//
// This build has no tree-sitter (it was built with CGO_ENABLED=0, and the
// official tree-sitter bindings are cgo): only Handles and Language are
// here, so that the scan can say which files it could not analyse. Their
// credentials are still found by the secrets analyzer, which reads every
// file.
package jsts
