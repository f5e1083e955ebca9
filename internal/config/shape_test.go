package config

import (
	"strings"
	"testing"
)

func TestCheckShapeAccepts(t *testing.T) {
	for _, src := range []string{
		starter,
		"a.b.c = 1\n" + strings.Repeat("x.", maxKeyParts-1) + "y = 2\n",
		"[" + strings.Repeat("t.", maxKeyParts-1) + "u]\n",
		"x = " + strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting) + "\n",
		// Dots inside strings, comments, numbers and dates are not key parts.
		"x = \"" + strings.Repeat("a.", 100) + "\"\n",
		"x = '" + strings.Repeat("a.", 100) + "'\n",
		"x = \"\"\"\n" + strings.Repeat("a.", 100) + "\n\"\"\"\n",
		"x = '''" + strings.Repeat("a.", 100) + "'''\n",
		"# " + strings.Repeat("a.", 100) + "\n",
		"x = [" + strings.Repeat("1.5, ", 100) + "]\n",
		"d = 1979-05-27T07:32:00.999999-07:00\n",
		// Brackets inside strings do not nest.
		"x = \"" + strings.Repeat("[{", 100) + "\"\n",
		"x = \"\\\"" + strings.Repeat("[", 100) + "\"\n",
	} {
		if line, err := checkShape([]byte(src)); err != nil {
			t.Errorf("checkShape(%.60q) = line %d: %v", src, line, err)
		}
	}
}

func TestCheckShapeRefuses(t *testing.T) {
	deepKey := strings.Repeat("a.", maxKeyParts) + "a"
	tests := []struct {
		name, src string
		line      int
		want      string
	}{
		{"dotted key", "fail_on = \"high\"\n" + deepKey + " = 1\n", 2, "a dotted key has more than 16 parts"},
		{"20,000 parts", strings.Repeat("a.", 20000) + "a = 1\n", 1, "a dotted key has more than 16 parts"},
		{"table header", "[" + deepKey + "]\n", 1, "a dotted key has more than 16 parts"},
		{"quoted parts", strings.Repeat(`"a".`, maxKeyParts) + "'b' = 1\n", 1, "a dotted key has more than 16 parts"},
		{"spaced dots", strings.Repeat("a . ", maxKeyParts) + "b = 1\n", 1, "a dotted key has more than 16 parts"},
		{"inline table key", "x = {" + deepKey + " = 1}\n", 1, "a dotted key has more than 16 parts"},
		{"after a multi-line string", "x = \"\"\"\n1\n2\n\"\"\"\ny = '''\n'''\n" + deepKey + " = 1\n", 7, "a dotted key"},
		{"arrays", "x = " + strings.Repeat("[", maxNesting+1) + strings.Repeat("]", maxNesting+1) + "\n", 1, "arrays and tables nested more than 16 deep"},
		{"inline tables", "\nx = " + strings.Repeat("{a=", 2000) + "1" + strings.Repeat("}", 2000) + "\n", 2, "nested more than 16 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, err := checkShape([]byte(tt.src))
			if err == nil || line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("checkShape = line %d, %v; want line %d, %q", line, err, tt.line, tt.want)
			}
		})
	}
}

// TestParseBounded: Parse refuses what would keep the TOML decoder busy for
// minutes (issue 15 row 3: a 40 KB key of 20,000 parts took 50 s and 5.7 GB)
// before decoding, with the file and line; a regression shows as a test
// timeout.
func TestParseBounded(t *testing.T) {
	_, err := Parse("c.toml", []byte("fail_on = \"high\"\n"+strings.Repeat("a.", 20000)+"a = 1\n"))
	if err == nil || err.Error() != "config c.toml:2: a dotted key has more than 16 parts" {
		t.Fatalf("err = %v", err)
	}
	_, err = Parse("c.toml", []byte(strings.Repeat("#", 1<<20+1)))
	if err == nil || err.Error() != "config c.toml: is larger than 1 MiB" {
		t.Fatalf("err = %v", err)
	}
}

// starter is a configuration with every kind of value upscan reads.
const starter = `# upscan configuration
fail_on = "high"
max_file_size = "10MB"
enable = ["UPS101", "UPS102"]
disable = []

[[allowlist]]
description = "test fixtures hold fake credentials"
paths = ["testdata/**", "**/testdata/**"]

[[allowlist]]
fingerprints = ["abc123"]
rules = ["UPS101"]
`
