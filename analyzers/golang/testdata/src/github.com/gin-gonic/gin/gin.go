// Package gin is a minimal stand-in for github.com/gin-gonic/gin.
package gin

import "net/http"

type Context struct{ Request *http.Request }

func (*Context) JSON(code int, obj any)       {}
func (*Context) GetHeader(key string) string  { return "" }
func (*Context) ShouldBindJSON(obj any) error { return nil }
func (*Context) GetRawData() ([]byte, error)  { return nil, nil }
func (*Context) Param(key string) string      { return "" }
func (*Context) AbortWithStatus(code int)     {}
func (*Context) Next()                        {}

type HandlerFunc func(*Context)

type IRoutes interface {
	Use(...HandlerFunc) IRoutes
	GET(string, ...HandlerFunc) IRoutes
	POST(string, ...HandlerFunc) IRoutes
}

type RouterGroup struct{}

func (g *RouterGroup) Use(middleware ...HandlerFunc) IRoutes                     { return g }
func (g *RouterGroup) GET(relativePath string, handlers ...HandlerFunc) IRoutes  { return g }
func (g *RouterGroup) POST(relativePath string, handlers ...HandlerFunc) IRoutes { return g }
func (g *RouterGroup) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup {
	return g
}

type Engine struct{ RouterGroup }

func Default() *Engine                   { return &Engine{} }
func New() *Engine                       { return &Engine{} }
func (*Engine) Run(addr ...string) error { return nil }
