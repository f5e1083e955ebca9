package rules

import "strings"

// Database posture rules (UPS6xx): checks on an Upstash Redis database's
// configuration, read from the Developer API (`upscan db`) and from
// Terraform `upstash_redis_database` resources (analyzers/terraform). The checks themselves are in
// analyzers/dbposture; weights and grades are in docs/posture.md. Facts:
// UPSTASH.md §5.3 (fields), §6 (Terraform), §7 (Upstash's guidance).

// postureHardened is a Terraform resource with every setting Terraform can
// express hardened; the Good example of each posture rule starts from it.
var postureHardened = []string{
	`database_name  = "shop-prod"`,
	`region         = "global"`,
	`primary_region = "us-east-1"`,
	`tls            = true`,
	`prod_pack      = true`,
	`eviction       = false`,
	`auto_scale     = false`,
	`budget         = 100`,
	`ip_allowlist   = ["203.0.113.0/24"]`,
}

// postureTF renders an upstash_redis_database resource from postureHardened
// with the attributes named in change replaced (an empty value removes one).
func postureTF(change map[string]string) []Example {
	var b strings.Builder
	b.WriteString("resource \"upstash_redis_database\" \"shop\" {\n")
	for _, line := range postureHardened {
		key := strings.TrimSpace(strings.SplitN(line, "=", 2)[0])
		if v, ok := change[key]; ok {
			if v == "" {
				continue
			}
			line = key + strings.Repeat(" ", max(1, 15-len(key))) + "= " + v
		}
		b.WriteString("  " + line + "\n")
	}
	b.WriteString("}\n")
	return []Example{{Path: "main.tf", Content: b.String()}}
}

func postureGood() []Example { return postureTF(nil) }

// DatabaseExamplePath is the Path of the posture rules' examples that are a
// Developer API database object (GET /v2/redis/database/{id}, UPSTASH.md §5.3)
// rather than a file: the rules Terraform cannot express (UPS605–UPS609).
// `upscan db --file` reads such an object; the code scan does not, so tests
// that run examples through the scanner skip this path.
const DatabaseExamplePath = "upstash-db.json"

// postureAPIHardened is a paid database object with every setting the
// Developer API shows hardened; FAKE ID, no credentials.
var postureAPIHardened = []string{
	`"database_id": "0f0f0f0f-2222-4333-8444-555566667777"`,
	`"database_name": "shop-prod"`,
	`"type": "paid"`,
	`"tls": true`,
	`"prod_pack_enabled": true`,
	`"daily_backup_enabled": true`,
	`"db_acl_enabled": "true"`,
	`"db_acl_default_user_status": "false"`,
	`"prometheus_enabled": "true"`,
	`"budget": 100`,
	`"eviction": false`,
	`"auto_upgrade": false`,
	`"allowed_ip_ranges": ["203.0.113.0/24"]`,
	`"securityAddons": {"ipWhitelisting": true, "vpcPeering": true, "privateLink": false, "tlsMutualAuth": true, "encryptionAtRest": true}`,
}

