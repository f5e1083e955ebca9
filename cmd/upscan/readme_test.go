package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestREADMEDocumentsCommandTree checks that README.md names every
// subcommand ("upscan db rotate") and every flag ("--fail-on", with its
// shorthand "-f, --format") of the command tree, so that a new flag cannot
// ship undocumented.
func TestREADMEDocumentsCommandTree(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	root := newRootCmd(io.Discard, io.Discard)
	root.InitDefaultCompletionCmd()
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		if !strings.Contains(readme, "`"+c.CommandPath()) {
			t.Errorf("README.md does not document the command %q (as `%s…`)", c.CommandPath(), c.CommandPath())
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Name == "help" {
				return
			}
			name := "--" + f.Name
			if f.Shorthand != "" {
				name = "-" + f.Shorthand + ", --" + f.Name
			}
			if !strings.Contains(readme, "`"+name) && !strings.Contains(readme, "/ `"+name) {
				t.Errorf("README.md does not document %s of %q (as `%s…`)", name, c.CommandPath(), name)
			}
		})
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(root)
}
