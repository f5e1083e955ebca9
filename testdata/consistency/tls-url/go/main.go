package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
)

func main() {
	opt, err := redis.ParseURL("rediss://default:" + os.Getenv("PW") + "@fake-otter-12345.upstash.io:6379")
	if err != nil {
		panic(err)
	}
	_ = redis.NewClient(opt)
	opt2, err := redis.ParseURL(fmt.Sprintf("rediss://default:%s@fake-otter-12345.upstash.io:6379", os.Getenv("PW")))
	if err != nil {
		panic(err)
	}
	_ = redis.NewClient(opt2)
	req, err := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/greeting", nil)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("UPSTASH_REDIS_REST_TOKEN"))
	_, _ = http.DefaultClient.Do(req)
}
