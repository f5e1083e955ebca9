// Package limiter is a minimal stand-in for fiber's limiter middleware.
package limiter

import "github.com/gofiber/fiber/v2"

type Config struct{ Max int }

func New(config ...Config) fiber.Handler {
	return func(c *fiber.Ctx) error { return c.Next() }
}
