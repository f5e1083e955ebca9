package main

import (
	"net/http"

	"github.com/upstash/qstash-go"
)

const upstashToken = "your_token_here"

func main() {
	_ = qstash.NewClient("<QSTASH_TOKEN>")
	req, err := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/greeting", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+upstashToken)
	_, _ = http.DefaultClient.Do(req)
}
