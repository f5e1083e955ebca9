// Command bench is `make bench`: it generates a seeded source tree with
// planted FAKE Upstash credentials, times upscan against gitleaks v8.30.1 on
// it, checks that upscan finds every planted credential and none of the
// placeholders, prints the figures and writes them to docs/performance.md.
//
// Usage (from the repository root, after make bin/bench; the harness is a
// module of its own, scripts/bench/go.mod):
//
//	bin/bench [flags]             generate or reuse the tree, bench, report
//	bin/bench gen [flags] DIR     only write DIR/tree and DIR/planted.json
//
// It uses the standard library only. gitleaks is built from its pinned module
// in a scratch module under the user cache directory (TOOLING.md §0, §4),
// because `go install` of it fails through the filtered module proxy.
//
// Exit status: 0 when every planted credential was found and no placeholder
// was reported; 1 when that check failed (or, with -strict, when upscan
// reported anything that was not planted); 2 on a usage or runtime error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const gitleaksVersion = "v8.30.1"

// errCheckFailed marks a completed bench whose recall/precision check failed.
var errCheckFailed = errors.New("bench check failed")

func main() {
	err := run(os.Args[1:], os.Stdout)
	switch {
	case err == nil:
	case errors.Is(err, errCheckFailed):
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	default:
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
}

// byteSize is a flag value in bytes that accepts suffixes KB, MB, GB
// (decimal: 1 MB = 1,000,000 bytes).
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	v, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(v)
	return nil
}

func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, suf := range []struct {
		s string
		m int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(u, suf.s) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, suf.s)), suf.m
			break
		}
	}
	f, err := strconv.ParseFloat(u, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number with an optional KB/MB/GB suffix", s)
	}
	return int64(f * float64(mult)), nil
}

type options struct {
	gen      genOptions
	upscan   string
	gitleaks string
	rounds   int
	warmup   int
	jobs     int
	doc      string
	regen    bool
	strict   bool
	// sizes are the further tree sizes timed against ripgrep (scaling).
	sizes      []int64
	stagedRuns int
	profile    bool
}

func genFlags(fs *flag.FlagSet, o *genOptions) {
	o.Size = 200e6
	fs.Var((*byteSize)(&o.Size), "size", "target tree size (e.g. 200MB, 1GB)")
	fs.Uint64Var(&o.Seed, "seed", 1, "generator seed; the same seed and flags give the same tree")
	fs.IntVar(&o.Tokens, "tokens", 330, "number of planted FAKE credentials (round-robin over 11 kinds)")
	fs.IntVar(&o.Placeholders, "placeholders", 90, "number of planted placeholders that must not be reported")
}

func run(args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "gen" {
		return runGen(args[1:], stdout)
	}
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	genFlags(fs, &o.gen)
	fs.StringVar(&o.gen.Dir, "dir", "", "where the tree and results live (default: <user cache>/upscan-bench/tree-s<seed>-<size>)")
	fs.StringVar(&o.upscan, "upscan", "bin/upscan", "upscan binary to bench")
	fs.StringVar(&o.gitleaks, "gitleaks", "", "gitleaks binary (default: build "+gitleaksVersion+" into <user cache>/upscan-bench/gitleaks/gitleaks-"+gitleaksVersion+")")
	fs.IntVar(&o.rounds, "rounds", 3, "timed rounds; each round runs both tools, alternating which goes first")
	fs.IntVar(&o.warmup, "warmup", 1, "untimed upscan runs before the rounds (at least 1: its report is the one checked)")
	fs.IntVar(&o.jobs, "jobs", 0, "pass --jobs N to upscan (0: upscan's default)")
	fs.StringVar(&o.doc, "doc", "docs/performance.md", "markdown file whose bench section is rewritten (empty: do not write)")
	fs.BoolVar(&o.regen, "regen", false, "regenerate the tree even if a matching one exists")
	fs.BoolVar(&o.strict, "strict", false, "also fail when upscan reports findings that were not planted")
	sizes := fs.String("sizes", "50MB,800MB", "further tree sizes timed against ripgrep for the scaling table (comma-separated; empty: none)")
	fs.IntVar(&o.stagedRuns, "staged-runs", 20, "runs of `upscan --staged` on 5 staged files (0: skip)")
	fs.BoolVar(&o.profile, "profile", true, "profile a scan of the tree (go test -cpuprofile) for docs/performance.md")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, f := range strings.Split(*sizes, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		v, err := parseSize(f)
		if err != nil {
			return fmt.Errorf("-sizes: %w", err)
		}
		o.sizes = append(o.sizes, v)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags go before nothing; see -h)", fs.Arg(0))
	}
	if o.rounds < 1 {
		return fmt.Errorf("-rounds %d: want at least 1", o.rounds)
	}
	return bench(o, stdout)
}

func runGen(args []string, stdout io.Writer) error {
	var o genOptions
	fs := flag.NewFlagSet("bench gen", flag.ContinueOnError)
	genFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("gen: want exactly one argument, the output directory")
	}
	o.Dir = fs.Arg(0)
	m, err := generate(o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d files, %s, %d planted, %d placeholders; manifest %s\n",
		filepath.Join(o.Dir, "tree"), m.Files, mb(m.Bytes), len(m.Planted), len(m.Placeholders), filepath.Join(o.Dir, "planted.json"))
	return nil
}

// cacheDir returns <user cache>/upscan-bench.
func cacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache directory: %w", err)
	}
	return filepath.Join(d, "upscan-bench"), nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
