// Package scope is the pass for the scope and environment rules (UPS5xx):
// whether each credential grants no more than its code needs, each
// environment has its own database, and each QStash receiver checks who
// calls it. It reads the module graph (analyzers/modgraph) built from the
// front-ends' facts and decides:
//
//   - UPS501 (ReadOnly): a Redis client holding the full-access token whose
//     every command, in its module and in every module that imports it, is
//     a read.
//   - UPS502 (Environments): one Upstash database configured for several
//     deployment environments.
//   - UPS504 (Webhooks): a module that receives QStash deliveries with no
//     signature verification in it, in the modules it imports or in the
//     project's middleware; a Workflow serve with verification turned off.
//
// The UPS504 wording that more than one front-end reports comes from this
// package (Unverified, UnusedReceiver): analyzers/golang builds its
// messages with it. UPS503 is emitted by analyzers/configs. Rule metadata
// is in rules/scope.go. Everything here works on facts: no file is read.
package scope
