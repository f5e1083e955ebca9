package source

import (
	"context"
	"strings"
	"testing"

	"github.com/upscan/upscan/internal/walk"
)

func TestReaderName(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "stdin",
		"  ":                   "stdin",
		".":                    "stdin",
		"./app/api/route.ts":   "app/api/route.ts",
		`app\api\route.ts`:     "app/api/route.ts",
		"a/../b/.env.local":    "b/.env.local",
		"lib/redis.ts":         "lib/redis.ts",
		"/abs/path/config.py":  "/abs/path/config.py",
		"dir//double/slash.js": "dir/double/slash.js",
	} {
		if got := ReaderName(in); got != want {
			t.Errorf("ReaderName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReaderEach(t *testing.T) {
	ctx := context.Background()
	var got []File
	collect := func(f File) { got = append(got, f) }

	notes, err := Reader{Name: ".env.local", R: strings.NewReader("KEY=value\r\n")}.Each(ctx, 1, collect)
	if err != nil || len(notes) != 0 || len(got) != 1 {
		t.Fatalf("Each = %v, %v, %d files", notes, err, len(got))
	}
	if f := got[0]; f.Path != ".env.local" || string(f.Data) != "KEY=value\r\n" || f.Kind != walk.Classify(".env.local") {
		t.Errorf("file = %+v", f)
	}

	got = nil
	notes, err = Reader{R: strings.NewReader("a\x00b")}.Each(ctx, 1, collect)
	if err != nil || len(got) != 0 || len(notes) != 1 || notes[0].Path != "stdin" || notes[0].Reason != BinaryNote {
		t.Errorf("binary input: notes %v, err %v, %d files", notes, err, len(got))
	}

	_, err = Reader{R: strings.NewReader(strings.Repeat("x", 2048)), Options: walk.Options{MaxFileSize: 1024}}.Each(ctx, 1, collect)
	if err == nil || !strings.Contains(err.Error(), "standard input (stdin) is larger than the 1 KB cap") {
		t.Errorf("over the cap: err = %v", err)
	}
	got = nil
	_, err = Reader{R: strings.NewReader(strings.Repeat("x", 1024)), Options: walk.Options{MaxFileSize: 1024}}.Each(ctx, 1, collect)
	if err != nil || len(got) != 1 {
		t.Errorf("at the cap: err = %v, %d files", err, len(got))
	}
}
