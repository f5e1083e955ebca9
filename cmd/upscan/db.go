package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/upscan/upscan/analyzers/dbposture"
	"github.com/upscan/upscan/internal/dotenv"
	"github.com/upscan/upscan/internal/gitcmd"
	"github.com/upscan/upscan/internal/inputfile"
	"github.com/upscan/upscan/internal/upstashapi"
	"github.com/upscan/upscan/report"
	"github.com/upscan/upscan/rules"
	"github.com/upscan/upscan/upstash"
)

// dbFlags are the flags of `upscan db` and, for the credential flags, of
// `upscan db rotate`.
type dbFlags struct {
	file       string
	minScore   int
	format     string
	output     string
	failOn     string
	email      string
	apiURL     string
	apiKeyFile string
	timeout    time.Duration
	color      string // the root's --color
}

// rotateFlags are the flags of `upscan db rotate`.
type rotateFlags struct {
	yes      bool
	writeEnv string
}

// dbEnv is what the db commands read and write; tests replace stdinIsTTY.
type dbEnv struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	stdinIsTTY     func() bool
}

// newDBCmd returns `upscan db` and its `rotate` subcommand. stdin is read by
// `--file -` and by rotate's confirmation prompt.
func newDBCmd(stdout, stderr io.Writer, stdin io.Reader) *cobra.Command {
	return newDBCmdEnv(&dbEnv{stdout: stdout, stderr: stderr, stdin: stdin, stdinIsTTY: func() bool { return isTerminalReader(stdin) }})
}

func newDBCmdEnv(env *dbEnv) *cobra.Command {
	var flags dbFlags
	cmd := &cobra.Command{
		Use:   "db [ID|NAME…]",
		Short: "Score Upstash Redis databases against Upstash's security best practices",
		Long: `db reads each Upstash Redis database's configuration from the Developer API (all databases
of the account, or those named by ID or name) or from a JSON file (--file: one database object, a
list, or a saved API response; - reads standard input) and checks it against Upstash's security
best practices. Each database gets a 0-100 score and a letter grade (docs/posture.md); every failed
check is a finding.

Credentials: UPSTASH_EMAIL (or --email) and UPSTASH_API_KEY, or --api-key-file FILE. There is no
--api-key flag on purpose: a command line is visible to every user of the machine (ps, /proc) and
lands in shell history. UPSTASH_API_URL (or --api-url) overrides https://api.upstash.com/v2.

Exit codes: 0 every database scores at least --min-score (and no finding is at or above --fail-on,
when given); 1 otherwise; 2 usage or runtime error (missing credentials, rejected API key, unknown
database, unreadable file).`,
		Example: `  upscan db                          # every database of the account
  upscan db shop-prod --min-score 80 # CI gate on one database
  upscan db --file db.json --format sarif --output posture.sarif`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			flags.color = colorFlag(cmd)
			return env.runDB(cmd.Context(), &flags, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&flags.file, "file", "", "read database objects from this JSON file instead of the API (- for standard input)")
	fl.IntVar(&flags.minScore, "min-score", 0, "exit 1 when any database scores below this (0-100; 0 turns the gate off)")
	fl.StringVarP(&flags.format, "format", "f", "text", "output format: text, json, sarif, github, markdown")
	fl.StringVarP(&flags.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&flags.failOn, "fail-on", "", "also exit 1 when a finding is at or above this severity: info, low, medium, high, critical (default: none, off)")
	registerAPIFlags(cmd, &flags)

	var rf rotateFlags
	rotate := &cobra.Command{
		Use:   "rotate ID|NAME",
		Short: "Reset a database's password and both REST tokens (asks for confirmation first)",
		Long: `rotate resets a database's credentials through the Developer API
(POST /v2/redis/reset-password/{id}): the TCP password, the REST token and the read-only REST
token are replaced and the old ones stop working at once. It asks for confirmation on the
terminal unless --yes is given, and refuses to run without a terminal and without --yes.

It never prints a credential: only its kind, first four characters and length. --write-env FILE
writes UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN and UPSTASH_REDIS_URL to FILE with mode
0600, replacing those keys and keeping every other line, for you to deploy. A FILE that git
tracks is refused.

Exit codes: 0 rotated; 2 not rotated (error, or not confirmed), or rotated but FILE not written.`,
		Args:          exactlyOne("database ID", "upscan db rotate DATABASE_ID"),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return env.runRotate(cmd.Context(), &flags, &rf, args[0])
		},
	}
	rotate.Flags().BoolVarP(&rf.yes, "yes", "y", false, "do not ask for confirmation")
	rotate.Flags().StringVar(&rf.writeEnv, "write-env", "", "write the new URL and token to this env file (mode 0600)")
	registerAPIFlags(rotate, &flags)
	cmd.AddCommand(rotate)
	return cmd
}

