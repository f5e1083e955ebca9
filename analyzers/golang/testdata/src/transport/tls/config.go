package tls

import stdtls "crypto/tls"

func tlsConfig() *stdtls.Config { return &stdtls.Config{MinVersion: stdtls.VersionTLS12} }
