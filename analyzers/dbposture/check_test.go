package dbposture

import (
	"encoding/json"
	"fmt"
	"github.com/upscan/upscan/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// hardened is a paid database with every protection the API shows on, except
// the Enterprise-only private network and mTLS.
func hardened() Database {
	return Database{
		ID: "id-h", Name: "shop-prod", Plan: "paid",
		TLS: On, Eviction: Off, AutoUpgrade: Off, Budget: ptr(100), ProdPack: On, DailyBackup: On,
		ACL: On, ACLDefaultUser: Off, Prometheus: On,
		SecurityAddons:  SecurityAddons{IPAllowlist: On, VPCPeering: Off, PrivateLink: Off, MutualTLS: Off, EncryptionAtRest: On},
		AllowedIPRanges: []string{"203.0.113.0/24"},
	}
}

func resultOf(t *testing.T, rs []Result, id string) Result {
	t.Helper()
	for _, r := range rs {
		if r.RuleID == id {
			return r
		}
	}
	t.Fatalf("no result for %s", id)
	return Result{}
}

// TestChecks: each check's status and severity, including unknown fields and
// the free plan.
func TestChecks(t *testing.T) {
	free := func(db *Database) { db.Plan = "free" }
	tests := []struct {
		rule   string
		name   string
		mutate func(*Database)
		status Status
		sev    rules.Severity
	}{
		{RuleTLS, "on", nil, StatusPass, rules.High},
		{RuleTLS, "off", func(d *Database) { d.TLS = Off }, StatusFail, rules.High},
		{RuleTLS, "unknown", func(d *Database) { d.TLS = Unknown }, StatusUnknown, rules.High},

		{RuleProdPack, "on", nil, StatusPass, rules.Low},
		{RuleProdPack, "off", func(d *Database) { d.ProdPack = Off }, StatusFail, rules.Low},
		{RuleProdPack, "off on free", func(d *Database) { d.ProdPack = Off; free(d) }, StatusFail, rules.Info},
		{RuleProdPack, "unknown", func(d *Database) { d.ProdPack = Unknown }, StatusUnknown, rules.Low},

		{RuleIPAllowlist, "ranges", nil, StatusPass, rules.Medium},
		{RuleIPAllowlist, "flag on, no ranges field", func(d *Database) { d.AllowedIPRanges = nil }, StatusPass, rules.Medium},
		{RuleIPAllowlist, "open to all", func(d *Database) { d.AllowedIPRanges = []string{"10.0.0.0/8", "0.0.0.0/0"} }, StatusFail, rules.High},
		{RuleIPAllowlist, "flag off", func(d *Database) { d.SecurityAddons.IPAllowlist = Off; d.AllowedIPRanges = nil }, StatusFail, rules.Medium},
		{RuleIPAllowlist, "flag off on free", func(d *Database) { d.SecurityAddons.IPAllowlist = Off; d.AllowedIPRanges = nil; free(d) }, StatusFail, rules.Info},
		{RuleIPAllowlist, "no flag, empty ranges", func(d *Database) { d.SecurityAddons.IPAllowlist = Unknown; d.AllowedIPRanges = []string{} }, StatusFail, rules.Medium},
		{RuleIPAllowlist, "no flag, no ranges", func(d *Database) { d.SecurityAddons.IPAllowlist = Unknown; d.AllowedIPRanges = nil }, StatusUnknown, rules.Medium},
		{RuleIPAllowlist, "flag on, empty ranges", func(d *Database) { d.AllowedIPRanges = []string{} }, StatusUnknown, rules.Medium},

		{RuleEncryptionAtRest, "on", nil, StatusPass, rules.Low},
		{RuleEncryptionAtRest, "off", func(d *Database) { d.SecurityAddons.EncryptionAtRest = Off }, StatusFail, rules.Low},
		{RuleEncryptionAtRest, "unknown, Prod Pack off", func(d *Database) { d.SecurityAddons.EncryptionAtRest = Unknown; d.ProdPack = Off }, StatusFail, rules.Low},
		{RuleEncryptionAtRest, "unknown, Prod Pack on", func(d *Database) { d.SecurityAddons.EncryptionAtRest = Unknown }, StatusUnknown, rules.Low},

		{RulePrivateNetwork, "both off", nil, StatusFail, rules.Info},
		{RulePrivateNetwork, "PrivateLink", func(d *Database) { d.SecurityAddons.PrivateLink = On }, StatusPass, rules.Info},
		{RulePrivateNetwork, "VPC peering, PrivateLink unknown", func(d *Database) { d.SecurityAddons.VPCPeering = On; d.SecurityAddons.PrivateLink = Unknown }, StatusPass, rules.Info},
		{RulePrivateNetwork, "one unknown", func(d *Database) { d.SecurityAddons.PrivateLink = Unknown }, StatusUnknown, rules.Info},

		{RuleMutualTLS, "off", nil, StatusFail, rules.Info},
		{RuleMutualTLS, "on", func(d *Database) { d.SecurityAddons.MutualTLS = On }, StatusPass, rules.Info},
		{RuleMutualTLS, "unknown", func(d *Database) { d.SecurityAddons.MutualTLS = Unknown }, StatusUnknown, rules.Info},

		{RuleDailyBackup, "on", nil, StatusPass, rules.Low},
		{RuleDailyBackup, "off", func(d *Database) { d.DailyBackup = Off }, StatusFail, rules.Low},
		{RuleDailyBackup, "off on free", func(d *Database) { d.DailyBackup = Off; free(d) }, StatusFail, rules.Info},
		{RuleDailyBackup, "unknown", func(d *Database) { d.DailyBackup = Unknown }, StatusUnknown, rules.Low},

		{RuleACL, "on", nil, StatusPass, rules.Low},
		{RuleACL, "off", func(d *Database) { d.ACL = Off }, StatusFail, rules.Low},
		{RuleACL, "unknown", func(d *Database) { d.ACL = Unknown }, StatusUnknown, rules.Low},

		{RuleACLDefaultUser, "disabled", nil, StatusPass, rules.Info},
		{RuleACLDefaultUser, "enabled", func(d *Database) { d.ACLDefaultUser = On }, StatusFail, rules.Info},
		{RuleACLDefaultUser, "ACL off", func(d *Database) { d.ACL = Off; d.ACLDefaultUser = On }, StatusNotApplicable, rules.Info},
		{RuleACLDefaultUser, "status unknown", func(d *Database) { d.ACLDefaultUser = Unknown }, StatusUnknown, rules.Info},
		{RuleACLDefaultUser, "ACL unknown", func(d *Database) { d.ACL = Unknown }, StatusUnknown, rules.Info},

		{RuleMonitoring, "on", nil, StatusPass, rules.Low},
		{RuleMonitoring, "off", func(d *Database) { d.Prometheus = Off }, StatusFail, rules.Low},
		{RuleMonitoring, "unknown, Prod Pack off", func(d *Database) { d.Prometheus = Unknown; d.ProdPack = Off }, StatusFail, rules.Low},
		{RuleMonitoring, "unknown", func(d *Database) { d.Prometheus = Unknown }, StatusUnknown, rules.Low},

		{RuleBudget, "set", nil, StatusPass, rules.Low},
		{RuleBudget, "zero", func(d *Database) { d.Budget = ptr(0) }, StatusFail, rules.Low},
		{RuleBudget, "missing", func(d *Database) { d.Budget = nil }, StatusUnknown, rules.Low},
		{RuleBudget, "free plan", func(d *Database) { d.Budget = nil; free(d) }, StatusNotApplicable, rules.Info},

		{RuleEviction, "off", nil, StatusPass, rules.Info},
		{RuleEviction, "on", func(d *Database) { d.Eviction = On }, StatusFail, rules.Info},
		{RuleEviction, "unknown", func(d *Database) { d.Eviction = Unknown }, StatusUnknown, rules.Info},

		{RuleAutoUpgrade, "off", nil, StatusPass, rules.Info},
		{RuleAutoUpgrade, "on", func(d *Database) { d.AutoUpgrade = On }, StatusFail, rules.Info},
		{RuleAutoUpgrade, "unknown", func(d *Database) { d.AutoUpgrade = Unknown }, StatusUnknown, rules.Info},

		{RuleCredentialProtection, "Prod Pack on", nil, StatusManual, rules.Low},
		{RuleCredentialProtection, "Prod Pack unknown", func(d *Database) { d.ProdPack = Unknown }, StatusManual, rules.Low},
		{RuleCredentialProtection, "Prod Pack off", func(d *Database) { d.ProdPack = Off }, StatusFail, rules.Low},
		{RuleCredentialProtection, "Prod Pack off on free", func(d *Database) { d.ProdPack = Off; free(d) }, StatusFail, rules.Info},

		{RuleSeparateEnvironments, "prod name", nil, StatusManual, rules.Info},
		{RuleSeparateEnvironments, "dev and prod in the name", func(d *Database) { d.Name = "shop-dev-prod" }, StatusFail, rules.Info},
		{RuleSeparateEnvironments, "camelCase", func(d *Database) { d.Name = "stagingAndProduction" }, StatusFail, rules.Info},
		{RuleSeparateEnvironments, "product is not prod", func(d *Database) { d.Name = "product-dev" }, StatusManual, rules.Info},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			db := hardened()
			if tt.mutate != nil {
				tt.mutate(&db)
			}
			r := resultOf(t, Check(db), tt.rule)
			if r.Status != tt.status || r.Severity != tt.sev {
				t.Errorf("got %v/%v, want %v/%v (%s)", r.Status, r.Severity, tt.status, tt.sev, r.Message)
			}
			if r.Message == "" {
				t.Error("empty message")
			}
		})
	}
}

