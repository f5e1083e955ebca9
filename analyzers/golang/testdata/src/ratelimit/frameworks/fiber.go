package frameworks

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"
)

func fiberHandler(c *fiber.Ctx) error {
	publish()
	return nil
}

func fiberRoutes() {
	app := fiber.New()
	app.Get("/f", fiberHandler) // want `UPS401: fiber endpoint "GET /f" reaches Upstash QStash`
	app.Post("/f", limiter.New(), fiberHandler)

	app2 := fiber.New()
	app2.Use(limiter.New(limiter.Config{Max: 10}))
	app2.Get("/g", fiberHandler)
}
