package dbposture

import (
	"fmt"
	"strings"

	"github.com/upscan/upscan/rules"
)

// Rule IDs of the posture checks; their metadata lives in rules/posture.go.
const (
	RuleTLS                  = "UPS601"
	RuleProdPack             = "UPS602"
	RuleIPAllowlist          = "UPS603"
	RuleEncryptionAtRest     = "UPS604"
	RulePrivateNetwork       = "UPS605"
	RuleMutualTLS            = "UPS606"
	RuleDailyBackup          = "UPS607"
	RuleACL                  = "UPS608"
	RuleACLDefaultUser       = "UPS609"
	RuleMonitoring           = "UPS610"
	RuleBudget               = "UPS611"
	RuleEviction             = "UPS612"
	RuleAutoUpgrade          = "UPS613"
	RuleCredentialProtection = "UPS614"
	RuleSeparateEnvironments = "UPS615"
)

// Status is the outcome of one check on one database. The zero value is
// StatusUnknown.
type Status int8

// The outcomes of a check.
const (
	// StatusUnknown: the input lacks the field the check needs. It costs half
	// the check's weight (docs/posture.md).
	StatusUnknown Status = iota
	// StatusPass: the practice is followed.
	StatusPass
	// StatusFail: the practice is not followed; it costs the check's weight and
	// becomes a finding.
	StatusFail
	// StatusManual: no API field shows the practice; a person must check it. Not scored.
	StatusManual
	// StatusNotApplicable: the check does not apply (e.g. a budget on the free plan). Not scored.
	StatusNotApplicable
)

var statusNames = [...]string{"unknown", "pass", "fail", "manual", "n/a"}

// String returns "unknown", "pass", "fail", "manual" or "n/a".
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText encodes the status as its name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a status name as printed by String.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if string(b) == n {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown check status %q (want one of %s)", b, strings.Join(statusNames[:], ", "))
}

// scored reports whether the status counts towards the score.
func (s Status) scored() bool { return s == StatusPass || s == StatusFail || s == StatusUnknown }

// Result is the outcome of one posture check on one database.
type Result struct {
	RuleID   string         `json:"rule_id"`  // UPS6xx
	Check    string         `json:"check"`    // short column title for the posture table, e.g. "TLS"
	Status   Status         `json:"status"`   // pass, fail, unknown, manual, n/a
	Severity rules.Severity `json:"severity"` // effective severity: may be lower than the rule's on the free plan, or higher
	Message  string         `json:"message"`  // one sentence on the state and the fix; never a secret
	Weight   float64        `json:"weight"`   // points the check is worth when every check is scored (weights sum to 100)
	Lost     float64        `json:"lost"`     // points lost on the 0–100 scale: the weight renormalised over the scored checks; half for unknown
}

// CheckInfo describes one posture check: its rule and the posture table's
// column title.
type CheckInfo struct {
	RuleID string
	Title  string
	Weight float64
}

type check struct {
	CheckInfo
	run func(db Database) (Status, rules.Severity, string)
}

// checks in table order. Weights sum to 100; their rationale is in docs/posture.md.
var checks = []check{
	{CheckInfo{RuleTLS, "TLS", 30}, checkTLS},
	{CheckInfo{RuleIPAllowlist, "IP allow-list", 12}, checkAllowlist},
	{CheckInfo{RuleACL, "ACL", 10}, checkACL},
	{CheckInfo{RuleCredentialProtection, "Cred. protection", 8}, checkCredentialProtection},
	{CheckInfo{RuleEncryptionAtRest, "Enc. at rest", 8}, checkEncryptionAtRest},
	{CheckInfo{RuleDailyBackup, "Daily backup", 8}, checkDailyBackup},
	{CheckInfo{RuleMonitoring, "Prometheus", 6}, checkMonitoring},
	{CheckInfo{RuleBudget, "Budget", 6}, checkBudget},
	{CheckInfo{RuleProdPack, "Prod Pack", 4}, checkProdPack},
	{CheckInfo{RulePrivateNetwork, "VPC/PrivateLink", 2}, checkPrivateNetwork},
	{CheckInfo{RuleMutualTLS, "mTLS", 2}, checkMutualTLS},
	{CheckInfo{RuleACLDefaultUser, "ACL default user", 2}, checkACLDefaultUser},
	{CheckInfo{RuleEviction, "Eviction", 1}, checkEviction},
	{CheckInfo{RuleAutoUpgrade, "Auto-upgrade", 1}, checkAutoUpgrade},
	{CheckInfo{RuleSeparateEnvironments, "Env split", 0}, checkEnvironmentName},
}