// TestChecksMatchCatalogue: every check has a registered UPS6xx rule whose
// default severity is the check's severity on a paid plan, every UPS6xx rule
// has a check, and the weights sum to 100.
func TestChecksMatchCatalogue(t *testing.T) {
	seen := map[string]bool{}
	var sum float64
	worst := Database{Name: "dev-prod", Plan: "paid", TLS: Off, Eviction: On, AutoUpgrade: On, Budget: ptr(0),
		ProdPack: Off, DailyBackup: Off, ACL: On, ACLDefaultUser: On, Prometheus: Off,
		SecurityAddons: SecurityAddons{Off, Off, Off, Off, Off}}
	failed := map[string]Result{}
	for _, r := range Check(worst) {
		failed[r.RuleID] = r
	}
	failed[RuleACL] = resultOf(t, Check(Database{Plan: "paid", ACL: Off}), RuleACL)
	for _, c := range Checks() {
		sum += c.Weight
		seen[c.RuleID] = true
		r := rules.Lookup(c.RuleID)
		if r == nil {
			t.Errorf("%s is not registered in rules", c.RuleID)
			continue
		}
		if got := failed[c.RuleID]; got.Status != StatusFail || got.Severity != r.Severity {
			t.Errorf("%s: failing on a paid plan gives %v/%v, rule severity is %v", c.RuleID, got.Status, got.Severity, r.Severity)
		}
	}
	if sum != 100 {
		t.Errorf("weights sum to %v, want 100", sum)
	}
	for _, r := range rules.All() {
		if r.Family == rules.Posture && !seen[string(r.ID)] && r.ID != rules.TerraformOutputCredential { // Terraform-only rule
			t.Errorf("%s is registered but has no check", r.ID)
		}
	}
}

