package main

import (
	"os"

	"github.com/redis/go-redis/v9"
)

func main() {
	_ = redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", Password: os.Getenv("PW")}) // want "UPS303"
}