// registerAPIFlags adds the Developer API flags. There is no --api-key: see
// the db command's help.
func registerAPIFlags(cmd *cobra.Command, f *dbFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.email, "email", "", "Upstash account e-mail for the Developer API (default $UPSTASH_EMAIL)")
	fl.StringVar(&f.apiURL, "api-url", "", "Developer API base URL (default $UPSTASH_API_URL, else https://api.upstash.com/v2)")
	fl.StringVar(&f.apiKeyFile, "api-key-file", "", "read the Developer API key from this file instead of $UPSTASH_API_KEY")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit for each Developer API request")
}

// client builds a Developer API client from the flags and the environment.
// Errors name the variables and flags to set.
func (f *dbFlags) client() (*upstashapi.Client, error) {
	key := os.Getenv(upstashapi.EnvAPIKey)
	if f.apiKeyFile != "" {
		b, err := inputfile.Read(f.apiKeyFile, inputfile.MaxKeyFile)
		if err != nil {
			return nil, fmt.Errorf("--api-key-file %s: %w", f.apiKeyFile, unwrapPathError(err))
		}
		if key = strings.TrimSpace(string(b)); key == "" {
			return nil, fmt.Errorf("--api-key-file %s: the file is empty", f.apiKeyFile)
		}
	}
	email := firstNonEmpty(strings.TrimSpace(f.email), strings.TrimSpace(os.Getenv(upstashapi.EnvEmail)))
	const why = "the key is read only from the environment or a file, because command lines are visible in ps"
	switch {
	case email == "" && strings.TrimSpace(key) == "":
		return nil, fmt.Errorf("no Developer API credentials: set %s and %s (or --email and --api-key-file FILE; %s), or check a saved database object offline with --file",
			upstashapi.EnvEmail, upstashapi.EnvAPIKey, why)
	case email == "":
		return nil, fmt.Errorf("no Developer API e-mail: set %s or --email to the Upstash account's e-mail address", upstashapi.EnvEmail)
	case strings.TrimSpace(key) == "":
		return nil, fmt.Errorf("no Developer API key: set %s or use --api-key-file FILE (%s); create a key under Account > Management API in the Upstash console",
			upstashapi.EnvAPIKey, why)
	}
	if f.timeout <= 0 {
		return nil, fmt.Errorf("--timeout %s: must be positive", f.timeout)
	}
	return upstashapi.New(upstashapi.Options{BaseURL: f.apiURL, Email: email, APIKey: key, Timeout: f.timeout})
}

// runDB is `upscan db [ID|NAME…]`.
func (e *dbEnv) runDB(ctx context.Context, f *dbFlags, refs []string) error {
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	if f.minScore < 0 || f.minScore > 100 {
		return fmt.Errorf("--min-score %d: must be between 0 and 100", f.minScore)
	}
	failOn := rules.Severity(-1)
	if f.failOn != "" && !strings.EqualFold(f.failOn, failOnNone) {
		if failOn, err = rules.ParseSeverity(f.failOn); err != nil {
			return failOnError(f.failOn)
		}
	}
	color, err := useColor(f.color, e.stdout, f.output != "")
	if err != nil {
		return err
	}
	if f.output != "" {
		if fi, err := os.Stat(f.output); err == nil && fi.IsDir() {
			return fmt.Errorf("--output %s: is a directory", f.output)
		}
	}

	ctx, stop := signalContext(ctx)
	defer stop()
	dbs, account, err := e.loadDatabases(ctx, f, refs)
	if err != nil {
		return err
	}
	posture, findings := assess(dbs, account)
	rep := &report.Report{
		Tool:     report.Tool{Name: "upscan", Version: version(), InformationURI: informationURI},
		Findings: findings,
		Posture:  posture,
	}
	opt := report.Options{Color: color, Width: outputWidth(nil)}
	if f.output == "" {
		opt.Width = outputWidth(e.stdout)
	}
	if failOn >= rules.Info {
		opt.FailOn = failOn
	}
	if err := writeOutput(f.output, e.stdout, func(w io.Writer) error {
		return report.Write(w, format, rep, opt)
	}); err != nil {
		return err
	}

	failed := false
	if f.minScore > 0 {
		for _, row := range posture.Databases {
			if row.Points < f.minScore {
				fmt.Fprintf(e.stderr, "upscan: database %q scores %d (%s), below --min-score %d\n", row.Label(), row.Points, row.Grade, f.minScore)
				failed = true
			}
		}
	}
	if failOn >= rules.Info {
		if n := countAtOrAbove(findings, failOn); n > 0 {
			fmt.Fprintf(e.stderr, "upscan: %d finding(s) at or above --fail-on %s\n", n, failOn)
			failed = true
		}
	}
	if failed {
		return exitCode(exitFindings)
	}
	return nil
}

