package a

import (
	"os"

	"github.com/upstash/qstash-go"
)

// In a constant declaration the finding stands but no fix is offered
// (os.Getenv is not a constant).
const constToken = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // want `UPS101: `

// The public QStash dev-server token is not a secret (UPSTASH.md §1.3).
const devToken = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0="

type Token string

func negatives() {
	_ = qstash.NewClient(os.Getenv("QSTASH_TOKEN"))
	_ = qstash.NewClientWithEnv()
	_ = qstash.NewClient("<your qstash token>")
	_ = qstash.NewClient(devToken)
	_ = qstash.NewReceiverWithEnv()
	// A struct tag may name the variable; that is no credential.
	type config struct {
		Token string `env:"QSTASH_TOKEN"`
	}
	_ = config{}
	// A named string type cannot take os.Getenv: reported, not fixed.
	var t Token = "ATA5AAIncDFkZWFkYmVlZmNhZmVmMDBkMGJhZGMwZGUxMjM0NTY3OHAxMTIzNDU" // want `UPS101: `
	_ = t
}
