package dbposture

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFlag(t *testing.T) {
	tests := []struct {
		raw  string
		want Flag
	}{
		{`true`, On}, {`false`, Off},
		{`"true"`, On}, {`"false"`, Off}, {`" TRUE "`, On}, {`"False"`, Off},
		{`"enabled"`, On}, {`"disabled"`, Off}, {`"on"`, On}, {`"off"`, Off},
		{`1`, On}, {`0`, Off}, {`"1"`, On}, {`"0"`, Off},
		{`null`, Unknown}, {`""`, Unknown}, {`"maybe"`, Unknown}, {`2`, Unknown},
		{`{}`, Unknown}, {`[]`, Unknown}, {`tru`, Unknown},
	}
	for _, tt := range tests {
		if got := parseFlag(json.RawMessage(tt.raw)); got != tt.want {
			t.Errorf("parseFlag(%s) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}

func ptr(f float64) *float64 { return &f }

func TestDecodeDatabaseTolerant(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Database
	}{
		{
			name: "bools as strings, unknown fields ignored",
			in: `{"database_id":"id-1","database_name":"a","tls":"true","db_acl_enabled":"false",
				"db_acl_default_user_status":"true","prometheus_enabled":"true","brand_new_field":{"x":[1,2]}}`,
			want: Database{ID: "id-1", Name: "a", TLS: On, ACL: Off, ACLDefaultUser: On, Prometheus: On},
		},
		{
			name: "missing fields are unknown, not off",
			in:   `{"database_name":"a"}`,
			want: Database{Name: "a"},
		},
		{
			name: "wrong types read as missing",
			in: `{"database_name":7,"tls":"perhaps","budget":"lots","port":"x","read_regions":"us-east-1",
				"securityAddons":"none","allowed_ip_ranges":{"a":1},"prod_pack_enabled":[true]}`,
			want: Database{},
		},
		{
			name: "numbers as strings, db_eviction fallback",
			in:   `{"database_name":"a","budget":"50","port":"6379","db_eviction":true}`,
			want: Database{Name: "a", Budget: ptr(50), Port: 6379, Eviction: On},
		},
		{
			name: "eviction wins over db_eviction",
			in:   `{"database_name":"a","eviction":false,"db_eviction":true}`,
			want: Database{Name: "a", Eviction: Off},
		},
		{
			name: "empty allow-list is known and empty",
			in:   `{"database_name":"a","allowed_ip_ranges":[]}`,
			want: Database{Name: "a", AllowedIPRanges: []string{}},
		},
		{
			name: "allow-list keeps strings only",
			in:   `{"database_name":"a","allowed_ip_ranges":["10.0.0.0/8",4," ",null]}`,
			want: Database{Name: "a", AllowedIPRanges: []string{"10.0.0.0/8"}},
		},
		{
			name: "security add-ons",
			in:   `{"securityAddons":{"ipWhitelisting":true,"vpcPeering":"false","privateLink":null,"encryptionAtRest":true}}`,
			want: Database{SecurityAddons: SecurityAddons{IPAllowlist: On, VPCPeering: Off, EncryptionAtRest: On}},
		},
		{
			name: "control characters are dropped from strings",
			in:   `{"database_name":"bad\u001b[31mname\u0007"}`,
			want: Database{Name: "bad[31mname"},
		},
		{
			name: "out-of-range numbers are dropped",
			in:   `{"database_name":"a","port":70000,"replicas":-1,"creation_time":1e300}`,
			want: Database{Name: "a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Database
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeDatabasesShapes(t *testing.T) {
	const obj = `{"database_id":"x","tls":true}`
	tests := []struct {
		name    string
		in      string
		n       int    // databases expected
		wantErr string // substring of the error; "" for success
	}{
		{"object", obj, 1, ""},
		{"list", "[" + obj + "," + obj + "]", 2, ""},
		{"list with null", "[null," + obj + "]", 1, ""},
		{"empty list", "[]", 0, ""},
		{"whitespace around", "\n\t " + obj + "\n", 1, ""},
		{"empty input", "  ", 0, "empty input"},
		{"string", `"OK"`, 0, "got a JSON string"},
		{"number", `42`, 0, "got a JSON number"},
		{"null", `null`, 0, "got a JSON null"},
		{"unrelated object", `{"name":"my-app","version":"1.0.0"}`, 0, "not an Upstash database object"},
		{"element not an object", "[" + obj + `,"x"]`, 0, "element 1: expected a database object, got a JSON string"},
		{"truncated", obj[:20], 0, "truncated JSON"},
		{"malformed", `{"tls": tru}`, 0, "malformed JSON at byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbs, err := DecodeDatabases([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(dbs) != tt.n {
				t.Errorf("got %d databases, want %d", len(dbs), tt.n)
			}
		})
	}
	if _, err := DecodeDatabase([]byte("[" + obj + "," + obj + "]")); err == nil {
		t.Error("DecodeDatabase accepted a list of two")
	}
}

// TestDecodeErrorsDoNotQuoteInput: decoding errors must never echo the input,
// which may hold credentials.
func TestDecodeErrorsDoNotQuoteInput(t *testing.T) {
	const fake = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"
	inputs := []string{
		`{"rest_token":"` + fake + `"`,                  // truncated
		`{"rest_token":"` + fake + `" ` + fake + `}`,    // malformed after the token
		`{"rest_token":` + fake + `}`,                   // bare token
		`[{"rest_token":"` + fake + `"}, ` + fake + `]`, // token as a list element
		`"` + fake + `"`,                                // a JSON string
		`{"password":"` + fake + `"}`,                   // no database field
	}
	for i, in := range inputs {
		_, err := DecodeDatabases([]byte(in))
		if err == nil {
			t.Errorf("input %d: no error", i)
			continue
		}
		if strings.Contains(err.Error(), fake[:8]) {
			t.Errorf("input %d: error quotes the input", i)
		}
	}
}

// TestRoundTrip: a marshalled Database decodes to the same value, so the JSON
// output of `upscan db` is valid input for `upscan db --file`.
func TestRoundTrip(t *testing.T) {
	for _, name := range fixtureNames {
		t.Run(name, func(t *testing.T) {
			db := loadFixture(t, name)
			b, err := json.Marshal(db)
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeDatabase(b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(db, back); diff != "" {
				t.Errorf("round trip (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTier(t *testing.T) {
	tests := []struct {
		plan, model string
		want        Tier
	}{
		{"free", "", TierFree}, {"payg", "", TierPaid}, {"pro", "", TierPaid}, {"paid", "", TierPaid},
		{"", "Free", TierFree}, {"", "Pay as You Go", TierPaid}, {"", "Enterprise", TierPaid},
		{"", "", TierUnknown}, {"mystery", "", TierUnknown}, {"mystery", "Free", TierFree},
	}
	for _, tt := range tests {
		if got := (Database{Plan: tt.plan, PricingModel: tt.model}).Tier(); got != tt.want {
			t.Errorf("Tier(%q, %q) = %v, want %v", tt.plan, tt.model, got, tt.want)
		}
	}
}

var fixtureNames = []string{"insecure", "hardened", "partial", "reset-password"}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadFixture(t testing.TB, name string) Database {
	t.Helper()
	db, err := DecodeDatabase(readFixture(t, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return db
}

// FuzzDecodeDatabase: the decoder never panics, never fails on a valid JSON
// object carrying a database field, round-trips what it decodes, and the
// checks accept whatever it returns.
func FuzzDecodeDatabase(f *testing.F) {
	for _, name := range fixtureNames {
		f.Add(readFixture(f, name))
	}
	for _, s := range []string{`[]`, `[null]`, `{"tls":"true"}`, `{"budget":"1e400"}`, `{"database_name":"\u0000"}`,
		`[{"database_id":"a"},{"x":1}]`, `{"securityAddons":{"ipWhitelisting":"1"}}`, `{"tls":`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dbs, err := DecodeDatabases(data)
		if err != nil {
			return
		}
		for _, db := range dbs {
			b, err := json.Marshal(db)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			var back Database
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("decoding the marshalled database: %v", err)
			}
			if diff := cmp.Diff(db, back); diff != "" {
				t.Fatalf("round trip (-before +after):\n%s", diff)
			}
			a := Assess(db)
			if a.Score.Points < 0 || a.Score.Points > 100 || len(a.Results) != len(checks) {
				t.Fatalf("Assess: points %d, %d results", a.Score.Points, len(a.Results))
			}
		}
	})
}
