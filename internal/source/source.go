// Package source supplies the bytes a code scan analyzes: File values read
// once each from the work tree (walk.Walk's files) by a bounded reader pool,
// or from git: the index (Staged), the changes since a revision (Diff) or
// every blob in the history (History).
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/upscan/upscan/internal/walk"
	"github.com/upscan/upscan/rules"
)

// File is one file's bytes as the analyzers see it.
type File struct {
	// Path is the slash-separated display path (walk.Entry.Path).
	Path string
	// Data is the whole content as text; fn owns it and may keep it. A
	// UTF-16 file (Encoding) is decoded to UTF-8, so columns count bytes
	// of the decoded text, and a lone carriage return (a classic Mac OS
	// line end) reads as a line feed, so lines count as editors and SARIF
	// count them; offsets otherwise match the file's bytes.
	Data []byte
	// Encoding is the encoding Data was decoded from.
	Encoding Encoding
	// Relined reports that Data's line numbers differ from those git
	// counts (UTF-16, or lone carriage returns): line ranges from git do
	// not apply to it, so Diff reports every line of such a file.
	Relined bool
	// Ignored reports that git ignores the file (walk.Entry.Ignored).
	Ignored bool
	// Kind classifies the file: source, build output or env file.
	Kind walk.Kind
	// Changed, when non-nil, lists the only lines on which findings are
	// reported: for --diff, the lines added since the base revision, as
	// 1-based inclusive ranges in ascending order. nil means every line
	// counts; an empty non-nil slice means none does (a pure rename). The
	// analyzers still see the whole file as context. See Scope.
	Changed []LineRange
	// Commit is the commit that introduced this content (--history): the
	// oldest commit walked in which the blob appears. nil otherwise.
	Commit *rules.Commit
	// Abs is the OS path the work tree's Data was read from (walk.Entry.Abs),
	// so that a later pass can read it again (Reread) instead of keeping
	// its bytes; "" for a git blob.
	Abs string
}

// Reread returns f with Data read again from f.Abs, decoded as the first
// read decoded it. It fails when f came from git (no Abs) or the file is
// gone, unreadable or no longer text.
func Reread(f File) (File, error) {
	if f.Abs == "" {
		return f, fmt.Errorf("%s: not a work-tree file", f.Path)
	}
	var r reader
	g, note := r.read(walk.Entry{Path: f.Path, Abs: f.Abs, Ignored: f.Ignored, Kind: f.Kind})
	if note != nil {
		if note.Err != nil {
			return f, note.Err
		}
		return f, fmt.Errorf("%s: %s", f.Path, note.Reason)
	}
	g.Changed, g.Commit = f.Changed, f.Commit
	return g, nil
}

// binarySniffLen is how many leading bytes IsBinary inspects, as git does
// (xdiff's buffer_is_binary looks at the first 8000 bytes).
const binarySniffLen = 8000

// IsBinary reports whether data looks binary: a NUL byte in its first 8000
// bytes. Invalid UTF-8 alone does not make a file binary.
func IsBinary(data []byte) bool {
	if len(data) > binarySniffLen {
		data = data[:binarySniffLen]
	}
	return bytes.IndexByte(data, 0) >= 0
}

// BinaryNote is the walk.Note reason for a file skipped as binary.
const BinaryNote = "binary"

// WorkTree reads the files walk.Walk finds under Roots.
type WorkTree struct {
	// Roots are files or directories; a trailing "/..." is accepted; none
	// means ".".
	Roots []string
	// Options are passed to walk.Walk (ignore handling, size cap).
	Options walk.Options
}