// Checks returns every posture check in the order Check reports them: the
// posture table's columns.
func Checks() []CheckInfo {
	out := make([]CheckInfo, len(checks))
	for i, c := range checks {
		out[i] = c.CheckInfo
	}
	return out
}

// Check runs every posture check on db and returns one Result per check, in
// the order of Checks, with Lost filled in. It never fails: missing fields
// give StatusUnknown.
func Check(db Database) []Result {
	out := make([]Result, 0, len(checks))
	for _, c := range checks {
		st, sev, msg := c.run(db)
		out = append(out, Result{RuleID: c.RuleID, Check: c.Title, Status: st, Severity: sev, Message: msg, Weight: c.Weight})
	}
	fillLost(out)
	return out
}

// paidSeverity returns sev for paid (or unknown) tiers and Info on the free
// plan, where the protection is unavailable and the fix is a plan change.
func paidSeverity(db Database, sev rules.Severity) rules.Severity {
	if db.Tier() == TierFree {
		return rules.Info
	}
	return sev
}

func checkTLS(db Database) (Status, rules.Severity, string) {
	switch db.TLS {
	case On:
		return StatusPass, rules.High, "TLS is on"
	case Off:
		return StatusFail, rules.High, "TLS is off, so clients may connect in plaintext; enable it with POST /v2/redis/enable-tls/{id} (it cannot be turned off again)"
	}
	return StatusUnknown, rules.High, "the input has no tls field; check that clients use rediss:// and https:// endpoints"
}

func checkProdPack(db Database) (Status, rules.Severity, string) {
	switch db.ProdPack {
	case On:
		return StatusPass, rules.Low, "Prod Pack is on"
	case Off:
		if db.Tier() == TierFree {
			return StatusFail, rules.Info, "Prod Pack is off and not available on the free plan: no uptime SLA, multi-zone HA, encryption at rest, Prometheus or Credential Protection; move to a paid plan for production data"
		}
		return StatusFail, rules.Low, "Prod Pack is off: no uptime SLA, multi-zone HA, encryption at rest, Prometheus or Credential Protection; enable it in the console or with POST /v2/redis/{id}/change-plan"
	}
	return StatusUnknown, paidSeverity(db, rules.Low), "the input has no prod_pack_enabled field"
}

func checkAllowlist(db Database) (Status, rules.Severity, string) {
	sev := paidSeverity(db, rules.Medium)
	flagOn := db.SecurityAddons.IPAllowlist
	switch {
	case len(db.AllowedIPRanges) > 0:
		for _, r := range db.AllowedIPRanges {
			if r == "0.0.0.0/0" || r == "::/0" || r == "0.0.0.0" {
				return StatusFail, rules.High, fmt.Sprintf("the IP allow-list contains %s, which admits every address; list only your servers' egress ranges (POST /v2/redis/update-allowlist/{id})", r)
			}
		}
		return StatusPass, sev, fmt.Sprintf("the IP allow-list has %d range(s)", len(db.AllowedIPRanges))
	case flagOn == On && db.AllowedIPRanges == nil:
		return StatusPass, sev, "the IP allow-list is on"
	case flagOn == Off, flagOn == Unknown && db.AllowedIPRanges != nil:
		if db.Tier() == TierFree {
			return StatusFail, sev, "any IP address may connect (the IP allow-list is not available on the free plan); a leaked token works from anywhere"
		}
		return StatusFail, sev, "the IP allow-list is empty, so any IP address may connect and a leaked token works from anywhere; add your egress ranges in the console or with POST /v2/redis/update-allowlist/{id}"
	}
	if flagOn == On {
		return StatusUnknown, sev, "securityAddons.ipWhitelisting is on but allowed_ip_ranges is empty; check the allow-list in the console"
	}
	return StatusUnknown, sev, "the input has neither securityAddons.ipWhitelisting nor allowed_ip_ranges"
}

