package scope

import (
	"fmt"
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
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
		if imp.TypeOnly || !upstash.IsWorkflowModule(imp.Spec) {
			continue
		}
		for _, b := range modgraph.BindingsOf(imp) {
			if b.Imported == "serve" || b.Imported == "Serve" {
				return receipt{recvServe, "serve", imp.Pos}, true
			}
		}
	}
	return receipt{}, false
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
		for _, b := range modgraph.BindingsOf(imp) {
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
	return strings.HasPrefix(b, "middleware.") || strings.HasPrefix(b, "proxy.") || path.Base(modgraph.ParentDir(p)) == "middleware"
}

// Webhooks implements UPS504: a module that receives QStash deliveries when
// neither it, nor any module it imports (transitively), nor the middleware
// of its project verifies signatures, and a Workflow serve that turns
// verification off. A module receives deliveries when it reads the
// Upstash-Signature or a delivery header, or when the project sends
// deliveries to its route (publishJSON({ url: `${base}/api/x` }),
// schedules.create({ destination }), enqueue, batch, Workflow trigger). A
// Workflow serve endpoint verifies on its own when the signing keys are set
// (deployments set them outside the repository), so it is not reported.
// Findings are in module order.
func Webhooks(g *modgraph.Graph) []rules.Finding {
	var out []rules.Finding
	unverified := unverifiedReceivers(g)
	for _, f := range g.Files() {
		// serve(…, { receiver: undefined }) turns Workflow's own signature
		// check off: whatever else the module does, nothing verifies.
		for _, p := range f.Unverified {
			fd := rules.Finding{RuleID: string(rules.QStashWebhookUnverified), Severity: rules.Medium, Path: f.Path, Line: p.Line, Col: p.Col,
				Message: workflowUnverified}
			fd.SetKey("workflow serve receiver undefined")
			out = append(out, fd)
		}
		if u, ok := unverified[f.Path]; ok {
			out = append(out, u)
		}
	}
	return out
}

// UnverifiedReceivers returns the modules UPS504 reports as QStash
// receivers that never verify the signature, by path (the Finding is the
// UPS504 finding). What such a route lacks is the signature check, not a
// rate limit: the rate-limit pass does not also report UPS401 for it.
func UnverifiedReceivers(g *modgraph.Graph) map[string]rules.Finding {
	return unverifiedReceivers(g)
}

func unverifiedReceivers(g *modgraph.Graph) map[string]rules.Finding {
	verified := map[string]bool{}
	var queue []string
	mwRoots := map[string]bool{}
	for _, f := range g.Files() {
		if verifiesLocally(f) {
			verified[f.Path] = true
			queue = append(queue, f.Path)
			if middlewareFile(f.Path) {
				mwRoots[g.Index().ProjectRoot(f.Path)] = true
			}
		}
	}
	// A module that imports a verifying module is verified on its path.
	for i := 0; i < len(queue); i++ {
		for _, e := range g.Importers(queue[i]) {
			if !e.Import.TypeOnly && !verified[e.From] {
				verified[e.From] = true
				queue = append(queue, e.From)
			}
		}
	}
	ts := deliveries(g)
	out := map[string]rules.Finding{}
	for _, f := range g.Files() {
		if verified[f.Path] || modgraph.IsTestPath(f.Path) || mwRoots[g.Index().ProjectRoot(f.Path)] {
			continue
		}
		fd := rules.Finding{RuleID: string(rules.QStashWebhookUnverified), Severity: rules.Medium, Path: f.Path}
		r, ok := receiving(f)
		switch {
		case ok && r.kind == recvServe:
			// Workflow's serve verifies signatures once the signing keys are
			// deployed, and they usually live outside the repository:
			// reporting every serve route would be noise.
			continue
		case ok && r.kind == recvSignature:
			fd.Message = Unverified("This module", "the Upstash-Signature header", jsVerifiers)
		case ok:
			fd.Message = Unverified("This module", "the QStash delivery header "+r.name, jsVerifiers)
		case len(f.Unverified) > 0:
			continue // reported above as a serve with verification off
		default:
			t, hit := targeted(g, f, ts)
			if !hit {
				continue
			}
			r = receipt{name: "delivery " + t.d.Path, pos: t.pos}
			fd.Message = Unverified("This route", fmt.Sprintf("the QStash messages that %s (%s, line %d) sends to %s",
				t.from, t.d.Call, t.d.Pos.Line, t.d.Path), jsVerifiers)
		}
		fd.Line, fd.Col = r.pos.Line, r.pos.Col
		fd.SetKey("qstash receiver " + r.name)
		out[f.Path] = fd
	}
	return out
}

// Wanted returns the scanned modules without facts that QStash receivers
// import, directly or transitively (UPS504 looks for signature
// verification there), and the route modules the project's QStash
// deliveries reach, which need not mention Upstash at all. See
// modgraph.Graph.Unparsed.
func Wanted(g *modgraph.Graph) []string {
	var receivers []string
	ts := deliveries(g)
	for _, f := range g.Files() {
		if _, ok := receiving(f); ok {
			receivers = append(receivers, f.Path)
		} else if _, ok := targeted(g, f, ts); ok {
			receivers = append(receivers, f.Path)
		}
	}
	out := g.Unparsed(receivers, modgraph.Walk{Whole: true})
	return append(out, unparsedTargets(g, deliveries(g))...)
}
