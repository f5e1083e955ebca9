package main

import (
	"crypto/tls"
	"net/http"
	"os"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", Password: os.Getenv("UPSTASH_REDIS_PASSWORD"), TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})

var limiter = redis_rate.NewLimiter(rdb)

func feed(w http.ResponseWriter, r *http.Request) {
	res, err := limiter.Allow(r.Context(), "feed:"+r.RemoteAddr, redis_rate.PerMinute(10))
	if err != nil || res.Allowed == 0 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	rdb.LPush(r.Context(), "feed", r.URL.Query().Get("item"))
}

func main() {
	http.HandleFunc("/feed", feed)
	_ = http.ListenAndServe(":8080", nil)
}
