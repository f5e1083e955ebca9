// Package vector is a minimal stand-in for github.com/upstash/vector-go.
package vector

import "net/http"

type Options struct {
	Url    string
	Token  string
	Client *http.Client
}

type Index struct{ url, token string }

func NewIndex(url string, token string) *Index { return &Index{url: url, token: token} }
func NewIndexWith(options Options) *Index      { return &Index{url: options.Url, token: options.Token} }
func NewIndexFromEnv() *Index                  { return &Index{} }

type Query struct {
	Vector []float32
	TopK   int
}

type VectorScore struct{ Id string }

func (ix *Index) Query(q Query) ([]VectorScore, error) { return nil, nil }