func TestFixtureScores(t *testing.T) {
	tests := []struct {
		name   string
		points int
		grade  string
		fails  []string
	}{
		{"insecure", 0, "F", []string{RuleTLS, RuleIPAllowlist, RuleACL, RuleCredentialProtection, RuleEncryptionAtRest,
			RuleDailyBackup, RuleMonitoring, RuleBudget, RuleProdPack, RulePrivateNetwork, RuleMutualTLS, RuleEviction, RuleAutoUpgrade}},
		{"hardened", 95, "A", []string{RulePrivateNetwork, RuleMutualTLS}},
		{"partial", 64, "D", []string{RuleCredentialProtection, RuleEncryptionAtRest, RuleMonitoring, RuleProdPack}},
		{"reset-password", 38, "F", []string{RuleIPAllowlist, RuleACL, RuleCredentialProtection, RuleEncryptionAtRest,
			RuleDailyBackup, RuleMonitoring, RuleProdPack, RulePrivateNetwork, RuleMutualTLS}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(loadFixture(t, tt.name))
			if a.Score.Points != tt.points || a.Score.Grade != tt.grade {
				t.Errorf("score %d (%s), want %d (%s)", a.Score.Points, a.Score.Grade, tt.points, tt.grade)
			}
			var fails []string
			for _, f := range Findings(a.Database, a.Results) {
				fails = append(fails, f.RuleID)
			}
			if diff := cmp.Diff(tt.fails, fails); diff != "" {
				t.Errorf("failed rules (-want +got):\n%s", diff)
			}
			checkGolden(t, tt.name, a)
		})
	}
}

