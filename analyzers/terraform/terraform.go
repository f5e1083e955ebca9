// Package terraform checks Terraform configurations that manage Upstash:
// upstash_redis_database resources against the same posture rules as
// `upscan db` (UPS6xx, through analyzers/dbposture, at the attribute's line
// and with the provider's insecure defaults), and outputs that expose an
// Upstash credential without sensitive = true (UPS616).
//
// Literal api_key values in provider "upstash" blocks are UPS107, which
// analyzers/secrets reports for every file, .tf included; this package does
// not report them again. Facts: UPSTASH.md §6 (attributes and defaults of
// the upstash/upstash provider), §5.3 (the API fields they map to).
package terraform

import (
	"cmp"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/upscan/upscan/analyzers/dbposture"
	"github.com/upscan/upscan/rules"
)

// RedisResource is the provider's Redis database resource type (UPSTASH.md §6).
const RedisResource = "upstash_redis_database"

// Provider defaults of upstash_redis_database attributes that a check reads
// when the attribute is omitted (UPSTASH.md §6; the upstash/upstash
// provider's resource schema).
const (
	defaultTLS       = false
	defaultProdPack  = false
	defaultEviction  = false
	defaultAutoScale = false
	defaultBudget    = 20 // USD per month
)

// Handles reports whether path is a Terraform configuration file this package
// analyzes: *.tf and *.tf.json. Variable files (*.tfvars) and state
// (terraform.tfstate*) declare no resources; the credentials they may hold in
// clear are found by analyzers/secrets.
func Handles(path string) bool {
	base := path
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	return strings.HasSuffix(base, ".tf") || strings.HasSuffix(base, ".tf.json")
}

// ParseError is a Terraform file that is not valid HCL. Line and Col are
// 1-based; Col counts UTF-8 bytes. Summary is HCL's one-line diagnostic
// summary, which never quotes attribute values.
type ParseError struct {
	Path      string
	Line, Col int
	Summary   string
}

// Error returns "main.tf:3:5: invalid HCL: Missing newline after argument".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: invalid HCL: %s", e.Path, e.Line, e.Col, e.Summary)
}

// Analyze checks one Terraform file. path is slash-separated and relative to
// the scan root; it picks the syntax (.tf.json is JSON, anything else native
// HCL) and goes into the findings. It returns the findings in file order, or,
// when the file is not valid HCL, no findings and a *ParseError for the first
// error (a partly parsed file would read as omitted attributes, hence as the
// provider's insecure defaults). It never panics on input.
func Analyze(path string, data []byte) (fs []rules.Finding, err error) {
	defer func() {
		if r := recover(); r != nil { // the HCL parser on hostile input
			fs, err = nil, &ParseError{Path: path, Line: 1, Col: 1, Summary: "the HCL parser failed on this file"}
		}
	}()
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		file, diags = hcljson.Parse(data, path)
	} else {
		file, diags = hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	}
	a := &analysis{path: path, data: data, lines: lineStarts(data)}
	if diags.HasErrors() {
		return nil, a.parseError(diags)
	}
	content, _, diags := file.Body.PartialContent(fileSchema)
	if diags.HasErrors() {
		return nil, a.parseError(diags)
	}
	for _, b := range content.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == RedisResource:
			a.redisDatabase(b)
		case b.Type == "output" && len(b.Labels) == 1:
			a.output(b)
		}
	}
	sort.SliceStable(a.out, func(i, j int) bool { return rules.Less(a.out[i], a.out[j]) })
	return a.out, nil
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "output", LabelNames: []string{"name"}},
}}

// analysis is one Analyze call.
type analysis struct {
	path  string
	data  []byte
	lines []int // byte offset of each line's start
	out   []rules.Finding
}

func (a *analysis) parseError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &ParseError{Path: a.path, Line: 1, Col: 1, Summary: d.Summary}
		if d.Subject != nil {
			e.Line, e.Col = a.position(d.Subject.Start.Byte)
		}
		return e
	}
	return &ParseError{Path: a.path, Line: 1, Col: 1, Summary: "invalid HCL"}
}

