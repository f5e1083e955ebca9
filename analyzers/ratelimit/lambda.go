package ratelimit

import (
	"path"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/analyzers/modgraph"
)

// AWS Lambda functions that a serverless.yml or an AWS SAM template wires
// to HTTP events (facts.LambdaRoute) are endpoints with a method and a
// path: their finding is the one of any public endpoint, not the low "if it
// is invoked over HTTP" one of a bare Lambda handler.

// lambdaExts are the extensions a Lambda handler module is probed with.
var lambdaExts = []string{".ts", ".mts", ".js", ".mjs", ".cjs", ".py", "/index.ts", "/index.js"}

// lambdaHandler returns the candidate module paths of lr's handler, relative
// to the scan root, and the export it names; ok is false for a handler
// outside the scanned tree.
func lambdaHandler(cfg string, lr facts.LambdaRoute) (files []string, name string, ok bool) {
	i := strings.LastIndexByte(lr.Handler, '.')
	if i <= 0 || i == len(lr.Handler)-1 {
		return nil, "", false
	}
	c, ok := modgraph.CleanPath(cfg)
	if !ok {
		return nil, "", false
	}
	p := path.Join(modgraph.ParentDir(c), lr.Handler[:i])
	if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return nil, "", false
	}
	for _, e := range lambdaExts {
		files = append(files, strings.TrimPrefix(p+e, "./"))
	}
	return files, lr.Handler[i+1:], true
}

// lambdaFiles returns the scanned handler modules of every Lambda HTTP
// route of the graph, for Wanted.
func lambdaFiles(g *modgraph.Graph) []string {
	var out []string
	for _, f := range g.Files() {
		for _, lr := range f.LambdaRoutes {
			files, _, ok := lambdaHandler(f.Path, lr)
			if !ok || lr.Method == "" {
				continue
			}
			for _, p := range files {
				if g.Index().Has(p) {
					out = append(out, p)
					break
				}
			}
		}
	}
	return out
}

// lambdaRoutes gives the Lambda handlers that deployment configs wire to
// HTTP their method and path, adding a row per further event; a handler
// found only through its config (an export not named handler) gets its row
// here, and one the config triggers only otherwise (SQS, a schedule) loses
// its row.
func (r *rl) lambdaRoutes(out []*ep) []*ep {
	for _, f := range r.g.Files() {
		framework := "serverless"
		if b := path.Base(f.Path); strings.HasPrefix(b, "template.") {
			framework = "sam"
		}
		for _, lr := range f.LambdaRoutes {
			files, name, ok := lambdaHandler(f.Path, lr)
			if !ok {
				continue
			}
			var m *modgraph.Module
			for _, p := range files {
				if m = r.s.Module(p); m != nil {
					break
				}
			}
			if m == nil {
				continue
			}
			t := modgraph.Target{Fn: -1}
			if modgraph.IsPython(m.File) {
				if i, ok := m.TopFuncs[name]; ok {
					t = modgraph.FuncTarget(m, i)
				}
			} else {
				t = r.s.Handler(m, name)
			}
			if t.Fn < 0 {
				continue
			}
			var e *ep
			for i, x := range out {
				if x.m == m && x.Framework == "lambda" && x.Handler == name {
					if lr.Method == "" { // not triggered over HTTP: no endpoint
						out = append(out[:i], out[i+1:]...)
					}
					e = x
					break
				}
			}
			if lr.Method == "" {
				continue
			}
			if e == nil {
				e = newEP(m, t, "", "", "function", "", name)
				if e.pos.Line == 0 {
					e.pos = exportPos(m, name)
				}
				e.root = r.g.Index().ProjectRoot(m.File.Path)
				out = append(out, e)
			}
			e.Method, e.Path, e.Framework = lr.Method, lr.Path, framework
		}
	}
	return out
}
