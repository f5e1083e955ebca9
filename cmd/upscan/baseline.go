package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/upscan/upscan/report"
)

func newBaselineCmd(stdout, stderr io.Writer) *cobra.Command {
	var flags scanFlags
	cmd := &cobra.Command{
		Use:   "baseline [PATH…] --output FILE",
		Short: "Record the current findings' fingerprints, so later scans with --baseline report only new ones",
		Long: `baseline scans like upscan [PATH…] and writes the fingerprints of every finding to --output.
A later "upscan --baseline FILE" suppresses exactly those findings. Fingerprints hash the rule, the
path and the secret (or the flagged source text), not line numbers, so findings stay suppressed when
lines move. Inline ignores and the .upscan.toml allowlist apply first.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if flags.output == "" {
				return fmt.Errorf("baseline: --output FILE is required")
			}
			flags.stdin = cmd.InOrStdin()
			s, err := flags.resolve(args)
			if err != nil {
				return err
			}
			var v *verboseLog
			if flags.verbose {
				v = &verboseLog{}
				s.opts.Read = v.read
			}
			res, elapsed, err := execute(cmd.Context(), &flags, s, stderr)
			if err != nil {
				return err
			}
			if v != nil {
				if err := v.write(stderr, res, elapsed); err != nil {
					return err
				}
			}
			if s.incomplete != nil {
				return fmt.Errorf("baseline: %w; no baseline written", s.incomplete)
			}
			if len(res.Errors) > 0 {
				return fmt.Errorf("baseline: %d file(s) could not be scanned (first: %s: %s); no baseline written", len(res.Errors), res.Errors[0].Path, res.Errors[0].Message)
			}
			b := report.NewBaseline(res.Findings)
			if err := writeOutput(s.output, stdout, b.Write); err != nil {
				return err
			}
			if !flags.quiet {
				fmt.Fprintf(stderr, "upscan: wrote %d fingerprint(s) to %s\n", len(b.Findings), s.output)
			}
			return nil
		},
	}
	flags.register(cmd, false)
	return cmd
}
