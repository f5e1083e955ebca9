// Package dbposture checks an Upstash Redis database's configuration against
// Upstash's security best practices and scores it 0–100 with a letter grade.
// It owns the Database type and its tolerant JSON decoder; it is pure (no I/O).
package dbposture

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Flag is a tri-state setting read from the Developer API: a field that is
// missing, null or unreadable is Unknown, never Off, so a check can say
// "unknown" instead of passing or failing on missing data.
type Flag int8

// The states of a Flag. The zero value is Unknown.
const (
	Unknown Flag = iota
	Off
	On
)

// String returns "unknown", "off" or "on".
func (f Flag) String() string {
	switch f {
	case Off:
		return "off"
	case On:
		return "on"
	default:
		return "unknown"
	}
}

// Known reports whether f is On or Off.
func (f Flag) Known() bool { return f == On || f == Off }

// FlagOf returns On for true and Off for false.
func FlagOf(b bool) Flag {
	if b {
		return On
	}
	return Off
}

// MarshalJSON encodes On as true, Off as false and Unknown as null.
func (f Flag) MarshalJSON() ([]byte, error) {
	switch f {
	case On:
		return []byte("true"), nil
	case Off:
		return []byte("false"), nil
	default:
		return []byte("null"), nil
	}
}

// UnmarshalJSON decodes a flag tolerantly (see parseFlag); it never fails.
func (f *Flag) UnmarshalJSON(b []byte) error {
	*f = parseFlag(b)
	return nil
}

// parseFlag reads a JSON boolean, a string holding one ("true"/"false", as the
// API sends db_acl_enabled and prometheus_enabled: UPSTASH.md §5.3), "on"/"off",
// "enabled"/"disabled", "yes"/"no", or the numbers 1/0. Anything else is Unknown.
func parseFlag(raw json.RawMessage) Flag {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return Unknown
	}
	switch x := v.(type) {
	case bool:
		return FlagOf(x)
	case float64:
		switch x {
		case 1:
			return On
		case 0:
			return Off
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "on", "enabled", "yes", "1":
			return On
		case "false", "off", "disabled", "no", "0":
			return Off
		}
	}
	return Unknown
}

// SecurityAddons is the API's securityAddons object (UPSTASH.md §5.3).
type SecurityAddons struct {
	IPAllowlist      Flag `json:"ipWhitelisting,omitzero"`
	VPCPeering       Flag `json:"vpcPeering,omitzero"`
	PrivateLink      Flag `json:"privateLink,omitzero"`
	MutualTLS        Flag `json:"tlsMutualAuth,omitzero"`
	EncryptionAtRest Flag `json:"encryptionAtRest,omitzero"`
}

// Database is the security-relevant part of an Upstash Redis database object as
// the Developer API returns it (GET /v2/redis/database/{id}, the list, and the
// reset-password response; fields: UPSTASH.md §5.3). JSON field names are the
// API's, so a marshalled Database decodes back to the same value.
//
// It never holds a secret: password, rest_token, read_only_rest_token, token
// and read_only_token are dropped when decoding, and so are the owner's e-mail
// (user_email, customer_id) and the numeric limits, which no check reads.
// Flags that the input did not carry are Unknown; Budget is nil when absent;
// AllowedIPRanges is nil when absent and empty (non-nil) when the input had [].
type Database struct {
	ID              string         `json:"database_id,omitempty"`
	Name            string         `json:"database_name,omitempty"`
	Plan            string         `json:"type,omitempty"`          // free, payg, pro, paid (API "type")
	PricingModel    string         `json:"database_type,omitempty"` // older "Free", "Pay as You Go", …
	Region          string         `json:"region,omitempty"`
	PrimaryRegion   string         `json:"primary_region,omitempty"`
	ReadRegions     []string       `json:"read_regions,omitzero"`
	Endpoint        string         `json:"endpoint,omitempty"` // host name or slug, not a secret
	Port            int            `json:"port,omitempty"`
	State           string         `json:"state,omitempty"`
	CreationTime    int64          `json:"creation_time,omitempty"` // Unix seconds
	TLS             Flag           `json:"tls,omitzero"`
	Eviction        Flag           `json:"eviction,omitzero"`
	AutoUpgrade     Flag           `json:"auto_upgrade,omitzero"`
	Budget          *float64       `json:"budget,omitempty"` // monthly budget in USD
	ProdPack        Flag           `json:"prod_pack_enabled,omitzero"`
	DailyBackup     Flag           `json:"daily_backup_enabled,omitzero"`
	ACL             Flag           `json:"db_acl_enabled,omitzero"`
	ACLDefaultUser  Flag           `json:"db_acl_default_user_status,omitzero"`
	Prometheus      Flag           `json:"prometheus_enabled,omitzero"`
	SecurityAddons  SecurityAddons `json:"securityAddons,omitzero"`
	AllowedIPRanges []string       `json:"allowed_ip_ranges,omitzero"`
	Replicas        int            `json:"replicas,omitempty"`
}

