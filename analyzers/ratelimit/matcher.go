package ratelimit

import (
	"regexp"
	"strings"
)

// Next.js middleware matchers (config.matcher) use path-to-regexp patterns:
// "/about", "/about/:path*", "/api/:id", "/(api|trpc)(.*)", and the
// negative lookahead of Next's docs "/((?!api|_next/static|favicon.ico).*)".
// Go's regexp has no lookahead, so a pattern with one lookahead is matched
// as prefix, lookahead, suffix around every split point of the (short)
// path. Source: https://nextjs.org/docs/app/api-reference/file-conventions/middleware#matcher

// pathMatcher is one compiled matcher pattern.
type pathMatcher struct {
	pattern string
	known   bool           // false when the pattern has syntax upscan does not model
	whole   *regexp.Regexp // the pattern without a lookahead
	pre     *regexp.Regexp // with a lookahead: what comes before it
	not     []*regexp.Regexp
	post    *regexp.Regexp
}

// compileMatcher compiles a matcher pattern. An empty or unsupported
// pattern compiles to an unknown matcher, which covers every path: upscan
// cannot prove the route is outside it.
func compileMatcher(p string) *pathMatcher {
	m := &pathMatcher{pattern: p}
	if p == "" || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "{}") {
		return m
	}
	var parts []string // regex source before the lookahead, then after it
	var alts []string
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == ':':
			j := i + 1
			for j < len(p) && (p[j] == '_' || p[j] >= 'a' && p[j] <= 'z' || p[j] >= 'A' && p[j] <= 'Z' || p[j] >= '0' && p[j] <= '9') {
				j++
			}
			if j == i+1 {
				return m
			}
			seg := `[^/]+`
			if j < len(p) && p[j] == '(' { // :name(regex)
				end := closing(p, j)
				if end < 0 {
					return m
				}
				seg = "(?:" + p[j+1:end] + ")"
				j = end + 1
			}
			mod := byte(0)
			if j < len(p) && (p[j] == '*' || p[j] == '+' || p[j] == '?') {
				mod = p[j]
				j++
			}
			s := b.String()
			slash := strings.HasSuffix(s, "/")
			if mod != 0 && slash {
				b.Reset()
				b.WriteString(strings.TrimSuffix(s, "/"))
				switch mod {
				case '*':
					b.WriteString(`(?:/` + seg + `)*`)
				case '+':
					b.WriteString(`(?:/` + seg + `)+`)
				case '?':
					b.WriteString(`(?:/` + seg + `)?`)
				}
			} else {
				b.WriteString(seg)
				if mod != 0 {
					b.WriteByte(mod)
				}
			}
			i = j
		case c == '(':
			end := closing(p, i)
			if end < 0 {
				return m
			}
			inner := p[i+1 : end]
			if strings.HasPrefix(inner, "?!") { // "(?!a|b)": the group is the lookahead
				if parts != nil {
					return m // a second lookahead
				}
				alts = splitAlts(inner[2:])
				parts = append(parts, b.String())
				b.Reset()
				i = end + 1
				continue
			}
			if strings.HasPrefix(inner, "(?!") {
				if parts != nil {
					return m
				}
				la := closing(inner, 0)
				if la < 0 {
					return m
				}
				alts = splitAlts(inner[3:la])
				parts = append(parts, b.String())
				b.Reset()
				b.WriteString("(?:" + inner[la+1:] + ")")
				i = end + 1
				continue
			}
			b.WriteString("(?:" + inner + ")")
			i = end + 1
		case c == '*':
			b.WriteString(`.*`)
			i++
		case c == '.' && i+1 < len(p) && p[i+1] == '*': // ".*" written outside a group
			b.WriteString(`.*`)
			i += 2
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
			i++
		}
	}
	var err error
	if parts == nil {
		m.whole, err = regexp.Compile(`^` + b.String() + `/?$`)
		m.known = err == nil
		return m
	}
	if m.pre, err = regexp.Compile(`^` + parts[0] + `$`); err != nil {
		return m
	}
	if m.post, err = regexp.Compile(`^` + b.String() + `/?$`); err != nil {
		return m
	}
	for _, a := range alts {
		re, err := regexp.Compile(`^(?:` + a + `)`)
		if err != nil {
			return m
		}
		m.not = append(m.not, re)
	}
	m.known = true
	return m
}

// closing returns the index of the parenthesis closing the one at i, or -1.
func closing(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// splitAlts splits a|b|c at the top level.
func splitAlts(s string) []string {
	var out []string
	depth, start := 0, 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, s[start:j])
				start = j + 1
			}
		}
	}
	return append(out, s[start:])
}

// matches reports whether the matcher covers the concrete path, and
// whether upscan knows (an unknown pattern covers every path).
func (m *pathMatcher) matches(path string) (covers, known bool) {
	if !m.known {
		return true, false
	}
	if m.whole != nil {
		return m.whole.MatchString(path), true
	}
	for k := 0; k <= len(path); k++ {
		if !m.pre.MatchString(path[:k]) {
			continue
		}
		rest := path[k:]
		excluded := false
		for _, re := range m.not {
			if re.MatchString(rest) {
				excluded = true
				break
			}
		}
		if !excluded && m.post.MatchString(rest) {
			return true, true
		}
	}
	return false, true
}

// samplePath turns an endpoint's public path into a concrete one a matcher
// can be tried on: every parameter and wildcard becomes "x".
func samplePath(p string) string {
	if p == "" {
		return ""
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":"), strings.HasPrefix(s, "*"), strings.HasPrefix(s, "["), strings.HasPrefix(s, "{"):
			segs[i] = "x"
		}
	}
	out := strings.Join(segs, "/")
	if i := strings.IndexByte(out, '?'); i >= 0 {
		out = out[:i]
	}
	if out == "" {
		out = "/"
	}
	return out
}
