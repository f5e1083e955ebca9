package scope

import "fmt"

// The wording of the UPS504 findings that more than one front-end reports.
// analyzers/golang builds its UPS504 messages with these too, so one shape
// reads the same in Go, JS/TS and Python.

// Unverified is the UPS504 message of a QStash receiver that never verifies
// the Upstash-Signature. receiver names it as a sentence subject ("This
// module", "QStash webhook handler hook"), reads says what shows it receives
// deliveries ("the Upstash-Signature header", "the QStash delivery header
// upstash-message-id", "the request body"), verify names the checks of its
// language ("Receiver.verify, verifySignature*", "(*qstash.Receiver).Verify").
func Unverified(receiver, reads, verify string) string {
	return fmt.Sprintf("%s reads %s, but nothing on its path verifies the signature (%s): "+
		"unless code upscan did not see verifies it, anyone can send forged QStash messages here", receiver, reads, verify)
}

// UnusedReceiver is the UPS504 message of a QStash Receiver built where
// nothing calls its verify method. where is the code searched ("this
// package"), verify the method ("(*qstash.Receiver).Verify").
func UnusedReceiver(where, verify string) string {
	return fmt.Sprintf("A QStash Receiver is built here, but nothing in %s calls %s: "+
		"deliveries are accepted unverified, and anyone can send forged QStash messages", where, verify)
}

// workflowUnverified is the UPS504 message of an Upstash Workflow serve
// that turns verification off.
const workflowUnverified = "This Upstash Workflow endpoint turns signature verification off (receiver: undefined): " +
	"anyone can start workflow runs by calling it; pass a Receiver or leave the default, which verifies with " +
	"QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY"

// jsVerifiers names the checks the JS/TS and Python SDKs offer.
const jsVerifiers = "Receiver.verify, verifySignature*"
