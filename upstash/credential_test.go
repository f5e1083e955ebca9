package upstash

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		value    string
		kind     string // "" = not a credential
		readOnly bool
		dev      bool
	}{
		{"ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU", KindRedisToken, false, false},
		{"AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw", KindRedisReadOnly, true, false},
		{"eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=", KindQStashToken, false, false},
		{"sig_3xAmPLe4FakeKeyNotReaLpQrSt7", KindSigningKey, false, false},
		{"sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", KindDevSigningKey, false, true},
		{"ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=", KindIndexToken, false, false},
		{"ABQIMGZha2Utb3R0ZXItMTIzNDUtdXMxcmVhZG9ubHlNR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=", KindIndexReadOnly, true, false},
		{"rediss://default:ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU@fake-otter-12345.upstash.io:6379", KindRedisToken, false, false},
		{"rediss://default_ro:9f8e7d6c5b4a39281706f5e4d3c2b1a0@fake-otter-12345.upstash.io:6379", KindRedisROPassword, true, false},
		{"rediss://default:your_password@fake-otter-12345.upstash.io:6379", "", false, false},
		{"rediss://default:9f8e7d6c5b4a39281706f5e4d3c2b1a0@localhost:6379", "", false, false},
		{"AXW_ASQgnotbase64!!!notbase64notbase64notbase64", "", false, false},
		{"your_upstash_redis_rest_token_here", "", false, false},
	}
	for _, tt := range tests {
		c, ok := Classify(tt.value)
		name := redactName(tt.value)
		if ok != (tt.kind != "") || c.Kind != tt.kind || c.ReadOnly != tt.readOnly || c.Dev != tt.dev {
			t.Errorf("Classify(%s) = %+v, %v; want kind %q readOnly %v dev %v", name, c, ok, tt.kind, tt.readOnly, tt.dev)
		}
	}
}

// redactName is the test's way to name a value without printing it.
func redactName(v string) string {
	if len(v) > 4 {
		return v[:4] + "…"
	}
	return v
}

func TestClassifyTemplateQStashToken(t *testing.T) {
	// base64 of {"UserID":"xxxxxxxx","Password":"xxxxxxxxxxxxxxxx"}
	const tmpl = "eyJVc2VySUQiOiJ4eHh4eHh4eCIsIlBhc3N3b3JkIjoieHh4eHh4eHh4eHh4eHh4eCJ9"
	if c, ok := Classify(tmpl); ok {
		t.Errorf("Classify(template QStash token) = %+v, want not a credential", c)
	}
	if _, ok := DecodeQStashToken(tmpl); ok {
		t.Error("DecodeQStashToken accepted a template token")
	}
}
