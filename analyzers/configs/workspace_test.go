package configs

import (
	"reflect"
	"testing"
)

func TestPackageJSON(t *testing.T) {
	a, _ := New()
	src := `{"name": "@acme/cache", "main": "./dist/index.js", "types": "./dist/index.d.ts",
	  "exports": {".": {"types": "./dist/index.d.ts", "import": "./dist/index.mjs", "default": "./dist/index.js"},
	              "./redis": "./src/redis.ts", "./package.json": "./package.json"},
	  "workspaces": ["apps/*", "packages/*"]}`
	f, _ := a.Analyze("packages/cache/package.json", []byte(src))
	p := f.Package
	if p == nil || p.Name != "@acme/cache" {
		t.Fatalf("package = %+v", p)
	}
	want := []string{"./dist/index.mjs", "./dist/index.js", "./dist/index.d.ts", "./dist/index.js", "./dist/index.d.ts"}
	if !reflect.DeepEqual(p.Entries["."], want) {
		t.Errorf(". = %v, want %v", p.Entries["."], want)
	}
	if !reflect.DeepEqual(p.Entries["./redis"], []string{"./src/redis.ts"}) {
		t.Errorf("./redis = %v", p.Entries["./redis"])
	}
	if !reflect.DeepEqual(p.Workspaces, []string{"apps/*", "packages/*"}) {
		t.Errorf("workspaces = %v", p.Workspaces)
	}
	f, _ = a.Analyze("package.json", []byte(`{"workspaces": {"packages": ["libs/*"]}}`))
	if f.Package == nil || !reflect.DeepEqual(f.Package.Workspaces, []string{"libs/*"}) {
		t.Errorf("yarn workspaces object: %+v", f.Package)
	}
	f, _ = a.Analyze("pnpm-workspace.yaml", []byte("packages:\n  - 'packages/*'\n  - apps/*\n  - '!**/test/**'\n"))
	if f.Package == nil || !reflect.DeepEqual(f.Package.Workspaces, []string{"packages/*", "apps/*", "!**/test/**"}) {
		t.Errorf("pnpm workspace: %+v", f.Package)
	}
	f, _ = a.Analyze("package.json", []byte(`{"name": `))
	if f.Package != nil || len(f.Notes) != 1 {
		t.Errorf("broken package.json: %+v %v", f.Package, f.Notes)
	}
	if Handles("node_modules/x/package.json") {
		t.Error("a package.json in node_modules is read")
	}
}

func TestLambdaRoutes(t *testing.T) {
	a, _ := New()
	f, _ := a.Analyze("svc/serverless.yml", []byte("functions:\n  a:\n    handler: src/a.main\n    events:\n      - http:\n          path: users/{id}\n          method: get\n      - httpApi: 'POST /a'\n      - httpApi: '*'\n      - sqs: arn\n  b:\n    handler: ${self:custom.h}\n    events:\n      - http: GET b\n  c:\n    handler: src/c.main\n    events:\n      - schedule: rate(1 day)\n  d:\n    handler: src/d.main\n    url: true\n"))
	want := []string{"src/a.main GET /users/{id}", "src/a.main POST /a", "src/a.main ANY *", "src/c.main  ", "src/d.main ANY *"}
	var got []string
	for _, lr := range f.LambdaRoutes {
		got = append(got, lr.Handler+" "+lr.Method+" "+lr.Path)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("serverless routes = %v, want %v", got, want)
	}
	// A template.yaml that is not an AWS SAM template: nothing, no note.
	f, _ = a.Analyze("template.yaml", []byte("title: {{ broken"))
	if len(f.LambdaRoutes) != 0 || len(f.Notes) != 0 {
		t.Errorf("non-SAM template: %+v %v", f.LambdaRoutes, f.Notes)
	}
}
