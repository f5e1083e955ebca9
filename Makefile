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

.PHONY: all build build-purego run test test-short test-purego lint vulncheck release-check docs man bench realworld fuzz install clean

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
	$(GO) -C scripts/bench vet ./...
	$(GO) -C scripts/bench test -count=1 ./...

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
	$(GO) -C scripts/bench test -short ./...

## lint: gofmt, go vet, staticcheck, actionlint and govulncheck (all pinned in
## tools/go.mod): no findings. actionlint checks .github/workflows and,
## through the workflow that runs it (uses: ./), the Action's action.yml.
STATICCHECK := bin/staticcheck
ACTIONLINT  := bin/actionlint
GOVULNCHECK := bin/govulncheck
# VULNDB is the offline snapshot of the Go vulnerability database (the
# machines here cannot reach vuln.go.dev): shared/ beside the checkout.
VULNDB ?= $(CURDIR)/../shared/vulndb

lint: $(STATICCHECK) $(ACTIONLINT) vulncheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './testdata/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)
	cd scripts/bench && $(CURDIR)/$(STATICCHECK) ./...
	$(ACTIONLINT)

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

## staticcheck, govulncheck and actionlint at the versions pinned in tools/go.mod (a
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

## actionlint at the version pinned in tools/go.mod.
$(ACTIONLINT): tools/go.mod tools/go.sum
	$(GO) -C tools build -o $(CURDIR)/$(ACTIONLINT) github.com/rhysd/actionlint/cmd/actionlint

## docs: regenerate docs/rules.md from the catalogue.
docs:
	$(GO) run ./cmd/upscan rules --format markdown > docs/rules.md

## man: regenerate the man pages docs/man/*.1 from the command tree (cobra/doc);
## TestManPages fails when they are stale.
man:
	$(GO) test ./cmd/upscan -run '^TestManPages$$' -count=1 -update

## bench: upscan against ripgrep (the floor: reading every byte) and gitleaks
## on generated trees of 50, 200 and 800 MB, `--staged` on 5 files, and the
## top of a CPU profile; one table, written to docs/performance.md. Not part
## of `make test`. ripgrep comes from Debian's package when it is missing.
## BENCHFLAGS passes flags to scripts/bench (-rounds, -sizes, -dir; -h lists them).
## The harness is a module of its own (scripts/bench/go.mod), so that pre-commit's
## `go install ./...` installs only upscan's commands into the hook environment.
## The analyzer micro-benchmarks: go test -run '^$$' -bench . -benchmem ./analyzers/... ./internal/...
BENCHFLAGS ?=
bench: build bin/bench
	@command -v rg >/dev/null 2>&1 || { echo "installing ripgrep (Debian package)"; \
		apt-get install -y ripgrep >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y ripgrep >/dev/null; }; }
	bin/bench -upscan $(BIN) $(BENCHFLAGS)

bin/bench: $(wildcard scripts/bench/*.go) scripts/bench/go.mod
	$(GO) -C scripts/bench build -o $(CURDIR)/bin/bench .

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
