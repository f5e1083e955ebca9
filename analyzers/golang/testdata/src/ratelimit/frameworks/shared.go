package frameworks

import (
	"os"

	"github.com/upstash/qstash-go"
	"github.com/upstash/vector-go"
	"golang.org/x/time/rate"
)

var (
	index   = vector.NewIndexFromEnv()
	queue   = qstash.NewClient(os.Getenv("QSTASH_TOKEN"))
	limiter = rate.NewLimiter(5, 5)
)

func search() { index.Query(vector.Query{TopK: 3}) }

func publish() { queue.Messages().Publish(qstash.PublishOptions{Url: "https://example.com/job"}) }
