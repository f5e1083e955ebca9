package main

import "net/http"

const upstashToken = "AjA5AAIgcDFAQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw" // want "UPS102"

func main() {
	req, err := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/greeting", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+upstashToken)
	_, _ = http.DefaultClient.Do(req)
}