// lineStarts returns the byte offset of the start of every line.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position converts a byte offset to a 1-based line and byte column.
func (a *analysis) position(off int) (line, col int) {
	off = min(max(off, 0), len(a.data))
	i := sort.Search(len(a.lines), func(i int) bool { return a.lines[i] > off }) - 1
	return i + 1, off - a.lines[i] + 1
}

// add records a finding of rule at rng (end inclusive), fingerprinted by key.
func (a *analysis) add(rule string, sev rules.Severity, rng hcl.Range, msg, key string) {
	f := rules.Finding{RuleID: rule, Severity: sev, Path: a.path, Message: msg}
	f.Line, f.Col = a.position(rng.Start.Byte)
	if rng.End.Byte > rng.Start.Byte {
		f.EndLine, f.EndCol = a.position(rng.End.Byte - 1)
	}
	f.SetKey(key)
	a.out = append(a.out, f)
}

// redisAttrs are the upstash_redis_database attributes the checks read.
var redisSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "database_name"}, {Name: "tls"}, {Name: "prod_pack"}, {Name: "ip_allowlist"},
	{Name: "budget"}, {Name: "eviction"}, {Name: "auto_scale"},
}}

// checkAttr maps each posture rule Terraform can express to the attribute
// that decides it; the finding goes on that attribute's line, or on the
// resource block's when the attribute is omitted. UPS605–UPS609 (private
// network, mTLS, daily backup, ACL, ACL default user) have no Terraform
// attribute; `upscan db` reads them from the Developer API.
var checkAttr = map[string]string{
	dbposture.RuleTLS:                  "tls",
	dbposture.RuleProdPack:             "prod_pack",
	dbposture.RuleIPAllowlist:          "ip_allowlist",
	dbposture.RuleEncryptionAtRest:     "prod_pack",
	dbposture.RuleMonitoring:           "prod_pack",
	dbposture.RuleBudget:               "budget",
	dbposture.RuleEviction:             "eviction",
	dbposture.RuleAutoUpgrade:          "auto_scale",
	dbposture.RuleCredentialProtection: "prod_pack",
	dbposture.RuleSeparateEnvironments: "database_name",
}