func checkGolden(t *testing.T, name string, a Assessment) {
	t.Helper()
	got, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden.Check(t, filepath.Join("testdata", name+".golden.json"), got)
}

func TestScore(t *testing.T) {
	r := func(id string, st Status, sev rules.Severity, w float64) Result {
		return Result{RuleID: id, Status: st, Severity: sev, Weight: w}
	}
	tests := []struct {
		name    string
		results []Result
		points  int
		grade   string
		capped  bool
		top     []string
	}{
		{"all pass", []Result{r("A", StatusPass, rules.High, 50), r("B", StatusPass, rules.Low, 50)}, 100, "A", false, nil},
		{"one low fail", []Result{r("A", StatusPass, rules.High, 90), r("B", StatusFail, rules.Low, 10)}, 90, "A", false, []string{"B"}},
		{"unknown costs half", []Result{r("A", StatusPass, rules.High, 80), r("B", StatusUnknown, rules.Low, 20)}, 90, "A", false, []string{"B"}},
		{"manual and n/a not scored", []Result{r("A", StatusPass, rules.Low, 10), r("B", StatusManual, rules.Low, 50), r("C", StatusNotApplicable, rules.Low, 40)}, 100, "A", false, nil},
		{"renormalised", []Result{r("A", StatusPass, rules.Low, 30), r("B", StatusFail, rules.Low, 10), r("C", StatusNotApplicable, rules.Low, 60)}, 75, "C", false, []string{"B"}},
		{"high failure caps", []Result{r("A", StatusPass, rules.Low, 95), r("B", StatusFail, rules.High, 5)}, HighFailureCap, "D", true, []string{"B"}},
		{"costliest first, then ID", []Result{r("C", StatusFail, rules.Low, 10), r("B", StatusUnknown, rules.Low, 20), r("A", StatusFail, rules.Low, 20), r("D", StatusPass, rules.Low, 50)}, 60, "D", false, []string{"A", "B", "C"}},
		{"nothing scored", []Result{r("A", StatusManual, rules.Low, 10)}, 0, "F", false, nil},
		{"no results", nil, 0, "F", false, nil},
		{"89.9 is not an A", []Result{r("A", StatusPass, rules.Low, 899), r("B", StatusFail, rules.Low, 101)}, 89, "B", false, []string{"B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.results)
			s := ScoreOf(tt.results)
			if fmt.Sprint(tt.results) != before {
				t.Error("ScoreOf modified its argument")
			}
			var top []string
			for _, r := range s.Top {
				top = append(top, r.RuleID)
			}
			if s.Points != tt.points || s.Grade != tt.grade || s.Capped != tt.capped || !cmp.Equal(top, tt.top) {
				t.Errorf("got %d %s capped=%v top=%v, want %d %s capped=%v top=%v", s.Points, s.Grade, s.Capped, top, tt.points, tt.grade, tt.capped, tt.top)
			}
		})
	}
}

