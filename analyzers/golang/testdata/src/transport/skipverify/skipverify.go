package skipverify

import (
	"crypto/tls"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
	"github.com/upstash/qstash-go"
)

var insecure = &tls.Config{InsecureSkipVerify: true} // want `UPS302: TLS certificate verification is disabled`

func redisClient() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:      os.Getenv("UPSTASH_REDIS_ADDR"),
		TLSConfig: &tls.Config{InsecureSkipVerify: true}, // want `UPS302: `
	})
}

func redisFromURL() *redis.Client {
	opt, _ := redis.ParseURL(os.Getenv("UPSTASH_REDIS_URL"))
	opt.TLSConfig = insecure
	return redis.NewClient(opt)
}

func qstashClient() *qstash.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{}}
	tr.TLSClientConfig.InsecureSkipVerify = true // want `UPS302: `
	return qstash.NewClientWith(qstash.Options{Token: os.Getenv("QSTASH_TOKEN"), Client: &http.Client{Transport: tr}})
}

// Not Upstash: a local Redis in tests, an unrelated HTTP client.
func localRedis() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: "localhost:6379", TLSConfig: &tls.Config{InsecureSkipVerify: true}})
}

func other() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}
