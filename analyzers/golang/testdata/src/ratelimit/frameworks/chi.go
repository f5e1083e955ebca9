package frameworks

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/httprate"
)

func getItem(w http.ResponseWriter, r *http.Request) { search() }

func chiRoutes() http.Handler {
	r := chi.NewRouter()
	r.Get("/items/{id}", getItem) // want `UPS401: chi endpoint "GET /items/{id}" reaches Upstash Vector`
	r.With(httprate.LimitByIP(10, time.Minute)).Post("/items", getItem)
	r.Route("/api", func(r chi.Router) {
		r.Use(httprate.LimitByIP(100, time.Minute))
		r.Get("/items", getItem)
	})
	r.Group(func(r chi.Router) {
		r.Get("/open", getItem) // want `UPS401: chi endpoint "GET /open"`
	})

	limited := chi.NewRouter()
	limited.Use(httprate.LimitByIP(10, time.Minute))
	limited.Get("/x", getItem)
	r.Mount("/limited", limited)
	return r
}
