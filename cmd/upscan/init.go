package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"

	"github.com/upscan/upscan/internal/config"
)

// starterConfig is the .upscan.toml that `upscan init` writes: every key
// commented out at its default, and one allowlist entry for test fixtures.
const starterConfig = `# upscan configuration (https://github.com/upscan/upscan). Every key is optional;
# the commented values are the defaults. Paths are relative to this file.

# Lowest severity that fails the scan (exit code 1): info, low, medium, high, critical;
# none only reports.
# fail_on = "low"

# Files larger than this are skipped, with a note in the report.
# max_file_size = "10MB"

# Rate-limit coverage table rows: upstash (endpoints that reach Upstash), all, none.
# coverage = "upstash"

# Run only these rules, or never these (IDs from "upscan rules").
# enable = ["UPS101", "UPS102"]
# disable = ["UPS401"]

# Suppress findings by path glob, rule ID or fingerprint. An entry suppresses
# a finding that matches every field it sets; say why in the description.
[[allowlist]]
description = "test fixtures hold fake credentials"
paths = ["testdata/**", "**/testdata/**"]

# [[allowlist]]
# description = "the documented public example token"
# fingerprints = ["<fingerprint from upscan --format json>"]
`

// preCommitConfigName is pre-commit's configuration file.
const preCommitConfigName = ".pre-commit-config.yaml"

// hookRepo is the repository whose .pre-commit-hooks.yaml defines the hooks.
const hookRepo = "https://github.com/upscan/upscan"

// placeholderRev is the rev `upscan init --pre-commit` writes when upscan is
// not a release build: not a tag, so pre-commit refuses it until the user
// sets one (or runs pre-commit autoupdate), rather than following a branch.
const placeholderRev = "vX.Y.Z"

// releaseRev returns the pre-commit rev of a release version ("v1.2.3" or
// "1.2.3", as upscan version prints it) and whether version is one: a
// semantic version without build metadata that is neither a Go
// pseudo-version nor git describe's output past a tag ("v1.2.3-4-gabcdef0",
// "v1.2.3-dirty"), and with no VCS revision after it ("(devel) 0123456789ab").
func releaseRev(version string) (string, bool) {
	v := version
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	if !semver.IsValid(v) || semver.Build(v) != "" || module.IsPseudoVersion(v) || gitDescribeSuffix(semver.Prerelease(v)) ||
		strings.HasSuffix(v, "-dirty") {
		return "", false
	}
	return v, true
}

// gitDescribeSuffix reports whether a prerelease is git describe's
// "-N-gHASH" (commits after the tag), which names no tag.
func gitDescribeSuffix(pre string) bool {
	n, hash, ok := strings.Cut(strings.TrimPrefix(pre, "-"), "-g")
	if !ok || n == "" || len(hash) < 4 {
		return false
	}
	return strings.Trim(n, "0123456789") == "" && strings.Trim(hash, "0123456789abcdef") == ""
}

// preCommitSnippet is the repos: entry for upscan's staged hook, pinned to
// version when it is a release, else to placeholderRev with a comment
// saying to set it.
func preCommitSnippet(version string) string {
	rev, ok := releaseRev(version)
	comment := ""
	if !ok {
		rev = placeholderRev
		comment = " # placeholder: set an upscan release tag (v1.2.3), or run pre-commit autoupdate"
	}
	return "  - repo: " + hookRepo + "\n" +
		"    rev: " + rev + comment + "\n" +
		"    hooks:\n" +
		"      - id: upscan-staged\n"
}

// preCommitConfig is the .pre-commit-config.yaml `upscan init --pre-commit`
// writes.
func preCommitConfig(version string) string {
	return "# pre-commit (https://pre-commit.com): run `pre-commit install` once to enable.\n" +
		"# upscan-staged scans what the commit records (the git index) and blocks\n" +
		"# Upstash credentials and other Upstash security problems. pre-commit builds\n" +
		"# it (Go and a C compiler needed); upscan-staged-system runs the upscan on PATH.\n" +
		"repos:\n" + preCommitSnippet(version)
}

// newInitCmd is `upscan init [--pre-commit] [--force]`.
func newInitCmd(stdout, stderr io.Writer) *cobra.Command {
	var preCommit, force bool
	cmd := &cobra.Command{
		Use:   "init [--pre-commit] [--force]",
		Short: "Write a starter .upscan.toml (and, with --pre-commit, a pre-commit hook configuration)",
		Long: `init writes a commented .upscan.toml in the current directory: every setting at its default
and an allowlist entry for test fixtures (testdata/**). With --pre-commit it also writes
.pre-commit-config.yaml with upscan's upscan-staged hook, which scans the git index before each
commit; run "pre-commit install" afterwards. The hook is pinned to this upscan's release tag; a
development build writes the placeholder rev vX.Y.Z, which pre-commit refuses until you set a
release tag (or run "pre-commit autoupdate"). Existing files are left alone unless --force is given.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			// Each file is written when absent; an existing one is kept
			// (with a note, exit 0), so that init never loses a setting.
			var errs []error
			write := func(name, content, done string) bool {
				err := writeNew(name, content, force)
				switch {
				case errors.Is(err, fs.ErrExist):
					fmt.Fprintf(stderr, "upscan: %v\n", err)
					return false
				case err != nil:
					errs = append(errs, err)
					return false
				}
				fmt.Fprintf(stderr, "upscan: wrote %s%s\n", name, done)
				return true
			}
			write(config.FileName, starterConfig, "")
			if preCommit {
				v := version()
				if !write(preCommitConfigName, preCommitConfig(v), "; run \"pre-commit install\" to enable the hook") && len(errs) == 0 {
					if _, err := fmt.Fprintf(stdout, "Add this entry to the repos: list of %s:\n\n%s", preCommitConfigName, preCommitSnippet(v)); err != nil {
						errs = append(errs, err)
					}
				}
			}
			return errors.Join(errs...)
		},
	}
	cmd.Flags().BoolVar(&preCommit, "pre-commit", false, "also write "+preCommitConfigName+" with the upscan-staged hook")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}

// existsError reports a file init did not overwrite; it matches fs.ErrExist.
type existsError struct{ path string }

func (e existsError) Error() string {
	return e.path + " already exists; not overwritten (use --force to replace it)"
}

func (e existsError) Is(target error) bool { return target == fs.ErrExist }

// writeNew writes content to path, refusing to replace an existing file
// unless force is set. The error names the file; for an existing one it
// matches fs.ErrExist and says how to overwrite it.
func writeNew(path, content string, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return existsError{path}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if _, err := io.WriteString(f, content); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
