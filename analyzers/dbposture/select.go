package dbposture

import (
	"errors"
	"fmt"
	"strings"
)

// Select picks the databases that refs name, in refs' order: each ref matches
// a database ID exactly, else a name exactly, else a name case-insensitively.
// It serves `upscan db ID|NAME…` on the API's list and on a --file list.
// Errors name the ref: no match (listing up to five names), or a name that
// several databases share (use the ID instead). A database named twice is
// returned once.
func Select(dbs []Database, refs []string) ([]Database, error) {
	var out []Database
	seen := map[int]bool{}
	for _, ref := range refs {
		i, err := find(dbs, ref)
		if err != nil {
			return nil, err
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, dbs[i])
		}
	}
	return out, nil
}

func find(dbs []Database, ref string) (int, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, errors.New("empty database ID or name")
	}
	for i, db := range dbs {
		if db.ID != "" && db.ID == ref {
			return i, nil
		}
	}
	for _, eq := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		strings.EqualFold,
	} {
		match := -1
		for i, db := range dbs {
			if db.Name == "" || !eq(db.Name, ref) {
				continue
			}
			if match >= 0 {
				return 0, fmt.Errorf("several databases are named %q: give the database ID instead", ref)
			}
			match = i
		}
		if match >= 0 {
			return match, nil
		}
	}
	names := make([]string, 0, len(dbs))
	for _, db := range dbs {
		names = append(names, db.Label())
	}
	if len(names) == 0 {
		return 0, fmt.Errorf("no database with ID or name %q: there are no databases", ref)
	}
	return 0, fmt.Errorf("no database with ID or name %q (databases: %s)", ref, list(names))
}
