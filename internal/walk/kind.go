package walk

import (
	"strconv"
	"strings"

	"github.com/upscan/upscan/upstash"
)

// Kind classifies a file by where it sits in a project. It decides whether a
// file that git ignores is still worth scanning: build output that ships to
// browsers and env files that describe a deployment are (DESIGN.md, UPS204 and
// the configs analyzer), everything else is not.
type Kind uint8

const (
	// Source is an ordinary file: source code, configuration, documentation.
	Source Kind = iota
	// BuildOutput is a file under a directory whose content is served to
	// browsers or published: dist/, build/, out/, .next/static/, public/. A
	// token inlined there is a live leak even when git ignores the directory.
	BuildOutput
	// EnvFile is an env file: base name ".env", ".env*" (".env.local",
	// ".env.production", ".envrc") or "*.env" ("prod.env").
	EnvFile
)

// String returns "source", "build-output" or "env-file".
func (k Kind) String() string {
	switch k {
	case Source:
		return "source"
	case BuildOutput:
		return "build-output"
	case EnvFile:
		return "env-file"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// buildDirs are directory names whose whole subtree is build output that
// ships to browsers (Vite/webpack/Rollup dist, CRA build, Next export out,
// static public assets).
var buildDirs = map[string]bool{"dist": true, "build": true, "out": true, "public": true}

// Classify returns the Kind of a file from its slash-separated path relative
// to the project (the git work tree top, or the scan root outside git).
// A path with a directory component dist, build, out or a web root public
// (upstash.IsWebRootPublic: not below src/, app/, routes/…), or with
// .next/static, is BuildOutput; otherwise a base name that starts with ".env"
// or ends in ".env" is EnvFile; everything else is Source. BuildOutput wins
// over EnvFile: an env file inside public/ is served to browsers.
// Matching is case-sensitive, as on the servers that publish these trees.
func Classify(relPath string) Kind {
	if leadsToBuildOutput(relPath, false) {
		return BuildOutput
	}
	base := relPath
	if i := strings.LastIndexByte(relPath, '/'); i >= 0 {
		base = relPath[i+1:]
	}
	if isEnvName(base) {
		return EnvFile
	}
	return Source
}

// isEnvName reports whether a base name names an env file.
func isEnvName(base string) bool {
	return strings.HasPrefix(base, ".env") || (strings.HasSuffix(base, ".env") && len(base) > len(".env"))
}

// leadsToBuildOutput reports whether the slash-separated path lies under a
// build-output directory. With isDir, the last component counts as a
// directory too, so "app/dist" and "app/.next/static" are build output
// directories. Every directory component is checked, the last only if isDir.
func leadsToBuildOutput(p string, isDir bool) bool {
	prev := ""
	full, at := p, 0 // at: the offset of p in full
	for p != "" {
		var comp string
		i := strings.IndexByte(p, '/')
		if i < 0 {
			if !isDir {
				return false
			}
			comp, p = p, ""
		} else {
			comp, p = p[:i], p[i+1:]
		}
		if comp == "public" {
			// Only a web root: server code under src/routes/public is code.
			if upstash.IsWebRootPublic(full[:at+len(comp)]) {
				return true
			}
		} else if buildDirs[comp] || (prev == ".next" && comp == "static") {
			return true
		}
		at += len(comp) + 1
		prev = comp
	}
	return false
}
