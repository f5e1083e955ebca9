package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/upscan/upscan/internal/config"
	"github.com/upscan/upscan/internal/scan"
	"github.com/upscan/upscan/internal/source"
	"github.com/upscan/upscan/internal/verify"
	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/report"
	"github.com/upscan/upscan/rules"
)

// scanFlags are the flags shared by `upscan [scan]` and `upscan baseline`.
type scanFlags struct {
	format      string
	output      string
	failOn      string
	configPath  string
	baseline    string
	enable      []string
	disable     []string
	jobs        int
	noProgress  bool
	noIgnore    bool
	maxFileSize string
	goTypes     string
	verify      bool
	staged      bool
	diff        string
	history     bool
	since       string
	maxCount    int

	// allowShallow accepts --history on a shallow clone.
	allowShallow bool
	// project is the directory analysed as the whole project when PATHs
	// only name what to report (--project).
	project  string
	coverage string

	quiet         bool
	verbose       bool
	stdinFilename string
	// stdin is what `upscan -` reads (the command's standard input).
	stdin io.Reader
	// color is the root's --color flag, as the command saw it.
	color string
}

func (f *scanFlags) register(cmd *cobra.Command, withReport bool) {
	fl := cmd.Flags()
	if withReport {
		fl.StringVarP(&f.format, "format", "f", "text", "output format: text, json, sarif, github, markdown, gitlab, gitlab-sast")
		fl.StringVar(&f.failOn, "fail-on", "", "lowest severity that makes the exit code 1: info, low, medium, high, critical, or none to only report (default low)")
		fl.StringVar(&f.baseline, "baseline", "", "suppress findings whose fingerprints are in this baseline file")
		fl.StringVar(&f.coverage, "coverage", "", "rate-limit coverage table rows: upstash (endpoints that reach Upstash), all, none (default upstash)")
	}
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVarP(&f.configPath, "config", "c", "", "configuration file (default: .upscan.toml in the scan root or the current directory)")
	fl.StringSliceVar(&f.enable, "enable", nil, "run only these rules: IDs or names, comma-separated")
	fl.StringSliceVar(&f.disable, "disable", nil, "do not run these rules: IDs or names, comma-separated")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "files analysed in parallel (default: number of CPUs)")
	fl.BoolVar(&f.noProgress, "no-progress", false, "never show the progress line (it is shown only when stderr is a terminal)")
	fl.BoolVar(&f.noIgnore, "no-ignore", false, "also scan files git ignores and dependency trees (node_modules, vendor, .venv)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this, with a note (default 10MB)")
	fl.StringVar(&f.goTypes, "go-types", "auto", "Go type information: auto (when it loads from disk, offline, within a fixed budget) or off (syntax-only)")
	fl.BoolVar(&f.staged, "staged", false, "scan the files staged for commit (the git index), not the work tree")
	fl.StringVar(&f.diff, "diff", "", "report only findings on lines added since this git revision (e.g. origin/main)")
	fl.BoolVar(&f.history, "history", false, "scan every blob in the git history; each credential once, with the commit that introduced it")
	fl.StringVar(&f.since, "since", "", "with --history: only commits not reachable from this revision")
	fl.IntVar(&f.maxCount, "max-count", 0, "with --history: only the newest N commits")
	fl.BoolVar(&f.allowShallow, "allow-shallow", false, "with --history: accept a shallow clone's partial history (exit 2 otherwise; the report notes it either way)")
	fl.StringVar(&f.project, "project", "", "analyse every file under this directory as the project, but report only in the PATHs given (pre-commit's file batches)")
	fl.StringVar(&f.stdinFilename, "stdin-filename", "", "with PATH -: the file name standard input stands for; it picks the analyzers and rules (default \"stdin\")")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "findings only: no summary, coverage table, notes or progress line")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "also list on standard error the files read, the files skipped and why, counts per phase and the time taken")
	if withReport {
		fl.BoolVar(&f.verify, "verify", false, "check each credential found with one harmless read request to its Upstash service (network; off by default)")
	}
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	var flags scanFlags
	root := &cobra.Command{
		Use:   "upscan [PATH…|-]",
		Short: "Find Upstash security problems in code",
		Long: `upscan scans files and directories (recursively; a trailing /... is accepted; default .)
for Upstash security problems: hardcoded Redis, QStash, Vector and Developer API credentials first.
PATH - reads standard input (name it with --stdin-filename). To scan a path named like a
subcommand (db, rules), write it ./NAME.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or runtime error.`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := unknownCommand(cmd, args); err != nil {
				return err
			}
			flags.stdin, flags.color = cmd.InOrStdin(), colorFlag(cmd)
			return runScan(cmd.Context(), &flags, args, stdout, stderr)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("upscan {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().String("color", colorAuto, "colour the output: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR asks for it), always, never")
	flags.register(root, true)

	var scanCmdFlags scanFlags
	scanCmd := &cobra.Command{
		Use:   "scan [PATH…|-]",
		Short: "Scan files and directories (the default command)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			scanCmdFlags.stdin, scanCmdFlags.color = cmd.InOrStdin(), colorFlag(cmd)
			return runScan(cmd.Context(), &scanCmdFlags, args, stdout, stderr)
		},
	}
	scanCmdFlags.register(scanCmd, true)

	root.AddCommand(scanCmd, newRulesCmd(stdout), newExplainCmd(stdout), newBaselineCmd(stdout, stderr), newVersionCmd(stdout),
		newDBCmd(stdout, stderr, os.Stdin), newInitCmd(stdout, stderr))
	strictCompletion(root)
	return root
}