// ExpressibleRules returns the posture rule IDs that Analyze can report for
// an upstash_redis_database resource, sorted.
func ExpressibleRules() []string {
	out := make([]string, 0, len(checkAttr))
	for id := range checkAttr {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// attrState is how a resource sets one attribute.
type attrState int

const (
	omitted attrState = iota // not set: the provider default applies
	literal                  // a constant value
	dynamic                  // an expression (var., local., a function…): unknown here
)

// redisDatabase checks one upstash_redis_database block.
func (a *analysis) redisDatabase(b *hcl.Block) {
	c, _, _ := b.Body.PartialContent(redisSchema)
	addr := RedisResource + "." + b.Labels[1]
	state := map[string]attrState{}
	db := dbposture.Database{Name: b.Labels[1]}

	boolAttr := func(name string, def bool) dbposture.Flag {
		attr, ok := c.Attributes[name]
		if !ok {
			return dbposture.FlagOf(def)
		}
		v, ok := constant(attr.Expr, cty.Bool)
		if !ok {
			state[name] = dynamic
			return dbposture.Unknown
		}
		state[name] = literal
		return dbposture.FlagOf(v.True())
	}
	db.TLS = boolAttr("tls", defaultTLS)
	db.ProdPack = boolAttr("prod_pack", defaultProdPack)
	db.Eviction = boolAttr("eviction", defaultEviction)
	db.AutoUpgrade = boolAttr("auto_scale", defaultAutoScale)

	if attr, ok := c.Attributes["database_name"]; ok {
		if v, ok := constant(attr.Expr, cty.String); ok {
			db.Name, state["database_name"] = v.AsString(), literal
		} else {
			db.Name, state["database_name"] = "", dynamic
		}
	}
	if attr, ok := c.Attributes["budget"]; ok {
		if v, ok := constant(attr.Expr, cty.Number); ok {
			f, _ := v.AsBigFloat().Float64()
			db.Budget, state["budget"] = &f, literal
		} else {
			state["budget"] = dynamic
		}
	} else {
		f := float64(defaultBudget)
		db.Budget = &f
	}

	// ip_allowlist: omitted means "all IPs are allowed" (UPSTASH.md §6).
	var openRange hcl.Range
	if attr, ok := c.Attributes["ip_allowlist"]; ok {
		state["ip_allowlist"] = dynamic
		if elems, diags := hcl.ExprList(attr.Expr); !diags.HasErrors() {
			state["ip_allowlist"] = literal
			db.AllowedIPRanges = []string{}
			for _, e := range elems {
				v, ok := constant(e, cty.String)
				if !ok {
					db.AllowedIPRanges = append(db.AllowedIPRanges, "(expression)")
					continue
				}
				r := strings.TrimSpace(v.AsString())
				if isOpenRange(r) && openRange.Empty() {
					openRange = e.Range()
				}
				db.AllowedIPRanges = append(db.AllowedIPRanges, r)
			}
		}
	} else {
		db.SecurityAddons.IPAllowlist = dbposture.Off
	}

	for _, r := range dbposture.Check(db) {
		name, ok := checkAttr[r.RuleID]
		if !ok || r.Status != dbposture.StatusFail {
			continue
		}
		rng := b.DefRange
		if attr, ok := c.Attributes[name]; ok {
			rng = attr.Range
		}
		key := addr + " " + name
		if r.RuleID == dbposture.RuleIPAllowlist && !openRange.Empty() {
			rng, key = openRange, key+" open"
		}
		a.add(r.RuleID, r.Severity, rng, addr+": "+message(r, state), key)
	}
}

// isOpenRange reports whether an allow-list entry admits every address.
func isOpenRange(r string) bool {
	return r == "0.0.0.0/0" || r == "::/0" || r == "0.0.0.0"
}

// prodPackState describes prod_pack for messages.
func prodPackState(state map[string]attrState) string {
	if state["prod_pack"] == omitted {
		return "prod_pack is not set (the provider's default is false)"
	}
	return "prod_pack = false"
}

// message is the Terraform wording of a failed posture check: it names the
// attribute and its value or the provider default, and the fix in Terraform.
func message(r dbposture.Result, state map[string]attrState) string {
	switch r.RuleID {
	case dbposture.RuleTLS:
		if state["tls"] == omitted {
			return "tls is not set and the provider's default is false, so the database may accept plaintext connections; set tls = true"
		}
		return "tls = false lets clients connect in plaintext; set tls = true (it cannot be turned off again)"
	case dbposture.RuleProdPack:
		return prodPackState(state) + ": no uptime SLA, multi-zone HA, encryption at rest, Prometheus or Credential Protection; set prod_pack = true for production data"
	case dbposture.RuleIPAllowlist:
		switch {
		case state["ip_allowlist"] == omitted:
			return "ip_allowlist is not set, so any IP address may connect and a leaked token works from anywhere; list your servers' egress ranges in ip_allowlist"
		case strings.Contains(r.Message, "admits every address"):
			return "ip_allowlist admits every address (0.0.0.0/0), so a leaked token works from anywhere; list only your servers' egress ranges"
		default:
			return "ip_allowlist is empty, so any IP address may connect and a leaked token works from anywhere; list your servers' egress ranges"
		}
	case dbposture.RuleEncryptionAtRest:
		return "encryption at rest is off: it is a Prod Pack feature and " + prodPackState(state) + "; set prod_pack = true"
	case dbposture.RuleMonitoring:
		return "no monitoring integration: Prometheus and Datadog are Prod Pack features and " + prodPackState(state) + "; set prod_pack = true and alert on unusual usage"
	case dbposture.RuleCredentialProtection:
		return "Credential Protection cannot be on: it is a Prod Pack feature and " + prodPackState(state) + ", so Upstash stores the credentials and console users can read them; set prod_pack = true, then turn on Protect Credentials in the console"
	case dbposture.RuleBudget:
		return "budget = 0 sets no monthly cap, so abusive traffic raises the bill without limit; set a budget (the provider's default is $20)"
	case dbposture.RuleEviction:
		return "eviction = true: under memory pressure keys vanish silently, including rate-limit counters, sessions and locks; set eviction = false unless the database is a pure cache"
	case dbposture.RuleAutoUpgrade:
		return "auto_scale = true: a traffic spike, abusive or not, moves the database to a bigger plan without review; keep a budget cap or set auto_scale = false"
	}
	return r.Message
}

// constant evaluates expr without variables or functions and converts it to
// want; ok is false for anything that is not a known constant of that type.
func constant(expr hcl.Expression, want cty.Type) (cty.Value, bool) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	v, err := convert.Convert(v, want)
	if err != nil || v.IsNull() || !v.IsKnown() {
		return cty.NilVal, false
	}
	if want == cty.Number && v.AsBigFloat().IsInf() {
		return cty.NilVal, false
	}
	return v, true
}

// secretAttrs are the credential attributes of Upstash resources and data
// sources (UPSTASH.md §6: all Sensitive in the provider's schema).
var secretAttrs = map[string]bool{
	"password": true, "rest_token": true, "read_only_rest_token": true, "token": true, "read_only_token": true,
}

// secretAfterSplat finds a credential attribute read through a splat or a
// for expression ("upstash_redis_database.db[*].password"), which
// Expression.Variables does not show.
var secretAfterSplat = regexp.MustCompile(`\.\s*(password|rest_token|read_only_rest_token|read_only_token|token)\b`)

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}, {Name: "sensitive"}}}

