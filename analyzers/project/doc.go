// Package project implements the cross-file part of UPS202 (client-side
// code imports a module that holds an Upstash token) over the module graph
// (analyzers/modgraph), until the exposure pass (analyzers/exposure) takes
// it over: client-side code ("use client" modules and files that are
// browser code by convention) imports, directly or through other modules,
// a module that builds an Upstash client with a literal token or a public
// env var token, or reads a public token env var. Server-only env vars are
// never findings: bundlers do not inline them. The client-side file itself
// is analyzers/jsts's per-file finding. Rule metadata is in
// rules/exposure.go. Everything here works on facts: no file is read.
//
// The other cross-file passes have their own packages: analyzers/scope
// (UPS501, UPS502, UPS504) and analyzers/ratelimit (UPS401–UPS404 and the
// coverage table).
package project