// strictCompletion makes cobra's completion command refuse a shell it has
// no script for (`upscan completion tcsh`): an error naming the shell and
// the valid ones (exit 2), where cobra would print help and exit 0.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sub := range c.Commands() {
			shells = append(shells, sub.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return fmt.Errorf("completion: unknown shell %s (valid: %s)", rules.Quote(args[0]), strings.Join(shells, " "))
		}
	}
}

// settings are the validated inputs of a scan, resolved from flags and config.
type settings struct {
	opts   scan.Options
	format report.Format
	failOn rules.Severity
	// failNone is --fail-on none: findings never make the exit code 1.
	failNone bool
	output   string
	coverage report.CoverageMode
	// notes are the report's warnings about the scan as a whole.
	notes []string
	// incomplete, when set, fails the run (exit 2) after the report is
	// written: the scan ran, but its result cannot be trusted as complete
	// (a shallow history without --allow-shallow).
	incomplete error
}

// resolve validates flags and loads the configuration and baseline. Every
// error names the flag or file at fault.
func (f *scanFlags) resolve(args []string) (*settings, error) {
	s := &settings{output: f.output}
	var err error
	if f.format != "" {
		if s.format, err = report.ParseFormat(f.format); err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
	}
	if f.output != "" {
		if fi, err := os.Stat(f.output); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("--output %s: is a directory", f.output)
		}
	}
	if f.quiet && f.verbose {
		return nil, fmt.Errorf("--quiet and --verbose cannot be used together")
	}
	stdin, err := f.stdinSource(args)
	if err != nil {
		return nil, err
	}
	for _, p := range args {
		if stdin {
			break
		}
		root := strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")
		if root == "" || root == "." {
			continue
		}
		if _, err := os.Lstat(root); err != nil {
			return nil, fmt.Errorf("path %s: %w", p, unwrapPathError(err))
		}
	}
	if stdin && (f.staged || f.diff != "" || f.history) {
		return nil, fmt.Errorf("--staged, --diff and --history read git, not standard input: drop the PATH -")
	}
	gitFlag, top, err := f.gitSource(args)
	if err != nil {
		return nil, err
	}
	if f.project != "" {
		if gitFlag != "" {
			return nil, fmt.Errorf("--project and %s cannot be used together", gitFlag)
		}
		if fi, err := os.Stat(f.project); err != nil {
			return nil, fmt.Errorf("--project %s: %w", f.project, unwrapPathError(err))
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("--project %s: not a directory", f.project)
		}
	}
	var cfg *config.Config
	switch {
	case f.configPath != "":
		cfg, err = config.Load(f.configPath)
	case gitFlag != "":
		cfg, err = config.Find(top)
	case f.project != "":
		cfg, err = config.Find(f.project)
	default:
		cfg, err = config.Find(configDir(args))
	}
	if err != nil {
		return nil, err
	}
	cfg.Base = displayDir(filepath.Dir(cfg.Path))
	if gitFlag != "" {
		cfg.Base = relToTop(top, filepath.Dir(cfg.Path))
	}
	s.opts = scan.Options{Paths: args, NoIgnore: f.noIgnore, Jobs: f.jobs, Config: cfg}
	if f.project != "" {
		// The PATHs name what to report; the project is what is read.
		projectAbs, err := filepath.Abs(f.project)
		if err != nil {
			return nil, fmt.Errorf("--project %s: %w", f.project, err)
		}
		for _, p := range args {
			abs, err := filepath.Abs(strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/"))
			if rel, rerr := filepath.Rel(projectAbs, abs); err != nil || rerr != nil || (rel != "." && !filepath.IsLocal(rel)) {
				return nil, fmt.Errorf("path %s: outside --project %s", p, f.project)
			}
		}
		s.opts.Paths, s.opts.Report = []string{f.project}, append([]string{}, args...)
		if len(args) == 0 {
			s.opts.Report = nil // nothing named: report the whole project
		}
	}
	if f.verify {
		s.opts.Verifier = &verify.Verifier{}
	}
	if f.jobs < 0 {
		return nil, fmt.Errorf("--jobs %d: must be 0 (all CPUs) or more", f.jobs)
	}
	switch f.goTypes {
	case "auto", "":
	case "off":
		s.opts.GoSyntaxOnly = true
	default:
		return nil, fmt.Errorf("--go-types %q: want auto or off", f.goTypes)
	}

	failOn := firstNonEmpty(f.failOn, cfg.FailOn, "low")
	if strings.EqualFold(failOn, failOnNone) {
		s.failOn, s.failNone = rules.Info, true
	} else if s.failOn, err = rules.ParseSeverity(failOn); err != nil {
		return nil, failOnError(failOn)
	}
	if s.coverage, err = report.ParseCoverage(firstNonEmpty(f.coverage, cfg.Coverage, string(report.CoverageUpstash))); err != nil {
		return nil, fmt.Errorf("--coverage: %w", err)
	}
	if size := firstNonEmpty(f.maxFileSize, cfg.MaxFileSize); size != "" {
		if s.opts.MaxFileSize, err = config.ParseSize(size); err != nil {
			return nil, fmt.Errorf("--max-file-size: %w", err)
		}
	}
	if s.opts.Rules, err = ruleFilter(append(cfg.Enable, f.enable...), append(cfg.Disable, f.disable...)); err != nil {
		return nil, err
	}
	if s.opts.Rules != nil && !slices.ContainsFunc(rules.All(), func(r *rules.Rule) bool {
		return r.Family == rules.RateLimit && s.opts.Rules(string(r.ID))
	}) {
		s.coverage = report.CoverageNone // no rate-limit rule runs: the coverage is not asked for
	}
	opt := walk.Options{MaxFileSize: s.opts.MaxFileSize, NoIgnore: f.noIgnore}
	if stdin {
		s.opts.Source = source.Reader{Name: f.stdinFilename, R: f.stdin, Options: opt}
	}
	switch gitFlag {
	case "--staged":
		s.opts.Source = source.Staged{Dir: top, Options: opt}
	case "--diff":
		s.opts.Source = source.Diff{Dir: top, Ref: f.diff, Options: opt, Project: true}
	case "--history":
		s.opts.Source = source.History{Dir: top, Since: f.since, MaxCount: f.maxCount, Options: opt}
		shallow, err := source.IsShallow(top)
		if err != nil {
			return nil, fmt.Errorf("--history: %w", err)
		}
		if shallow {
			s.notes = append(s.notes, "--history scanned a shallow clone: only the commits it holds were read, "+
				"and credentials added in older commits were not; "+source.ShallowHint)
			if !f.allowShallow {
				s.incomplete = fmt.Errorf("--history: %s is a shallow clone, so older commits were not scanned; "+
					"fetch the full history (fetch-depth: 0) or pass --allow-shallow to accept a partial scan", top)
			}
		}
	}
	if f.baseline != "" {
		b, err := report.ReadBaseline(f.baseline)
		if err != nil {
			return nil, fmt.Errorf("--baseline: %w", err)
		}
		s.opts.Baseline = b
	}
	return s, nil
}

