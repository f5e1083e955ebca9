package frameworks

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func echoHandler(c echo.Context) error {
	search()
	return nil
}

func echoRoutes() {
	e := echo.New()
	e.Use(middleware.Logger())
	e.GET("/e", echoHandler) // want `UPS401: echo endpoint "GET /e"`
	e.GET("/e2", echoHandler, middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(10)))
	grp := e.Group("/g", middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(10)))
	grp.GET("/x", echoHandler)

	keyed := echo.New()
	keyed.Use(middleware.KeyAuth(func(key string, c echo.Context) (bool, error) { return key == "k", nil }))
	keyed.GET("/k", echoHandler) // want `UPS401: echo endpoint "GET /k" reaches Upstash .* only signed-in callers reach it \(echo KeyAuth middleware\)`

	e2 := echo.New()
	e2.Use(middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(10)))
	e2.GET("/y", echoHandler)
}
