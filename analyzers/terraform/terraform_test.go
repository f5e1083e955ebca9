package terraform

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/analyzers/secrets"
	"github.com/upscan/upscan/rules"
)

// brief renders findings as "UPS601@6:1-6:40 high" for comparisons.
func brief(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d:%d-%d:%d %s", f.RuleID, f.Line, f.Col, f.EndLine, f.EndCol, f.Severity))
	}
	return out
}

func analyze(t *testing.T, path, src string) []rules.Finding {
	t.Helper()
	fs, err := Analyze(path, []byte(src))
	if err != nil {
		t.Fatalf("Analyze(%s): %v", path, err)
	}
	for _, f := range fs {
		if f.Path != path || f.Key == "" || !strings.HasPrefix(f.Message, "upstash_redis_database.") && !strings.HasPrefix(f.Message, "output ") {
			t.Errorf("malformed finding %+v", f)
		}
	}
	return fs
}

func has(fs []rules.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// TestCatalogueExamples runs every UPS6xx example written as Terraform
// through Analyze: each Bad example must produce its rule, each Good none.
// Examples that are Developer API objects (rules.DatabaseExamplePath) are
// analyzers/dbposture's.
func TestCatalogueExamples(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		if r.Family != rules.Posture {
			continue
		}
		for i, ex := range append(append([]rules.Example{}, r.Bad...), r.Good...) {
			if ex.Path == rules.DatabaseExamplePath {
				continue
			}
			bad := i < len(r.Bad)
			if !Handles(ex.Path) {
				t.Errorf("%s example %d: path %s is neither Terraform nor %s", r.ID, i, ex.Path, rules.DatabaseExamplePath)
				continue
			}
			n++
			fs := analyze(t, ex.Path, ex.Content)
			if has(fs, string(r.ID)) != bad {
				t.Errorf("%s example %d (%s, bad=%v): findings %v", r.ID, i, ex.Path, bad, brief(fs))
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d Terraform examples ran", n)
	}
	// Every rule Terraform can express has a Terraform Bad example.
	for _, id := range append(ExpressibleRules(), RuleOutputCredential) {
		r := rules.Lookup(id)
		if r == nil || len(r.Bad) == 0 || !Handles(r.Bad[0].Path) {
			t.Errorf("%s: no Terraform Bad example", id)
		}
	}
}

const hardened = `resource "upstash_redis_database" "shop" {
  database_name = "shop-prod"
  region        = "global"
  tls           = true
  prod_pack     = true
  budget        = 100
  ip_allowlist  = ["203.0.113.0/24"]
}
`

func TestRedisDatabase(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"hardened", hardened, nil},
		{"defaults", "resource \"upstash_redis_database\" \"shop\" {\n  database_name = \"shop\"\n  region = \"global\"\n}\n",
			// tls and prod_pack default to false, no allow-list; budget defaults to 20, eviction and auto_scale to false.
			[]string{"UPS601@1:1-1:40 high", "UPS602@1:1-1:40 low", "UPS603@1:1-1:40 medium", "UPS604@1:1-1:40 low", "UPS610@1:1-1:40 low", "UPS614@1:1-1:40 low"}},
		{"attribute lines", strings.NewReplacer(
			"tls           = true", "tls           = false",
			"budget        = 100", "budget        = 0\n  eviction = true\n  auto_scale = \"true\"",
		).Replace(hardened),
			[]string{"UPS601@4:3-4:23 high", "UPS611@6:3-6:19 low", "UPS612@7:3-7:17 info", "UPS613@8:3-8:21 info"}},
		{"open allow-list at the entry", strings.Replace(hardened, `["203.0.113.0/24"]`, "[\n    \"203.0.113.0/24\",\n    \"0.0.0.0/0\",\n  ]", 1),
			[]string{"UPS603@9:5-9:15 high"}},
		{"empty allow-list", strings.Replace(hardened, `["203.0.113.0/24"]`, "[]", 1), []string{"UPS603@7:3-7:20 medium"}},
		{"expressions are unknown, not insecure", "resource \"upstash_redis_database\" \"shop\" {\n  database_name = var.name\n  tls = var.tls\n  prod_pack = local.pp\n  ip_allowlist = var.ips\n  budget = var.budget\n  eviction = var.e\n}\n",
			nil},
		{"partly dynamic allow-list", strings.Replace(hardened, `["203.0.113.0/24"]`, `[var.office, "0.0.0.0/0"]`, 1), []string{"UPS603@7:32-7:42 high"}},
		{"name mixing environments", strings.Replace(hardened, `"shop-prod"`, `"shop-dev-prod"`, 1), []string{"UPS615@2:3-2:33 info"}},
		{"other resources are ignored", "resource \"upstash_vector_index\" \"v\" {\n  name = \"v\"\n}\nresource \"aws_instance\" \"x\" {\n  tls = false\n}\n", nil},
		{"two databases", hardened + strings.Replace(strings.Replace(hardened, `"shop"`, `"cache"`, 1), "tls           = true", "tls           = false", 1),
			[]string{"UPS601@12:3-12:23 high"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(analyze(t, "infra/main.tf", tt.src))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMessages(t *testing.T) {
	fs := analyze(t, "main.tf", "resource \"upstash_redis_database\" \"shop\" {\n  database_name = \"shop\"\n  prod_pack = false\n}\n")
	msgs := map[string]string{}
	for _, f := range fs {
		msgs[f.RuleID] = f.Message
	}
	for id, want := range map[string]string{
		"UPS601": "upstash_redis_database.shop: tls is not set and the provider's default is false",
		"UPS603": "upstash_redis_database.shop: ip_allowlist is not set, so any IP address may connect",
		"UPS604": "encryption at rest is off: it is a Prod Pack feature and prod_pack = false",
	} {
		if !strings.HasPrefix(msgs[id], want) && !strings.Contains(msgs[id], want) {
			t.Errorf("%s message %q lacks %q", id, msgs[id], want)
		}
	}
}

func TestOutputs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"password", "output \"pw\" {\n  value = upstash_redis_database.shop.password\n}\n", []string{"UPS616@2:3-2:46 high"}},
		{"sensitive", "output \"pw\" {\n  value = upstash_redis_database.shop.password\n  sensitive = true\n}\n", nil},
		{"sensitive false", "output \"pw\" {\n  value = upstash_redis_database.shop.rest_token\n  sensitive = false\n}\n", []string{"UPS616@2:3-2:48 high"}},
		{"sensitive from a variable", "output \"pw\" {\n  value = upstash_redis_database.shop.rest_token\n  sensitive = var.s\n}\n", nil},
		{"whole object", "output \"db\" {\n  value = upstash_redis_database.shop\n}\n", []string{"UPS616@2:3-2:37 high"}},
		{"index and template", "output \"url\" {\n  value = \"rediss://default:${upstash_redis_database.shop[0].password}@host\"\n}\n", []string{"UPS616@2:3-2:76 high"}},
		{"splat", "output \"t\" {\n  value = upstash_redis_database.shop[*].read_only_rest_token\n}\n", []string{"UPS616@2:3-2:61 high"}},
		{"data source", "output \"t\" {\n  value = data.upstash_vector_index_data.v.token\n}\n", []string{"UPS616@2:3-2:48 high"}},
		{"nonsensitive", "output \"t\" {\n  value = nonsensitive(upstash_redis_database.shop.rest_token)\n}\n", []string{"UPS616@2:3-2:62 high"}},
		{"not a credential", "output \"e\" {\n  value = upstash_redis_database.shop.endpoint\n}\n", nil},
		{"not upstash", "output \"p\" {\n  value = aws_db_instance.main.password\n}\n", nil},
		{"no value", "output \"p\" {\n  description = \"x\"\n}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := analyze(t, "outputs.tf", tt.src)
			if diff := cmp.Diff(tt.want, brief(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if tt.name == "nonsensitive" && !strings.Contains(fs[0].Message, "nonsensitive()") {
				t.Errorf("message does not mention nonsensitive(): %s", fs[0].Message)
			}
		})
	}
}

func TestJSONSyntax(t *testing.T) {
	src := `{
  "resource": {
    "upstash_redis_database": {
      "shop": {"database_name": "shop", "tls": false, "prod_pack": true, "ip_allowlist": ["203.0.113.0/24"]}
    }
  }
}
`
	got := brief(analyze(t, "main.tf.json", src))
	if diff := cmp.Diff([]string{"UPS601@4:41-4:52 high"}, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestParseError(t *testing.T) {
	for _, tt := range []struct{ path, src, want string }{
		{"main.tf", "resource \"upstash_redis_database\" \"x\" {\n  tls = \n}\n", "main.tf:2:"},
		{"main.tf", "resource \"upstash_redis_database\" {\n}\n", "main.tf:1:"},
		{"main.tf", "resource \"upstash_redis_database\" \"x\" {\n  password = \"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU\n", "main.tf:"},
		{"main.tf.json", `{"resource": `, "main.tf.json:1:"},
	} {
		fs, err := Analyze(tt.path, []byte(tt.src))
		var pe *ParseError
		if !errors.As(err, &pe) || len(fs) != 0 {
			t.Errorf("%q: findings %v, error %v; want a *ParseError and no findings", tt.src, brief(fs), err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tt.want) || !strings.Contains(msg, "invalid HCL: ") || strings.Contains(msg, "cDFkZWFk") {
			t.Errorf("error %q: want prefix %q and no file content", msg, tt.want)
		}
	}
}

func TestHandles(t *testing.T) {
	for path, want := range map[string]bool{
		"main.tf": true, "infra/modules/db/variables.tf": true, "main.tf.json": true,
		"prod.tfvars": false, "terraform.tfstate": false, "terraform.tfstate.backup": false,
		"main.tf.bak": false, "tf": false, "notes.md": false,
	} {
		if got := Handles(path); got != want {
			t.Errorf("Handles(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestProviderAPIKey documents where UPS107 comes from: a literal api_key in
// a provider "upstash" block is analyzers/secrets' finding, so Analyze adds
// none and the scan does not report it twice.
func TestProviderAPIKey(t *testing.T) {
	src := "provider \"upstash\" {\n  email   = \"dev@example.com\"\n  api_key = \"0f0f0f0f-1111-4222-8333-444455556666\"\n}\n"
	if fs := analyze(t, "main.tf", src); len(fs) != 0 {
		t.Errorf("Analyze reported %v", brief(fs))
	}
	d, err := secrets.New()
	if err != nil {
		t.Fatal(err)
	}
	if fs, err := d.Detect("main.tf", []byte(src)); err != nil || !has(fs, "UPS107") {
		t.Errorf("analyzers/secrets no longer reports the literal api_key (got %v, %v); report UPS107 here instead", brief(fs), err)
	}
	if fs, _ := d.Detect("main.tf", []byte(strings.Replace(src, `"0f0f0f0f-1111-4222-8333-444455556666"`, "var.upstash_api_key", 1))); has(fs, "UPS107") {
		t.Errorf("analyzers/secrets reports a variable: %v", brief(fs))
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add("main.tf", hardened)
	f.Add("main.tf", "output \"t\" {\n  value = upstash_redis_database.shop[*].password\n}\n")
	f.Add("main.tf.json", `{"resource": {"upstash_redis_database": {"x": {"tls": false}}}}`)
	f.Add("main.tf", "resource \"upstash_redis_database\" \"x\" {\n  ip_allowlist = [for i in var.x : i]\n  budget = 1e400\n}\n")
	f.Fuzz(func(t *testing.T, path, src string) {
		fs, err := Analyze(path, []byte(src))
		if err != nil && len(fs) > 0 {
			t.Errorf("findings with an error")
		}
		for _, f := range fs {
			if f.Line < 1 || f.Col < 1 || f.RuleID == "" {
				t.Errorf("bad position or rule: %+v", f)
			}
		}
	})
}
