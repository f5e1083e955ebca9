package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"
)

// addDBCmd adds `upscan db` when it is built in (db.go defines newDBCmd).
func addDBCmd(root *cobra.Command, stdout, stderr io.Writer) {
	if newDBCmdFunc != nil {
		root.AddCommand(newDBCmdFunc(stdout, stderr, os.Stdin))
	}
}

var newDBCmdFunc func(stdout, stderr io.Writer, stdin io.Reader) *cobra.Command