func countAtOrAbove(fs []rules.Finding, s rules.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= s {
			n++
		}
	}
	return n
}

// loadDatabases reads the databases to check from --file or the API and
// selects refs among them. account reports whether they are a whole account
// (or a whole list), so the account-wide checks apply.
func (e *dbEnv) loadDatabases(ctx context.Context, f *dbFlags, refs []string) (dbs []dbposture.Database, account bool, err error) {
	if f.file != "" {
		data, name, err := readDBFile(f.file, e.stdin)
		if err != nil {
			return nil, false, err
		}
		if dbs, err = dbposture.DecodeDatabases(data); err != nil {
			return nil, false, fmt.Errorf("--file %s: %w", name, err)
		}
		if len(dbs) == 0 {
			return nil, false, fmt.Errorf("--file %s: holds no database object", name)
		}
		if len(refs) > 0 {
			if dbs, err = dbposture.Select(dbs, refs); err != nil {
				return nil, false, fmt.Errorf("--file %s: %w", name, err)
			}
			return dbs, false, nil
		}
		isList := bytes.HasPrefix(bytes.TrimSpace(data), []byte("["))
		return dbs, isList && len(dbs) > 1, nil
	}
	c, err := f.client()
	if err != nil {
		return nil, false, err
	}
	if dbs, err = c.ListDatabases(ctx); err != nil {
		return nil, false, err
	}
	if len(refs) > 0 {
		if dbs, err = dbposture.Select(dbs, refs); err != nil {
			return nil, false, err
		}
		return dbs, false, nil
	}
	if len(dbs) == 0 {
		fmt.Fprintf(e.stderr, "upscan: the account of %s has no Redis databases\n", c.User())
	}
	return dbs, true, nil
}

// readDBFile reads --file (or standard input for "-"): a regular file or
// standard input, at most inputfile.MaxDatabases bytes.
func readDBFile(path string, stdin io.Reader) (data []byte, name string, err error) {
	if path == "-" {
		name = "- (standard input)"
		if stdin == nil {
			return nil, name, errors.New("--file -: no standard input")
		}
		data, err = inputfile.ReadFrom(stdin, inputfile.MaxDatabases)
	} else {
		name = path
		data, err = inputfile.Read(path, inputfile.MaxDatabases)
	}
	if err != nil {
		return nil, name, fmt.Errorf("--file %s: %w", name, unwrapPathError(err))
	}
	return data, name, nil
}

