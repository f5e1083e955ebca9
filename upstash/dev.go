package upstash

import "slices"

// DevSigningKeys are the QStash local dev-server signing keys that Upstash
// publishes as "NOT secrets" (upstash/docs qstash/howto/local-development.mdx,
// upstash/qstash-js src/dev-server/constants.ts; UPSTASH.md §1.3).
var DevSigningKeys = []string{
	"sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs", // defaultUser
	"sig_7GVPjvuwsfqF65iC8fSrs1dfYruM", "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua", // testUser1
	"sig_6jWGaWRxHsw4vMSPJprXadyvrybF", "sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx", // testUser2
	"sig_5T8FcSsynBjn9mMLBsXhpacRovJf", "sig_7GFR4YaDshFcqsxWRZpRB161jguD", // testUser3
}

// DevQStashUsers are the UserIDs of the public dev-server QStash tokens.
var DevQStashUsers = map[string]bool{"defaultUser": true, "testUser1": true, "testUser2": true, "testUser3": true}

// IsDevValue reports whether v is one of the public QStash dev-server values:
// a dev signing key or a token of a dev-server user. They are documented, not
// secrets, and never findings.
func IsDevValue(v string) bool {
	if slices.Contains(DevSigningKeys, v) {
		return true
	}
	t, ok := DecodeQStashToken(v)
	return ok && DevQStashUsers[t.UserID]
}