// Tier is a database's pricing tier as far as the checks care: several
// protections (IP allow-list, Prod Pack and its features, ACL) are unavailable
// on the free plan (UPSTASH.md §7).
type Tier int8

// The tiers. TierUnknown is treated like TierPaid by the checks (the stricter
// severities).
const (
	TierUnknown Tier = iota
	TierFree
	TierPaid
)

// String returns "unknown", "free" or "paid".
func (t Tier) String() string {
	switch t {
	case TierFree:
		return "free"
	case TierPaid:
		return "paid"
	default:
		return "unknown"
	}
}

// Tier classifies the plan from the API's "type" (free/payg/pro/paid) or, on
// older objects, "database_type" ("Free", "Pay as You Go", "Enterprise").
func (db Database) Tier() Tier {
	for _, s := range []string{db.Plan, db.PricingModel} {
		switch s = strings.ToLower(strings.TrimSpace(s)); {
		case s == "":
			continue
		case s == "free":
			return TierFree
		case s == "payg", s == "pro", s == "paid", s == "enterprise", s == "pay as you go":
			return TierPaid
		}
	}
	return TierUnknown
}

// Label names the database for people: its name, else its ID, else "(unnamed)".
func (db Database) Label() string {
	switch {
	case db.Name != "":
		return db.Name
	case db.ID != "":
		return db.ID
	default:
		return "(unnamed)"
	}
}

// LogicalName is the database's logical location for reports that have no
// file to point at (SARIF logicalLocations fullyQualifiedName):
// "upstash/redis/<name>", or the ID when there is no name.
func (db Database) LogicalName() string {
	return "upstash/redis/" + db.Label()
}

// secretFields are the response fields that hold credentials (UPSTASH.md §5.3,
// §9.9). The decoder never reads them; the list documents what it drops and
// lets tests plant them.
var secretFields = []string{"password", "rest_token", "read_only_rest_token", "token", "read_only_token"}

// SecretFields returns the names of the Developer API response fields that
// hold credentials and are therefore dropped at decode time.
func SecretFields() []string { return append([]string(nil), secretFields...) }

// knownFields are the keys that mark a JSON object as a database object.
var knownFields = []string{
	"database_id", "database_name", "tls", "securityAddons", "prod_pack_enabled",
	"endpoint", "daily_backup_enabled", "db_acl_enabled", "type", "database_type",
}

// maxStringLen caps decoded strings: names and regions are short, and a capped,
// control-free string is safe to print in a terminal table.
const maxStringLen = 256

// UnmarshalJSON decodes a database object tolerantly: unknown fields are
// ignored, booleans may be strings, a field of the wrong type is treated as
// missing, and secret fields are never read. It fails only when b is not a
// JSON object.
func (db *Database) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return describeJSONError(b, err)
	}
	if m == nil {
		return errors.New("expected a database object, got null")
	}
	*db = fromMap(m)
	return nil
}

func fromMap(m map[string]json.RawMessage) Database {
	db := Database{
		ID:              str(m["database_id"]),
		Name:            str(m["database_name"]),
		Plan:            str(m["type"]),
		PricingModel:    str(m["database_type"]),
		Region:          str(m["region"]),
		PrimaryRegion:   str(m["primary_region"]),
		ReadRegions:     strs(m["read_regions"]),
		Endpoint:        str(m["endpoint"]),
		State:           str(m["state"]),
		TLS:             readFlag(m["tls"]),
		Eviction:        readFlag(m["eviction"]),
		AutoUpgrade:     readFlag(m["auto_upgrade"]),
		Budget:          num(m["budget"]),
		ProdPack:        readFlag(m["prod_pack_enabled"]),
		DailyBackup:     readFlag(m["daily_backup_enabled"]),
		ACL:             readFlag(m["db_acl_enabled"]),
		ACLDefaultUser:  readFlag(m["db_acl_default_user_status"]),
		Prometheus:      readFlag(m["prometheus_enabled"]),
		AllowedIPRanges: strs(m["allowed_ip_ranges"]),
	}
	if db.Eviction == Unknown {
		db.Eviction = readFlag(m["db_eviction"])
	}
	if p := num(m["port"]); p != nil && *p >= 0 && *p <= 65535 {
		db.Port = int(*p)
	}
	if t := num(m["creation_time"]); t != nil && *t >= 0 && *t < 1e12 {
		db.CreationTime = int64(*t)
	}
	if r := num(m["replicas"]); r != nil && *r >= 0 && *r < 1e6 {
		db.Replicas = int(*r)
	}
	var addons map[string]json.RawMessage
	if raw, ok := m["securityAddons"]; ok && json.Unmarshal(raw, &addons) == nil {
		db.SecurityAddons = SecurityAddons{
			IPAllowlist:      readFlag(addons["ipWhitelisting"]),
			VPCPeering:       readFlag(addons["vpcPeering"]),
			PrivateLink:      readFlag(addons["privateLink"]),
			MutualTLS:        readFlag(addons["tlsMutualAuth"]),
			EncryptionAtRest: readFlag(addons["encryptionAtRest"]),
		}
	}
	return db
}

