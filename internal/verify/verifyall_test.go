package verify

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/upscan/upscan/rules"
)

// candidates returns n distinct Redis candidates against endpoint; those at
// the indexes in bad carry a token the fake refuses.
func candidates(n int, endpoint string, bad map[int]bool) []Candidate {
	cs := make([]Candidate, n)
	for i := range cs {
		secret := fmt.Sprintf("%s-%02d", redisToken, i)
		if bad[i] {
			secret = fmt.Sprintf("bad-%02d", i)
		}
		cs[i] = Candidate{Kind: KindRedisREST, Secret: secret, Endpoint: endpoint}
	}
	return cs
}

// TestVerifyAllParallel: the checks run MaxConcurrent at a time, never more
// (issue 15 row 16: one at a time, 10 s each, behind a slow network). The
// fake holds every request until four are in flight together, so checks made
// one at a time could never finish: they would end Unknown at the deadline
// and fail the comparison. Results keep the order of the candidates.
func TestVerifyAllParallel(t *testing.T) {
	var mu sync.Mutex
	inFlight, peak := 0, 0
	full := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		if inFlight == defaultMaxConcurrent {
			select {
			case <-full:
			default:
				close(full)
			}
		}
		mu.Unlock()
		select {
		case <-full:
		case <-r.Context().Done():
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer bad-") {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"result":"PONG"}`)
	}))
	defer srv.Close()

	bad := map[int]bool{1: true, 6: true}
	cs := candidates(9, srv.URL, bad)
	v := &Verifier{AllowHost: loopback, Timeout: time.Minute, Deadline: time.Minute}
	got := v.VerifyAll(context.Background(), cs)
	want := make([]rules.Verification, len(cs))
	for i := range want {
		want[i] = rules.Verification{Status: rules.Verified}
		if bad[i] {
			want[i] = rules.Verification{Status: rules.Invalid, Reason: "HTTP 401"}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if peak != defaultMaxConcurrent {
		t.Errorf("at most %d requests in flight, want %d", peak, defaultMaxConcurrent)
	}
}

// TestVerifyAllDeadline: one deadline bounds all the checks together; those
// it cuts short or never starts are Unknown and say why, in input order.
func TestVerifyAllDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	cs := candidates(7, srv.URL, nil)
	cs = append(cs, Candidate{Kind: KindRedisREST, Secret: redisToken}) // decided without a request
	v := &Verifier{AllowHost: loopback, Timeout: time.Hour, Deadline: 100 * time.Millisecond, MaxConcurrent: 2}
	got := v.VerifyAll(context.Background(), cs)
	want := make([]rules.Verification, len(cs))
	for i := range want {
		want[i] = rules.Verification{Status: rules.Unknown, Reason: "not checked within the 100ms deadline of all checks"}
	}
	want[len(cs)-1] = rules.Verification{Status: rules.Unknown, Reason: "no URL next to the token"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}

	// A cancelled context is a cancellation, not the deadline.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, r := range v.VerifyAll(ctx, cs[:3]) {
		if r.Status != rules.Unknown || r.Reason != "cancelled" {
			t.Errorf("cancelled #%d: %+v", i, r)
		}
	}
}