// assess checks and scores every database and builds the report's posture
// and findings. account adds the account-wide checks (UPS615 across names).
func assess(dbs []dbposture.Database, account bool) (*report.Posture, []rules.Finding) {
	p := &report.Posture{Databases: []report.PostureRow{}}
	for _, c := range dbposture.Checks() {
		p.Checks = append(p.Checks, report.PostureCheck{RuleID: c.RuleID, Title: c.Title})
	}
	var findings []rules.Finding
	type manualKey struct{ rule, check, msg string }
	var manualOrder []manualKey
	manualDBs := map[manualKey][]string{}
	for _, db := range dbs {
		a := dbposture.Assess(db)
		row := report.PostureRow{Name: db.Name, ID: db.ID, Points: a.Score.Points, Grade: a.Score.Grade, Capped: a.Score.Capped}
		for _, r := range a.Results {
			row.Statuses = append(row.Statuses, r.Status.String())
			if r.Status == dbposture.StatusManual {
				k := manualKey{r.RuleID, r.Check, r.Message}
				if _, seen := manualDBs[k]; !seen {
					manualOrder = append(manualOrder, k)
				}
				manualDBs[k] = append(manualDBs[k], db.Label())
			}
		}
		for _, r := range a.Score.Top {
			row.Top = append(row.Top, fmt.Sprintf("%s %s −%s", r.RuleID, r.Check, points(r.Lost)))
		}
		p.Databases = append(p.Databases, row)
		findings = append(findings, dbposture.Findings(db, a.Results)...)
	}
	for _, k := range manualOrder {
		p.Manual = append(p.Manual, fmt.Sprintf("%s %s (%s): %s", k.rule, k.check, strings.Join(manualDBs[k], ", "), k.msg))
	}
	if account {
		for _, r := range dbposture.CheckAccount(dbs) {
			p.Account = append(p.Account, fmt.Sprintf("%s %s (%s): %s", r.RuleID, r.Check, r.Status, r.Message))
		}
	}
	rules.BindFingerprints(findings, nil)
	return p, findings
}

// points renders lost points with one decimal, without a trailing ".0".
func points(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
}

// signalContext cancels ctx on an interrupt.
func signalContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, os.Interrupt)
}

// isTerminalReader reports whether r is a terminal.
func isTerminalReader(r io.Reader) bool {
	file, ok := r.(*os.File)
	return ok && file != nil && term.IsTerminal(int(file.Fd()))
}

// runRotate is `upscan db rotate ID|NAME`. Everything that can fail without
// the network (the env file, the confirmation) is checked before any request,
// and the database is read before the reset so that the prompt names it.
func (e *dbEnv) runRotate(ctx context.Context, f *dbFlags, rf *rotateFlags, ref string) error {
	if rf.writeEnv != "" {
		if err := checkEnvTarget(ctx, rf.writeEnv, e.stderr); err != nil {
			return err
		}
	}
	if !rf.yes && !e.stdinIsTTY() {
		return errors.New("rotate: standard input is not a terminal, so there is no one to confirm the reset; pass --yes to reset without asking")
	}
	c, err := f.client()
	if err != nil {
		return err
	}
	ctx, stop := signalContext(ctx)
	defer stop()
	dbs, err := c.ListDatabases(ctx)
	if err != nil {
		return err
	}
	sel, err := dbposture.Select(dbs, []string{ref})
	if err != nil {
		return fmt.Errorf("rotate: %w", err)
	}
	db := sel[0]
	if db.ID == "" {
		return fmt.Errorf("rotate: the API returned database %q without an ID", db.Label())
	}
	if rf.writeEnv == "" {
		fmt.Fprintln(e.stderr, "upscan: note: without --write-env the new credentials are not saved; the console shows them unless Credential Protection is on")
	}
	if !rf.yes {
		fmt.Fprintf(e.stderr, "Reset the password of database %q (id %s)? This revokes both REST tokens and the TCP password. [y/N] ", db.Label(), db.ID)
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
			return fmt.Errorf("rotate: not confirmed; the credentials of database %q were not reset", db.Label())
		}
	}
	_, creds, err := c.ResetPassword(ctx, db.ID)
	if err != nil {
		return fmt.Errorf("rotate: %w", err)
	}
	fmt.Fprintf(e.stdout, "credentials of database %q (id %s) rotated: the old password and both REST tokens no longer work\n", db.Label(), db.ID)
	if creds.Empty() {
		fmt.Fprintln(e.stdout, "the response carried no new credentials; copy them from the database's page in the Upstash console")
		if rf.writeEnv != "" {
			return fmt.Errorf("--write-env %s: nothing written: the response carried no credentials", rf.writeEnv)
		}
		return nil
	}
	for _, s := range []struct{ label, kind, value string }{
		{"REST token", upstash.KindRedisToken, creds.RESTToken},
		{"read-only REST token", upstash.KindRedisReadOnly, creds.ReadOnlyRESTToken},
		{"password", upstash.KindRedisPassword, creds.Password},
	} {
		if s.value != "" {
			r := rules.Redact(s.kind, s.value)
			fmt.Fprintf(e.stdout, "new %s %s… (%d chars)\n", s.label, r.Prefix, r.Length)
		}
	}
	if rf.writeEnv == "" {
		return nil
	}
	vars := envValues(creds)
	if len(vars) == 0 {
		err = errors.New("no value to write")
	} else {
		err = dotenv.WriteFile(rf.writeEnv, vars)
	}
	if err != nil {
		return fmt.Errorf("--write-env %s: %w (the credentials were reset; copy them from the console)", rf.writeEnv, unwrapPathError(err))
	}
	var names []string
	for _, v := range vars {
		names = append(names, v.Name)
	}
	fmt.Fprintf(e.stdout, "wrote %s to %s (mode 0600); deploy them, then delete the file\n", strings.Join(names, ", "), rf.writeEnv)
	return nil
}

