package secrets

import (
	"github.com/upscan/upscan/upstash"
	"path"
	"sort"
	"strings"
)

// host is one Upstash host name found in a file (UPSTASH.md §1.1, §1.4, §1.6).
type host struct {
	start, end int    // byte offsets of the host name in the file
	name       string // e.g. "fake-otter-12345.upstash.io"; host-name charset only
	product    upstash.HostProduct
}

// maxHosts bounds how many host names are collected from one file.
const maxHosts = 256

// file is one Detect call's input and the facts derived from it lazily.
type file struct {
	path string
	data string

	hostsDone bool
	hosts     []host
	newlines  []int // offsets of '\n', built on first use
	linesDone bool
}

// upstashHosts returns the Upstash host names in the file, in order: every
// "<labels>.upstash.io" and Vercel KV "<slug>.kv.vercel-storage.com".
func (f *file) upstashHosts() []host {
	if f.hostsDone {
		return f.hosts
	}
	f.hostsDone = true
	for _, suffix := range []string{".upstash.io", ".kv.vercel-storage.com"} {
		for i := 0; len(f.hosts) < maxHosts; {
			j := strings.Index(f.data[i:], suffix)
			if j < 0 {
				break
			}
			end := i + j + len(suffix)
			start := i + j
			for start > 0 && start > i+j-253 && upstash.IsHostByte(f.data[start-1]) {
				start--
			}
			i = end
			if start == i-len(suffix) || (end < len(f.data) && upstash.IsHostByte(f.data[end]) && f.data[end] != '.') {
				continue
			}
			name := f.data[start:end]
			if !upstash.IsHostName(name) || name[0] == '.' || name[0] == '-' {
				continue
			}
			f.hosts = append(f.hosts, host{start: start, end: end, name: name, product: upstash.ProductOfHost(name)})
		}
	}
	sort.Slice(f.hosts, func(a, b int) bool { return f.hosts[a].start < f.hosts[b].start })
	return f.hosts
}

// firstHost returns the first host of one of the products, if any.
func (f *file) firstHost(products ...upstash.HostProduct) (host, bool) {
	for _, h := range f.upstashHosts() {
		for _, p := range products {
			if h.product == p {
				return h, true
			}
		}
	}
	return host{}, false
}

// position converts a byte offset into a 1-based line and a 1-based column
// counted in bytes.
func (f *file) position(off int) (line, col int) {
	if !f.linesDone {
		f.linesDone = true
		for i := 0; ; {
			j := strings.IndexByte(f.data[i:], '\n')
			if j < 0 {
				break
			}
			f.newlines = append(f.newlines, i+j)
			i += j + 1
		}
	}
	n := sort.SearchInts(f.newlines, off) // newlines before off
	lineStart := 0
	if n > 0 {
		lineStart = f.newlines[n-1] + 1
	}
	return n + 1, off - lineStart + 1
}

// wholeFileContext reports whether the file's type makes "somewhere in the
// file" close enough for context (Terraform variables, env files), rather than
// a window around the match.
func (f *file) wholeFileContext() bool {
	base := strings.ToLower(path.Base(f.path))
	switch path.Ext(base) {
	case ".tf", ".tfvars", ".hcl":
		return true
	}
	return f.envFile()
}

// envFile reports whether the file is an env file (.env, .env.production,
// prod.env): what it sets is the deployment's configuration, not code.
func (f *file) envFile() bool {
	base := strings.ToLower(path.Base(f.path))
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}
