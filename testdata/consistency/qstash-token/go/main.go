package main

import "github.com/upstash/qstash-go"

func main() {
	_ = qstash.NewClient("eyJVc2VySUQiOiIwZjBmMGYwZi0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJQYXNzd29yZCI6ImRlYWRiZWVmY2FmZWYwMGQwYmFkYzBkZTEyMzQ1Njc4In0=") // want "UPS104"
}
