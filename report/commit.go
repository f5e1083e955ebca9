package report

import (
	"time"

	"github.com/upscan/upscan/rules"
)

// shortCommitLen is how many hex digits of a commit ID people-facing
// formats show (git's own abbreviations start at 7).
const shortCommitLen = 8

// commitDateLayout is how people-facing formats show a commit's author date
// (in UTC, so a report does not depend on the author's time zone).
const commitDateLayout = "2006-01-02"

// shortCommit returns the first shortCommitLen characters of a commit ID.
func shortCommit(id string) string {
	return id[:min(len(id), shortCommitLen)]
}

// commitText describes the commit that introduced a finding (history scans):
// "introduced in 1a2b3c4d by Ada Lovelace on 2025-01-02". Author and date
// are left out when unknown; it returns "" for a nil commit or one without
// an ID. The caller escapes the result for its format.
func commitText(c *rules.Commit) string {
	if c == nil || c.ID == "" {
		return ""
	}
	s := "introduced in " + shortCommit(c.ID)
	if c.Author != "" {
		s += " by " + c.Author
	}
	if !c.Date.IsZero() {
		s += " on " + c.Date.UTC().Format(commitDateLayout)
	}
	return s
}

// jsonCommit is the commit that introduced a finding, in the JSON and SARIF
// formats: the full ID, the author name and the author date (RFC 3339, UTC).
type jsonCommit struct {
	ID     string `json:"id"`
	Author string `json:"author,omitempty"`
	Date   string `json:"date,omitempty"`
}

// newJSONCommit converts c; nil (or no ID) gives nil, so the field is omitted.
func newJSONCommit(c *rules.Commit) *jsonCommit {
	if c == nil || c.ID == "" {
		return nil
	}
	jc := &jsonCommit{ID: c.ID, Author: c.Author}
	if !c.Date.IsZero() {
		jc.Date = c.Date.UTC().Format(time.RFC3339)
	}
	return jc
}
