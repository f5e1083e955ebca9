package main

import (
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"
)

const upstashHost = "fake-otter-12345.upstash.io"

func main() {
	a, _ := redis.ParseURL("redis://default:" + os.Getenv("PW") + "@" + upstashHost + ":6379")      // want "UPS301"
	b, _ := redis.ParseURL(fmt.Sprintf("redis://default:%s@%s:6379", os.Getenv("PW"), upstashHost)) // want "UPS301"
	c, _ := redis.ParseURL(fmt.Sprintf("rediss://default:%s@%s:6379", os.Getenv("PW"), upstashHost))
	_, _, _ = redis.NewClient(a), redis.NewClient(b), redis.NewClient(c)
}
