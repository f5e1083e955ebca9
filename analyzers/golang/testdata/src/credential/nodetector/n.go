package nodetector

import "github.com/upstash/qstash-go"

// Without a detector only client parameters are checked: a token in a
// plain variable is left to upscan's own scan.
var loose = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU"

func clients() {
	_ = qstash.NewClient("eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=") // want `UPS104: QStash token passed to qstash.NewClient is hardcoded`
	_ = qstash.NewReceiver("sig_9yBnQRf5GbkLeyMotSebMqRsTu8", "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r")                                                            // want `UPS105: QStash signing key passed to qstash.NewReceiver`
	// The dev server's public token is no secret.
	_ = qstash.NewClient("eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=")
}
