package tls

import (
	"os"

	"github.com/redis/go-redis/v9"
)

const upstashURL = "redis://default:" + "secret@fake-otter-12345.upstash.io:6379" // want `UPS301: Plaintext redis:// URL to Upstash host fake-otter-12345.upstash.io`

func plaintext() {
	_, _ = redis.ParseURL("redis://fake-otter-12345.upstash.io:6379") // want `UPS301: Plaintext redis://`
	_, _ = redis.ParseURL(upstashURL)
	_ = "http://fake-otter-12345.upstash.io/get/key" // want `UPS301: Plaintext http://`

	// Not findings: TLS URLs, Fly.io's private network, other hosts.
	_, _ = redis.ParseURL("rediss://fake-otter-12345.upstash.io:6379")
	_ = "https://fake-otter-12345.upstash.io"
	_, _ = redis.ParseURL("redis://fly-fake-otter.upstash.io")
	_, _ = redis.ParseURL("redis://localhost:6379")
}

func noTLS() {
	_ = redis.NewClient(&redis.Options{ // want `UPS303: go-redis Options for an Upstash address sets no TLSConfig`
		Addr:     "fake-otter-12345.upstash.io:6379",
		Password: os.Getenv("UPSTASH_REDIS_PASSWORD"),
	})
	_ = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{os.Getenv("UPSTASH_REDIS_ADDR")}}) // want `UPS303: go-redis ClusterOptions`
}

func withTLS() {
	_ = redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // not Upstash
	opt := &redis.Options{Addr: os.Getenv("UPSTASH_REDIS_ADDR")}
	opt.TLSConfig = tlsConfig()
	_ = redis.NewClient(opt)
}
