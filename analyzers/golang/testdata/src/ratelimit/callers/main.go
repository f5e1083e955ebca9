package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/golang-jwt/jwt/v5"
	"github.com/redis/go-redis/v9"
)

var (
	opt, _ = redis.ParseURL(os.Getenv("UPSTASH_REDIS_URL"))
	rdb    = redis.NewClient(opt)
)

// requireJWT rejects requests without a valid bearer token.
func requireJWT(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		tok, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return []byte(os.Getenv("JWT_KEY")), nil })
		if err != nil || !tok.Valid {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// lookOnly parses the token but lets everyone through.
func lookOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jwt.Parse(r.Header.Get("Authorization"), nil)
		next.ServeHTTP(w, r)
	})
}

func notes(w http.ResponseWriter, r *http.Request) {
	rdb.LRange(r.Context(), "notes", 0, 10)
}

// cron runs only for the scheduler that sends the shared secret.
func cron(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+os.Getenv("CRON_SECRET") {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	rdb.Del(r.Context(), "stats")
}

// webhook checks an HMAC signature of the body before any work.
func webhook(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, []byte(os.Getenv("WEBHOOK_SECRET")))
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), []byte(r.Header.Get("X-Signature"))) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	rdb.LPush(r.Context(), "events", body)
}

func main() {
	api := chi.NewRouter()
	api.Use(requireJWT)
	api.Get("/notes", notes) // want `UPS401: chi endpoint "GET /notes" reaches Upstash Redis TCP \(\(redis.Client\).LRange\) with no recognised rate limit; only signed-in callers reach it \(golang-jwt Parse\)`

	open := chi.NewRouter()
	open.Use(lookOnly)
	open.Get("/feed", notes) // want `UPS401: chi endpoint "GET /feed" reaches Upstash Redis TCP \(\(redis.Client\).LRange\) with no recognised rate limit on its path: anyone who can call it`

	http.HandleFunc("POST /cron", cron)
	http.HandleFunc("POST /webhook", webhook)
	http.ListenAndServe(":8080", api)
}
