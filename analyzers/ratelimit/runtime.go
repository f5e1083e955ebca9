package ratelimit

import (
	"maps"
	"path"
	"slices"

	"github.com/upscan/upscan/analyzers/modgraph"
	"github.com/upscan/upscan/upstash"
)

// Where an endpoint runs matters for a rate limiter that keeps its counters
// in process memory: on a serverless runtime every instance counts alone
// and a cold start empties the count. The runtime is read from facts: the
// framework's own deployment model, a deployment config in the endpoint's
// directory or above (upstash.ServerlessConfigs, a SAM template or
// serverless.yml wiring Lambda routes), or a serverless adapter the
// endpoint's project imports (upstash.ServerlessAdapters).

// serverlessFrameworks are the frameworks whose endpoints run as
// short-lived function instances wherever they are deployed. A Next.js,
// SvelteKit or Express app is not one of them: `next start` is a
// long-running server, and only a deployment fact says otherwise.
var serverlessFrameworks = map[string]string{
	"vercel": "Vercel functions", "netlify": "Netlify functions",
	"lambda": "AWS Lambda", "serverless": "AWS Lambda", "sam": "AWS Lambda", "workers": "Cloudflare Workers",
	"cloudflare-pages": "Cloudflare Pages functions", "azure": "Azure Functions", "gcp": "Google Cloud Functions",
}

// projectMarkers are the files that mark a project's root directory.
var projectMarkers = []string{"package.json", "requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "deno.json"}

// serverlessRuntime returns the serverless runtime endpoint e runs on and
// the evidence ("Vercel, vercel.json", "Vercel functions", "AWS Lambda
// (Mangum), app/main.py"), or "" when upscan sees none.
func (r *rl) serverlessRuntime(e *ep) string {
	if s, ok := serverlessFrameworks[e.Framework]; ok {
		return s
	}
	idx := r.g.Index()
	file := e.m.File.Path
	for d := modgraph.ParentDir(file); ; d = modgraph.ParentDir(d) {
		for _, name := range slices.Sorted(maps.Keys(upstash.ServerlessConfigs)) {
			if p := modgraph.JoinDir(d, name); idx.Has(p) {
				return upstash.ServerlessConfigs[name] + ", " + p
			}
		}
		if d == "" {
			break
		}
	}
	for _, f := range r.g.Files() {
		if len(f.LambdaRoutes) > 0 && under(file, modgraph.ParentDir(f.Path)) {
			return "AWS Lambda, " + f.Path
		}
	}
	root := r.projectRoot(file)
	for _, m := range r.s.Modules() {
		if !under(m.File.Path, root) || r.projectRoot(m.File.Path) != root {
			continue
		}
		for _, im := range m.File.Imports {
			if p, ok := upstash.ServerlessAdapterOf(im.Spec); ok {
				return p + ", " + m.File.Path
			}
		}
	}
	return ""
}

// projectRoot returns the nearest directory at or above file's that holds
// a project marker (package.json, requirements.txt…), "" for the scan root.
func (r *rl) projectRoot(file string) string {
	idx := r.g.Index()
	for d := modgraph.ParentDir(file); d != ""; d = modgraph.ParentDir(d) {
		for _, mk := range projectMarkers {
			if idx.Has(path.Join(d, mk)) {
				return d
			}
		}
	}
	return ""
}

// under reports whether file lies in directory dir ("" is the scan root).
func under(file, dir string) bool {
	return dir == "" || len(file) > len(dir) && file[:len(dir)] == dir && file[len(dir)] == '/'
}
