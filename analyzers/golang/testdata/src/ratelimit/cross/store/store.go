// Package store wraps the Upstash Redis client; its facts tell importing
// packages which of its functions reach Upstash and which limit.
package store

import (
	"context"
	"net/http"
	"os"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb *redis.Client }

func New() *Store {
	opt, _ := redis.ParseURL(os.Getenv("UPSTASH_REDIS_URL"))
	return &Store{rdb: redis.NewClient(opt)}
}

func (s *Store) Get(ctx context.Context, id string) (string, error) {
	return s.rdb.Get(ctx, id).Result()
}

// Getter is what handlers depend on.
type Getter interface {
	Get(ctx context.Context, id string) (string, error)
}

// Limit is a rate-limiting middleware backed by redis_rate.
func (s *Store) Limit(next http.Handler) http.Handler {
	l := redis_rate.NewLimiter(s.rdb)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := l.Allow(r.Context(), r.RemoteAddr, redis_rate.PerSecond(10))
		if err != nil || res.Allowed == 0 {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