// envValues are the variables the SDKs read (UPSTASH.md §2) for the new
// credentials: the REST URL and token, and the TCP URL when the response had
// a password (rediss://, UPSTASH.md §1.1).
func envValues(c upstashapi.Credentials) []dotenv.Var {
	var out []dotenv.Var
	if u := c.RESTURL(); u != "" {
		out = append(out, dotenv.Var{Name: "UPSTASH_REDIS_REST_URL", Value: u})
	}
	if c.RESTToken != "" {
		out = append(out, dotenv.Var{Name: "UPSTASH_REDIS_REST_TOKEN", Value: c.RESTToken})
	}
	if c.Password != "" && c.Endpoint != "" {
		port := c.Port
		if port == 0 {
			port = 6379
		}
		u := url.URL{Scheme: "rediss", User: url.UserPassword("default", c.Password), Host: c.Endpoint + ":" + strconv.Itoa(port)}
		out = append(out, dotenv.Var{Name: "UPSTASH_REDIS_URL", Value: u.String()})
	}
	return out
}

// checkEnvTarget vets --write-env before anything is reset: not a directory
// or symbolic link, its directory exists, and git does not track it (a warning
// when git does not ignore it either).
func checkEnvTarget(ctx context.Context, path string, stderr io.Writer) error {
	if fi, err := os.Lstat(path); err == nil {
		switch {
		case fi.IsDir():
			return fmt.Errorf("--write-env %s: is a directory", path)
		case fi.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("--write-env %s: is a symbolic link; give the real file", path)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("--write-env %s: not a regular file", path)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("--write-env %s: %w", path, unwrapPathError(err))
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("--write-env %s: directory %s does not exist", path, dir)
	}
	switch gitState(ctx, dir, base) {
	case gitTracked:
		return fmt.Errorf("--write-env %s: git tracks this file, so the credentials would be committed; write them to an ignored file such as .env.local", path)
	case gitNotIgnored:
		fmt.Fprintf(stderr, "upscan: warning: git does not ignore %s; add it to .gitignore before the credentials get committed\n", path)
	}
	return nil
}

type gitFileState int

const (
	gitUnknown    gitFileState = iota // no git, or not in a work tree
	gitTracked                        // tracked by git
	gitNotIgnored                     // in a work tree, untracked and not ignored
	gitIgnored                        // ignored
)

// gitState asks git about file base in dir. Any failure to run git gives
// gitUnknown: the checks are a safety net, not a requirement.
func gitState(ctx context.Context, dir, base string) gitFileState {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	git := func(args ...string) (int, bool) {
		_, err := gitcmd.Output(ctx, dir, args...)
		var ge *gitcmd.Error
		switch {
		case err == nil:
			return 0, true
		case errors.As(err, &ge):
			return ge.ExitCode(), true
		default:
			return -1, false
		}
	}
	if code, ok := git("rev-parse", "--is-inside-work-tree"); !ok || code != 0 {
		return gitUnknown
	}
	if code, ok := git("ls-files", "--error-unmatch", "--", base); ok && code == 0 {
		return gitTracked
	}
	switch code, ok := git("check-ignore", "-q", "--", base); {
	case ok && code == 0:
		return gitIgnored
	case ok && code == 1:
		return gitNotIgnored
	}
	return gitUnknown
}
