package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStagedCorruptIndex: git reads a truncated index without checking its
// checksum and prints records without a path or object; Staged refuses the
// index whatever the point of truncation, naming the file.
func TestStagedCorruptIndex(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n"})
	r.git("add", ".")
	r.commit("base")
	r.write(map[string]string{"new.txt": "staged\n", "a.txt": "changed\n"})
	r.git("add", ".")
	index := filepath.Join(r.dir, ".git", "index")
	good, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if g := collect(t, Staged{Dir: r.dir}); len(g.files) != 2 {
		t.Fatalf("intact index: %v", g.contents())
	}
	for n := 0; n < len(good); n++ {
		if err := os.WriteFile(index, good[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := tryCollect(t, Staged{Dir: r.dir})
		if err == nil {
			t.Fatalf("index truncated to %d of %d bytes: no error", n, len(good))
		}
		if !strings.Contains(err.Error(), index) {
			t.Fatalf("index truncated to %d bytes: error %q does not name %s", n, err, index)
		}
	}
	// One flipped byte in an entry's path.
	damaged := append([]byte(nil), good...)
	i := strings.Index(string(damaged), "new.txt")
	damaged[i] = 'N'
	if err := os.WriteFile(index, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := tryCollect(t, Staged{Dir: r.dir}); !errors.Is(err, errCorruptIndex) {
		t.Errorf("damaged index: error %v, want errCorruptIndex", err)
	}
	// A hook's own index (GIT_INDEX_FILE) is the one checked.
	hookIndex := filepath.Join(r.dir, ".git", "next-index.lock")
	if err := os.WriteFile(index, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hookIndex, good[:len(good)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_INDEX_FILE", hookIndex)
	if _, err := tryCollect(t, Staged{Dir: r.dir}); !errors.Is(err, errCorruptIndex) || !strings.Contains(err.Error(), "next-index.lock") {
		t.Errorf("truncated GIT_INDEX_FILE: error %v, want errCorruptIndex naming it", err)
	}
}

// TestCheckIndexEntry: the records a damaged index makes git print (an
// index written with index.skipHash has no checksum to catch them).
func TestCheckIndexEntry(t *testing.T) {
	oid := strings.Repeat("ab", 20)
	zero := strings.Repeat("0", 40)
	for _, tt := range []struct {
		e  rawEntry
		ok bool
	}{
		{rawEntry{path: "a/b.txt", dstOID: oid, status: 'A'}, true},
		{rawEntry{path: "a.txt", dstOID: zero, status: 'D'}, true},
		{rawEntry{path: "", dstOID: oid, status: 'A'}, false},
		{rawEntry{path: "./", dstOID: oid, status: 'A'}, false},
		{rawEntry{path: "a//b", dstOID: oid, status: 'A'}, false},
		{rawEntry{path: "../x", dstOID: oid, status: 'A'}, false},
		{rawEntry{path: "/etc/passwd", dstOID: oid, status: 'A'}, false},
		{rawEntry{path: "x/.git/config", dstOID: oid, status: 'M'}, false},
		{rawEntry{path: "a.txt", dstOID: zero, status: 'A'}, false},
	} {
		err := checkIndexEntry(tt.e)
		if (err == nil) != tt.ok {
			t.Errorf("checkIndexEntry(%+v) = %v, want ok=%v", tt.e, err, tt.ok)
		}
		if err != nil && !errors.Is(err, errCorruptIndex) {
			t.Errorf("checkIndexEntry(%+v) = %v, does not wrap errCorruptIndex", tt.e, err)
		}
	}
}

// TestHistoryMissingObjects: a repository whose objects are gone is an
// error with git's message, never an empty (clean) history.
func TestHistoryMissingObjects(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"a.txt": "a\n"})
	r.git("add", ".")
	r.commit("one")
	if err := os.RemoveAll(filepath.Join(r.dir, ".git", "objects")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(r.dir, ".git", "objects"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := tryCollect(t, History{Dir: r.dir})
	if err == nil || !strings.Contains(err.Error(), "bad object") {
		t.Errorf("history without objects: error %v, want git's \"bad object\"", err)
	}
}

// TestShallow: a shallow clone is reported as one, and a revision beyond
// its history says how to fetch more.
func TestShallow(t *testing.T) {
	r := newRepo(t)
	for _, c := range []string{"one", "two", "three"} {
		r.write(map[string]string{"f.txt": c + "\n"})
		r.git("add", ".")
		r.commit(c)
	}
	if shallow, err := IsShallow(r.dir); err != nil || shallow {
		t.Errorf("IsShallow(full clone) = %v, %v", shallow, err)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	if shallow, err := IsShallow(clone); err != nil || !shallow {
		t.Errorf("IsShallow(depth 1) = %v, %v", shallow, err)
	}
	err := VerifyRevision(clone, "HEAD~2")
	if err == nil || !strings.Contains(err.Error(), "shallow clone: fetch more history (fetch-depth: 0") {
		t.Errorf("VerifyRevision beyond a shallow history: %v", err)
	}
	if err := VerifyRevision(r.dir, "HEAD~5"); err == nil || strings.Contains(err.Error(), "shallow") {
		t.Errorf("VerifyRevision in a full clone: %v, want no shallow hint", err)
	}
	if _, err := IsShallow(t.TempDir()); !errors.Is(err, ErrNotGitRepo) {
		t.Errorf("IsShallow outside a repository: %v", err)
	}
}
