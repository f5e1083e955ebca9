package main

import (
	"fmt"
	"os"

	"github.com/redis/go-redis/v9"
)

func main() {
	opt, err := redis.ParseURL(fmt.Sprintf("redis://default:%s@fake-otter-12345.upstash.io:6379", os.Getenv("PW"))) // want "UPS301"
	if err != nil {
		panic(err)
	}
	_ = redis.NewClient(opt)
}
