// The benchmark harness (make bench), a module of its own: pre-commit builds
// upscan's hooks with `go install ./...` at the repository root, which
// installs every command of the root module, and this one is not for users.
// Standard library only.
module github.com/upscan/upscan/scripts/bench

go 1.26.0
