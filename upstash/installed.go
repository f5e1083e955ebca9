package upstash

import "strings"

// installedDirs are the directories package managers install dependencies
// into: node_modules (npm, pnpm, yarn), vendor (Go modules, Composer,
// Bundler) and .venv (a Python virtualenv). A scan skips them unless told
// not to (internal/walk).
var installedDirs = map[string]bool{"node_modules": true, "vendor": true, ".venv": true}

// IsInstalledDir reports whether a directory name is one that package
// managers install dependencies into.
func IsInstalledDir(name string) bool {
	return installedDirs[name]
}

// IsInstalledPath reports whether a slash-separated path lies inside an
// installed dependency: under one of the directories IsInstalledDir names,
// or under a site-packages directory (Python packages installed outside a
// virtualenv). Such code is the library's own, which its users configure
// but do not write: a rule about how an SDK is called is decided at the
// caller, not inside the SDK.
func IsInstalledPath(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if installedDirs[seg] || seg == "site-packages" {
			return true
		}
	}
	return false
}
