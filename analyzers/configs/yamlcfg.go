package configs

import (
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseYAML decodes the first document of the file into a node tree; a
// syntax error becomes a note and nil.
func (r *reader) parseYAML(what string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(r.src, &doc); err != nil {
		r.note("%s is not valid YAML (%s); its variables were not read", what, yamlError(err))
		return nil
	}
	root := resolveNode(&doc)
	if root == nil || root.Kind != yaml.MappingNode {
		if root != nil && root.Kind != 0 {
			r.note("%s: top level is not a mapping; nothing read", what)
		}
		return nil
	}
	return root
}

// yamlLine keeps the "line N: reason" part of a yaml.v3 error and drops
// anything quoted, which could be file content.
var yamlLine = regexp.MustCompile(`line \d+(?::\s*[a-z][a-z ,]*)?`)

func yamlError(err error) string {
	if m := yamlLine.FindString(err.Error()); m != "" {
		return strings.TrimSpace(m)
	}
	return "syntax error"
}

// resolveNode follows document wrappers and aliases.
func resolveNode(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 16; i++ {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		case yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return n
}

// mapGet returns the key and value nodes of key in mapping n.
func mapGet(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	n = resolveNode(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], resolveNode(n.Content[i+1])
		}
	}
	return nil, nil
}

// yamlScope is where a block of YAML variables applies.
type yamlScope struct {
	env     string // facts.EnvVar.Environment
	prod    string // why it reaches production; ""
	devOnly bool
}

