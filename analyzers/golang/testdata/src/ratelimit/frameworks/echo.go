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

	e2 := echo.New()
	e2.Use(middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(10)))
	e2.GET("/y", echoHandler)
}
