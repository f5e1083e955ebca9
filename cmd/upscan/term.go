package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/upscan/upscan/rules"
)

// Colour modes of --color.
const (
	colorAuto   = "auto"
	colorAlways = "always"
	colorNever  = "never"
)

// fallbackWidth is the width output fits in when the terminal's cannot be
// known (a pipe, a file, a CI log) and COLUMNS is not set.
const fallbackWidth = 80

// useColor decides whether output written to w is coloured. mode is
// --color: always and never are final; auto colours when NO_COLOR is empty,
// and then when FORCE_COLOR is set (not "0" or "false") or w is a terminal
// whose TERM is not "dumb". toFile (--output FILE) is never coloured in
// auto mode: FORCE_COLOR is about the console.
func useColor(mode string, w io.Writer, toFile bool) (bool, error) {
	switch strings.ToLower(mode) {
	case colorAlways:
		return true, nil
	case colorNever:
		return false, nil
	case colorAuto, "":
	default:
		return false, fmt.Errorf("--color %s: want auto, always or never", rules.Quote(mode))
	}
	switch {
	case os.Getenv("NO_COLOR") != "":
		return false, nil
	case toFile:
		return false, nil
	case forceColor():
		return true, nil
	}
	return isTerminal(w) && os.Getenv("TERM") != "dumb", nil
}

// forceColor reports whether FORCE_COLOR asks for colour: any value but
// "", "0" and "false".
func forceColor() bool {
	v := os.Getenv("FORCE_COLOR")
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// outputWidth is the width in columns that text written to w fits in: the
// COLUMNS environment variable when it is a positive number, else the
// terminal's width when w is one, else fallbackWidth.
func outputWidth(w io.Writer) int {
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if w != nil {
		if n := terminalWidth(w); n > 0 {
			return n
		}
	}
	return fallbackWidth
}

// colorFlag returns the value of the root's persistent --color flag as cmd
// sees it ("auto" when there is none).
func colorFlag(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("color"); f != nil {
		return f.Value.String()
	}
	return colorAuto
}

// lookupRule finds a rule by ID or name, case-insensitive ("UPS401",
// "endpoint-without-rate-limit"). It returns nil and an error that suggests
// the nearest ID or name when there is none; what is the phrase before it
// ("--enable: unknown rule").
func lookupRule(what, given string) (*rules.Rule, error) {
	r, s := rules.Resolve(given)
	if r != nil {
		return r, nil
	}
	msg := fmt.Sprintf("%s %s", what, rules.Quote(given))
	if s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += " (see upscan rules)"
	}
	return nil, fmt.Errorf("%s", msg)
}

// unknownCommand returns the did-you-mean error for a first argument that is
// neither a path nor a subcommand but is near one (`upscan expalin`), or
// nil: an argument that exists as a path, or is near no subcommand, is a
// path to scan.
func unknownCommand(root *cobra.Command, args []string) error {
	if len(args) == 0 || args[0] == "-" || strings.ContainsAny(args[0], `/\.`) {
		return nil
	}
	if _, err := os.Lstat(args[0]); err == nil {
		return nil
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
			names = append(names, c.Aliases...)
		}
	}
	if s := rules.Closest(args[0], names); s != "" {
		return fmt.Errorf("unknown command %s; did you mean %q?", rules.Quote(args[0]), s)
	}
	return nil
}

// flagError is every command's flag error: an unknown flag near a known one
// gets a suggestion ("unknown flag: --colr; did you mean --color?"), any
// other a pointer to the help.
func flagError(cmd *cobra.Command, err error) error {
	const prefix = "unknown flag: --"
	if name, ok := strings.CutPrefix(err.Error(), prefix); ok {
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if s := rules.Closest(name, names); s != "" {
			return fmt.Errorf("%w; did you mean --%s?", err, s)
		}
	}
	return fmt.Errorf("%w (see %s --help)", err, cmd.CommandPath())
}

// exactlyOne is the Args check of a command that takes one operand: it
// names the operand and shows an example instead of cobra's "accepts 1
// arg(s), received 0".
func exactlyOne(what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		switch {
		case len(args) == 0:
			return fmt.Errorf("%s needs a %s, e.g. %s", name, what, example)
		case len(args) > 1:
			return fmt.Errorf("%s takes one %s, got %d arguments", name, what, len(args))
		}
		return nil
	}
}
