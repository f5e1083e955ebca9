package scope

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/upscan/upscan/analyzers/facts"
	ft "github.com/upscan/upscan/analyzers/facts/factstest"
	"github.com/upscan/upscan/rules"
)

func TestFileRoute(t *testing.T) {
	for _, tt := range []struct {
		path, delivery string
		want           bool
	}{
		{"app/api/process/route.ts", "/api/process", true},
		{"src/app/(jobs)/api/process/route.ts", "/api/process", true},
		{"apps/web/app/api/users/[id]/route.ts", "/api/users/*", true},
		{"apps/web/app/api/users/[id]/route.ts", "/api/users/42", true},
		{"pages/api/cron.ts", "/api/cron", true},
		{"api/cron.ts", "/api/cron", true},
		{"api/cron.py", "/api/cron", true},
		{"server/api/jobs.post.ts", "/api/jobs", true},
		{"src/routes/api/jobs/+server.ts", "/api/jobs", true},
		{"supabase/functions/send-email/index.ts", "/send-email", true},
		{"app/api/[...slug]/route.ts", "/api/a/b", true},
		{"app/api/process/route.ts", "/api/other", false},
		{"app/api/hello/route.ts", "/api/*", false}, // `${base}/api/${route}`: any route, none known
		{"app/api/users/[id]/route.ts", "/api/*/x", false},
		{"app/api/process/route.ts", "/process", false},
		{"lib/process.ts", "/process", false},
		{"app/tasks.py", "/tasks", false},
		{"README.md", "/api/x", false},
	} {
		segs, ok := fileRoute(tt.path)
		if got := ok && pathMatches(tt.delivery, segs); got != tt.want {
			t.Errorf("%s reached by %s = %v (segments %q), want %v", tt.path, tt.delivery, got, segs, tt.want)
		}
	}
}

func TestWebhooksDeliveries(t *testing.T) {
	sender := ft.File("lib/jobs.ts", func(f *facts.File) {
		f.Deliveries = []facts.Delivery{{Call: "publishJSON", Path: "/api/process", Pos: ft.Pos()}}
	})
	handler := ft.Exports("POST")
	tests := []struct {
		name  string
		files []*facts.File
		want  []ft.Summary
	}{
		{
			name:  "a route the project publishes to, never verifying",
			files: []*facts.File{sender, ft.File("app/api/process/route.ts", handler), ft.File("app/api/other/route.ts", handler)},
			want:  []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "app/api/process/route.ts"}},
		},
		{
			name:  "the route verifies with a wrapper",
			files: []*facts.File{sender, ft.File("app/api/process/route.ts", handler, ft.Imports("@upstash/qstash/nextjs", "verifySignatureAppRouter"))},
		},
		{
			name:  "a Workflow serve endpoint verifies by itself",
			files: []*facts.File{sender, ft.File("app/api/process/route.ts", handler, ft.Imports("@upstash/workflow/nextjs", "serve"))},
		},
		{
			name:  "a module without a handler export is not a route",
			files: []*facts.File{sender, ft.File("app/api/process/route.ts")},
		},
		{
			name: "a code-registered route with the path",
			files: []*facts.File{sender, ft.File("src/server.ts", func(f *facts.File) {
				f.Routes = []facts.Route{{Recv: "app", Call: "post", Path: "/api/process", Pos: facts.Pos{Line: 7, Col: 1}}}
			})},
			want: []ft.Summary{{Rule: "UPS504", Severity: "medium", Path: "src/server.ts"}},
		},
		{
			name: "a delivery of another project in the scan does not reach this one",
			files: []*facts.File{
				ft.File("apps/a/package.json", func(f *facts.File) { f.Package = &facts.Package{Dir: "apps/a", Name: "a"} }),
				ft.File("apps/b/package.json", func(f *facts.File) { f.Package = &facts.Package{Dir: "apps/b", Name: "b"} }),
				ft.File("apps/a/lib/jobs.ts", func(f *facts.File) { f.Deliveries = sender.Deliveries }),
				ft.File("apps/b/app/api/process/route.ts", handler),
			},
		},
		{
			name:  "deliveries from tests do not count",
			files: []*facts.File{ft.File("lib/jobs.test.ts", func(f *facts.File) { f.Deliveries = sender.Deliveries }), ft.File("app/api/process/route.ts", handler)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph(tt.files)
			got := Webhooks(g)
			ft.CheckWellFormed(t, got)
			if diff := cmp.Diff(tt.want, ft.Summarize(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("UPS504 findings (-want +got):\n%s", diff)
			}
			if n := len(UnverifiedReceivers(g)); n != len(tt.want) {
				t.Errorf("UnverifiedReceivers has %d modules, want %d", n, len(tt.want))
			}
		})
	}
}

func TestVerifyURL(t *testing.T) {
	f := ft.File("app/api/jobs/route.ts", func(f *facts.File) {
		f.Verifies = []facts.Verify{
			{Call: "Receiver.verify", Known: true, Pos: facts.Pos{Line: 3, Col: 1}},
			{Call: "Receiver.verify", Known: true, URL: true, Pos: facts.Pos{Line: 4, Col: 1}},
			{Call: "Receiver.verify", Known: false, Pos: facts.Pos{Line: 5, Col: 1}},
			{Call: "verifySignatureAppRouter", Wrapper: true, Known: true, Pos: facts.Pos{Line: 6, Col: 1}},
		}
	})
	got := VerifyURL(f)
	ft.CheckWellFormed(t, got)
	var lines []int
	for _, fd := range got {
		lines = append(lines, fd.Line)
		if fd.RuleID != "UPS505" || fd.Severity != rules.Low {
			t.Errorf("finding %+v: want UPS505 low", fd)
		}
	}
	if diff := cmp.Diff([]int{3, 6}, lines); diff != "" {
		t.Errorf("UPS505 lines (-want +got):\n%s", diff)
	}
	for _, p := range []string{"app/api/jobs/route.test.ts", "node_modules/@upstash/qstash/nextjs.js", "web/node_modules/@upstash/qstash/h3.mjs",
		".venv/lib/python3.11/site-packages/qstash/receiver.py"} {
		f.Path = p
		if got := VerifyURL(f); len(got) != 0 {
			t.Errorf("%s: %d findings, want none (a test file or the SDK's own code)", p, len(got))
		}
	}
}
