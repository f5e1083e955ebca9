package rules

import "fmt"

// ID is a rule's stable identifier: "UPS" and three digits, "UPS401". IDs are
// a contract with users (baselines, inline ignores, .upscan.toml): never
// changed, never reused. Analyzers name the rule they report with one of the
// constants below, never with a string literal; Finding.RuleID holds the
// ID's text (string(id)).
type ID string

// String returns the ID as users write it: "UPS401".
func (id ID) String() string { return string(id) }

// The rule IDs, one per catalogue entry, named after the rule's Name.
const (
	// Meta (UPS0xx): upscan's own rules about its input.
	UnusedIgnore ID = "UPS001"

	// Credentials (UPS1xx): hardcoded Upstash credentials.
	RedisRESTToken     ID = "UPS101"
	RedisReadOnlyToken ID = "UPS102"
	RedisURLPassword   ID = "UPS103"
	QStashToken        ID = "UPS104"
	QStashSigningKey   ID = "UPS105"
	VectorSearchToken  ID = "UPS106"
	DeveloperAPIKey    ID = "UPS107"
	KafkaCredential    ID = "UPS108"
	UnrecognisedToken  ID = "UPS109"

	// Exposure (UPS2xx): tokens that reach the browser.
	TokenInPublicEnvVar ID = "UPS201"
	TokenInClientCode   ID = "UPS202"
	TokenInBuildConfig  ID = "UPS203"
	TokenInBuiltAssets  ID = "UPS204"

	// Transport (UPS3xx): plaintext and unverified connections.
	PlaintextUpstashURL     ID = "UPS301"
	TLSVerificationDisabled ID = "UPS302"
	TCPClientWithoutTLS     ID = "UPS303"

	// Rate limiting (UPS4xx).
	EndpointWithoutRateLimit ID = "UPS401"
	RateLimitResultIgnored   ID = "UPS402"
	RateLimitWeakIdentifier  ID = "UPS403"
	RateLimitOffRequestPath  ID = "UPS404"

	// Scope (UPS5xx): token scope, environments, QStash receivers.
	ReadOnlyTokenSuffices            ID = "UPS501"
	DatabaseSharedAcrossEnvironments ID = "UPS502"
	QStashDevModeInProduction        ID = "UPS503"
	QStashWebhookUnverified          ID = "UPS504"
	QStashVerifyWithoutURL           ID = "UPS505"

	// Posture (UPS6xx): database settings, from the Developer API and Terraform.
	DBTLSDisabled              ID = "UPS601"
	DBProdPackDisabled         ID = "UPS602"
	DBIPAllowlistEmpty         ID = "UPS603"
	DBEncryptionAtRestDisabled ID = "UPS604"
	DBPrivateNetworkAbsent     ID = "UPS605"
	DBMutualTLSDisabled        ID = "UPS606"
	DBDailyBackupDisabled      ID = "UPS607"
	DBACLDisabled              ID = "UPS608"
	DBACLDefaultUserEnabled    ID = "UPS609"
	DBMonitoringDisabled       ID = "UPS610"
	DBBudgetUnset              ID = "UPS611"
	DBEvictionEnabled          ID = "UPS612"
	DBAutoUpgradeEnabled       ID = "UPS613"
	DBCredentialProtection     ID = "UPS614"
	DBSharedEnvironments       ID = "UPS615"
	TerraformOutputCredential  ID = RuleTerraformOutputCredential
)

// Family is the group a rule belongs to: the pass or analyzer that owns its
// detection, messages and severities. The zero value is no family; every
// rule in the catalogue has one (a test checks), and a rule's family is the
// hundreds digit of its ID.
type Family uint8

// The families, in ID order.
const (
	Meta        Family = iota + 1 // UPS0xx: upscan's own rules (the scan)
	Credentials                   // UPS1xx: hardcoded credentials (analyzers/secrets)
	Exposure                      // UPS2xx: tokens that reach the browser
	Transport                     // UPS3xx: plaintext and unverified connections
	RateLimit                     // UPS4xx: rate limiting (analyzers/ratelimit)
	Scope                         // UPS5xx: token scope and environments (analyzers/scope)
	Posture                       // UPS6xx: database posture (analyzers/dbposture, analyzers/terraform)
)

var familyNames = [...]string{"", "meta", "credentials", "exposure", "transport", "rate limiting", "scope", "posture"}

// String returns the family's lower-case name: "credentials", "rate
// limiting"; "family(N)" for a value that is none of the constants.
func (f Family) String() string {
	if f < Meta || int(f) >= len(familyNames) {
		return fmt.Sprintf("family(%d)", uint8(f))
	}
	return familyNames[f]
}

// Get returns the catalogue entry of id, or nil when no rule has that ID.
// Use Lookup for IDs a user typed.
func Get(id ID) *Rule {
	return catalogue[id]
}
