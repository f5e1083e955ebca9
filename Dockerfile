# upscan container image: `docker run --rm -v "$PWD:/src" ghcr.io/upscan/upscan .`
# Multi-stage: the build stage compiles upscan with cgo (the tree-sitter
# parsers are C); the final image holds the binary, git (for --staged,
# --diff and --history) and the CA certificates (for --verify and db).
# Build it on the target architecture (the release builds amd64 and arm64
# on native runners).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=1 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.buildVersion=${VERSION} -X main.buildCommit=${COMMIT}" \
      -o /out/upscan ./cmd/upscan

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'
COPY --from=build /out/upscan /usr/local/bin/upscan
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/upscan"]
CMD ["--help"]
