// Package echo is a minimal stand-in for github.com/labstack/echo/v4.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	JSON(code int, i any) error
	Bind(i any) error
	Param(name string) string
}

type HandlerFunc func(c Context) error

type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Route struct{}

type Echo struct{}

func New() *Echo { return &Echo{} }

func (*Echo) Use(middleware ...MiddlewareFunc)                            {}
func (*Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return &Route{} }
func (*Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }
func (*Echo) Group(prefix string, m ...MiddlewareFunc) *Group             { return &Group{} }
func (*Echo) Start(address string) error                                  { return nil }

type Group struct{}

func (*Group) Use(middleware ...MiddlewareFunc)                            {}
func (*Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return &Route{} }
func (*Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }
