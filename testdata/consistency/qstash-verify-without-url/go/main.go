package main

import (
	"io"
	"net/http"
	"os"

	"github.com/upstash/qstash-go"
)

var receiver = qstash.NewReceiver(os.Getenv("QSTASH_CURRENT_SIGNING_KEY"), os.Getenv("QSTASH_NEXT_SIGNING_KEY"))

func jobs(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body)}); err != nil { // want "UPS505"
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
}

func main() {
	http.HandleFunc("/api/jobs", jobs)
	http.ListenAndServe(":8080", nil)
}