// Each calls fn for every readable, non-binary file under the roots, from up
// to jobs goroutines at once (jobs <= 0 means runtime.GOMAXPROCS(0)); fn must
// be safe for concurrent use. Each file is opened and read exactly once.
//
// It returns the walk's notes plus one note per file that could not be read
// (Err set), turned out binary, or grew past the size cap since it was
// listed, sorted by path. The error is walk.Walk's fatal error (a missing
// root, named) or ctx.Err() when ctx is cancelled.
func (w WorkTree) Each(ctx context.Context, jobs int, fn func(File)) ([]walk.Note, error) {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	entries := make(chan walk.Entry, 4*jobs)
	var (
		mu    sync.Mutex
		notes []walk.Note
		wg    sync.WaitGroup
	)
	addNote := func(n walk.Note) {
		mu.Lock()
		notes = append(notes, n)
		mu.Unlock()
	}
	for range jobs {
		wg.Go(func() {
			r := reader{cap: w.Options.Cap(), capNote: w.Options.CapNote()}
			for e := range entries {
				if ctx.Err() != nil {
					continue // drain
				}
				f, note := r.read(e)
				if note != nil {
					addNote(*note)
					continue
				}
				fn(f)
			}
		})
	}
	walkNotes, err := walk.Walk(ctx, w.Roots, w.Options, func(e walk.Entry) {
		select {
		case entries <- e:
		case <-ctx.Done():
		}
	})
	close(entries)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	notes = append(notes, walkNotes...)
	walk.SortNotes(notes)
	return notes, nil
}

// reader reads files for one worker goroutine.
type reader struct {
	cap     int64 // 0: no cap
	capNote string
}

// read returns e as a File with its text (textOf), or a note saying why
// there is none.
func (r *reader) read(e walk.Entry) (File, *walk.Note) {
	data, note := r.readBytes(e)
	if note != nil {
		return File{}, note
	}
	text, enc, relined, binary := textOf(data)
	if binary {
		return File{}, &walk.Note{Path: e.Path, Reason: BinaryNote}
	}
	return File{Path: e.Path, Data: text, Encoding: enc, Relined: relined, Ignored: e.Ignored, Kind: e.Kind, Abs: e.Abs}, nil
}

// readBytes returns the content of e, or a note saying why there is none.
func (r *reader) readBytes(e walk.Entry) ([]byte, *walk.Note) {
	f, err := openNonBlocking(e.Abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &walk.Note{Path: e.Path, Reason: walk.RemovedNote}
		}
		return nil, &walk.Note{Path: e.Path, Reason: "unreadable", Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &walk.Note{Path: e.Path, Reason: "unreadable", Err: err}
	}
	if !fi.Mode().IsRegular() {
		// Replaced by a FIFO or device since the walk listed it: the
		// non-blocking open did not hang, and it is not read.
		return nil, &walk.Note{Path: e.Path, Reason: "not a regular file; not read"}
	}
	size := fi.Size()
	if r.cap > 0 && size > r.cap {
		return nil, &walk.Note{Path: e.Path, Reason: r.capNote}
	}
	// Read one byte past the expected size (and the cap) to see growth;
	// files that report size 0 (procfs) are read until EOF.
	limit := int64(-1)
	if r.cap > 0 {
		limit = r.cap + 1
	}
	data, binary, err := readAll(f, size, limit)
	if err != nil {
		return nil, &walk.Note{Path: e.Path, Reason: "unreadable", Err: fmt.Errorf("read %s: %w", e.Abs, err)}
	}
	if binary {
		return nil, &walk.Note{Path: e.Path, Reason: BinaryNote}
	}
	if r.cap > 0 && int64(len(data)) > r.cap {
		return nil, &walk.Note{Path: e.Path, Reason: r.capNote}
	}
	return data, nil
}

// readAll reads f to EOF into a buffer sized for size bytes, stopping after
// limit bytes when limit >= 0. It stops early, with binary set, once the
// first 8000 bytes are in and they are binary (IsBinary, and not UTF-16): a
// large binary file is not read past its head.
func readAll(f io.Reader, size, limit int64) (data []byte, binary bool, err error) {
	if limit >= 0 {
		f = io.LimitReader(f, limit)
		if size > limit {
			size = limit
		}
	}
	buf := make([]byte, 0, size+1)
	sniffed := false
	for {
		if !sniffed && len(buf) >= binarySniffLen {
			if binaryHead(buf) {
				return nil, true, nil
			}
			sniffed = true
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := cap(buf)
		if !sniffed && end > binarySniffLen {
			end = binarySniffLen
		}
		n, err := f.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			if !sniffed && binaryHead(buf) {
				return nil, true, nil
			}
			return buf, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}
