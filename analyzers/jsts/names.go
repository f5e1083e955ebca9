//go:build cgo

package jsts

import (
	"path"
	"strings"

	"github.com/upscan/upscan/upstash"
)

// upperSnake reports whether s looks like an environment variable name.
func upperSnake(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9' || c == '_':
		default:
			return false
		}
	}
	return upper
}

// family is an SDK the analyzer recognises by its module specifier.
type family uint8

const (
	famNone family = iota
	famUpstashRedis
	famVercelKV
	famIORedis
	famNodeRedis
	famQStash
	famWorkflow
	famVector
	famSearch
	famRatelimit
	famEnvStaticPublic
	famEnvStaticPrivate
	famEnvDynamicPublic
	famEnvDynamicPrivate
)

// normSpec normalises a module specifier for SDK recognition: npm:/jsr:
// prefixes, versions (@upstash/redis@1.34.0/cloudflare) and CDN URLs
// (esm.sh, deno.land/x/upstash_redis@v1/mod.ts) are removed.
func normSpec(spec string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(spec, "npm:"), "jsr:")
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return s
		}
		host, p := rest[:slash], rest[slash+1:]
		if host == "deno.land" && strings.HasPrefix(p, "x/") {
			name := p[2:]
			if at := strings.IndexAny(name, "@/"); at >= 0 {
				name = name[:at]
			}
			switch name {
			case "upstash_redis":
				return "@upstash/redis"
			case "upstash_qstash", "qstash":
				return "@upstash/qstash"
			case "upstash_ratelimit":
				return "@upstash/ratelimit"
			}
			return name
		}
		p = strings.TrimPrefix(p, "npm/")
		s = strings.TrimPrefix(p, "v") // esm.sh/v135/@upstash/redis
		if j := strings.Index(s, "/@"); j >= 0 && !strings.HasPrefix(s, "@") {
			s = s[j+1:]
		}
	}
	// Drop a version: @scope/name@1.2/sub → @scope/name/sub, name@1 → name.
	start := 0
	if strings.HasPrefix(s, "@") {
		start = 1
	}
	if at := strings.IndexByte(s[start:], '@'); at >= 0 {
		at += start
		rest := s[at:]
		if sl := strings.IndexByte(rest, '/'); sl >= 0 {
			s = s[:at] + rest[sl:]
		} else {
			s = s[:at]
		}
	}
	return s
}

// familyOf returns the SDK family of a normalised specifier.
func familyOf(norm string) family {
	pkg := norm
	if strings.HasPrefix(pkg, "@") {
		if parts := strings.SplitN(pkg, "/", 3); len(parts) >= 2 {
			pkg = parts[0] + "/" + parts[1]
		}
	} else if i := strings.IndexByte(pkg, '/'); i >= 0 && !strings.HasPrefix(pkg, "$env") {
		pkg = pkg[:i]
	}
	switch pkg {
	case "@upstash/redis":
		return famUpstashRedis
	case "@vercel/kv":
		return famVercelKV
	case "ioredis":
		return famIORedis
	case "redis", "@redis/client":
		return famNodeRedis
	case "@upstash/qstash":
		return famQStash
	case "@upstash/workflow":
		return famWorkflow
	case "@upstash/vector":
		return famVector
	case "@upstash/search":
		return famSearch
	case "@upstash/ratelimit":
		return famRatelimit
	}
	switch norm {
	case "$env/static/public":
		return famEnvStaticPublic
	case "$env/static/private":
		return famEnvStaticPrivate
	case "$env/dynamic/public":
		return famEnvDynamicPublic
	case "$env/dynamic/private":
		return famEnvDynamicPrivate
	}
	return famNone
}

// isBuildConfig reports whether p is a framework build config that decides
// what reaches the browser (upstash.BuildConfigs: next.config.*,
// vite.config.*, …) with a JS/TS extension.
func isBuildConfig(p string) bool {
	_, ok := scriptExts[strings.ToLower(path.Ext(p))]
	return ok && upstash.BuildConfigOf(p) != ""
}

// configKind returns the framework of a build config path ("next", "vite"…).
func configKind(p string) string { return upstash.BuildConfigOf(p) }