// failOnNone is the --fail-on value that never fails on findings.
const failOnNone = "none"

// stdinSource reports whether args ask for standard input (the one PATH
// "-"), and checks that --stdin-filename comes with it.
func (f *scanFlags) stdinSource(args []string) (bool, error) {
	stdin := slices.Contains(args, "-")
	switch {
	case stdin && len(args) > 1:
		return false, fmt.Errorf("PATH - (standard input) cannot be combined with other paths")
	case !stdin && f.stdinFilename != "":
		return false, fmt.Errorf("--stdin-filename needs the PATH - (standard input)")
	case stdin && f.stdin == nil:
		return false, fmt.Errorf("PATH -: no standard input")
	}
	return stdin, nil
}

// gitSource validates --staged, --diff, --history and their options. It
// returns the flag that selects a git source ("" for none) and the work tree
// top; an optional single PATH names a directory inside the repository.
func (f *scanFlags) gitSource(args []string) (flag, top string, err error) {
	var set []string
	if f.staged {
		set = append(set, "--staged")
	}
	if f.diff != "" {
		set = append(set, "--diff")
	}
	if f.history {
		set = append(set, "--history")
	}
	switch {
	case len(set) > 1:
		return "", "", fmt.Errorf("%s and %s cannot be used together", set[0], set[1])
	case len(set) == 0 && f.since != "":
		return "", "", fmt.Errorf("--since needs --history")
	case len(set) == 0 && f.maxCount != 0:
		return "", "", fmt.Errorf("--max-count needs --history")
	case !f.history && f.allowShallow:
		return "", "", fmt.Errorf("--allow-shallow needs --history")
	case f.maxCount < 0:
		return "", "", fmt.Errorf("--max-count %d: must be 0 (no limit) or more", f.maxCount)
	case len(set) == 0:
		return "", "", nil
	}
	flag = set[0]
	if len(args) > 1 {
		return "", "", fmt.Errorf("%s scans one repository: give at most one PATH (a directory inside it)", flag)
	}
	dir := "."
	if len(args) == 1 {
		if dir = strings.TrimSuffix(strings.TrimSuffix(args[0], "..."), "/"); dir == "" {
			dir = "."
		}
	}
	if top, err = source.IsGitRepo(dir); err != nil {
		return "", "", fmt.Errorf("%s: %w", flag, err)
	}
	for _, r := range []struct{ flag, rev string }{{"--diff", f.diff}, {"--since", f.since}} {
		if r.rev != "" {
			if err := source.VerifyRevision(top, r.rev); err != nil {
				return "", "", fmt.Errorf("%s: %w", r.flag, err)
			}
		}
	}
	return flag, top, nil
}

