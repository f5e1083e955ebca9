package main

import (
	"crypto/tls"
	"os"

	"github.com/redis/go-redis/v9"
)

func connect(url string) *redis.Client {
	opt, err := redis.ParseURL(url)
	if err != nil {
		panic(err)
	}
	// Upstash needs TLS
	opt.TLSConfig = &tls.Config{InsecureSkipVerify: true} // want "UPS302"
	return redis.NewClient(opt)
}

func main() {
	_ = connect(os.Getenv("REDIS_URL"))
}
