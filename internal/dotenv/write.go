package dotenv

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/upscan/upscan/internal/inputfile"
)

// Var is a variable to set: its name and value.
type Var struct{ Name, Value string }

// Set returns src with vars set. The first assignment of each name is
// replaced where it stands, keeping an "export " prefix; later assignments
// of that name are dropped, since they would override the new value; names
// src does not assign are appended in the order of vars. Every other line is
// kept byte for byte, and a last line without a newline gets one. Values are
// written as Format writes them. When vars names a variable twice, the last
// value wins.
func Set(src []byte, vars []Var) []byte {
	want := make(map[string]string, len(vars))
	for _, v := range vars {
		want[v.Name] = v.Value
	}
	done := map[string]bool{}
	var b bytes.Buffer
	last := 0
	for _, e := range Parse(src).Entries {
		v, ok := want[e.Name]
		if !ok {
			continue
		}
		b.Write(src[last:e.Start])
		last = e.End
		if done[e.Name] {
			continue
		}
		done[e.Name] = true
		if e.Export {
			b.WriteString("export ")
		}
		b.WriteString(Format(e.Name, v) + "\n")
	}
	b.Write(src[last:])
	if b.Len() > 0 && b.Bytes()[b.Len()-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, v := range vars {
		if !done[v.Name] {
			done[v.Name] = true
			b.WriteString(Format(v.Name, want[v.Name]) + "\n")
		}
	}
	return b.Bytes()
}

// Format returns the line "NAME=value" (without a newline) that Parse reads
// back as value. A value of letters, digits and - _ . / : @ % + = , ~ only is
// written as it is; any other value is quoted: in single quotes, or, when it
// holds a single quote or a line break, in double quotes with \\ \" \$ \n \r
// escaped. Single quotes also keep ${VAR} references from being expanded.
func Format(name, value string) string {
	switch {
	case !needsQuotes(value):
		return name + "=" + value
	case !strings.ContainsAny(value, "'\n\r"):
		return name + "='" + value + "'"
	}
	var b strings.Builder
	b.WriteString(name + `="`)
	for i := 0; i < len(value); i++ {
		switch c := value[i]; c {
		case '\\', '"', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// needsQuotes reports whether value must be quoted to read back as itself
// and to be safe for a shell that sources the file.
func needsQuotes(value string) bool {
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_./:@%+=,~", c) >= 0 {
			continue
		}
		return true
	}
	return false
}

// Check returns an error naming the first variable whose name is not one
// Parse reads as a name, or whose value holds a character Format cannot
// write so that every dotenv parser reads the same single line back: a
// control character other than tab, line feed and carriage return (which
// Format escapes), or U+2028/U+2029 (line breaks to JavaScript). The error
// never quotes the value.
func Check(vars []Var) error {
	for _, v := range vars {
		ok := v.Name != ""
		for i := 0; i < len(v.Name); i++ {
			ok = ok && isNameByte(v.Name[i], i == 0)
		}
		if !ok {
			return fmt.Errorf("variable name %q is not a valid dotenv name", v.Name)
		}
		for _, r := range v.Value {
			if r == '\t' || r == '\n' || r == '\r' {
				continue
			}
			if r < 0x20 || r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029' {
				return fmt.Errorf("the value of %s holds a control character; not written", v.Name)
			}
		}
	}
	return nil
}

// WriteFile sets vars in the dotenv file at path as Set does, creating the
// file when it does not exist. The content is written to a temporary file
// with mode 0600 in the same directory, synced and renamed over path, so the
// file is never half-written nor, at any moment, readable by other users;
// the old file's mode is not kept. Vars must pass Check: nothing is written
// otherwise. An existing file must be a regular file
// of at most inputfile.MaxEnvFile bytes (an *inputfile.Error otherwise).
// Other errors are the ones os returns for the step that failed: an
// *fs.PathError, or an *os.LinkError from the rename.
func WriteFile(path string, vars []Var) error {
	if err := Check(vars); err != nil {
		return err
	}
	old, err := inputfile.Read(path, inputfile.MaxEnvFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	for _, step := range []func() error{
		func() error { return tmp.Chmod(0o600) },
		func() error { _, err := tmp.Write(Set(old, vars)); return err },
		tmp.Sync,
	} {
		if err := step(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
