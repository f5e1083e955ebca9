// Package plain uses a local Redis and never mentions Upstash: go-redis
// alone is not an Upstash client, so nothing is reported.
package plain

import (
	"net/http"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

func Routes() {
	http.HandleFunc("GET /hits", func(w http.ResponseWriter, r *http.Request) { rdb.Incr(r.Context(), "hits") })
}
