# upscan — build, test and measure. `make test` is what CI runs (.ci/run).
GO      ?= go
BIN     ?= bin/upscan
PKGS    := ./...
# FUZZTIME is how long `make fuzz` runs each fuzz target.
FUZZTIME ?= 60s
export CGO_ENABLED ?= 1
# VERSION and COMMIT are stamped into the binary (upscan version), whatever
# the toolchain's own VCS stamping does (-buildvcs=false leaves "(devel)").
VERSION ?= $(shell git describe --tags --match 'v[0-9]*' --always --dirty 2>/dev/null)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS := -X main.buildVersion=$(VERSION) -X main.buildCommit=$(COMMIT)

.PHONY: all build build-purego run test test-short test-purego lint vulncheck release-check docs bench realworld fuzz install clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/upscan

## build-purego: the build without cgo (no C compiler needed; JS/TS and
## Python are then checked for credentials only, and the report says so).
build-purego:
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN)-purego ./cmd/upscan

## run: scan this repository itself (must come out clean).
run:
	$(GO) run ./cmd/upscan ./...

## test: go vet, then the whole suite with the race detector (go test's own
## vet subset is off: go vet has just run every check). -trimpath keeps the
## build cache independent of the checkout's directory, so that a fresh clone
## (CI) reuses what earlier runs compiled; the tests that build upscan or
## upscan-vet build with -trimpath too.
test: test-purego
	$(GO) vet -trimpath $(PKGS)
	$(GO) test -race -trimpath -vet=off -count=1 $(PKGS)

## test-purego: the pure-Go build (CGO_ENABLED=0) compiles, vets, and the
## packages that change under it pass their tests (the scan wiring and the
## CLI script that scans a repository with a .ts file).
PUREGO_PKGS := ./internal/scan/ ./cmd/upscan/
test-purego:
	CGO_ENABLED=0 $(GO) build -trimpath ./...
	CGO_ENABLED=0 $(GO) vet -trimpath $(PKGS)
	CGO_ENABLED=0 $(GO) test -trimpath -vet=off -count=1 -run 'TestPureGo' $(PUREGO_PKGS)

test-short:
	$(GO) test -short $(PKGS)

## lint: gofmt, go vet, staticcheck and govulncheck (both pinned in
## tools/go.mod): no findings.
STATICCHECK := bin/staticcheck
GOVULNCHECK := bin/govulncheck
# VULNDB is the offline snapshot of the Go vulnerability database (the
# machines here cannot reach vuln.go.dev): shared/ beside the checkout.
VULNDB ?= $(CURDIR)/../shared/vulndb

lint: $(STATICCHECK) vulncheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './testdata/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)

## vulncheck: govulncheck against $(VULNDB). It fails on any vulnerability
## in code upscan calls or packages it imports, and on any in a required
## module that has a fixed version to move to; a module-only advisory with no
## fix, in a package upscan does not import (GO-2026-5932: x/crypto/openpgp,
## deprecated), is listed and allowed.
vulncheck: $(GOVULNCHECK)
	@if [ ! -d "$(VULNDB)" ]; then echo "vulncheck: SKIPPED: no vulnerability database at $(VULNDB) (set VULNDB=/path/to/vulndb)"; exit 0; fi; \
	db=$$(cd "$(VULNDB)" && pwd); \
	$(GOVULNCHECK) -db "file://$$db" -show verbose $(PKGS) > bin/govulncheck.out 2>&1; rc=$$?; \
	if [ $$rc -ne 0 ] && [ $$rc -ne 3 ]; then cat bin/govulncheck.out; echo "vulncheck: FAILED: govulncheck exited $$rc"; exit 1; fi; \
	awk '/^=== Symbol Results/{s="symbol"} /^=== Package Results/{s="package"} /^=== Module Results/{s="module"} \
		/^Vulnerability #/{id=$$3; if (s!="module") bad=bad" "id" ("s")"} \
		/Fixed in: /{if (s=="module") { if ($$0 ~ /N\/A/) ok=ok" "id; else bad=bad" "id" (module, fix available)" }} \
		END{ if (ok!="") print "vulncheck: allowed (module only, not imported, no fix):" ok; \
		     if (bad!="") { print "vulncheck: FAILED:" bad; exit 1 } }' bin/govulncheck.out \
		|| { cat bin/govulncheck.out; exit 1; }; \
	echo "vulncheck: no vulnerability upscan can fix or reaches (database $$db)"

## staticcheck and govulncheck at the versions pinned in tools/go.mod (a
## module of its own, so that their dependencies do not mix with upscan's).
$(STATICCHECK): tools/go.mod tools/go.sum
	$(GO) -C tools build -o $(CURDIR)/$(STATICCHECK) honnef.co/go/tools/cmd/staticcheck
$(GOVULNCHECK): tools/go.mod tools/go.sum
	$(GO) -C tools build -o $(CURDIR)/$(GOVULNCHECK) golang.org/x/vuln/cmd/govulncheck

## release-check: goreleaser check of .goreleaser.yaml, when goreleaser is
## installed (see docs/releasing.md for the pinned version).
GORELEASER ?= goreleaser
release-check:
	@if ! command -v $(GORELEASER) >/dev/null; then echo "release-check: SKIPPED: $(GORELEASER) not installed"; exit 0; fi; \
	$(GORELEASER) check

## docs: regenerate docs/rules.md from the catalogue.
docs:
	$(GO) run ./cmd/upscan rules --format markdown > docs/rules.md

## bench: analyzer micro-benchmarks, then upscan against gitleaks on a generated tree.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./analyzers/... ./internal/...
	$(GO) run ./scripts/bench -upscan $(BIN)

## realworld: Upstash's example apps and published npm packages (expects what docs/examples say).
realworld: build
	UPSCAN=$(BIN) bash scripts/realworld/run.sh

## fuzz: every fuzz target in the repository (each `func FuzzXxx` in a *_test.go
## file), one after another, for FUZZTIME each (default 60s). A crasher is
## saved under the package's testdata/fuzz/FuzzXxx, fails the run, and from
## then on runs as a regression test with `go test`.
fuzz:
	@set -e; \
	targets=$$(grep -rn --include='*_test.go' --exclude-dir=testdata '^func Fuzz[A-Za-z0-9_]*(' . \
		| sed 's|^\(.*\)/[^/]*_test\.go:[0-9]*:func \(Fuzz[A-Za-z0-9_]*\)(.*|\1 \2|' | sort -u); \
	[ -n "$$targets" ] || { echo "no fuzz targets found"; exit 1; }; \
	echo "$$targets" | while read -r dir name; do \
		echo "== $$dir $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$dir" || exit 1; \
	done

install:
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/upscan

clean:
	rm -rf bin
