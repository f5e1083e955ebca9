package main

import (
	"io"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
	"github.com/redis/go-redis/v9"
	"github.com/upstash/qstash-go"
	"github.com/upstash/vector-go"

	"example.com/service/internal/store"
)

const legacyURL = "redis://default:pw@fake-otter-12345.upstash.io:6379"

var (
	index = vector.NewIndex(os.Getenv("UPSTASH_VECTOR_REST_URL"), "ABQFMGZha2Utb3R0ZXItMTIzNDUtdXMxYWRtaW5NR1l3WmpCbU1HWXRNVEV4TVMwME1qSXlMVGd6TXpNdE5EUTBORFUxTlRVMk5qWTI=")
	queue = qstash.NewClient("Zk3pQ9vLx2Tn8RwB5yHc7MdF4sJg")
	cache = redis.NewClient(&redis.Options{Addr: "fake-otter-12345.upstash.io:6379", Password: os.Getenv("UPSTASH_REDIS_PASSWORD")})
)

func search(w http.ResponseWriter, r *http.Request) {
	index.Query(vector.Query{TopK: 3})
}

func webhook(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Upstash-Signature") == "" {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	io.ReadAll(r.Body)
}

func main() {
	s, err := store.New()
	if err != nil {
		panic(err)
	}
	r := chi.NewRouter()
	r.Get("/search", search)
	r.Get("/items/{id}", func(w http.ResponseWriter, req *http.Request) {
		s.Item(req.Context(), chi.URLParam(req, "id"))
	})
	r.With(httprate.LimitByIP(10, time.Minute)).Get("/limited/{id}", func(w http.ResponseWriter, req *http.Request) {
		s.Item(req.Context(), chi.URLParam(req, "id"))
	})
	r.Post("/webhooks/qstash", webhook)
	http.ListenAndServe(":8080", r)
}
