package configs

import (
	"path"
	"strings"
)

// envFile reads a dotenv file: `KEY=value` and `export KEY=value` lines,
// # comments, single-, double- and backtick-quoted values (which may span
// lines; double quotes take \n \t \" \\ escapes), unquoted values with
// inline ` #` comments, and ${VAR}/$VAR references, expanded from earlier
// lines of the file as dotenv-expand does (not inside single quotes).
func (r *reader) envFile() {
	name := path.Base(r.path)
	env := envWord(strings.TrimPrefix(name, "."))
	if strings.HasPrefix(strings.ToLower(name), ".dev.vars") && env == "" {
		env = "development"
	}
	prod := ""
	if env == "production" {
		prod = "the production env file " + name
	}
	devOnly := env == "development" || env == "test"

	defined := map[string]string{}
	var badLines []int
	s := string(r.src)
	for i := 0; i < len(s); {
		lineEnd := strings.IndexByte(s[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += i
		}
		a, next, ok := parseEnvLine(s, i, lineEnd)
		if !ok {
			if strings.TrimSpace(strings.TrimSuffix(s[i:lineEnd], "\r")) != "" {
				badLines = append(badLines, r.posAt(i).Line)
			}
			i = lineEnd + 1
			continue
		}
		i = next
		if a.name == "" {
			continue
		}
		if a.unterminated {
			badLines = append(badLines, r.posAt(a.keyOff).Line)
		}
		a.prod, a.devOnly = prod, devOnly
		if a.refs != nil {
			resolved := refPattern.ReplaceAllStringFunc(a.value, func(m string) string {
				refs := references(m)
				if len(refs) == 1 {
					if v, ok := defined[refs[0]]; ok {
						return v
					}
					a.unresolved = append(a.unresolved, refs[0])
				}
				return m
			})
			if resolved != a.value {
				a.resolved = resolved
			}
		}
		val := a.value
		if a.resolved != "" {
			val = a.resolved
		}
		defined[a.name] = val
		r.add(a)
	}
	if len(badLines) > 0 {
		r.note("%d line(s) not in KEY=value form or with an unterminated quote, first at line %d", len(badLines), badLines[0])
	}
}

// parseEnvLine reads one assignment starting at the line at s[start:end].
// It returns the assignment (name "" for a blank or comment line), the
// offset of the next line, and false when the line is not an assignment.
func parseEnvLine(s string, start, end int) (assignment, int, bool) {
	i := start
	skipSpace := func() {
		for i < end && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	skipSpace()
	if i >= end || s[i] == '#' || s[i] == '\r' {
		return assignment{}, end + 1, true
	}
	if strings.HasPrefix(s[i:end], "export ") || strings.HasPrefix(s[i:end], "export\t") {
		i += len("export")
		skipSpace()
	}
	keyOff := i
	for i < end && isKeyByte(s[i], i == keyOff) {
		i++
	}
	if i == keyOff {
		return assignment{}, end + 1, false
	}
	a := assignment{name: s[keyOff:i], keyOff: keyOff}
	skipSpace()
	if i >= end || s[i] != '=' {
		return assignment{}, end + 1, false
	}
	i++
	skipSpace()
	if i < end && (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
		q := s[i]
		a.valOff = i + 1
		j := a.valOff
		for j < len(s) && s[j] != q {
			if q == '"' && s[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(s) {
			// Unterminated: read the rest of the line as the value, and
			// report the line as malformed.
			a.valEnd = a.valOff + len(strings.TrimRight(s[a.valOff:end], " \t\r"))
			a.value = s[a.valOff:a.valEnd]
			a.unterminated = true
			return a, end + 1, true
		}
		a.valEnd = j
		raw := s[a.valOff:a.valEnd]
		switch q {
		case '"':
			a.value = unescapeDouble(raw)
			a.refs = references(a.value)
		default:
			a.value = raw
			if q == '`' {
				a.refs = references(a.value)
			}
		}
		next := strings.IndexByte(s[j:], '\n')
		if next < 0 {
			return a, len(s), true
		}
		return a, j + next + 1, true
	}
	a.valOff = i
	v := s[i:end]
	if k := inlineComment(v); k >= 0 {
		v = v[:k]
	}
	v = strings.TrimRight(v, " \t\r")
	a.valEnd = a.valOff + len(v)
	a.value = v
	a.refs = references(v)
	return a, end + 1, true
}

// isKeyByte reports whether c may appear in an env name at that place.
func isKeyByte(c byte, first bool) bool {
	if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' {
		return true
	}
	return !first && (c >= '0' && c <= '9' || c == '.' || c == '-')
}

// inlineComment returns the offset of a # that starts a comment in an
// unquoted value (at the start or after whitespace), or -1.
func inlineComment(v string) int {
	for i := 0; i < len(v); i++ {
		if v[i] == '#' && (i == 0 || v[i-1] == ' ' || v[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// unescapeDouble decodes the escapes dotenv honours in double quotes.
func unescapeDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '"', '\\', '$', '\'':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
