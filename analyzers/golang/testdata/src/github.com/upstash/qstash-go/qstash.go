// Package qstash is a minimal stand-in for github.com/upstash/qstash-go.
package qstash

import (
	"net/http"
	"time"
)

type Options struct {
	Url     string
	BaseURL string
	Token   string
	Client  *http.Client
}

type Client struct{ token string }

func NewClient(token string) *Client        { return &Client{token: token} }
func NewClientWith(options Options) *Client { return &Client{token: options.Token} }
func NewClientWithEnv() *Client             { return &Client{} }
func (c *Client) Messages() *Messages       { return &Messages{} }

type Messages struct{}

type PublishOptions struct {
	Url  string
	Body string
}

type PublishResult struct{ MessageId string }

func (*Messages) Publish(o PublishOptions) (PublishResult, error) { return PublishResult{}, nil }

type Receiver struct {
	CurrentSigningKey string
	NextSigningKey    string
}

func NewReceiver(currentSigningKey, nextSigningKey string) *Receiver {
	return &Receiver{CurrentSigningKey: currentSigningKey, NextSigningKey: nextSigningKey}
}
func NewReceiverWithEnv() *Receiver { return &Receiver{} }

type VerifyOptions struct {
	Signature string
	Url       string
	Body      string
	Tolerance time.Duration
}

func (r *Receiver) Verify(opts VerifyOptions) error { return nil }