// TestUnknownDatabase: a database the input says nothing about scores 50
// (every scored check unknown costs half), not 100 and not 0.
func TestUnknownDatabase(t *testing.T) {
	a := Assess(Database{Name: "x"})
	if a.Score.Points != 50 {
		t.Errorf("points = %d, want 50", a.Score.Points)
	}
	for _, r := range a.Results {
		if r.Status == StatusFail || r.Status == StatusPass {
			t.Errorf("%s: %v on an empty database", r.RuleID, r.Status)
		}
	}
	if got := Findings(a.Database, a.Results); len(got) != 0 {
		t.Errorf("%d findings for unknowns", len(got))
	}
}

func TestGrade(t *testing.T) {
	for p, want := range map[int]string{100: "A", 90: "A", 89: "B", 80: "B", 79: "C", 70: "C", 69: "D", 60: "D", 59: "F", 0: "F"} {
		if got := Grade(p); got != want {
			t.Errorf("Grade(%d) = %s, want %s", p, got, want)
		}
	}
}

func TestStatusText(t *testing.T) {
	for s := StatusUnknown; s <= StatusNotApplicable; s++ {
		b, _ := s.MarshalText()
		var back Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%v: round trip gave %v, %v", s, back, err)
		}
	}
	var s Status
	if err := s.UnmarshalText([]byte("great")); err == nil {
		t.Error("UnmarshalText(great) succeeded")
	}
}

func TestFindings(t *testing.T) {
	db := hardened()
	db.TLS = Off
	fs := Findings(db, Check(db))
	if len(fs) != 3 { // TLS, private network, mTLS
		t.Fatalf("got %d findings, want 3", len(fs))
	}
	f := fs[0]
	if f.RuleID != RuleTLS || f.Severity != rules.High || f.Path != "" || f.Line != 0 {
		t.Errorf("finding = %+v", f)
	}
	if !strings.HasPrefix(f.Message, `database "shop-prod": TLS is off`) {
		t.Errorf("message = %q", f.Message)
	}
	other := db
	other.ID = "id-other"
	if Findings(other, Check(other))[0].Key == f.Key {
		t.Error("two databases share a fingerprint")
	}
	renamed := db
	renamed.Name = "renamed"
	if Findings(renamed, Check(renamed))[0].Key != f.Key {
		t.Error("the fingerprint changes with the name although the ID is the same")
	}
	if got := db.LogicalName(); got != "upstash/redis/shop-prod" {
		t.Errorf("LogicalName = %q", got)
	}
}

