package main

import (
	"crypto/tls"
	"os"

	"github.com/redis/go-redis/v9"
)

func main() {
	opt, err := redis.ParseURL(os.Getenv("REDIS_URL"))
	if err != nil {
		panic(err)
	}
	opt.TLSConfig = &tls.Config{InsecureSkipVerify: true}
	_ = redis.NewClient(opt)
	_ = redis.NewClient(&redis.Options{Addr: os.Getenv("UPSTASH_REDIS_ADDR"), TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})
}
