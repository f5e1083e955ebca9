package upstash

// ProductName names a product as findings' messages do, without an
// article: "Upstash Redis", "QStash receiver", "Redis" for a generic TCP
// client (UPSTASH.md §2 lists the SDKs behind each).
func ProductName(p Product) string {
	switch p {
	case Redis:
		return "Upstash Redis"
	case RedisTCP:
		return "Redis"
	case QStash:
		return "QStash"
	case QStashReceiver:
		return "QStash receiver"
	case Vector:
		return "Upstash Vector"
	case Search:
		return "Upstash Search"
	case Ratelimit:
		return "rate limiter"
	}
	return string(p)
}

// ClientNoun names a client of product p with its article, as findings'
// messages do: "an Upstash Redis client", "a QStash Receiver", "an Upstash
// client" for a product it does not know.
func ClientNoun(p Product) string {
	switch p {
	case Redis:
		return "an Upstash Redis client"
	case RedisTCP:
		return "a Redis client"
	case QStash:
		return "a QStash client"
	case QStashReceiver:
		return "a QStash Receiver"
	case Vector:
		return "an Upstash Vector client"
	case Search:
		return "an Upstash Search client"
	case Ratelimit:
		return "a rate limiter"
	}
	return "an Upstash client"
}
