package upstash

import "strings"

// ClientNoun names a client of the product in a sentence: "an Upstash Redis
// client", "a QStash Receiver"; "an Upstash client" for a product upscan
// has no name for. The passes use it so that every language's findings
// name a client the same way.
func (p Product) ClientNoun() string {
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

// IsWorkflowModule reports whether the module specifier spec is one whose
// serve export makes an Upstash Workflow endpoint, which receives QStash
// deliveries (UPSTASH.md §4.3, §7): @upstash/workflow and its framework
// entry points (@upstash/workflow/nextjs…), the deprecated
// @upstash/qstash/nextjs… serve, and Python's upstash_workflow.
func IsWorkflowModule(spec string) bool {
	return strings.HasPrefix(spec, "@upstash/workflow") || strings.HasPrefix(spec, "@upstash/qstash/") ||
		strings.HasPrefix(spec, "upstash_workflow")
}
