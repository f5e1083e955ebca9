// Package middleware is a minimal stand-in for echo's middleware package.
package middleware

import "github.com/labstack/echo/v4"

type RateLimiterStore interface {
	Allow(identifier string) (bool, error)
}

type memoryStore struct{}

func (memoryStore) Allow(identifier string) (bool, error) { return true, nil }

func NewRateLimiterMemoryStore(rate float64) RateLimiterStore { return memoryStore{} }

func RateLimiter(store RateLimiterStore) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
}

func Logger() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
}

type KeyAuthValidator func(key string, c echo.Context) (bool, error)

func KeyAuth(fn KeyAuthValidator) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
}