// postureAPI renders a database object from postureAPIHardened with the
// fields named in change replaced (the value is the JSON after the colon).
func postureAPI(change map[string]string) []Example {
	var b strings.Builder
	b.WriteString("{\n")
	for i, line := range postureAPIHardened {
		key := strings.Trim(strings.SplitN(line, ":", 2)[0], `"`)
		if v, ok := change[key]; ok {
			line = `"` + key + `": ` + v
		}
		b.WriteString("  " + line)
		if i < len(postureAPIHardened)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return []Example{{Path: DatabaseExamplePath, Content: b.String()}}
}

func init() {
	Register(&Rule{
		ID:       DBTLSDisabled,
		Family:   Posture,
		Name:     "db-tls-disabled",
		Severity: High,
		Practice: 3,
		CWE:      []int{319},
		Short:    "Upstash Redis database has TLS turned off",
		Help: `The database accepts unencrypted connections: passwords, REST tokens and data cross the
network in plaintext. Upstash has enforced TLS on every database since April 2025, so only older databases
can be in this state, and Terraform's ` + "`tls`" + ` attribute still defaults to ` + "`false`" + `.

**Fix:** enable TLS in the console or with ` + "`POST /v2/redis/enable-tls/{id}`" + ` (there is no way back),
set ` + "`tls = true`" + ` in Terraform, and connect with ` + "`rediss://`" + ` and ` + "`https://`" + ` URLs only.`,
		Bad:  postureTF(map[string]string{"tls": "false"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBProdPackDisabled,
		Family:   Posture,
		Name:     "db-prod-pack-disabled",
		Severity: Low,
		Practice: 6,
		CWE:      []int{693},
		Short:    "Upstash Redis database runs without Prod Pack",
		Help: `Prod Pack is the add-on that brings a 99.99% uptime SLA, multi-zone high availability, encryption at
rest, Prometheus and Datadog monitoring, SOC-2 report access and Credential Protection. Without it a
production database has none of these (UPS604, UPS610 and UPS614 report the security parts). It is not
available on the free plan, where this rule reports at info.

**Fix:** enable Prod Pack on the database's console page, with ` + "`POST /v2/redis/{id}/change-plan`" + `
(` + "`prod_pack_enabled: true`" + `), or ` + "`prod_pack = true`" + ` in Terraform.`,
		Bad:  postureTF(map[string]string{"prod_pack": "false"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBIPAllowlistEmpty,
		Family:   Posture,
		Name:     "db-ip-allowlist-empty",
		Severity: Medium,
		Practice: 1,
		CWE:      []int{284},
		Short:    "Upstash Redis database accepts connections from any IP address",
		Help: `With no IP allow-list, anyone holding a leaked password or REST token can use it from anywhere.
An allow-list limits the damage of a leak to your own servers' addresses. A range of ` + "`0.0.0.0/0`" + `
admits everything and is reported at high. The allow-list is available on every plan except free (info there).

**Fix:** add your servers' egress ranges on the console's Configuration page, with
` + "`POST /v2/redis/update-allowlist/{id}`" + ` and ` + "`{\"allowed_ips\": [\"203.0.113.0/24\"]}`" + `, or set
` + "`ip_allowlist`" + ` in Terraform. Serverless platforms without fixed egress IPs need a static-IP egress first.`,
		Bad:  postureTF(map[string]string{"ip_allowlist": ""}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBEncryptionAtRestDisabled,
		Family:   Posture,
		Name:     "db-encryption-at-rest-disabled",
		Severity: Low,
		Practice: 3,
		CWE:      []int{311},
		Short:    "Upstash Redis database data is not encrypted at rest",
		Help: `Encryption at rest (` + "`securityAddons.encryptionAtRest`" + `) protects the stored data and its
backups on Upstash's disks. It is a Prod Pack feature, so it is off whenever Prod Pack is off.

**Fix:** enable Prod Pack (console, ` + "`POST /v2/redis/{id}/change-plan`" + `, or ` + "`prod_pack = true`" + `
in Terraform). For data that must stay confidential even from the provider, also encrypt values client-side.`,
		Bad:  postureTF(map[string]string{"prod_pack": "false"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBPrivateNetworkAbsent,
		Family:   Posture,
		Name:     "db-private-network-absent",
		Severity: Info,
		Practice: 3,
		CWE:      []int{923},
		Short:    "Upstash Redis database is reachable only over the public internet",
		Help: `Neither VPC peering nor AWS PrivateLink (` + "`securityAddons.vpcPeering`" + `,
` + "`securityAddons.privateLink`" + `) is set up, so clients reach the database over the public internet.
TLS still protects the traffic; a private path also keeps the endpoint off the internet. It is an Enterprise
feature, so this rule is informational.

**Fix:** for workloads running inside one cloud VPC, ask Upstash for VPC peering or PrivateLink (Enterprise).
Terraform cannot show this setting; ` + "`upscan db`" + ` reads it from the Developer API.`,
		Bad:  postureAPI(map[string]string{"securityAddons": `{"ipWhitelisting": true, "vpcPeering": false, "privateLink": false, "tlsMutualAuth": true, "encryptionAtRest": true}`}),
		Good: postureAPI(nil),
	})
	Register(&Rule{
		ID:       DBMutualTLSDisabled,
		Family:   Posture,
		Name:     "db-mutual-tls-disabled",
		Severity: Info,
		Practice: 3,
		CWE:      []int{308},
		Short:    "Upstash Redis database does not require client certificates",
		Help: `Without mutual TLS (` + "`securityAddons.tlsMutualAuth`" + `) the password or REST token alone
grants access. Client certificates add a second factor that a leaked token does not carry. Whether it is
offered depends on the plan, so this rule is informational.

**Fix:** where your plan offers it, enable mutual TLS and give each server a client certificate.
Terraform cannot show this setting; ` + "`upscan db`" + ` reads it from the Developer API.`,
		Bad:  postureAPI(map[string]string{"securityAddons": `{"ipWhitelisting": true, "vpcPeering": true, "privateLink": false, "tlsMutualAuth": false, "encryptionAtRest": true}`}),
		Good: postureAPI(nil),
	})
	Register(&Rule{
		ID:       DBDailyBackupDisabled,
		Family:   Posture,
		Name:     "db-daily-backup-disabled",
		Severity: Low,
		Practice: 4,
		CWE:      []int{693},
		Short:    "Upstash Redis database has no daily backup",
		Help: `Without daily backups, a faulty deploy, a development script pointed at the wrong database, or an
attacker with the standard token (` + "`FLUSHALL`" + `) destroys data for good. Upstash's production checklist
asks for daily backups. Reported at info on the free plan.

**Fix:** enable daily backups on the console's Backups tab or with
` + "`PATCH /v2/redis/enable-dailybackup/{id}`" + `. Terraform cannot show this setting; ` + "`upscan db`" + ` reads
it from the Developer API.`,
		Bad:  postureAPI(map[string]string{"daily_backup_enabled": "false"}),
		Good: postureAPI(nil),
	})
	Register(&Rule{
		ID:       DBACLDisabled,
		Family:   Posture,
		Name:     "db-acl-disabled",
		Severity: Low,
		Practice: 1,
		CWE:      []int{250},
		Short:    "Upstash Redis database uses no ACL users",
		Help: `With ACL off (` + "`db_acl_enabled: \"false\"`" + `) every client connects as the default user,
which may run any command on any key. Scoped ACL users limit what a leaked credential or a compromised
service can do, the "use tokens appropriately" practice applied to the server side.

**Fix:** create least-privilege users (` + "`ACL SETUSER app on >pass ~app:* +@read +@write`" + `), give
REST clients their own token with ` + "`ACL RESTTOKEN app pass`" + `, and hand out the read-only token where
reads suffice. Terraform cannot show this setting; ` + "`upscan db`" + ` reads it from the Developer API.`,
		Bad:  postureAPI(map[string]string{"db_acl_enabled": `"false"`}),
		Good: postureAPI(nil),
	})
	Register(&Rule{
		ID:       DBACLDefaultUserEnabled,
		Family:   Posture,
		Name:     "db-acl-default-user-enabled",
		Severity: Info,
		Practice: 1,
		CWE:      []int{1188},
		Short:    "Upstash Redis database keeps the full-access default user next to ACL users",
		Help: `ACL users exist, but the ` + "`default`" + ` user is still enabled
(` + "`db_acl_default_user_status: \"true\"`" + `), so the database password and the standard REST token keep
full access to every key.

**Fix:** once every client uses its own ACL user, disable the default user (` + "`ACL SETUSER default off`" + `).
Terraform cannot show this setting; ` + "`upscan db`" + ` reads it from the Developer API.`,
		Bad:  postureAPI(map[string]string{"db_acl_default_user_status": `"true"`}),
		Good: postureAPI(nil),
	})
	Register(&Rule{
		ID:       DBMonitoringDisabled,
		Family:   Posture,
		Name:     "db-monitoring-disabled",
		Severity: Low,
		Practice: 6,
		CWE:      []int{778},
		Short:    "Upstash Redis database has no monitoring integration",
		Help: `Best practice #6 asks for alerts on unusual usage, the first sign of a leaked token being abused.
The Prometheus integration (` + "`prometheus_enabled`" + `) is off; it and Datadog are Prod Pack features.

**Fix:** enable Prod Pack and the Prometheus (or Datadog) integration on the console's Monitoring page, and
alert on command rate, bandwidth and cost. Console usage alerts are not visible through the API: if you
use them, note this finding in a baseline.`,
		Bad:  postureTF(map[string]string{"prod_pack": "false"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBBudgetUnset,
		Family:   Posture,
		Name:     "db-budget-unset",
		Severity: Low,
		Practice: 6,
		CWE:      []int{770},
		Short:    "Upstash Redis database has no monthly budget cap",
		Help: `Upstash bills per request: without a budget (` + "`budget`" + ` unset or 0), abusive traffic through a
leaked token or an unlimited public endpoint raises the bill without limit. The free plan has hard limits
instead and is not checked.

**Fix:** set a monthly budget on the console's Usage page, with ` + "`PATCH /v2/redis/update-budget/{id}`" + `
and ` + "`{\"budget\": 100}`" + `, or ` + "`budget = 100`" + ` in Terraform (whose default is 20).`,
		Bad:  postureTF(map[string]string{"budget": "0"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBEvictionEnabled,
		Family:   Posture,
		Name:     "db-eviction-enabled",
		Severity: Info,
		Practice: 5,
		CWE:      []int{799},
		Short:    "Upstash Redis database evicts keys under memory pressure",
		Help: `With eviction on, keys disappear silently when the database is full. That is right for a pure cache,
but rate-limit counters (` + "`@upstash/ratelimit`" + `), sessions and locks kept in the same database vanish
too, and an evicted limiter key resets the limit.

**Fix:** keep rate-limit and session state in a database without eviction: disable it with
` + "`POST /v2/redis/disable-eviction/{id}`" + ` or ` + "`eviction = false`" + ` in Terraform.`,
		Bad:  postureTF(map[string]string{"eviction": "true"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBAutoUpgradeEnabled,
		Family:   Posture,
		Name:     "db-auto-upgrade-enabled",
		Severity: Info,
		Practice: 6,
		CWE:      []int{400},
		Short:    "Upstash Redis database upgrades its plan automatically",
		Help: `With auto-upgrade on (` + "`auto_upgrade`" + `, Terraform ` + "`auto_scale`" + `), a traffic spike,
abusive or not, moves the database to a bigger, costlier plan without anyone reviewing it.

**Fix:** keep a budget cap and usage alerts (UPS610, UPS611), or disable it with
` + "`POST /v2/redis/disable-autoupgrade/{id}`" + ` or ` + "`auto_scale = false`" + ` in Terraform.`,
		Bad:  postureTF(map[string]string{"auto_scale": "true"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBCredentialProtection,
		Family:   Posture,
		Name:     "db-credential-protection",
		Severity: Low,
		Practice: 2,
		CWE:      []int{522},
		Short:    "Upstash Redis database credentials are stored by Upstash (Credential Protection off)",
		Help: `Credential Protection makes Upstash keep no copy of the database credentials: they are shown
once, and console features that need them (CLI, Data Browser, Monitor) are disabled. It is a Prod Pack
feature, so with Prod Pack off it cannot be on and this rule fails. No API field reports it, so with Prod
Pack on ` + "`upscan db`" + ` lists it as a manual check.

**Fix:** enable Prod Pack, then on the database's console page open Configuration and turn on
**Protect Credentials**; store the credentials shown in your secret manager. Reset credentials
(` + "`POST /v2/redis/reset-password/{id}`" + `, ` + "`upscan db rotate`" + `) still works afterwards.`,
		Bad:  postureTF(map[string]string{"prod_pack": "false"}),
		Good: postureGood(),
	})
	Register(&Rule{
		ID:       DBSharedEnvironments,
		Family:   Posture,
		Name:     "db-shared-environments",
		Severity: Info,
		Practice: 4,
		CWE:      []int{653},
		Short:    "Upstash Redis database may be shared between environments",
		Help: `Best practice #4: development, preview and CI must not use production's database, or development
can change production data. No API field says which environments use a database, so ` + "`upscan db`" + `
reports this as a manual check per database and looks across the account's database names: production
and other environments each with their own database passes; one database for everything asks you to
confirm. A name that mentions both production and another environment fails. UPS502 checks the code side.

**Fix:** create one database per environment (for example ` + "`shop-prod`" + `, ` + "`shop-preview`" + `,
` + "`shop-dev`" + `) and point each environment's ` + "`UPSTASH_REDIS_REST_URL`" + ` at its own.`,
		Bad:  postureTF(map[string]string{"database_name": `"shop-dev-prod"`}),
		Good: postureGood(),
	})
}