func TestWords(t *testing.T) {
	tests := map[string][]string{
		"shop-prod":         {"shop", "prod"},
		"myAppProd2":        {"my", "app", "prod", "2"},
		"APIStaging":        {"api", "staging"},
		"main":              {"main"},
		"  __x__ ":          {"x"},
		"prod_db-dev.cache": {"prod", "db", "dev", "cache"},
		"":                  nil,
	}
	for in, want := range tests {
		if got := words(in); !cmp.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckAccount(t *testing.T) {
	named := func(names ...string) []Database {
		var out []Database
		for _, n := range names {
			out = append(out, Database{Name: n})
		}
		return out
	}
	tests := []struct {
		name   string
		dbs    []Database
		status Status
		want   string // substring of the message
	}{
		{"prod and dev", named("shop-prod", "shop-dev", "cache"), StatusPass, `production ("shop-prod") and for other environments ("shop-dev")`},
		{"one database", named("main"), StatusManual, `one database, "main"`},
		{"one prod database", named("prod"), StatusManual, `one database, "prod"`},
		{"prod only", named("api-prod", "web-production"), StatusManual, "only production databases"},
		{"dev only", named("dev", "staging"), StatusManual, "no database is named for production"},
		{"no environment names", named("cache", "queue", "sessions", "ratelimit"), StatusManual, "no database name mentions an environment (4 databases)"},
		{"many names abbreviated", named("a-prod", "b-prod", "c-prod", "d-prod", "e-prod", "f-prod", "dev"), StatusPass, `"e-prod" and 1 more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := CheckAccount(tt.dbs)
			if len(rs) != 1 {
				t.Fatalf("got %d results", len(rs))
			}
			r := rs[0]
			if r.RuleID != RuleSeparateEnvironments || r.Status != tt.status || !strings.Contains(r.Message, tt.want) {
				t.Errorf("got %s %v %q, want %v containing %q", r.RuleID, r.Status, r.Message, tt.status, tt.want)
			}
		})
	}
	if CheckAccount(nil) != nil {
		t.Error("CheckAccount(nil) != nil")
	}
}

// secretValues collects every string value of a credential field anywhere in
// a JSON document.
func secretValues(t *testing.T, data []byte) map[string]string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	secret := map[string]bool{}
	for _, f := range SecretFields() {
		secret[f] = true
	}
	out := map[string]string{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if s, ok := val.(string); ok && (secret[k] || k == "user_email" || k == "customer_id") && s != "" {
					out[k] = s
				}
				walk(val)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// TestNoSecretsInOutput: nothing built from a fixture (the decoded database,
// results, score, findings; as JSON and as %v/%+v/%#v) contains any credential
// value or owner e-mail of the fixture, nor the first 12 characters of one.
func TestNoSecretsInOutput(t *testing.T) {
	total := 0
	for _, name := range fixtureNames {
		data := readFixture(t, name)
		secrets := secretValues(t, data)
		total += len(secrets)
		dbs, err := DecodeDatabases(data)
		if err != nil {
			t.Fatal(err)
		}
		db := dbs[0]
		a := Assess(db)
		fs := Findings(db, a.Results)
		js, err := json.Marshal(struct {
			A  Assessment
			F  []rules.Finding
			AC []Result
		}{a, fs, CheckAccount(dbs)})
		if err != nil {
			t.Fatal(err)
		}
		outputs := map[string]string{
			"json": string(js),
			"%v":   fmt.Sprintf("%v %v", a, fs),
			"%+v":  fmt.Sprintf("%+v %+v", a, fs),
			"%#v":  fmt.Sprintf("%#v %#v", a, fs),
		}
		for field, secret := range secrets {
			probe := secret
			if len(probe) > 12 {
				probe = probe[:12]
			}
			for kind, out := range outputs {
				if strings.Contains(out, probe) {
					// Name the field, never the value.
					t.Errorf("%s: %s output contains the fixture's %s", name, kind, field)
				}
			}
		}
	}
	if total < 8 {
		t.Errorf("only %d secret values planted across the fixtures; the test would prove little", total)
	}
}

func TestSelect(t *testing.T) {
	dbs := []Database{{ID: "id-1", Name: "shop-prod"}, {ID: "id-2", Name: "Shop-Dev"}, {ID: "id-3", Name: "twin"}, {ID: "id-4", Name: "twin"}}
	label := func(ds []Database) (out []string) {
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	tests := []struct {
		refs    []string
		want    []string
		wantErr string
	}{
		{[]string{"id-2", "shop-prod"}, []string{"id-2", "id-1"}, ""},
		{[]string{"shop-dev"}, []string{"id-2"}, ""},
		{[]string{"id-1", "shop-prod"}, []string{"id-1"}, ""},
		{[]string{"id-4"}, []string{"id-4"}, ""},
		{[]string{"twin"}, nil, `named "twin": give the database ID`},
		{[]string{"nope"}, nil, `no database with ID or name "nope" (databases: "shop-prod", "Shop-Dev", "twin", "twin")`},
		{[]string{" "}, nil, "empty database ID or name"},
	}
	for _, tt := range tests {
		got, err := Select(dbs, tt.refs)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Select(%q) err = %v, want %q", tt.refs, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !cmp.Equal(label(got), tt.want) {
			t.Errorf("Select(%q) = %v, %v; want %v", tt.refs, label(got), err, tt.want)
		}
	}
}
