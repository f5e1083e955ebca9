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
	// ServerBuildOutput is a file of build output that runs on a server and
	// is never served to browsers: .aws-sam/build, .serverless,
	// .vercel/output/functions, .netlify/functions, the server half of an
	// SSR build (dist/server, build/server), or the dist/ (build/, out/) of
	// a backend package: no HTML entry at its top and a package.json beside
	// it that names no browser framework. A token there was deployed, but it
	// is a credential finding, not an exposure to browsers.
	ServerBuildOutput
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
	case ServerBuildOutput:
		return "server-build-output"
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
// .next/static or .vercel/output/static, is BuildOutput; otherwise a base
// name that starts with ".env" or ends in ".env" is EnvFile; everything else is Source. BuildOutput wins
// over EnvFile: an env file inside public/ is served to browsers.
// Paths of server-side build output (.serverless/, .aws-sam/build/,
// .vercel/output/functions/, .netlify/functions/, dist/server/) are
// ServerBuildOutput; the walker also gives that kind to a backend
// package's dist/ (see ServerBuildOutput), which the path alone cannot tell.
// Matching is case-sensitive, as on the servers that publish these trees.
func Classify(relPath string) Kind {
	if serverBuildPath(relPath, false) {
		return ServerBuildOutput
	}
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
	prev, prev2 := "", ""
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
		} else if buildDirs[comp] || (prev == ".next" && comp == "static") || (prev2 == ".vercel" && prev == "output" && comp == "static") {
			return true
		}
		at += len(comp) + 1
		prev2, prev = prev, comp
	}
	return false
}

// serverBuildDirs are the directories (as slash paths of components) whose
// whole subtree is server-side build output.
var serverBuildDirs = [][]string{
	{".serverless"},
	{".aws-sam", "build"},
	{".vercel", "output", "functions"},
	{".netlify", "functions"},
	{".netlify", "functions-serve"},
}

// serverBuildPath reports whether the slash-separated path lies under
// server-side build output: a serverBuildDirs directory anywhere in the
// path, or a "server" directory right inside a build-output directory
// (dist/server, build/server: the server half of an SSR build). With isDir
// the last component is a directory too; a directory on the way to one of
// them (.vercel, .vercel/output) also counts, so the walker enters it.
func serverBuildPath(p string, isDir bool) bool {
	comps := strings.Split(p, "/")
	if !isDir {
		comps = comps[:len(comps)-1]
	}
	for i := range comps {
		for _, d := range serverBuildDirs {
			n := min(len(d), len(comps)-i)
			match := n > 0
			for k := 0; k < n; k++ {
				match = match && comps[i+k] == d[k]
			}
			if match && (n == len(d) || isDir && i+n == len(comps)) {
				return true
			}
		}
		if i > 0 && comps[i] == "server" && buildDirs[comps[i-1]] && comps[i-1] != "public" {
			return true
		}
	}
	return false
}

// buildRoot reports how many components of the slash-separated file path
// p follow the build-output directory (dist, build or out) it lies under;
// ok is false when p is not under one.
func buildRoot(p string) (below int, ok bool) {
	comps := strings.Split(p, "/")
	for i, c := range comps[:len(comps)-1] {
		if c == "dist" || c == "build" || c == "out" {
			return len(comps) - 1 - i, true
		}
	}
	return 0, false
}