// yamlEnvMap reads a mapping of variables (`env:`, `environment:` as a
// map, `env_variables:`).
func (r *reader) yamlEnvMap(n *yaml.Node, sc yamlScope) {
	n = resolveNode(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveNode(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "<<" || v == nil || v.Kind != yaml.ScalarNode {
			continue
		}
		a := assignment{name: k.Value, keyOff: r.offsetOf(k.Line, k.Column), env: sc.env, prod: sc.prod, devOnly: sc.devOnly}
		if v.Tag != "!!null" {
			a.value = v.Value
			a.valOff = r.offsetOf(v.Line, v.Column)
			a.valEnd = r.scalarEnd(v, a.valOff)
		} else {
			a.valOff, a.valEnd = a.keyOff+len(a.name), a.keyOff+len(a.name)
		}
		r.addRefs(&a)
		r.add(a)
	}
}

// yamlEnvList reads compose's list form: `- KEY=value` or `- KEY`.
func (r *reader) yamlEnvList(n *yaml.Node, sc yamlScope) {
	for _, item := range n.Content {
		item = resolveNode(item)
		if item == nil || item.Kind != yaml.ScalarNode || item.Value == "" {
			continue
		}
		off := r.offsetOf(item.Line, item.Column)
		if item.Style == yaml.DoubleQuotedStyle || item.Style == yaml.SingleQuotedStyle {
			off++
		}
		name, value, hasValue := strings.Cut(item.Value, "=")
		a := assignment{name: strings.TrimSpace(name), keyOff: off, env: sc.env, prod: sc.prod, devOnly: sc.devOnly}
		if a.name == "" {
			continue
		}
		if hasValue {
			a.value = value
			a.valOff = off + len(name) + 1
			a.valEnd = a.valOff + len(value)
		} else {
			a.valOff, a.valEnd = off+len(name), off+len(name)
		}
		r.addRefs(&a)
		r.add(a)
	}
}

// scalarEnd estimates the end offset of a scalar starting at off: its text
// length on one line (plus quotes), or the end of its first line.
func (r *reader) scalarEnd(v *yaml.Node, off int) int {
	n := len(v.Value)
	if v.Style == yaml.DoubleQuotedStyle || v.Style == yaml.SingleQuotedStyle {
		n += 2
	}
	lineEnd := len(r.src)
	if i := strings.IndexByte(string(r.src[min(off, len(r.src)):]), '\n'); i >= 0 {
		lineEnd = off + i
	}
	if strings.ContainsRune(v.Value, '\n') || off+n > lineEnd {
		return lineEnd
	}
	return off + n
}

// addRefs fills the references of a config value; configs define no
// variables for each other, so every reference is unresolved.
func (r *reader) addRefs(a *assignment) {
	a.refs = references(a.value)
	a.unresolved = a.refs
}

// workflow reads a GitHub Actions workflow: env at workflow, job and step
// level (and job container/services env). A job's `environment:` (or, when
// absent, its id) names the environment; production when it says so.
func (r *reader) workflow() {
	root := r.parseYAML("workflow")
	if root == nil {
		return
	}
	base := path.Base(r.path)
	fileEnv := envWord(strings.TrimSuffix(base, path.Ext(base)))
	top := yamlScope{devOnly: fileEnv == "development" || fileEnv == "test"}
	if fileEnv == "production" {
		top.prod = "the production workflow " + base
	}
	_, env := mapGet(root, "env")
	r.yamlEnvMap(env, top)

	_, jobs := mapGet(root, "jobs")
	if jobs == nil || jobs.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(jobs.Content); i += 2 {
		id, job := jobs.Content[i].Value, resolveNode(jobs.Content[i+1])
		sc := yamlScope{env: id, prod: top.prod, devOnly: top.devOnly}
		_, e := mapGet(job, "environment")
		if e != nil {
			if e.Kind == yaml.MappingNode {
				_, e = mapGet(e, "name")
			}
			if e != nil && e.Kind == yaml.ScalarNode && !strings.Contains(e.Value, "${{") && e.Value != "" {
				sc.env = e.Value
			}
		}
		switch w := envWord(sc.env); w {
		case "production":
			sc.prod = "the production job " + id + " of " + base
			sc.devOnly = false
		case "":
		default:
			sc.prod = ""
			sc.devOnly = w == "development" || w == "test"
		}
		_, je := mapGet(job, "env")
		r.yamlEnvMap(je, sc)
		_, container := mapGet(job, "container")
		_, ce := mapGet(container, "env")
		r.yamlEnvMap(ce, sc)
		if _, services := mapGet(job, "services"); services != nil && services.Kind == yaml.MappingNode {
			for j := 1; j < len(services.Content); j += 2 {
				_, se := mapGet(services.Content[j], "env")
				r.yamlEnvMap(se, sc)
			}
		}
		if _, steps := mapGet(job, "steps"); steps != nil && steps.Kind == yaml.SequenceNode {
			for _, st := range steps.Content {
				_, se := mapGet(st, "env")
				r.yamlEnvMap(se, sc)
			}
		}
	}
}

// compose reads docker-compose services' `environment:` (map or list).
// The environment is the service name when it says one, else the file
// name's (docker-compose.prod.yml).
func (r *reader) compose() {
	root := r.parseYAML("compose file")
	if root == nil {
		return
	}
	base := path.Base(r.path)
	fileEnv := envWord(strings.TrimSuffix(base, path.Ext(base)))
	_, services := mapGet(root, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		name := services.Content[i].Value
		sc := yamlScope{}
		label, word := "", envWord(name)
		switch {
		case word != "":
			label = name
		case fileEnv != "":
			label, word = fileEnv, fileEnv
		}
		sc.env = label
		switch word {
		case "production":
			sc.prod = "the production compose service " + name + " of " + base
		case "development", "test":
			sc.devOnly = true
		}
		_, env := mapGet(services.Content[i+1], "environment")
		if env == nil {
			continue
		}
		switch env.Kind {
		case yaml.MappingNode:
			r.yamlEnvMap(env, sc)
		case yaml.SequenceNode:
			r.yamlEnvList(env, sc)
		}
	}
}

// appYAML reads Google App Engine's env_variables: a deployed service,
// production unless its service name says another environment.
func (r *reader) appYAML() {
	root := r.parseYAML("app.yaml")
	if root == nil {
		return
	}
	sc := yamlScope{prod: "the App Engine deployment config " + path.Base(r.path)}
	if _, svc := mapGet(root, "service"); svc != nil && svc.Kind == yaml.ScalarNode {
		if w := envWord(svc.Value); w != "" {
			sc.env = svc.Value
			if w != "production" {
				sc.prod = ""
				sc.devOnly = w == "development" || w == "test"
			}
		}
	}
	_, env := mapGet(root, "env_variables")
	r.yamlEnvMap(env, sc)
}