func readFlag(raw json.RawMessage) Flag {
	if raw == nil {
		return Unknown
	}
	return parseFlag(raw)
}

// str reads a JSON string, dropping control characters and capping its
// length; anything else reads as "".
func str(raw json.RawMessage) string {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return clean(s)
}

func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	if len(s) > maxStringLen {
		s = strings.ToValidUTF8(s[:maxStringLen], "")
	}
	return strings.TrimSpace(s)
}

// strs reads an array of strings; non-string elements are skipped. It returns
// nil when the field is absent or not an array, and a non-nil empty slice for [].
func strs(raw json.RawMessage) []string {
	var items []json.RawMessage
	if raw == nil || json.Unmarshal(raw, &items) != nil || items == nil {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) == nil {
			if s = clean(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// num reads a finite JSON number or a string holding one.
func num(raw json.RawMessage) *float64 {
	if raw == nil {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case string:
		p, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return nil
		}
		f = p
	default:
		return nil
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

// DecodeDatabase decodes one database object, e.g. a saved
// GET /v2/redis/database/{id} or reset-password response. Errors never quote
// the input (it may hold credentials): they give the byte offset and the kind
// of problem.
func DecodeDatabase(data []byte) (Database, error) {
	dbs, err := DecodeDatabases(data)
	if err != nil {
		return Database{}, err
	}
	if len(dbs) != 1 {
		return Database{}, fmt.Errorf("expected one database object, got a list of %d", len(dbs))
	}
	return dbs[0], nil
}

// DecodeDatabases decodes the input of `upscan db --file`: one database
// object, or a JSON array of them (the GET /v2/redis/databases response).
// Null elements are skipped. An object must carry at least one database field
// (database_id, database_name, tls, securityAddons, …), so that an unrelated
// JSON file is an error rather than a database with every check unknown.
// Errors name the element index and never quote the input.
func DecodeDatabases(data []byte) ([]Database, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("empty input: expected a database object or a JSON array of them")
	}
	if !json.Valid(trimmed) {
		var v any
		return nil, describeJSONError(trimmed, json.Unmarshal(trimmed, &v))
	}
	switch trimmed[0] {
	case '{':
		db, err := decodeObject(trimmed)
		if err != nil {
			return nil, err
		}
		return []Database{db}, nil
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, describeJSONError(trimmed, err)
		}
		out := make([]Database, 0, len(items))
		for i, it := range items {
			if string(bytes.TrimSpace(it)) == "null" {
				continue
			}
			db, err := decodeObject(it)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			out = append(out, db)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("expected a database object or a JSON array of them, got a JSON %s", jsonKind(trimmed[0]))
	}
}

func decodeObject(b []byte) (Database, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return Database{}, fmt.Errorf("expected a database object, got a JSON %s", jsonKind(firstByte(b)))
	}
	found := false
	for _, k := range knownFields {
		if _, ok := m[k]; ok {
			found = true
			break
		}
	}
	if !found {
		return Database{}, errors.New("not an Upstash database object: none of database_id, database_name, tls, securityAddons, prod_pack_enabled is present")
	}
	return fromMap(m), nil
}

func firstByte(b []byte) byte {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

func jsonKind(c byte) string {
	switch {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	default:
		return "number"
	}
}

// describeJSONError turns a decoding error into a message that never quotes
// the input: encoding/json's syntax errors can include a character of it.
func describeJSONError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end"):
		return fmt.Errorf("truncated JSON: input ends after %d bytes", len(data))
	case errors.As(err, &syn):
		return fmt.Errorf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("unexpected JSON %s at byte %d", typ.Value, typ.Offset)
	default:
		return errors.New("malformed JSON")
	}
}
