package skipverify

import (
	"crypto/tls"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
	"github.com/upstash/qstash-go"
)

var insecure = &tls.Config{InsecureSkipVerify: true} // want `UPS302: InsecureSkipVerify: true turns off TLS certificate verification for a connection whose host comes from UPSTASH_REDIS_URL`

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

// A net/http client calling an Upstash REST URL in the same function.
func restClient() {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want `UPS302: InsecureSkipVerify: true \(net/http\) turns off TLS certificate verification for the connection to Upstash host fake-otter-12345.upstash.io`
	req, _ := http.NewRequest(http.MethodGet, "https://fake-otter-12345.upstash.io/get/k", nil)
	_, _ = c.Do(req)
}

// go-redis options for a literal Upstash host.
func literalHost() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", TLSConfig: &tls.Config{InsecureSkipVerify: true}}) // want `UPS302: InsecureSkipVerify: true \(go-redis\) turns off TLS certificate verification for the connection to Upstash host`
}

// A rediss:// URL that turns verification off in its query.
var certNone = "rediss://fake-otter-12345.upstash.io:6379?ssl_cert_reqs=none" // want `UPS302: rediss:// URL to Upstash host fake-otter-12345.upstash.io sets ssl_cert_reqs=none`
