package tls

import (
	"fmt"
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
	_ = redis.NewClient(&redis.Options{ // want `UPS303: go-redis client connects to Upstash host fake-otter-12345.upstash.io without TLS`
		Addr:     "fake-otter-12345.upstash.io:6379",
		Password: os.Getenv("UPSTASH_REDIS_PASSWORD"),
	})
	_ = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{os.Getenv("UPSTASH_REDIS_ADDR")}}) // want `UPS303: go-redis client connects without TLS to the host in UPSTASH_REDIS_ADDR`
}

func withTLS() {
	_ = redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // not Upstash
	opt := &redis.Options{Addr: os.Getenv("UPSTASH_REDIS_ADDR")}
	opt.TLSConfig = tlsConfig()
	_ = redis.NewClient(opt)
}

// URLs assembled from parts: the password is a hole, the scheme and host
// are constant.
func built() {
	_, _ = redis.ParseURL("redis://default:" + os.Getenv("UPSTASH_REDIS_PASSWORD") + "@fake-otter-12345.upstash.io:6379") // want `UPS301: Plaintext redis://`
	_, _ = redis.ParseURL(fmt.Sprintf("redis://default:%s@fake-otter-12345.upstash.io:6379", os.Getenv("PW")))            // want `UPS301: Plaintext redis://`
	_ = "http://fake-otter-12345.kv.vercel-storage.com/get/key"                                                           // want `UPS301: Plaintext http:// URL to Upstash host fake-otter-12345.kv.vercel-storage.com`
	_, _ = redis.ParseURL(upstashURL + "/0")                                                                              // reported where upstashURL is declared

	// Not findings: TLS, Fly.io's private network, Upstash's console, an unknown host.
	_, _ = redis.ParseURL("rediss://default:" + os.Getenv("PW") + "@fake-otter-12345.upstash.io:6379")
	_ = redis.NewClient(&redis.Options{Addr: "fly-fake-otter-12345.upstash.io:6379"})
	_ = "http://console.upstash.io/redis"
	_, _ = redis.ParseURL("redis://default:pw@" + os.Getenv("HOST") + ".upstash.io:6379")
}
