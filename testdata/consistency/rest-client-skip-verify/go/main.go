package main

import (
	"crypto/tls"
	"net/http"
	"os"
)

func main() {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want "UPS302"
	req, err := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/greeting", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTASH_REDIS_REST_TOKEN"))
	_, _ = client.Do(req)
}
