package main

import (
	"net/http"
	"os"
)

func main() {
	req, err := http.NewRequest(http.MethodGet, "http://fake-otter-12345.upstash.io/get/greeting", nil) // want "UPS301"
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTASH_REDIS_REST_TOKEN"))
	_, _ = http.DefaultClient.Do(req)
}
