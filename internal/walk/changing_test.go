package walk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestListRemoved: a directory removed after its parent was listed is a
// skip note, not a read error (which would make the CLI exit 2).
func TestListRemoved(t *testing.T) {
	dir := t.TempDir()
	rt := &root{real: dir, isDir: true}
	w := &walker{ctx: context.Background(), dirs: map[dirID]struct{}{}}
	ds := dirState{rt: rt, abs: filepath.Join(dir, "gone"), rel: "gone"}
	if _, ok := w.list(ds); ok {
		t.Fatal("list of a missing directory succeeded")
	}
	if len(w.notes) != 1 || w.notes[0].Err != nil || w.notes[0].Reason != RemovedNote {
		t.Errorf("notes = %v, want one %q skip note", w.notes, RemovedNote)
	}
}

// TestWalkTreeChanging: files and directories removed while the walk runs
// are skipped or noted, never errors; the walk ends.
func TestWalkTreeChanging(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"first.txt": "x"}
	for i := range 40 {
		for j := range 5 {
			files[filepath.Join("d"+strings.Repeat("x", i%7), "s"+string(rune('a'+i)), "f"+string(rune('a'+j))+".txt")] = "x"
		}
	}
	writeFiles(t, dir, files)
	var once sync.Once
	notes, err := Walk(context.Background(), []string{dir}, Options{}, func(Entry) {
		once.Do(func() {
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if e.IsDir() {
					os.RemoveAll(filepath.Join(dir, e.Name()))
				}
			}
		})
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	for _, n := range notes {
		if n.Err != nil {
			t.Errorf("note with an error for a removed path: %v", n)
		}
	}
}