func checkEncryptionAtRest(db Database) (Status, rules.Severity, string) {
	sev := paidSeverity(db, rules.Low)
	switch {
	case db.SecurityAddons.EncryptionAtRest == On:
		return StatusPass, sev, "encryption at rest is on"
	case db.SecurityAddons.EncryptionAtRest == Off:
		return StatusFail, sev, "encryption at rest is off; it comes with Prod Pack (enable Prod Pack in the console or with POST /v2/redis/{id}/change-plan)"
	case db.ProdPack == Off:
		return StatusFail, sev, "encryption at rest cannot be on: it is a Prod Pack feature and Prod Pack is off"
	}
	return StatusUnknown, sev, "the input has no securityAddons.encryptionAtRest field"
}

func checkPrivateNetwork(db Database) (Status, rules.Severity, string) {
	vpc, pl := db.SecurityAddons.VPCPeering, db.SecurityAddons.PrivateLink
	switch {
	case vpc == On || pl == On:
		return StatusPass, rules.Info, "VPC peering or PrivateLink is on"
	case vpc == Off && pl == Off:
		return StatusFail, rules.Info, "no VPC peering or PrivateLink: clients reach the database over the public internet (TLS-protected); private networking is an Enterprise feature, worth it for workloads inside one cloud VPC"
	}
	return StatusUnknown, rules.Info, "the input lacks securityAddons.vpcPeering or securityAddons.privateLink"
}

func checkMutualTLS(db Database) (Status, rules.Severity, string) {
	switch db.SecurityAddons.MutualTLS {
	case On:
		return StatusPass, rules.Info, "mutual TLS is on"
	case Off:
		return StatusFail, rules.Info, "mutual TLS is off: the password or token alone grants access; require client certificates where the plan offers it"
	}
	return StatusUnknown, rules.Info, "the input has no securityAddons.tlsMutualAuth field"
}

func checkDailyBackup(db Database) (Status, rules.Severity, string) {
	sev := paidSeverity(db, rules.Low)
	switch db.DailyBackup {
	case On:
		return StatusPass, sev, "daily backup is on"
	case Off:
		return StatusFail, sev, "daily backup is off: a bad deploy, a development script or an attacker with the token can destroy data for good; enable it with PATCH /v2/redis/enable-dailybackup/{id}"
	}
	return StatusUnknown, sev, "the input has no daily_backup_enabled field"
}

func checkACL(db Database) (Status, rules.Severity, string) {
	sev := paidSeverity(db, rules.Low)
	switch db.ACL {
	case On:
		return StatusPass, sev, "Redis ACL is on"
	case Off:
		return StatusFail, sev, "Redis ACL is off: every client uses the default user, which may run any command on any key; create least-privilege users (ACL SETUSER) and give each app its own token (ACL RESTTOKEN)"
	}
	return StatusUnknown, sev, "the input has no db_acl_enabled field"
}

