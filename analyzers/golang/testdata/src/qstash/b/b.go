// Package b builds a Receiver and never calls Verify.
package b

import (
	"net/http"
	"os"

	"github.com/upstash/qstash-go"
)

var receiver = qstash.NewReceiver(os.Getenv("QSTASH_CURRENT_SIGNING_KEY"), os.Getenv("QSTASH_NEXT_SIGNING_KEY")) // want `UPS504: qstash Receiver is constructed but Verify is never called`

func Handle(w http.ResponseWriter, r *http.Request) {
	_ = receiver
	w.WriteHeader(http.StatusOK)
}
