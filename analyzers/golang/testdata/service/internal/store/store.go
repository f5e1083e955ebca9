// Package store keeps items in Upstash Redis.
package store

import (
	"context"
	"crypto/tls"
	"os"

	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb *redis.Client }

func New() (*Store, error) {
	opt, err := redis.ParseURL(os.Getenv("UPSTASH_REDIS_URL"))
	if err != nil {
		return nil, err
	}
	opt.TLSConfig = &tls.Config{InsecureSkipVerify: true}
	return &Store{rdb: redis.NewClient(opt)}, nil
}

func (s *Store) Item(ctx context.Context, id string) (string, error) {
	return s.rdb.Get(ctx, "item:"+id).Result()
}
