package dbposture

import (
	"fmt"

	"github.com/upscan/upscan/rules"
)

// Findings turns the failed results of db (from Check) into findings. They have no file: Path is "" and the
// database is named in Message ("database \"MyRedis\": TLS is off …") and in
// Logical (db.LogicalName(), "upstash/redis/MyRedis"), which report writers
// use as the SARIF logical location. The
// fingerprint hashes the rule and the database ID (else its name), so a
// baseline keeps matching while the database exists. Passing, unknown, manual
// and not-applicable results give no finding.
func Findings(db Database, results []Result) []rules.Finding {
	var out []rules.Finding
	for _, r := range results {
		if r.Status != StatusFail {
			continue
		}
		f := rules.Finding{
			RuleID:   r.RuleID,
			Severity: r.Severity,
			Message:  fmt.Sprintf("database %q: %s", db.Label(), r.Message),
			Logical:  db.LogicalName(),
		}
		key := db.ID
		if key == "" {
			key = db.Name
		}
		f.SetKey("upstash-redis-database " + key)
		out = append(out, f)
	}
	return out
}
