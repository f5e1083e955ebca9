package main

import "fmt"

const (
	consoleURL = "http://console.upstash.io/redis"
	docsURL    = "http://docs.upstash.com/redis/overall/getstarted"
)

func main() {
	fmt.Printf("No database: create one at %s, see %s\n", consoleURL, docsURL)
}
