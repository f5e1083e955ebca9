package main

import (
	"io"
	"net/http"
	"os"

	"github.com/upstash/qstash-go"
)

var receiver = qstash.NewReceiver("sig_3xAmPLe4FakeKeyNotReaLpQrSt7", os.Getenv("QSTASH_NEXT_SIGNING_KEY")) // want "UPS105"

// The receiver verifies every delivery, so the key is the cell's only finding.
func webhook(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body), Url: os.Getenv("APP_URL") + "/webhook"}); err != nil {
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
}

func main() {
	http.HandleFunc("/api/webhook", webhook)
	_ = http.ListenAndServe(":8080", nil)
}
