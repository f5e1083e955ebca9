package ratelimit

import (
	"testing"

	"github.com/upscan/upscan/upstash"
)

// TestMessages pins the wording the Go analyzers share with this pass.
func TestMessages(t *testing.T) {
	work := []Work{
		{Product: upstash.Redis, Commands: []string{"incr", "get", "set", "del", "expire"}},
		{Product: upstash.QStash},
		{Product: upstash.RedisTCP, Commands: []string{"(redis.Client).Incr"}},
	}
	if got, want := WorkText(work), "Redis (incr, get, set, del); QStash; Redis TCP ((redis.Client).Incr)"; got != want {
		t.Errorf("WorkText = %q, want %q", got, want)
	}
	got := Unlimited(`net/http endpoint "POST /hit"`, work[2:])
	want := `net/http endpoint "POST /hit" reaches Upstash Redis TCP ((redis.Client).Incr) with no rate limit on its path: anyone who can call it can run up usage and cost`
	if got != want {
		t.Errorf("Unlimited = %q, want %q", got, want)
	}
	if WorkText(nil) != "" {
		t.Error("WorkText(nil) is not empty")
	}
}
