package project

import (
	"fmt"
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
)

// receipt is the evidence that a module receives QStash deliveries.
type receipt struct {
	kind int // one of the recv* constants; lower is stronger
	name string
	pos  facts.Pos
}

const (
	recvSignature = iota // reads the Upstash-Signature header
	recvPayload          // reads delivery headers: Upstash-Message-Id, Upstash-Retried
	recvServe            // serves an Upstash Workflow endpoint
)

// receiving returns the strongest evidence that f receives QStash
// deliveries (UPSTASH.md §7): an Upstash-Signature or delivery header read,
// or Upstash Workflow's serve (@upstash/workflow/*, the deprecated
// @upstash/qstash/* serve, Python upstash_workflow Serve).
func receiving(f *facts.File) (receipt, bool) {
	var best receipt
	ok := false
	for _, h := range f.Headers {
		k := -1
		switch strings.ToLower(h.Name) {
		case "upstash-signature":
			k = recvSignature
		case "upstash-message-id", "upstash-retried":
			k = recvPayload
		}
		if k >= 0 && (!ok || k < best.kind) {
			best, ok = receipt{k, strings.ToLower(h.Name), h.Pos}, true
		}
	}
	if ok {
		return best, true
	}
	for i := range f.Imports {
		imp := &f.Imports[i]
		if imp.TypeOnly || !workflowSpec(imp.Spec) {
			continue
		}
		for _, b := range bindingsOf(imp) {
			if b.Imported == "serve" || b.Imported == "Serve" {
				return receipt{recvServe, "serve", imp.Pos}, true
			}
		}
	}
	return receipt{}, false
}

func workflowSpec(spec string) bool {
	return strings.HasPrefix(spec, "@upstash/workflow") || strings.HasPrefix(spec, "@upstash/qstash/") ||
		strings.HasPrefix(spec, "upstash_workflow")
}

// verifiesLocally reports whether module f verifies QStash signatures
// itself: it imports a verifySignature* wrapper or Receiver from the QStash
// SDK (JS @upstash/qstash*, Python qstash), a JWT library (jose,
// jsonwebtoken, PyJWT) or HMAC helpers (createHmac, timingSafeEqual,
// hmac.compare_digest) for a hand-written check, builds a QStash Receiver,
// calls verify on a QStash client, or calls verify on an imported binding (a Receiver built
// elsewhere). Generous on purpose: UPS504 reports only modules where
// nothing looks like verification.
func verifiesLocally(f *facts.File) bool {
	for i := range f.Imports {
		imp := &f.Imports[i]
		if imp.TypeOnly {
			continue
		}
		qstash := strings.HasPrefix(imp.Spec, "@upstash/qstash") || imp.Spec == "qstash" ||
			strings.HasPrefix(imp.Spec, "qstash.") || strings.HasPrefix(imp.Spec, "upstash_qstash")
		switch imp.Spec {
		case "jose", "jsonwebtoken", "jwt", "jose.jwt": // JWT libraries (JS; Python PyJWT, python-jose)
			return true
		}
		for _, b := range bindingsOf(imp) {
			switch {
			case qstash && (strings.HasPrefix(b.Imported, "verifySignature") || b.Imported == "Receiver"):
				return true
			case (imp.Spec == "crypto" || imp.Spec == "node:crypto" || imp.Spec == "hmac") &&
				(b.Imported == "createHmac" || b.Imported == "timingSafeEqual" || b.Imported == "compare_digest"):
				return true // a hand-written HS256 check
			}
		}
	}
	for _, c := range f.Clients {
		if c.Product == facts.QStashReceiver {
			return true
		}
		if c.Product != facts.QStash {
			continue
		}
		for _, cmd := range c.Commands {
			if strings.EqualFold(cmd.Name, "verify") {
				return true
			}
		}
	}
	for _, u := range f.Uses {
		for _, cmd := range u.Commands {
			n := strings.ToLower(cmd.Name)
			if n == "verify" || strings.HasSuffix(n, ".verify") {
				return true
			}
		}
	}
	return false
}

