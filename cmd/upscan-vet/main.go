// Command upscan-vet runs upscan's Go analyzers under go vet:
//
//	go build -o upscan-vet github.com/upscan/upscan/cmd/upscan-vet
//	go vet -vettool=$(pwd)/upscan-vet ./...
//
// It reports hardcoded Upstash credentials (UPS101–UPS109), plaintext or
// unverified TLS transport to Upstash (UPS301–UPS303), endpoints that reach
// Upstash with no rate limit (UPS401) and QStash webhooks that never verify
// the signature (UPS504); every message starts with the rule ID. Flags
// follow go vet: -upstashratelimit=false turns one analyzer off, -json
// prints JSON; go fix -fixtool=$(pwd)/upscan-vet applies the suggested
// fixes. See docs/go.md.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/upscan/upscan/analyzers/golang"
	"github.com/upscan/upscan/analyzers/secrets"
)

func main() {
	det, err := secrets.New()
	if err != nil {
		fmt.Fprintf(os.Stderr, "upscan-vet: building the credential rules: %v\n", err)
		os.Exit(2)
	}
	unitchecker.Main(golang.New(det)...)
}
