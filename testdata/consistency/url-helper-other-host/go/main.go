package main

import (
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"
)

func plainURL(host string) string {
	return fmt.Sprintf("redis://default:%s@%s:6379", os.Getenv("PW"), host)
}

func tlsURL(host string) string {
	return "rediss://default:" + os.Getenv("PW") + "@" + host + ":6379"
}

func connect(url string) *redis.Client {
	opt, err := redis.ParseURL(url)
	if err != nil {
		panic(err)
	}
	return redis.NewClient(opt)
}

func main() {
	_ = connect(plainURL("redis.example.com"))
	_ = connect(plainURL(os.Getenv("UPSTASH_REDIS_HOST")))
	_ = connect(tlsURL("fake-otter-12345.upstash.io"))
	_ = connect(plainURL("fly-fake-otter-12345.upstash.io"))
}
