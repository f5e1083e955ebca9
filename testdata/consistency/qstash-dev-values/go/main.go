package main

import (
	"io"
	"net/http"

	"github.com/upstash/qstash-go"
)

// The local QStash dev server's public credentials (testUser1's signing keys).
var receiver = qstash.NewReceiver("sig_7GVPjvuwsfqF65iC8fSrs1dfYruM", "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua")

func webhook(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body), Url: "https://app.example.com/webhook"}); err != nil {
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
}

func main() {
	_ = qstash.NewClientWith(qstash.Options{Token: "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=", BaseURL: "http://127.0.0.1:8080"})
	http.HandleFunc("/api/webhook", webhook)
	_ = http.ListenAndServe(":8080", nil)
}
