package main

import (
	"net/http"
	"os"
)

func main() {
	req, err := http.NewRequest(http.MethodGet, "http://fake-otter-12345.kv.vercel-storage.com/get/greeting", nil) // want "UPS301"
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("KV_REST_API_TOKEN"))
	_, _ = http.DefaultClient.Do(req)
}
