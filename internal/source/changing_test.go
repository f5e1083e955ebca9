package source

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/upscan/upscan/internal/walk"
)

// TestReadRemoved: a file listed by the walk and removed before it is read
// is a skip note, not an error.
func TestReadRemoved(t *testing.T) {
	r := reader{}
	_, note := r.read(walk.Entry{Path: "gone.txt", Abs: filepath.Join(t.TempDir(), "gone.txt")})
	if note == nil || note.Err != nil || note.Reason != walk.RemovedNote {
		t.Errorf("note = %+v, want a %q skip note", note, walk.RemovedNote)
	}
}

// TestWorkTreeChanging: the first file read removes every other file and
// directory; the rest of the tree is skipped or noted, without an error.
func TestWorkTreeChanging(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 30 {
		files[filepath.Join("d"+string(rune('a'+i)), "f.txt")] = "x"
		files["top"+string(rune('a'+i))+".txt"] = "x"
	}
	writeFiles(t, dir, files)
	var once sync.Once
	notes, err := WorkTree{Roots: []string{dir}}.Each(context.Background(), 1, func(File) {
		once.Do(func() {
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		if n.Err != nil {
			t.Errorf("error note for a removed path: %v", n)
		}
	}
}