// output checks one output block for an Upstash credential without
// sensitive = true (UPS616).
func (a *analysis) output(b *hcl.Block) {
	c, _, _ := b.Body.PartialContent(outputSchema)
	value, ok := c.Attributes["value"]
	if !ok {
		return
	}
	if s, ok := c.Attributes["sensitive"]; ok {
		v, known := constant(s.Expr, cty.Bool)
		if !known || v.True() {
			return // sensitive = true, or decided by an expression we cannot see
		}
	}
	var secret, splat, whole string
	src := string(value.Expr.Range().SliceBytes(a.data))
	for _, t := range value.Expr.Variables() {
		typ, name, attr, ok := upstashRef(t)
		if !ok {
			continue
		}
		switch {
		case secretAttrs[attr] && secret == "":
			secret = typ + "." + name + "." + attr
		case attr == "" && whole == "":
			whole = "the whole " + typ + "." + name + " object (credentials included)"
			if m := secretAfterSplat.FindStringSubmatch(src); m != nil {
				splat = "the " + m[1] + " of " + typ + "." + name
			}
		}
	}
	what := cmp.Or(secret, splat, whole)
	if what == "" {
		return
	}
	msg := fmt.Sprintf("output %q exposes %s without sensitive = true: Terraform prints it in plan and apply output and CI logs; set sensitive = true", b.Labels[0], what)
	if strings.Contains(src, "nonsensitive(") {
		msg = fmt.Sprintf("output %q exposes %s through nonsensitive() and without sensitive = true: Terraform prints it in plan and apply output and CI logs; drop nonsensitive() and set sensitive = true", b.Labels[0], what)
	}
	a.add(RuleOutputCredential, rules.High, value.Range, msg, "output "+b.Labels[0])
}

// RuleOutputCredential is the rule of outputs that expose an Upstash
// credential without sensitive = true (rules/terraform.go).
const RuleOutputCredential = rules.RuleTerraformOutputCredential

// upstashRef splits a traversal that refers to an Upstash resource or data
// source: "upstash_redis_database.x.password" or
// "data.upstash_redis_database_data.x.password" gives the type, the name and
// the attribute ("" when the whole object is referenced). Index steps
// ("[0]", "["a"]") are skipped.
func upstashRef(t hcl.Traversal) (typ, name, attr string, ok bool) {
	var parts []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	if len(parts) > 0 && parts[0] == "data" {
		parts = parts[1:]
	}
	if len(parts) < 2 || !strings.HasPrefix(parts[0], "upstash_") {
		return "", "", "", false
	}
	if len(parts) >= 3 {
		attr = parts[2]
	}
	return parts[0], parts[1], attr, true
}
