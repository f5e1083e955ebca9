// Package fiber is a minimal stand-in for github.com/gofiber/fiber/v2.
package fiber

type Ctx struct{}

func (*Ctx) Get(key string, defaultValue ...string) string { return "" }
func (*Ctx) Body() []byte                                  { return nil }
func (*Ctx) BodyParser(out any) error                      { return nil }
func (*Ctx) JSON(data any) error                           { return nil }
func (*Ctx) Params(key string) string                      { return "" }
func (*Ctx) Next() error                                   { return nil }

type Handler = func(*Ctx) error

type Router interface {
	Use(args ...any) Router
	Get(path string, handlers ...Handler) Router
	Post(path string, handlers ...Handler) Router
	Group(prefix string, handlers ...Handler) Router
}

type App struct{}

func New() *App { return &App{} }

func (a *App) Use(args ...any) Router                          { return a }
func (a *App) Get(path string, handlers ...Handler) Router     { return a }
func (a *App) Post(path string, handlers ...Handler) Router    { return a }
func (a *App) Group(prefix string, handlers ...Handler) Router { return a }
func (*App) Listen(addr string) error                          { return nil }
