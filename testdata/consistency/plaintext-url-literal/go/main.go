package main

import "github.com/redis/go-redis/v9"

func main() {
	opt, err := redis.ParseURL("redis://fake-otter-12345.upstash.io:6379") // want "UPS301"
	if err != nil {
		panic(err)
	}
	_ = redis.NewClient(opt)
}
