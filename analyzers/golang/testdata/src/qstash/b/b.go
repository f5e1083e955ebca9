// Package b builds a Receiver and never calls Verify.
package b

import (
	"net/http"
	"os"

	"github.com/upstash/qstash-go"
)

var receiver = qstash.NewReceiver(os.Getenv("QSTASH_CURRENT_SIGNING_KEY"), os.Getenv("QSTASH_NEXT_SIGNING_KEY")) // want `UPS504: A QStash Receiver is built here, but nothing in this package calls \(\*qstash.Receiver\).Verify`

func Handle(w http.ResponseWriter, r *http.Request) {
	_ = receiver
	w.WriteHeader(http.StatusOK)
}
