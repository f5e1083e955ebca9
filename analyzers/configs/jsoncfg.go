package configs

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
)

// jsonScalar is one scalar member of a JSON object, with its place.
type jsonScalar struct {
	path   []string // keys from the root to the member, the member's own key last
	value  string   // strings unquoted; numbers, booleans as written; null ""
	keyOff int      // offset of the key's opening quote
	valOff int
	valEnd int // exclusive
}

// jsonScalars streams data with encoding/json and returns every scalar
// member of every object with the offsets of its key and value
// (json.Decoder.InputOffset gives where each token ends). A syntax error
// returns what was read before it, and the error.
func jsonScalars(data []byte) ([]jsonScalar, error) {
	type frame struct {
		object    bool
		key       string // this container's key in its parent object
		expectKey bool
		pending   string // the member key read, awaiting its value
		keyOff    int
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []frame
	var out []jsonScalar
	keys := func() []string {
		var p []string
		for _, f := range stack[1:] {
			p = append(p, f.key)
		}
		return p
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		end := int(dec.InputOffset())
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				f := frame{object: t == '{', expectKey: t == '{'}
				if top != nil && top.object {
					f.key = top.pending
				}
				if len(stack) > 256 {
					return out, errors.New("nested too deeply")
				}
				stack = append(stack, f)
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].expectKey = true
				}
			}
			continue
		case string:
			if top != nil && top.object && top.expectKey {
				top.pending, top.keyOff, top.expectKey = t, stringStart(data, end), false
				continue
			}
			if top != nil && top.object {
				out = append(out, jsonScalar{path: append(keys(), top.pending), value: t, keyOff: top.keyOff,
					valOff: stringStart(data, end) + 1, valEnd: end - 1})
			}
		default:
			if top != nil && top.object {
				text := ""
				switch v := t.(type) {
				case json.Number:
					text = v.String()
				case bool:
					text = "false"
					if v {
						text = "true"
					}
				}
				out = append(out, jsonScalar{path: append(keys(), top.pending), value: text, keyOff: top.keyOff,
					valOff: end - max(len(text), 1), valEnd: end})
			}
		}
		if top != nil && top.object {
			top.expectKey = true
		}
	}
}

// stringStart returns the offset of the opening quote of the JSON string
// that ends (closing quote included) just before end.
func stringStart(data []byte, end int) int {
	for i := end - 2; i >= 0; i-- {
		if data[i] != '"' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i
		}
	}
	return 0
}

// vercel reads vercel.json's env and build.env: Vercel applies them to
// every deployment, production included.
func (r *reader) vercel() {
	scalars, err := jsonScalars(stripJSONC(r.src))
	if err != nil {
		r.note("not valid JSON (%s); variables after the error were not read", jsonError(err, r))
	}
	sc := yamlScope{prod: "vercel.json, whose env Vercel applies to production deployments"}
	for _, s := range scalars {
		p := s.path
		if !(len(p) == 2 && p[0] == "env" || len(p) == 3 && p[0] == "build" && p[1] == "env") {
			continue
		}
		a := assignment{name: p[len(p)-1], value: s.value, keyOff: s.keyOff + 1, valOff: s.valOff, valEnd: s.valEnd, prod: sc.prod}
		r.addRefs(&a)
		if strings.HasPrefix(s.value, "@") && len(s.value) > 1 {
			// "@upstash-token": a (legacy) Vercel secret reference.
			ref := strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(s.value[1:]))
			a.refs, a.unresolved = []string{ref}, []string{ref}
		}
		r.add(a)
	}
}

// jsonError describes a JSON error by position only.
func jsonError(err error, r *reader) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		p := r.posAt(int(se.Offset) - 1)
		return "syntax error at line " + strconv.Itoa(p.Line)
	}
	if err.Error() == "nested too deeply" {
		return err.Error()
	}
	return "syntax error"
}

// tsconfig reads compilerOptions.baseUrl and paths, and extends, from a
// tsconfig/jsconfig file (JSON with comments and trailing commas).
func (r *reader) tsconfig() {
	var cfg struct {
		Extends         json.RawMessage `json:"extends"`
		CompilerOptions struct {
			BaseURL *string                    `json:"baseUrl"`
			Paths   map[string]json.RawMessage `json:"paths"`
		} `json:"compilerOptions"`
	}
	clean := stripJSONC(r.src)
	if len(bytes.TrimSpace(clean)) == 0 {
		r.file.TSConfig = &facts.TSConfig{Dir: path.Dir(r.path)}
		return
	}
	if err := json.Unmarshal(clean, &cfg); err != nil {
		r.note("not valid JSON with comments (%s); no path aliases read", jsonError(err, r))
		return
	}
	tc := &facts.TSConfig{Dir: path.Dir(r.path)}
	if cfg.CompilerOptions.BaseURL != nil {
		tc.BaseURL = *cfg.CompilerOptions.BaseURL
	}
	if len(cfg.CompilerOptions.Paths) > 0 {
		tc.Paths = map[string][]string{}
		for k, raw := range cfg.CompilerOptions.Paths {
			var targets []string
			if json.Unmarshal(raw, &targets) != nil {
				var one string
				if json.Unmarshal(raw, &one) != nil {
					continue
				}
				targets = []string{one}
			}
			tc.Paths[k] = targets
		}
	}
	if len(cfg.Extends) > 0 {
		var one string
		var many []string
		switch {
		case json.Unmarshal(cfg.Extends, &one) == nil:
			tc.Extends = one
		case json.Unmarshal(cfg.Extends, &many) == nil && len(many) > 0:
			// TypeScript 5 allows several bases; later ones win, so the
			// last is the one whose paths apply when it sets them.
			tc.Extends = many[len(many)-1]
		}
	}
	r.file.TSConfig = tc
}

// stripJSONC blanks // and /* */ comments and trailing commas with spaces,
// keeping every other byte (and every newline) where it was, so offsets
// and lines stay true. String contents are never touched.
func stripJSONC(src []byte) []byte {
	out := append([]byte(nil), src...)
	inString := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for i < len(out) && out[i] != '\n' {
				out[i] = ' '
				i++
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			out[i], out[i+1] = ' ', ' '
			i += 2
			for i < len(out) && !(out[i] == '*' && i+1 < len(out) && out[i+1] == '/') {
				if out[i] != '\n' && out[i] != '\r' {
					out[i] = ' '
				}
				i++
			}
			if i < len(out) {
				out[i], out[i+1] = ' ', ' '
				i++
			}
		}
	}
	// Trailing commas: a comma followed only by whitespace before } or ].
	inString = false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == ',':
			j := i + 1
			for j < len(out) && strings.IndexByte(" \t\r\n", out[j]) >= 0 {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
	}
	return out
}
