package exposure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// short renders a finding as "RULE severity line:col".
func short(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %d:%d", f.RuleID, f.Severity, f.Line, f.Col))
	}
	return out
}

func at(line, col int) facts.Pos { return facts.Pos{Line: line, Col: col} }

// viteClient is a module that builds a Redis client from VITE_ variables.
func viteClient(path string) *facts.File {
	return &facts.File{Path: path, Lang: facts.TS,
		Clients: []facts.Client{{Product: facts.Redis, SDK: "@upstash/redis", Var: "kv", Pos: at(4, 20), End: at(4, 90),
			Token: facts.Value{Origin: facts.FromEnv, Env: "VITE_UPSTASH_REDIS_REST_TOKEN", Public: true, Pos: at(4, 60)}}},
		EnvReads: []facts.EnvRead{{Name: "VITE_UPSTASH_REDIS_REST_TOKEN", Public: true, Pos: at(4, 60), End: at(4, 88)},
			{Name: "VITE_UPSTASH_REDIS_REST_TOKEN", Public: true, Pos: at(6, 11), End: at(6, 40)}},
	}
}

// TestReachedOnce checks that a module both reached from client code and
// reporting itself (a VITE_ variable read outside server paths) yields one
// UPS202 per client, not one from each.
func TestReachedOnce(t *testing.T) {
	f := viteClient("src/lib/kv.ts")
	own := File(f)
	if diff := cmp.Diff([]string{"UPS202 critical 4:20"}, short(own)); diff != "" {
		t.Fatalf("File (-want +got):\n%s", diff)
	}
	chain := []Hop{{From: "src/App.svelte", To: "src/lib/kv.ts", Spec: "./lib/kv", Pos: at(2, 3)}}
	if got := Reached(chain, f); len(got) != 0 {
		t.Errorf("Reached repeats File's finding: %v", short(got))
	}
	// A module File has nothing to say about is Reached's.
	f.Path = "src/server/kv.ts"
	if got := File(f); len(got) != 0 {
		t.Errorf("File reports a server path: %v", short(got))
	}
	got := Reached(chain, f)
	if diff := cmp.Diff([]string{"UPS202 critical 4:20"}, short(got)); diff != "" {
		t.Errorf("Reached (-want +got):\n%s", diff)
	}
	if len(got) == 1 && !strings.Contains(got[0].Message, "src/App.svelte → src/lib/kv.ts") {
		t.Errorf("message lacks the chain: %q", got[0].Message)
	}
}

// TestOneKeyForAClient checks that a client's UPS202 has the same content
// key whether its module is client-side or reached from client code.
func TestOneKeyForAClient(t *testing.T) {
	f := viteClient("src/lib/kv.ts")
	own := File(f)
	f.Path = "src/server/kv.ts"
	reached := Reached([]Hop{{From: "a.svelte", To: f.Path, Spec: "./kv"}}, f)
	if len(own) != 1 || len(reached) != 1 || own[0].Fingerprint != reached[0].Fingerprint {
		t.Errorf("fingerprints differ: %v / %v", own, reached)
	}
}

// TestNotBundled checks that the browser-only prefix says nothing about a
// module no bundler reads (Python).
func TestNotBundled(t *testing.T) {
	f := viteClient("app.py")
	f.Lang = facts.Python
	if got := File(f); len(got) != 0 {
		t.Errorf("Python module reported: %v", short(got))
	}
}

