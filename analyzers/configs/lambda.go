package configs

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/upscan/upscan/analyzers/facts"
)

// Lambda functions wired to HTTP by a deployment config (UPSTASH.md §4.3):
// the rate-limit pass makes them endpoints with a method and a path.

// serverless reads the http and httpApi events of a serverless.yml's
// functions.
func (r *reader) serverless() {
	root := r.parseYAML(path.Base(r.path))
	if root == nil {
		return
	}
	_, fns := mapGet(root, "functions")
	if fns == nil || fns.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(fns.Content); i += 2 {
		fn := resolveNode(fns.Content[i+1])
		_, h := mapGet(fn, "handler")
		if h == nil || h.Kind != yaml.ScalarNode || !plainHandler(h.Value) {
			continue
		}
		n := len(r.file.LambdaRoutes)
		r.serverlessEvents(fn, h.Value)
		if len(r.file.LambdaRoutes) == n {
			// No HTTP trigger (SQS, a schedule…): the handler is no endpoint.
			r.file.LambdaRoutes = append(r.file.LambdaRoutes, facts.LambdaRoute{Handler: h.Value, Pos: r.posAt(r.offsetOf(h.Line, h.Column))})
		}
	}
}

// serverlessEvents records the HTTP triggers of one serverless.yml
// function: a function URL (`url:`), http and httpApi events.
func (r *reader) serverlessEvents(fn *yaml.Node, handler string) {
	if k, u := mapGet(fn, "url"); k != nil && u != nil && u.Value != "false" {
		r.lambdaRoute(facts.LambdaRoute{Handler: handler, Method: "ANY", Path: "*", Pos: r.posAt(r.offsetOf(k.Line, k.Column))})
	}
	_, evs := mapGet(fn, "events")
	if evs == nil || evs.Kind != yaml.SequenceNode {
		return
	}
	for _, ev := range evs.Content {
		for _, kind := range []string{"http", "httpApi"} {
			k, v := mapGet(ev, kind)
			if k == nil {
				continue
			}
			lr := facts.LambdaRoute{Handler: handler, Method: "ANY", Path: "*", Pos: r.posAt(r.offsetOf(k.Line, k.Column))}
			switch {
			case v != nil && v.Kind == yaml.ScalarNode: // "GET /users" or "*"
				if m, p, ok := strings.Cut(strings.TrimSpace(v.Value), " "); ok {
					lr.Method, lr.Path = m, p
				}
			case v != nil && v.Kind == yaml.MappingNode:
				if _, m := mapGet(v, "method"); m != nil && m.Kind == yaml.ScalarNode {
					lr.Method = m.Value
				}
				if _, p := mapGet(v, "path"); p != nil && p.Kind == yaml.ScalarNode {
					lr.Path = p.Value
				}
			}
			r.lambdaRoute(lr)
		}
	}
}

// sam reads the Api and HttpApi events of the AWS::Serverless::Function
// resources of an AWS SAM template. A template.yaml that is not a SAM
// template is not read (and not noted).
func (r *reader) sam() {
	if !bytes.Contains(r.src, []byte("AWS::Serverless")) {
		return
	}
	root := r.parseYAML(path.Base(r.path))
	if root == nil {
		return
	}
	var globalCode, globalHandler string
	if _, g := mapGet(root, "Globals"); g != nil {
		_, gf := mapGet(g, "Function")
		globalCode, globalHandler = scalar(gf, "CodeUri"), scalar(gf, "Handler")
	}
	_, res := mapGet(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(res.Content); i += 2 {
		rs := resolveNode(res.Content[i+1])
		if scalar(rs, "Type") != "AWS::Serverless::Function" {
			continue
		}
		_, props := mapGet(rs, "Properties")
		code, handler := scalar(props, "CodeUri"), scalar(props, "Handler")
		if code == "" {
			code = globalCode
		}
		if handler == "" {
			handler = globalHandler
		}
		if !plainHandler(handler) || strings.Contains(code, "://") || strings.Contains(code, "${") {
			continue
		}
		if code != "" {
			handler = strings.TrimSuffix(strings.TrimPrefix(code, "./"), "/") + "/" + handler
		}
		n := len(r.file.LambdaRoutes)
		r.samEvents(props, handler)
		if len(r.file.LambdaRoutes) == n {
			// No HTTP trigger (SQS, a schedule…): the handler is no endpoint.
			k := res.Content[i]
			r.file.LambdaRoutes = append(r.file.LambdaRoutes, facts.LambdaRoute{Handler: handler, Pos: r.posAt(r.offsetOf(k.Line, k.Column))})
		}
	}
	sort.SliceStable(r.file.LambdaRoutes, func(i, j int) bool { return r.file.LambdaRoutes[i].Pos.Line < r.file.LambdaRoutes[j].Pos.Line })
}

// samEvents records the HTTP triggers of one SAM function's properties: a
// FunctionUrlConfig, Api and HttpApi events.
func (r *reader) samEvents(props *yaml.Node, handler string) {
	if k, _ := mapGet(props, "FunctionUrlConfig"); k != nil {
		r.lambdaRoute(facts.LambdaRoute{Handler: handler, Method: "ANY", Path: "*", Pos: r.posAt(r.offsetOf(k.Line, k.Column))})
	}
	_, evs := mapGet(props, "Events")
	if evs == nil || evs.Kind != yaml.MappingNode {
		return
	}
	for j := 0; j+1 < len(evs.Content); j += 2 {
		ev := resolveNode(evs.Content[j+1])
		typ := scalar(ev, "Type")
		if typ != "Api" && typ != "HttpApi" {
			continue
		}
		k := evs.Content[j]
		_, ep := mapGet(ev, "Properties")
		lr := facts.LambdaRoute{Handler: handler, Method: "ANY", Path: "*", Pos: r.posAt(r.offsetOf(k.Line, k.Column))}
		if m := scalar(ep, "Method"); m != "" {
			lr.Method = m
		}
		if p := scalar(ep, "Path"); p != "" {
			lr.Path = p
		}
		r.lambdaRoute(lr)
	}
}

// lambdaRoute normalises and records one HTTP event.
func (r *reader) lambdaRoute(lr facts.LambdaRoute) {
	lr.Method = strings.ToUpper(strings.TrimSpace(lr.Method))
	if lr.Method == "" || lr.Method == "*" {
		lr.Method = "ANY"
	}
	if lr.Path != "*" && !strings.HasPrefix(lr.Path, "/") {
		lr.Path = "/" + lr.Path
	}
	r.file.LambdaRoutes = append(r.file.LambdaRoutes, lr)
}

// plainHandler reports whether a handler setting names a module and an
// export ("src/feed.main"), without variables to substitute.
func plainHandler(h string) bool {
	return h != "" && strings.Contains(h, ".") && !strings.ContainsAny(h, "${}: ")
}

// scalar returns the scalar value of key in mapping n, or "".
func scalar(n *yaml.Node, key string) string {
	if _, v := mapGet(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}
