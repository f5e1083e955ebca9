package a

import (
	"crypto/tls"

	"github.com/redis/go-redis/v9"
	"github.com/upstash/qstash-go"
	"github.com/upstash/vector-go"
)

// A full-access REST token in a variable: reported with the rule of its layout.
var redisToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // want `UPS101: Upstash Redis REST token \(full access\)`

func clients() {
	_ = qstash.NewClient("eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=")                          // want `UPS104: QStash token is hardcoded`
	_ = qstash.NewReceiver("sig_3xAmPLe4FakeKeyNotReaLpQrSt7", "sig_9yBnQRf5GbkLeyMotSebMqRsTu8")                                                                                     // want `UPS105: QStash signing key` `UPS105: QStash signing key`
	_ = vector.NewIndex("https://fake-otter-12345-us1-vector.upstash.io", "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=") // want `UPS106: Upstash Vector admin token`

	// No known token layout, but passed where the SDK takes the credential.
	_ = qstash.NewClient("Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg") // want `UPS104: QStash token passed to qstash.NewClient is hardcoded`
	_ = redis.NewClient(&redis.Options{
		Addr:      "fake-otter-12345.upstash.io:6379",
		Password:  "Pq7Wm2Kx9Rt4Vb8Nz3Hc6Jd5Lf1Gs0Y", // want `UPS103: `
		TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	})

	// The password inside a URL: only the password is replaced.
	_, _ = redis.ParseURL("rediss://default:ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU@fake-otter-12345.upstash.io:6379") // want `UPS103: Password of Upstash Redis host fake-otter-12345.upstash.io`
}
