package rules

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UPS999", `"UPS999"`},
		{"severe", `"severe"`},
		{"1e30GB", `"1e30GB"`},
		{"src/a\nb", `"src/a\nb"`},
		{strings.Repeat("x", 100), `"` + strings.Repeat("x", 80) + `"…`},
		{fakeRedisToken, "[redacted: redis-rest-token ATA5… (63 chars)]"},
		{" " + fakeQStashToken + " ", "[redacted: qstash-token eyJV… (128 chars)]"},
		{fakeAPIKey, "[redacted: unrecognised-token 0f0f… (36 chars)]"},
		{fakeUnknownToken, "[redacted: unrecognised-token Zk3p… (28 chars)]"},
		{"rediss://default:deadbeefcafef00d0badc0de12345678@fake-otter-12345.upstash.io:6379",
			"[redacted: redis-password redi… (82 chars)]"},
		// A credential inside a longer value.
		{"src/" + fakeRedisToken + "/**", `"src/[redacted: redis-rest-token ATA5… (63 chars)]/**"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.30q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestRedactText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"path src/components/Header2.tsx: no such file", "path src/components/Header2.tsx: no such file"},
		{`no database with ID or name "0f0f0f0f-1111-4222-8333-444455556666"`, `no database with ID or name "0f0f0f0f-1111-4222-8333-444455556666"`},
		{`no database named "` + fakeRedisToken + `".`, `no database named "[redacted: redis-rest-token ATA5… (63 chars)]".`},
		{"token " + fakeVectorToken + ".", "token [redacted: vector-search-token ABQF… (104 chars)]."},
		{"url https://user:hunter2hunter2@example.com/x", "url https://user:[redacted: password hunt… (14 chars)]@example.com/x"},
	}
	for _, tt := range tests {
		if got := RedactText(tt.in); got != tt.want {
			t.Errorf("RedactText(%.40q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
