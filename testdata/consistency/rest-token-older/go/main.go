package main

import "net/http"

const upstashToken = "ATA5ACQgMGYwZjBmMGYtMTExMS00MjIyLTgzMzMtNDQ0NDU1NTU2NjY2ZGVhZGJlZWZjYWZlZjAwZDBiYWRjMGRlMTIzNDU2Nzg=" // want "UPS101"

func main() {
	req, err := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/greeting", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+upstashToken)
	_, _ = http.DefaultClient.Do(req)
}
