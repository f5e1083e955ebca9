package main

import (
	"crypto/tls"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", Password: os.Getenv("UPSTASH_REDIS_PASSWORD"), TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})

func vote(w http.ResponseWriter, r *http.Request) {
	key := "rl:" + r.RemoteAddr
	count, _ := rdb.Incr(r.Context(), key).Result()
	if count == 1 {
		rdb.Expire(r.Context(), key, time.Minute)
	}
	if count > 10 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	rdb.ZIncrBy(r.Context(), "poll", 1, r.URL.Query().Get("choice"))
}

func main() {
	http.HandleFunc("/vote", vote)
	_ = http.ListenAndServe(":8080", nil)
}
