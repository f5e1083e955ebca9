package source

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/upscan/upscan/internal/walk"
)

// DefaultStdinName is the path a file read from standard input is reported
// under when it is not named (upscan -).
const DefaultStdinName = "stdin"

// Reader is one file read from a stream: standard input for `upscan -`.
// Name stands for its path: it decides the analyzers and rules that apply
// (its extension, an env-file or route name), and findings are reported
// under it.
type Reader struct {
	// Name is the display path; "" means DefaultStdinName.
	Name string
	// R is read once, to EOF, by Each.
	R io.Reader
	// Options supplies the size cap (MaxFileSize).
	Options walk.Options
}

// ReaderName returns name cleaned as a slash-separated display path, or
// DefaultStdinName when it is empty.
func ReaderName(name string) string {
	name = strings.ReplaceAll(strings.TrimSpace(name), `\`, "/")
	if name == "" {
		return DefaultStdinName
	}
	name = strings.TrimPrefix(path.Clean(name), "./")
	if name == "." || name == "/" {
		return DefaultStdinName
	}
	return name
}

// Each reads R and calls fn with it as one File. A binary stream is a note,
// not an error. The error names the stream: it could not be read, or it is
// larger than the size cap (there is no file to skip, so the scan fails).
func (s Reader) Each(ctx context.Context, _ int, fn func(File)) ([]walk.Note, error) {
	name := ReaderName(s.Name)
	limit := int64(-1)
	if c := s.Options.Cap(); c > 0 {
		limit = c + 1
	}
	data, binary, err := readAll(s.R, 0, limit)
	if err != nil {
		return nil, fmt.Errorf("reading standard input (%s): %w", name, err)
	}
	if binary {
		return []walk.Note{{Path: name, Reason: BinaryNote}}, nil
	}
	if c := s.Options.Cap(); c > 0 && int64(len(data)) > c {
		return nil, fmt.Errorf("standard input (%s) is larger than the %s cap; raise --max-file-size to scan it", name, walk.HumanSize(c))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text, enc, relined, _ := textOf(data)
	fn(File{Path: name, Data: text, Encoding: enc, Relined: relined, Kind: walk.Classify(name)})
	return nil, nil
}
