package rules

// RuleTerraformOutputCredential is the ID of the Terraform rule below; the
// check is in analyzers/terraform. It is a 6xx rule because it belongs to the
// Terraform side of database posture, but no Developer API field shows it, so
// `upscan db` has no check for it.
const RuleTerraformOutputCredential = "UPS616"

func init() {
	Register(&Rule{
		ID:       TerraformOutputCredential,
		Family:   Posture,
		Name:     "terraform-output-credential",
		Severity: High,
		Practice: 2,
		CWE:      []int{532, 200},
		Short:    "Terraform output exposes an Upstash credential without sensitive = true",
		Help: `The upstash provider marks ` + "`password`" + `, ` + "`rest_token`" + `, ` + "`read_only_rest_token`" + ` and the
` + "`token`" + ` attributes of indexes and QStash as sensitive, so Terraform hides them. An ` + "`output`" + ` that
returns one without ` + "`sensitive = true`" + ` (Terraform 0.15 and later refuse it, unless the value is wrapped
in ` + "`nonsensitive()`" + `) prints the credential in ` + "`terraform plan`" + ` and ` + "`apply`" + ` output, in CI
logs and in ` + "`terraform output`" + `, where anyone with access to the pipeline can read it. The state file holds
it in clear either way: keep state in an encrypted, access-controlled backend.

**Fix:** add ` + "`sensitive = true`" + ` to the output (and drop ` + "`nonsensitive()`" + `), or do not output the
credential at all: have the consumer read it from a secret manager, or pass it to the resource that needs it
inside Terraform.`,
		Bad: []Example{
			{Path: "main.tf", Content: "output \"redis_token\" {\n  value = upstash_redis_database.shop.rest_token\n}\n"},
			{Path: "outputs.tf", Content: "output \"redis_password\" {\n  value     = nonsensitive(upstash_redis_database.shop.password)\n  sensitive = false\n}\n"},
		},
		Good: []Example{
			{Path: "main.tf", Content: "output \"redis_token\" {\n  value     = upstash_redis_database.shop.rest_token\n  sensitive = true\n}\n"},
			{Path: "outputs.tf", Content: "output \"redis_endpoint\" {\n  value = upstash_redis_database.shop.endpoint\n}\n"},
		},
	})
}
