// Package httprate is a minimal stand-in for github.com/go-chi/httprate.
package httprate

import (
	"net/http"
	"time"
)

func LimitByIP(requestLimit int, windowLength time.Duration) func(next http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return next }
}
