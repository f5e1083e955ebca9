//go:build cgo

package jsts

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestQStashDeliveries: the sends that name an endpoint, with the path the
// code writes, and the sends that do not.
func TestQStashDeliveries(t *testing.T) {
	a := newTestAnalyzer(t)
	const client = `import { Client } from "@upstash/qstash"; const q = new Client({ token: process.env.QSTASH_TOKEN! });` + "\n"
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"await q.publishJSON({ url: `${process.env.APP_URL}/api/jobs`, body: {} });", []string{"publishJSON /api/jobs"}},
		{`await q.publish({ url: "https://app.example.com/api/hook?x=1", body: "x" });`, []string{"publish /api/hook"}},
		{`const base = process.env.APP_URL; await q.publishJSON({ url: base + "/api/users/" + id });`, []string{"publishJSON /api/users/*"}},
		{"const target = `${origin}/api/jobs/ingest`; await q.publishJSON({ url: target, body: w });", []string{"publishJSON /api/jobs/ingest"}},
		{"await q.schedules.create({ destination: `${base}/api/cron/daily`, cron: \"0 0 * * *\" });", []string{"schedules.create /api/cron/daily"}},
		{"await q.batchJSON([{ url: `${base}/api/a` }, { url: `${base}/api/b` }]);", []string{"batchJSON /api/a", "batchJSON /api/b"}},
		{"await q.queue({ queueName: \"q\" }).enqueueJSON({ url: `${base}/api/q`, body: {} });", []string{"enqueueJSON /api/q"}},
		{"await q.publishJSON({ topic: \"jobs\", body: {} });", nil},
		{"await q.publishJSON({ url: target, body: {} });", nil},
		{"await q.publishJSON({ url: `${base}/${route}`, body: {} });", nil},
		{"await q.messages.create({ destination: `${base}/api/x` });", nil},
	} {
		f, _ := analyzeFile(a, "lib/jobs.ts", []byte(client+tt.src))
		var got []string
		for _, d := range f.Deliveries {
			got = append(got, d.Call+" "+d.Path)
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: deliveries (-want +got):\n%s", tt.src, diff)
		}
	}
	// A shared client imported from the project's own module.
	f, _ := analyzeFile(a, "app/actions.ts", []byte(`import { qstash } from "@/lib/qstash"; await qstash.publishJSON({ url: "https://x.example/api/send" });`))
	if len(f.Deliveries) != 1 || f.Deliveries[0].Path != "/api/send" {
		t.Errorf("shared client: deliveries %+v, want one to /api/send", f.Deliveries)
	}
	// Workflow client.trigger.
	f, _ = analyzeFile(a, "app/start.ts", []byte("import { Client } from \"@upstash/workflow\"; const c = new Client({ token: \"t\" }); await c.trigger({ url: `${base}/api/workflow` });"))
	if len(f.Deliveries) != 1 || f.Deliveries[0].Path != "/api/workflow" {
		t.Errorf("workflow trigger: deliveries %+v, want one to /api/workflow", f.Deliveries)
	}
}

// TestQStashVerifies: Receiver.verify calls with and without url, and the
// verifySignature* wrappers.
func TestQStashVerifies(t *testing.T) {
	a := newTestAnalyzer(t)
	const recv = `import { Receiver } from "@upstash/qstash"; const r = new Receiver({ currentSigningKey: "a", nextSigningKey: "b" });` + "\n"
	for _, tt := range []struct {
		path, src string
		want      string // Call, URL, Known, Wrapper of each
	}{
		{"a.ts", recv + `await r.verify({ signature, body });`, "[Receiver.verify url=false known=true wrapper=false]"},
		{"a.ts", recv + `await r.verify({ signature, body, url: "https://x.example/api/a" });`, "[Receiver.verify url=true known=true wrapper=false]"},
		{"a.ts", recv + `await r.verify({ signature, body, url: undefined });`, "[Receiver.verify url=false known=true wrapper=false]"},
		{"a.ts", recv + `await r.verify({ ...opts, signature });`, "[Receiver.verify url=false known=false wrapper=false]"},
		{"a.ts", `import { receiver } from "../config/qstash"; await receiver.verify({ signature: s, body: b });`, "[Receiver.verify url=false known=true wrapper=false]"},
		{"a.ts", `import { Webhook } from "svix"; const wh = new Webhook(secret); wh.verify(payload, headers);`, "[]"},
		{"a.ts", `const ok = await jwt.verify({ signature: s, body: b });`, "[]"},
		{"app/api/x/route.ts", `import { verifySignatureAppRouter } from "@upstash/qstash/nextjs"; export const POST = verifySignatureAppRouter(handler);`, "[verifySignatureAppRouter url=false known=true wrapper=true]"},
	} {
		f, _ := analyzeFile(a, tt.path, []byte(tt.src))
		var got []string
		for _, v := range f.Verifies {
			got = append(got, fmt.Sprintf("%s url=%v known=%v wrapper=%v", v.Call, v.URL, v.Known, v.Wrapper))
		}
		if s := fmt.Sprint(got); s != tt.want {
			t.Errorf("%s: verifies %s, want %s", tt.src, s, tt.want)
		}
	}
}