// TestClientCode checks the severities and wording of UPS202 in one module.
func TestClientCode(t *testing.T) {
	full := rules.Redact(upstash.KindRedisToken, "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU")
	tests := []struct {
		name string
		f    facts.File
		want []string
		text string // in the first finding's message
	}{
		{"use client, public env token", facts.File{Path: "a.tsx", Lang: facts.TSX, Directive: "use client", DirectivePos: at(1, 1),
			Clients: []facts.Client{{Product: facts.Redis, Pos: at(3, 1), Token: facts.Value{Origin: facts.FromEnv, Env: "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN", Public: true}}}},
			[]string{"UPS202 critical 3:1"}, `client-side code ("use client" module)`},
		{"component, literal full token", facts.File{Path: "a.svelte", Lang: facts.JS,
			Clients: []facts.Client{{Product: facts.Redis, Pos: at(3, 1), Browser: facts.SvelteComponent, Token: facts.Value{Origin: facts.Literal, Secret: full}}}},
			[]string{"UPS202 critical 3:1"}, "(Svelte component) is built with a hardcoded full-access credential"},
		{"literal without a client-side marker is UPS101's", facts.File{Path: "lib/a.ts", Lang: facts.TS,
			Clients: []facts.Client{{Product: facts.Redis, Pos: at(3, 1), Token: facts.Value{Origin: facts.Literal, Secret: full}}}},
			nil, ""},
		{"placeholder literal", facts.File{Path: "a.vue", Lang: facts.JS,
			Clients: []facts.Client{{Product: facts.Redis, Pos: at(3, 1), Browser: facts.VueComponent, Token: facts.Value{Origin: facts.Literal, Secret: rules.Redact(kindPlaceholder, "your-token")}}}},
			nil, ""},
		{"server env token in client code", facts.File{Path: "a.vue", Lang: facts.JS,
			Clients: []facts.Client{{Product: facts.Redis, Pos: at(3, 1), Browser: facts.VueComponent, Token: facts.Value{Origin: facts.FromEnv, Env: "UPSTASH_REDIS_REST_TOKEN"}}}},
			nil, ""},
		{"default Vector client in an Astro script", facts.File{Path: "a.astro", Lang: facts.TS,
			Clients: []facts.Client{{Product: facts.Vector, Default: true, Pos: at(9, 3), Browser: facts.AstroScript}}},
			[]string{"UPS202 high 9:3"}, "NEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN"},
		{"read-only token read, once per variable", facts.File{Path: "static/w.js", Lang: facts.JS,
			EnvReads: []facts.EnvRead{{Name: "PUBLIC_UPSTASH_REDIS_REST_READONLY_TOKEN", Public: true, Pos: at(2, 1), Browser: facts.StaticDir},
				{Name: "PUBLIC_UPSTASH_REDIS_REST_READONLY_TOKEN", Public: true, Pos: at(3, 1), Browser: facts.StaticDir}}},
			[]string{"UPS202 low 2:1"}, "static script under static/ reads PUBLIC_UPSTASH_REDIS_REST_READONLY_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := File(&tt.f)
			if diff := cmp.Diff(tt.want, short(got)); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			if tt.text != "" && !strings.Contains(got[0].Message, tt.text) {
				t.Errorf("message %q lacks %q", got[0].Message, tt.text)
			}
			if tt.f.Directive == "use client" && (len(got[0].Related) == 0 || got[0].Related[len(got[0].Related)-1].Line != 1) {
				t.Errorf("no related location at the directive: %v", got[0].Related)
			}
		})
	}
}

// TestBuildOutput checks that credential findings of a built asset become
// UPS204 with their severity, and that other findings stay.
func TestBuildOutput(t *testing.T) {
	if rules.Lookup("UPS204") == nil {
		t.Skip("UPS204 is not in the catalogue")
	}
	fs := []rules.Finding{
		{RuleID: "UPS102", Severity: rules.Low, Secret: rules.Redact(upstash.KindRedisReadOnly, "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw")},
		{RuleID: "UPS301", Severity: rules.High, Message: "plaintext"},
	}
	got := BuildOutput(fs)
	if got[0].RuleID != "UPS204" || got[0].Severity != rules.Low || !strings.Contains(got[0].Message, "built asset") ||
		got[0].Key != rules.Fingerprint("UPS204", "", got[0].Secret.SHA256) {
		t.Errorf("credential finding: %+v", got[0])
	}
	if got[1].RuleID != "UPS301" || got[1].Message != "plaintext" {
		t.Errorf("non-credential finding changed: %+v", got[1])
	}
}

// TestNil checks that a nil file has no findings.
func TestNil(t *testing.T) {
	if got := File(nil); got != nil {
		t.Errorf("File(nil) = %v", got)
	}
	if got := Reached(nil, &facts.File{}); got != nil {
		t.Errorf("Reached with no chain = %v", got)
	}
}

// TestServerBuildOutput checks that a credential in server-side build
// output keeps its rule and severity and says where it is.
func TestServerBuildOutput(t *testing.T) {
	fs := []rules.Finding{
		{RuleID: "UPS101", Severity: rules.Critical, Message: "token is hardcoded", Secret: rules.Redacted{Kind: "redis-rest-token", Length: 60}},
		{RuleID: "UPS401", Severity: rules.Medium, Message: "no rate limit"},
	}
	got := ServerBuildOutput(fs)
	if got[0].RuleID != "UPS101" || got[0].Severity != rules.Critical || !strings.Contains(got[0].Message, "server-side build output") {
		t.Errorf("credential finding: %+v", got[0])
	}
	if got[1].Message != "no rate limit" {
		t.Errorf("finding without a secret changed: %+v", got[1])
	}
}
