package main

import (
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"
)

func redisURL(host string) string {
	return fmt.Sprintf("redis://default:%s@%s:6379", os.Getenv("PW"), host)
}

func plainURL(host string) string {
	return "redis://default:" + os.Getenv("PW") + "@" + host + ":6379"
}

const upstashHost = "fake-otter-12345.upstash.io"

func defaultURL() string {
	return fmt.Sprintf("redis://default:%s@%s:6379", os.Getenv("PW"), upstashHost) // want "UPS301"
}

func connect(url string) *redis.Client {
	opt, err := redis.ParseURL(url)
	if err != nil {
		panic(err)
	}
	return redis.NewClient(opt)
}

func main() {
	_ = connect(redisURL("fake-otter-12345.upstash.io")) // want "UPS301"
	_ = connect(defaultURL())
	_ = connect(plainURL("fake-otter-12345.upstash.io")) // want "UPS301"
}
