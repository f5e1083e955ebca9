package api

import (
	"net/http"

	"ratelimit/cross/store"
)

func Routes(s *store.Store) {
	http.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { // want `UPS401: net/http endpoint "GET /items/{id}" reaches Upstash Redis TCP \(\(redis.Client\).Get\)`
		s.Get(r.Context(), r.PathValue("id"))
	})
	http.Handle("GET /limited/{id}", s.Limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Get(r.Context(), r.PathValue("id"))
	})))
}

type server struct{ items store.Getter }

func (sv *server) item(w http.ResponseWriter, r *http.Request) {
	sv.items.Get(r.Context(), r.PathValue("id"))
}

func Routes2(sv *server) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /i/{id}", sv.item) // want `UPS401: net/http endpoint "GET /i/{id}"`
	return mux
}
