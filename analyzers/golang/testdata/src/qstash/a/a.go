package a

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/upstash/qstash-go"
)

var receiver = qstash.NewReceiverWithEnv()

type job struct{ ID string }

func verified(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	err := receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body), Url: "https://example.com/api/jobs"})
	if err != nil {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
}

func unverified(w http.ResponseWriter, r *http.Request) { // want `UPS504: QStash webhook handler unverified reads the Upstash-Signature header, but nothing on its path verifies the signature`
	if r.Header.Get("Upstash-Signature") == "" {
		http.Error(w, "missing signature", http.StatusUnauthorized)
		return
	}
	var j job
	json.NewDecoder(r.Body).Decode(&j)
}

func qstashJob(w http.ResponseWriter, r *http.Request) { // want `UPS504: QStash webhook handler qstashJob reads the request body, but nothing on its path verifies`
	io.ReadAll(r.Body)
}

func verifyQStash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body)}) != nil { // want `UPS505: \(\*qstash.Receiver\).Verify is called without url`
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func wrappedJob(w http.ResponseWriter, r *http.Request) { io.ReadAll(r.Body) }

// notRegisteredHere reads the signature, never verifies, and has a
// handler's signature: reported even though its route is elsewhere.
func notRegisteredHere(w http.ResponseWriter, r *http.Request) { // want `UPS504: QStash webhook handler notRegisteredHere`
	_ = r.Header.Get("upstash-signature")
}

func Routes() {
	http.HandleFunc("POST /api/qstash", verified)
	http.HandleFunc("POST /api/webhook", unverified)
	http.HandleFunc("POST /jobs", qstashJob)
	http.Handle("POST /api/qstash/wrapped", verifyQStash(http.HandlerFunc(wrappedJob)))
	http.HandleFunc("POST /upload", func(w http.ResponseWriter, r *http.Request) { io.ReadAll(r.Body) })

	g := gin.Default()
	g.POST("/qstash/gin", func(c *gin.Context) { // want `UPS504: QStash webhook handler for "POST /qstash/gin" reads the request body`
		var j job
		c.ShouldBindJSON(&j)
	})
}
