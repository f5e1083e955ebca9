package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"
)

// buildVersion and buildCommit are stamped by `make build` and the release
// builds with -ldflags "-X main.buildVersion=… -X main.buildCommit=…":
// buildVersion is `git describe --tags --match 'v[0-9]*' --always --dirty` ("v1.2.3",
// "v1.2.3-4-gabcdef0-dirty", or a bare abbreviated commit when the
// repository has no tag) and buildCommit `git rev-parse HEAD`. They win over
// the toolchain's VCS stamping, which -buildvcs=false (or a build outside
// the repository) turns off.
var (
	buildVersion string
	buildCommit  string
)

// version returns upscan's version and VCS revision: "v1.2.3 1a2b3c4d5e6f"
// for a release, "v1.2.3-4-g1a2b3c4" between tags (the describe names the
// commit), and "(devel) 1a2b3c4d5e6f" for a build without a tag, each with
// "-dirty" for a modified work tree. The -ldflags stamps come first;
// otherwise the module version and revision from the build info.
func version() string {
	v, rev, dirty := "", "", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		v = info.Main.Version
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "-dirty"
				}
			}
		}
	} else if buildVersion == "" {
		return "(unknown)"
	}
	if buildCommit != "" {
		rev, dirty = buildCommit, ""
	}
	if buildVersion != "" {
		if semver.IsValid(buildVersion) {
			v = buildVersion // carries its own -dirty
		} else {
			v = ""
			if strings.HasSuffix(buildVersion, "-dirty") {
				dirty = "-dirty"
			}
			if rev == "" {
				rev = strings.TrimSuffix(buildVersion, "-dirty")
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if short := rev[:min(12, len(rev))]; short != "" && !strings.Contains(v, rev[:min(7, len(rev))]) {
		v += " " + short
		if !strings.HasSuffix(v, "-dirty") {
			v += dirty
		}
	}
	return v
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print upscan's version (release tag or git describe, and the commit)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(stdout, "upscan %s\n", version())
			return err
		},
	}
}
