// Package project runs upscan's cross-file analyses over the per-file facts
// that analyzers/jsts, analyzers/python and analyzers/configs emit: module
// resolution (relative specifiers, tsconfig/jsconfig paths and baseUrl,
// framework aliases, Python modules), the import graph, and the rules that
// need more than one file to decide.
//
// Rules implemented here (metadata in rules/exposure.go and rules/scope.go):
//
//   - UPS202, transitive part: the modules that client-side code ("use
//     client" modules and files that are browser code by convention)
//     imports, directly or through other modules; analyzers/exposure
//     (exposure.Reached) decides and words the findings in each. The
//     client-side file itself is exposure.File's per-file finding.
//
//   - UPS501: a Redis client holding the full-access token whose every
//     command, in its module and in every module that imports it, is a read.
//
//   - UPS502: one Upstash host configured for several deployment environments.
//
//   - UPS504: a module that receives QStash deliveries with no signature
//     verification in it, in the modules it imports or in the project's
//     middleware.
//
//   - UPS401–UPS404 and the rate-limit coverage table (Coverage): every
//     endpoint of JS/TS and Python code (endpoints.go, routes.go), what
//     Upstash work its handler reaches through calls and imports
//     (reach.go, symbols.go) and whether an @upstash/ratelimit limit on its
//     path can reject the request (ratelimit.go; Next.js matchers in
//     matcher.go). See docs/ratelimit.md.
//
// UPS503 is registered in rules/scope.go and emitted by analyzers/configs.
// Everything here works on facts only: no file is read, nothing is parsed.
package project