// middlewareFile reports whether p is middleware that runs before a
// project's routes: Next.js middleware.ts/proxy.ts, Nuxt and Nitro
// server/middleware/*.
func middlewareFile(p string) bool {
	b := path.Base(p)
	return strings.HasPrefix(b, "middleware.") || strings.HasPrefix(b, "proxy.") || path.Base(parentDir(p)) == "middleware"
}

// webhooks implements UPS504: a module that receives QStash deliveries when
// neither it, nor any module it imports (transitively), nor the middleware
// of its project verifies signatures. A Workflow serve endpoint verifies on
// its own when the signing keys are set, so it is reported (as info) only
// when no env file, config or code of its project mentions
// QSTASH_CURRENT_SIGNING_KEY/QSTASH_NEXT_SIGNING_KEY.
func (g *graph) webhooks() []rules.Finding {
	verified := map[string]bool{}
	var queue []string
	mwRoots := map[string]bool{}
	var keyDirs []string
	for _, f := range g.files {
		if verifiesLocally(f) {
			verified[f.Path] = true
			queue = append(queue, f.Path)
			if middlewareFile(f.Path) {
				mwRoots[g.idx.dir(parentDir(f.Path)).root] = true
			}
		}
		mentions := false
		for _, v := range f.EnvVars {
			mentions = mentions || signingKeyEnv(v.Name)
		}
		for _, r := range f.EnvReads {
			mentions = mentions || signingKeyEnv(r.Name)
		}
		if mentions {
			keyDirs = append(keyDirs, parentDir(f.Path))
		}
	}
	// A module that imports a verifying module is verified on its path.
	for i := 0; i < len(queue); i++ {
		for _, e := range g.in[queue[i]] {
			if !e.imp.TypeOnly && !verified[e.from] {
				verified[e.from] = true
				queue = append(queue, e.from)
			}
		}
	}
	var out []rules.Finding
	for _, f := range g.files {
		r, ok := receiving(f)
		if !ok || verified[f.Path] || isTestPath(f.Path) {
			continue
		}
		dir := parentDir(f.Path)
		root := g.idx.dir(dir).root
		if mwRoots[root] {
			continue
		}
		fd := rules.Finding{RuleID: "UPS504", Severity: rules.Medium, Path: f.Path, Line: r.pos.Line, Col: r.pos.Col}
		switch r.kind {
		case recvSignature:
			fd.Message = "This module reads the Upstash-Signature header, but neither it nor the modules it imports call Receiver.verify or a verifySignature* wrapper: unless code upscan did not see verifies it, anyone can send forged QStash messages here"
		case recvPayload:
			fd.Message = fmt.Sprintf("This module reads the QStash delivery header %s, but neither it nor the modules it imports verify the Upstash-Signature (Receiver.verify, verifySignature*): unless code upscan did not see verifies it, anyone can send forged QStash messages here", r.name)
		case recvServe:
			if keysNear(keyDirs, dir, root) {
				continue
			}
			fd.Severity = rules.Info
			fd.Message = "This Upstash Workflow endpoint verifies QStash signatures only when QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY are set or a Receiver is passed, and upscan found neither in this project: if the deployment lacks them, anyone can trigger the workflow"
		}
		fd.SetFingerprint("qstash receiver " + r.name)
		out = append(out, fd)
	}
	return out
}

// keysNear reports whether a file mentioning the signing keys lives in an
// ancestor of dir or anywhere in its project root.
func keysNear(keyDirs []string, dir, root string) bool {
	for _, d := range keyDirs {
		if within(dir, d) || within(d, root) {
			return true
		}
	}
	return false
}

// within reports whether directory d is dir or below it.
func within(d, dir string) bool {
	return dir == "" || d == dir || strings.HasPrefix(d, dir+"/")
}
