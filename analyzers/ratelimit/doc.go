// Package ratelimit is the rate-limit pass (UPS401–UPS404) and the
// endpoint coverage table, language-neutral over the module graph
// (analyzers/modgraph) built from the front-ends' facts (analyzers/jsts,
// analyzers/python).
//
// It finds every endpoint of the scanned code (endpoints.go for file-based
// routes, routes.go for router registrations and mounts; docs/ratelimit.md
// lists the shapes per framework), follows each handler through calls and
// imports to the Upstash work it reaches (reach.go), and decides whether an
// @upstash/ratelimit limit on its path can reject the request (ratelimit.go;
// Next.js middleware matchers in matcher.go):
//
//   - UPS401: an endpoint reaches Upstash with no rate limit on its path.
//   - UPS402: a limit's result never decides anything.
//   - UPS403: a limit's identifier is a constant or a client-set header.
//   - UPS404: Upstash work runs before the limit, or a limiter is built per
//     call without an ephemeral cache.
//
// The wording of a shape that more than one front-end reports comes from
// this package (Unlimited, WorkText): analyzers/golang builds its UPS401
// messages with it, so one shape reads the same in every language. Rule
// metadata is in rules/ratelimit.go. Everything here works on facts: no
// file is read.
package ratelimit
