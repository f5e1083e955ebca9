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
