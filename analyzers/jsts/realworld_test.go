//go:build cgo

package jsts

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestRealworld runs the analyzer over every file it handles under the
// directory in JSTS_REALWORLD (for example ../shared/realworld) and logs
// the files parsed, the clients by product and SDK, every finding and
// every note. It asserts only that nothing panics and positions are in
// bounds; judging the output is the reader's job.
func TestRealworld(t *testing.T) {
	root := os.Getenv("JSTS_REALWORLD")
	if root == "" {
		t.Skip("set JSTS_REALWORLD=dir")
	}
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var files, bytes int
	var took time.Duration
	clients := map[string]int{}
	var useClient, useServer, clientSide, imports, envReads, commands int
	var lines []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || !Handles(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		bytes += len(data)
		start := time.Now()
		f, fs := analyzeFile(a, rel, data)
		took += time.Since(start)
		checkBounds(t, rel, data, f, fs)
		switch f.Directive {
		case "use client":
			useClient++
		case "use server":
			useServer++
		}
		if f.ClientSide {
			clientSide++
		}
		imports += len(f.Imports)
		envReads += len(f.EnvReads)
		for _, c := range f.Clients {
			commands += len(c.Commands)
		}
		for _, c := range f.Clients {
			clients[fmt.Sprintf("%-16s %s", c.Product, c.SDK)]++
			if os.Getenv("JSTS_CLIENTS") != "" {
				lines = append(lines, fmt.Sprintf("client %s:%d %s %s var=%q default=%v url=%s token=%s cmds=%d", rel, c.Pos.Line, c.Product, c.SDK, c.Var, c.Default, valueString(c.URL), valueString(c.Token), len(c.Commands)))
			}
		}
		for _, x := range fs {
			lines = append(lines, fmt.Sprintf("%s %s:%d:%d %s %s", x.RuleID, rel, x.Line, x.Col, x.Severity, x.Message))
		}
		for _, n := range f.Notes {
			lines = append(lines, fmt.Sprintf("note %s: %s", rel, n))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range clients {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "files parsed: %d (%d bytes) in %s\n", files, bytes, took)
	fmt.Fprintf(&b, "\"use client\": %d, \"use server\": %d, client-side by convention: %d, imports: %d, env reads: %d, commands on clients: %d\n",
		useClient, useServer, clientSide, imports, envReads, commands)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %3d %s\n", clients[k], k)
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	t.Log("\n" + b.String())
}
