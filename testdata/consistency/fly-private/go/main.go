package main

import (
	"os"

	"github.com/redis/go-redis/v9"
)

func main() {
	opt, err := redis.ParseURL("redis://default:" + os.Getenv("PW") + "@fly-fake-otter-12345.upstash.io:6379")
	if err != nil {
		panic(err)
	}
	_ = redis.NewClient(opt)
	_ = redis.NewClient(&redis.Options{Addr: "fly-fake-otter-12345.upstash.io:6379", Password: os.Getenv("PW")})
}
