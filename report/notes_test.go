package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestNotesInEveryFormat: a note about the scan as a whole (a shallow
// history) is shown by every format, where a reader of that format looks.
func TestNotesInEveryFormat(t *testing.T) {
	const note = "shallow clone: --history saw only 1 commit"
	r := &Report{Notes: []string{note}, Stats: Stats{Files: 1}}
	for _, f := range Formats {
		out := string(render(t, f, r, Options{}))
		var want string
		switch f {
		case Text:
			want = "Warning: " + note + "\n"
		case Markdown:
			want = "> **Warning:** " + markdownText(note)
		case GitHub:
			want = "::warning title=upscan::" + note + "\n"
		case JSON:
			var doc struct{ Notes []string }
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Notes) != 1 || doc.Notes[0] != note {
				t.Errorf("json notes = %v (%v), want [%q]", doc.Notes, err, note)
			}
			continue
		case SARIF:
			var doc struct {
				Runs []struct {
					Invocations []struct {
						ToolExecutionNotifications []struct {
							Level   string
							Message struct{ Text string }
						}
					}
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			ns := doc.Runs[0].Invocations[0].ToolExecutionNotifications
			if len(ns) != 1 || ns[0].Level != "warning" || ns[0].Message.Text != note {
				t.Errorf("sarif notifications = %+v, want one warning with the note", ns)
			}
			continue
		case GitLab, GitLabSAST:
			var doc struct {
				Scan struct {
					Messages []struct{ Level, Value string }
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			ms := doc.Scan.Messages
			if len(ms) != 1 || ms[0].Level != "warn" || ms[0].Value != note {
				t.Errorf("%s messages = %+v, want one warn with the note", f, ms)
			}
			continue
		default:
			t.Fatalf("format %s: no expectation", f)
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s output does not show the note %q:\n%s", f, want, out)
		}
	}
	// Without notes, JSON has no notes key (the schema adds it only when
	// there is something to say).
	if out := string(render(t, JSON, &Report{}, Options{})); strings.Contains(out, `"notes"`) {
		t.Errorf("json without notes has a notes key:\n%s", out)
	}
}