// relToTop returns dir relative to the work tree top, slash-separated ("" for
// the top itself or a directory outside it).
func relToTop(top, dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// configDir is where .upscan.toml is looked up: the single directory given
// as the scan root, else the current directory.
func configDir(args []string) string {
	if len(args) == 1 {
		root := strings.TrimSuffix(strings.TrimSuffix(args[0], "..."), "/")
		if root == "" {
			root = "."
		}
		if fi, err := os.Stat(root); err == nil && fi.IsDir() {
			return root
		}
	}
	return "."
}

// displayDir returns dir as finding paths print it: relative to the current
// directory when inside it, else "" (paths are then relative to the scan root,
// which is where the configuration was found).
func displayDir(dir string) string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(cwd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// ruleFilter builds the rule predicate from --enable and --disable lists
// (comma-separated IDs or names, case-insensitive). Unknown ones are
// errors that suggest the nearest ID or name.
func ruleFilter(enable, disable []string) (func(string) bool, error) {
	set := func(flag string, ids []string) (map[string]bool, error) {
		m := map[string]bool{}
		for _, given := range ids {
			if strings.TrimSpace(given) == "" {
				continue
			}
			r, err := lookupRule("--"+flag+": unknown rule", given)
			if err != nil {
				return nil, err
			}
			m[string(r.ID)] = true
		}
		return m, nil
	}
	on, err := set("enable", enable)
	if err != nil {
		return nil, err
	}
	off, err := set("disable", disable)
	if err != nil {
		return nil, err
	}
	if len(on) == 0 && len(off) == 0 {
		return nil, nil
	}
	return func(id string) bool { return (len(on) == 0 || on[id]) && !off[id] }, nil
}

// failOnError is the error for a --fail-on value that is neither a
// severity nor none.
func failOnError(given string) error {
	return fmt.Errorf("--fail-on: unknown severity %s (want one of info, low, medium, high, critical, %s)", rules.Quote(given), failOnNone)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// runScan is `upscan [scan] [PATH…]`.
func runScan(ctx context.Context, f *scanFlags, args []string, stdout, stderr io.Writer) error {
	s, err := f.resolve(args)
	if err != nil {
		return err
	}
	color, err := useColor(f.color, stdout, s.output != "")
	if err != nil {
		return err
	}
	var v *verboseLog
	if f.verbose {
		v = &verboseLog{}
		s.opts.Read = v.read
	}
	res, elapsed, err := execute(ctx, f, s, stderr)
	if err != nil {
		return err
	}
	rep := &report.Report{
		Tool:       report.Tool{Name: "upscan", Version: version(), InformationURI: informationURI},
		Findings:   res.Findings,
		Errors:     problems(res.Errors),
		Skipped:    problems(res.Skipped),
		Stats:      report.Stats{Files: res.Files, Bytes: res.Bytes, Parsed: res.Parsed, Duration: elapsed},
		Suppressed: res.Suppressed,
		Started:    time.Now().Add(-elapsed),
		Notes:      slices.Concat(s.notes, res.Notes),
	}
	// A scan of part of the tree (--diff, --staged, --history) cannot tell
	// whether the other entries still match.
	if b, ok := s.opts.Baseline.(*report.Baseline); ok && b != nil && !f.staged && f.diff == "" && !f.history {
		n := b.Unmatched()
		rep.BaselineUnmatched = &n
		if note := report.UnmatchedNote(n); note != "" {
			rep.Notes = append(rep.Notes, note)
		}
	}
	if res.Endpoints != nil {
		rep.Coverage = &report.Coverage{Endpoints: make([]report.Endpoint, len(res.Endpoints))}
		for i, e := range res.Endpoints {
			rep.Coverage.Endpoints[i] = report.Endpoint(e)
		}
	}
	width := outputWidth(nil)
	if s.output == "" {
		width = outputWidth(stdout)
	}
	if err := writeOutput(s.output, stdout, func(w io.Writer) error {
		return report.Write(w, s.format, rep, report.Options{Color: color, FailOn: s.failOn, Coverage: s.coverage, Width: width, Quiet: f.quiet})
	}); err != nil {
		return err
	}
	if v != nil {
		if err := v.write(stderr, res, elapsed); err != nil {
			return err
		}
	}
	if s.incomplete != nil {
		return s.incomplete
	}
	if len(res.Errors) > 0 {
		return fmt.Errorf("%d file(s) could not be scanned (listed in the report); the result is incomplete", len(res.Errors))
	}
	for _, fd := range res.Findings {
		if !s.failNone && fd.Severity >= s.failOn {
			return exitCode(exitFindings)
		}
	}
	return nil
}

// informationURI is upscan's home page, for SARIF's tool.driver.
const informationURI = "https://github.com/upscan/upscan"

// errInterrupted is the error of a scan stopped by Ctrl-C (SIGINT) or
// SIGTERM: exit status 2, and no report.
var errInterrupted = errors.New("interrupted")

// execute runs the scan with a progress line on stderr when it is a terminal.
// Ctrl-C (or SIGTERM) cancels the scan, which then returns errInterrupted;
// a second Ctrl-C kills the process at once.
func execute(ctx context.Context, f *scanFlags, s *settings, stderr io.Writer) (*scan.Result, time.Duration, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	parent := ctx
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // the next signal gets the default action
	var bar *progressbar.ProgressBar
	if !f.noProgress && !f.quiet && isTerminal(stderr) {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("scanning"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		s.opts.Progress = func(files, _ int64) { _ = bar.Set64(files) }
	}
	start := time.Now()
	res, err := scan.Run(ctx, s.opts)
	if bar != nil {
		_ = bar.Finish()
	}
	if ctx.Err() != nil && parent.Err() == nil {
		return nil, time.Since(start), errInterrupted
	}
	return res, time.Since(start), err
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	if o, ok := w.(*outputWriter); ok {
		w = o.w
	}
	file, ok := w.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// terminalWidth returns the width in columns of the terminal w is, or 0
// (the report's default) when w is not a terminal or its size is unknown.
func terminalWidth(w io.Writer) int {
	if o, ok := w.(*outputWriter); ok {
		w = o.w
	}
	file, ok := w.(*os.File)
	if !ok || !isTerminal(file) {
		return 0
	}
	if width, _, err := term.GetSize(int(file.Fd())); err == nil && width > 0 {
		return width
	}
	return 0
}

func problems(ps []scan.Problem) []report.Problem {
	out := make([]report.Problem, len(ps))
	for i, p := range ps {
		out[i] = report.Problem{Path: p.Path, Message: p.Message}
	}
	return out
}

// writeOutput writes through write to the file path, or to stdout when path
// is empty. A regular file is written to a temporary name beside it and
// renamed, so a failed run never leaves a partial report behind; special files
// such as /dev/null are written in place.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return checkedWrite(stdout, write)
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		// /dev/null, a FIFO, a terminal: write in place, never replace it.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
		}
		if err := checkedWrite(f, write); err != nil {
			f.Close()
			return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name())
	if err := checkedWrite(tmp, write); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--output %s: %w", path, unwrapPathError(err))
	}
	return nil
}
