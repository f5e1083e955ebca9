// Package jwt is a minimal stand-in for github.com/golang-jwt/jwt/v5.
package jwt

type Token struct{ Valid bool }

type Keyfunc func(*Token) (any, error)

func Parse(tokenString string, keyFunc Keyfunc) (*Token, error) { return &Token{}, nil }
