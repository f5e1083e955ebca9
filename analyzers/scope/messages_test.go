package scope

import (
	"strings"
	"testing"
)

// TestMessages pins the wording the Go analyzers share with this pass.
func TestMessages(t *testing.T) {
	got := Unverified("This module", "the Upstash-Signature header", jsVerifiers)
	want := "This module reads the Upstash-Signature header, but nothing on its path verifies the signature " +
		"(Receiver.verify, verifySignature*): unless code upscan did not see verifies it, anyone can send forged QStash messages here"
	if got != want {
		t.Errorf("Unverified = %q, want %q", got, want)
	}
	if got := UnusedReceiver("this package", "(*qstash.Receiver).Verify"); !strings.HasPrefix(got, "A QStash Receiver is built here, but nothing in this package calls (*qstash.Receiver).Verify: ") {
		t.Errorf("UnusedReceiver = %q", got)
	}
}
