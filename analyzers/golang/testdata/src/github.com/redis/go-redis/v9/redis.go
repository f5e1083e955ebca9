// Package redis is a minimal stand-in for github.com/redis/go-redis/v9:
// only the names the analyzers look at.
package redis

import (
	"context"
	"crypto/tls"
	"time"
)

type Options struct {
	Addr      string
	Username  string
	Password  string
	DB        int
	TLSConfig *tls.Config
}

type ClusterOptions struct {
	Addrs     []string
	Password  string
	TLSConfig *tls.Config
}

type Client struct{ opt *Options }

type ClusterClient struct{}

type StringCmd struct{}

func (*StringCmd) Result() (string, error) { return "", nil }

type IntCmd struct{}

func (*IntCmd) Val() int64 { return 0 }

func (*IntCmd) Result() (int64, error) { return 0, nil }

type BoolCmd struct{}

type StatusCmd struct{}

func NewClient(opt *Options) *Client                      { return &Client{opt: opt} }
func NewClusterClient(opt *ClusterOptions) *ClusterClient { return &ClusterClient{} }
func ParseURL(url string) (*Options, error)               { return &Options{}, nil }

func (*Client) Get(ctx context.Context, key string) *StringCmd { return &StringCmd{} }
func (*Client) Set(ctx context.Context, key string, value any, exp time.Duration) *StatusCmd {
	return &StatusCmd{}
}
func (*Client) Incr(ctx context.Context, key string) *IntCmd                       { return &IntCmd{} }
func (*Client) Expire(ctx context.Context, key string, exp time.Duration) *BoolCmd { return &BoolCmd{} }
func (*ClusterClient) Get(ctx context.Context, key string) *StringCmd              { return &StringCmd{} }
