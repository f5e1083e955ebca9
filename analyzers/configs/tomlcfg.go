package configs

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// parseTOML decodes the file; a syntax error becomes a note (with its line
// only: TOML messages can quote content) and nil.
func (r *reader) parseTOML() map[string]any {
	var m map[string]any
	if _, err := toml.Decode(string(r.src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			r.note("not valid TOML (syntax error at line %d); its variables were not read", pe.Position.Line)
		} else {
			r.note("not valid TOML; its variables were not read")
		}
		return nil
	}
	return m
}

// table returns the sub-table at keys, or nil.
func table(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

// tomlVars reads the scalar entries of table t (found at path tablePath in
// the file) as assignments, in file order.
func (r *reader) tomlVars(t map[string]any, tablePath []string, sc yamlScope) {
	type entry struct {
		a   assignment
		off int
	}
	var entries []entry
	for name, v := range t {
		var value string
		switch x := v.(type) {
		case string:
			value = x
		case bool, int64, float64:
			value = fmt.Sprint(x)
		default:
			continue
		}
		keyOff, valOff, valEnd := r.tomlFind(tablePath, name)
		a := assignment{name: name, value: value, keyOff: keyOff, valOff: valOff, valEnd: valEnd,
			env: sc.env, prod: sc.prod, devOnly: sc.devOnly}
		r.addRefs(&a)
		entries = append(entries, entry{a, keyOff})
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].off != entries[j].off {
			return entries[i].off < entries[j].off
		}
		return entries[i].a.name < entries[j].a.name
	})
	for _, e := range entries {
		r.add(e.a)
	}
}

var tomlHeader = regexp.MustCompile(`^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$`)

// headerPath splits a TOML table header's dotted key, unquoting parts.
func headerPath(h string) []string {
	var parts []string
	for _, p := range strings.Split(h, ".") {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return parts
}

func hasPrefixPath(p, prefix []string) bool {
	if len(prefix) > len(p) {
		return false
	}
	for i := range prefix {
		if p[i] != prefix[i] {
			return false
		}
	}
	return true
}

// tomlFind locates key of table tablePath in the file: BurntSushi/toml
// keeps no positions, so the lines are searched — first the table's own
// section, then sections of its parents (inline tables, dotted keys), then
// the whole file. It returns the key's offset and its value's extent.
func (r *reader) tomlFind(tablePath []string, key string) (keyOff, valOff, valEnd int) {
	keyRE := regexp.MustCompile(`(?:^|[\s{,.])("` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `'|` + regexp.QuoteMeta(key) + `)\s*=`)
	exact, parent, other := -1, -1, -1
	var exactAt, parentAt, otherAt int
	var current []string
	for ln := 1; ln <= len(r.lines); ln++ {
		text := r.lineText(ln)
		if m := tomlHeader.FindStringSubmatch(text); m != nil && !strings.Contains(text, "=") {
			current = headerPath(m[1])
			continue
		}
		loc := keyRE.FindStringSubmatchIndex(text)
		if loc == nil {
			continue
		}
		switch {
		case exact < 0 && pathEqual(current, tablePath):
			exact, exactAt = ln, loc[2]
		case parent < 0 && hasPrefixPath(tablePath, current):
			parent, parentAt = ln, loc[2]
		case other < 0:
			other, otherAt = ln, loc[2]
		}
	}
	ln, at := exact, exactAt
	if ln < 0 {
		ln, at = parent, parentAt
	}
	if ln < 0 {
		ln, at = other, otherAt
	}
	if ln < 0 {
		return 0, 0, 0
	}
	text := r.lineText(ln)
	start := r.lines[ln-1]
	keyOff = start + at
	i := at + strings.IndexByte(text[at:], '=') + 1
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	j := i
	switch {
	case j < len(text) && (text[j] == '"' || text[j] == '\''):
		q := text[j]
		j++
		for j < len(text) && text[j] != q {
			if q == '"' && text[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j+1, len(text))
	default:
		for j < len(text) && !strings.ContainsRune(",}# \t", rune(text[j])) {
			j++
		}
	}
	return keyOff, start + i, start + j
}

func pathEqual(a, b []string) bool { return len(a) == len(b) && hasPrefixPath(a, b) }

// netlify reads [build.environment] (all deploys, production included) and
// [context.<name>.environment].
func (r *reader) netlify() {
	m := r.parseTOML()
	if m == nil {
		return
	}
	if t := table(m, "build", "environment"); t != nil {
		r.tomlVars(t, []string{"build", "environment"}, yamlScope{prod: "netlify.toml [build.environment], which applies to production deploys"})
	}
	ctx := table(m, "context")
	names := make([]string, 0, len(ctx))
	for name := range ctx {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t := table(ctx, name, "environment")
		if t == nil {
			continue
		}
		sc := yamlScope{env: name}
		switch w := envWord(name); {
		case w == "production":
			sc.prod = "netlify.toml [context." + name + ".environment]"
		case w == "development" || w == "test":
			sc.devOnly = true
		}
		r.tomlVars(t, []string{"context", name, "environment"}, sc)
	}
}

// wrangler reads [vars] (the default `wrangler deploy` target) and
// [env.<name>.vars].
func (r *reader) wrangler() {
	m := r.parseTOML()
	if m == nil {
		return
	}
	if t := table(m, "vars"); t != nil {
		r.tomlVars(t, []string{"vars"}, yamlScope{prod: "wrangler.toml [vars], the default deploy target"})
	}
	envs := table(m, "env")
	names := make([]string, 0, len(envs))
	for name := range envs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t := table(envs, name, "vars")
		if t == nil {
			continue
		}
		sc := yamlScope{env: name}
		switch w := envWord(name); {
		case w == "production":
			sc.prod = "wrangler.toml [env." + name + ".vars]"
		case w == "development" || w == "test":
			sc.devOnly = true
		}
		r.tomlVars(t, []string{"env", name, "vars"}, sc)
	}
}

// fly reads [env] of a Fly.io app: deployed by `fly deploy`, production
// unless the app or file name says another environment.
func (r *reader) fly() {
	m := r.parseTOML()
	if m == nil {
		return
	}
	t := table(m, "env")
	if t == nil {
		return
	}
	app, _ := m["app"].(string)
	base := path.Base(r.path)
	sc := yamlScope{prod: "the Fly.io app config " + base}
	w := envWord(app)
	if w != "" {
		sc.env = app
	} else {
		w = envWord(strings.TrimSuffix(base, ".toml"))
		sc.env = w
	}
	if w != "" && w != "production" {
		sc.prod = ""
		sc.devOnly = w == "development" || w == "test"
	}
	r.tomlVars(t, []string{"env"}, sc)
}