func checkACLDefaultUser(db Database) (Status, rules.Severity, string) {
	switch {
	case db.ACL == Off:
		return StatusNotApplicable, rules.Info, "Redis ACL is off (see UPS608)"
	case db.ACL == On && db.ACLDefaultUser == On:
		return StatusFail, rules.Info, "ACL is on but the default user is still enabled, so the database password and standard REST token keep full access; disable it once every client has its own ACL user"
	case db.ACL == On && db.ACLDefaultUser == Off:
		return StatusPass, rules.Info, "the default ACL user is disabled"
	}
	return StatusUnknown, rules.Info, "the input lacks db_acl_enabled or db_acl_default_user_status"
}

func checkMonitoring(db Database) (Status, rules.Severity, string) {
	sev := paidSeverity(db, rules.Low)
	switch {
	case db.Prometheus == On:
		return StatusPass, sev, "the Prometheus integration is on"
	case db.Prometheus == Off && db.ProdPack == Off:
		return StatusFail, sev, "no monitoring integration: Prometheus (and Datadog) need Prod Pack, which is off; at least set usage alerts in the console so abuse shows up"
	case db.Prometheus == Off:
		return StatusFail, sev, "the Prometheus integration is off; enable it (or Datadog) in the console and alert on unusual command rates and bandwidth"
	case db.ProdPack == Off:
		return StatusFail, sev, "monitoring cannot be on: Prometheus and Datadog are Prod Pack features and Prod Pack is off"
	}
	return StatusUnknown, sev, "the input has no prometheus_enabled field"
}

func checkBudget(db Database) (Status, rules.Severity, string) {
	switch {
	case db.Tier() == TierFree:
		return StatusNotApplicable, rules.Info, "the free plan has hard limits and no charges"
	case db.Budget == nil:
		return StatusUnknown, rules.Low, "the input has no budget field"
	case *db.Budget <= 0:
		return StatusFail, rules.Low, "no monthly budget cap: abusive traffic raises the bill without limit; set one with PATCH /v2/redis/update-budget/{id}"
	}
	return StatusPass, rules.Low, fmt.Sprintf("the monthly budget is capped at $%g", *db.Budget)
}

func checkEviction(db Database) (Status, rules.Severity, string) {
	switch db.Eviction {
	case Off:
		return StatusPass, rules.Info, "eviction is off"
	case On:
		return StatusFail, rules.Info, "eviction is on: under memory pressure keys vanish silently, including rate-limit counters, sessions and locks; disable it with POST /v2/redis/disable-eviction/{id} unless the database is a pure cache"
	}
	return StatusUnknown, rules.Info, "the input has no eviction field"
}

func checkAutoUpgrade(db Database) (Status, rules.Severity, string) {
	switch db.AutoUpgrade {
	case Off:
		return StatusPass, rules.Info, "auto-upgrade is off"
	case On:
		return StatusFail, rules.Info, "auto-upgrade is on: a traffic spike, abusive or not, moves the database to a bigger plan without review; keep a budget cap and usage alerts, or disable it with POST /v2/redis/disable-autoupgrade/{id}"
	}
	return StatusUnknown, rules.Info, "the input has no auto_upgrade field"
}

func checkCredentialProtection(db Database) (Status, rules.Severity, string) {
	if db.ProdPack == Off {
		return StatusFail, paidSeverity(db, rules.Low), "Credential Protection cannot be on: it is a Prod Pack feature and Prod Pack is off, so Upstash stores the credentials and console users can read them"
	}
	return StatusManual, paidSeverity(db, rules.Low), "no API field shows Credential Protection: check Configuration → Protect Credentials on the database's console page"
}

func checkEnvironmentName(db Database) (Status, rules.Severity, string) {
	prod, other := classifyName(db.Name)
	if len(prod) > 0 && len(other) > 0 {
		return StatusFail, rules.Info, fmt.Sprintf("the name %q suggests one database for production (%s) and other environments (%s); give each environment its own database", db.Name, prod[0], other[0])
	}
	return StatusManual, rules.Info, "no API field shows which environments use this database: confirm that development, preview and CI do not share it with production"
}
