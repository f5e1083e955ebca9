package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", Password: os.Getenv("UPSTASH_REDIS_PASSWORD"), TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})

func visit(w http.ResponseWriter, r *http.Request) {
	key := "visits:" + r.RemoteAddr
	seen, _ := rdb.Incr(r.Context(), key).Result()
	rdb.Expire(r.Context(), key, time.Hour)
	fmt.Fprintf(w, "%d", seen)
}

func main() {
	http.HandleFunc("/visit", visit) // want "UPS401"
	_ = http.ListenAndServe(":8080", nil)
}
