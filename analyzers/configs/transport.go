package configs

import (
	"strings"

	"github.com/upscan/upscan/analyzers/facts"
	"github.com/upscan/upscan/upstash"
)

// transportFacts records what one assignment says about transport, for
// analyzers/transport: the Upstash URLs in its value (references to
// variables the file does not define, ${REDIS_PASSWORD}, are holes) and
// NODE_TLS_REJECT_UNAUTHORIZED=0, which turns certificate verification off
// for a whole Node.js process.
func (r *reader) transportFacts(a assignment, val string) {
	if upstash.IsProcessTLSOff(a.name, val) {
		w := facts.WeakTLS{Option: upstash.ProcessTLSOff + "=0", Process: true, DevOnly: a.devOnly, Pos: r.posAt(a.keyOff)}
		w.End = r.posAt(max(a.valEnd-1, a.keyOff+len(a.name)-1))
		r.file.WeakTLS = append(r.file.WeakTLS, w)
	}
	text := refPattern.ReplaceAllLiteralString(val, string(upstash.Hole))
	ms := upstash.FindURLs(text)
	if len(ms) == 0 {
		return
	}
	raw := ""
	if a.valOff >= 0 && a.valOff <= a.valEnd && a.valEnd <= len(r.src) {
		raw = strings.ToLower(string(r.src[a.valOff:a.valEnd]))
	}
	from := 0
	for _, m := range ms {
		u := facts.URL{Scheme: m.Scheme, Host: m.Host, CertReqs: m.CertReqs, CheckHostname: m.CheckHostname, Holes: m.Holes || strings.IndexByte(text, upstash.Hole) >= 0}
		// The scheme's place in the file: its next occurrence in the raw
		// value (quotes and escapes may shift it from the text's offset).
		start, end := a.valOff, a.valEnd-1
		if i := strings.Index(raw[from:], m.Scheme+"://"); i >= 0 {
			start = a.valOff + from + i
			if lit := strings.ToLower(text[m.Start:m.End]); strings.HasPrefix(raw[from+i:], lit) {
				end = start + len(lit) - 1
			}
			from += i + len(m.Scheme) + 3
		}
		u.Pos, u.End = r.posAt(start), r.posAt(max(end, start))
		r.file.URLs = append(r.file.URLs, u)
	}
}
