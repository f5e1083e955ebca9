package main

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"
)

var (
	opt, _  = redis.ParseURL(os.Getenv("UPSTASH_REDIS_URL"))
	rdb     = redis.NewClient(opt)
	limiter = rate.NewLimiter(10, 20)
)

func hits(w http.ResponseWriter, r *http.Request) {
	rdb.Incr(r.Context(), "hits")
}

func limited(w http.ResponseWriter, r *http.Request) {
	if !limiter.Allow() {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	rdb.Get(r.Context(), "k")
}

func static(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }

type itemHandler struct{}

func (itemHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { readItem(r.Context()) }

func readItem(ctx context.Context) string {
	v, _ := rdb.Get(ctx, "item").Result()
	return v
}

// handRolled counts requests per client with INCR and EXPIRE (a fixed window).
func handRolled(w http.ResponseWriter, r *http.Request) {
	key := "rl:" + r.RemoteAddr
	n := rdb.Incr(r.Context(), key).Val()
	if n == 1 {
		rdb.Expire(r.Context(), key, time.Minute)
	}
	if n > 10 {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	readItem(r.Context())
}

func limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !limiter.Allow() {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	http.HandleFunc("GET /hits", hits) // want `UPS401: net/http endpoint "GET /hits" reaches Upstash Redis TCP \(\(redis.Client\).Incr\) with no rate limit on its path: anyone who can call it`
	http.HandleFunc("GET /limited", limited)
	http.HandleFunc("GET /static", static)
	http.Handle("GET /items/{id}", itemHandler{}) // want `UPS401: net/http endpoint "GET /items/{id}" reaches Upstash Redis`
	http.Handle("POST /items", limit(itemHandler{}))
	http.HandleFunc("GET /counted", handRolled)

	mux := http.NewServeMux()
	mux.HandleFunc("/a", hits)
	go http.ListenAndServe(":8080", limit(mux))

	open := http.NewServeMux()
	open.HandleFunc("POST /b", func(w http.ResponseWriter, r *http.Request) { // want `UPS401: net/http endpoint "POST /b"`
		rdb.Set(r.Context(), "b", "1", 0)
	})
	http.ListenAndServe(":8081", open)
}
