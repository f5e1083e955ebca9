// Package chi is a minimal stand-in for github.com/go-chi/chi/v5.
package chi

import "net/http"

type Middlewares = []func(http.Handler) http.Handler

type Router interface {
	http.Handler
	Use(middlewares ...func(http.Handler) http.Handler)
	With(middlewares ...func(http.Handler) http.Handler) Router
	Group(fn func(r Router)) Router
	Route(pattern string, fn func(r Router)) Router
	Mount(pattern string, h http.Handler)
	Handle(pattern string, h http.Handler)
	HandleFunc(pattern string, h http.HandlerFunc)
	Method(method, pattern string, h http.Handler)
	Get(pattern string, h http.HandlerFunc)
	Post(pattern string, h http.HandlerFunc)
}

type Mux struct{}

func NewRouter() *Mux { return &Mux{} }

func (*Mux) ServeHTTP(w http.ResponseWriter, r *http.Request)             {}
func (*Mux) Use(middlewares ...func(http.Handler) http.Handler)           {}
func (m *Mux) With(middlewares ...func(http.Handler) http.Handler) Router { return m }
func (m *Mux) Group(fn func(r Router)) Router                             { return m }
func (m *Mux) Route(pattern string, fn func(r Router)) Router             { return m }
func (*Mux) Mount(pattern string, h http.Handler)                         {}
func (*Mux) Handle(pattern string, h http.Handler)                        {}
func (*Mux) HandleFunc(pattern string, h http.HandlerFunc)                {}
func (*Mux) Method(method, pattern string, h http.Handler)                {}
func (*Mux) Get(pattern string, h http.HandlerFunc)                       {}
func (*Mux) Post(pattern string, h http.HandlerFunc)                      {}

func URLParam(r *http.Request, key string) string { return "" }
