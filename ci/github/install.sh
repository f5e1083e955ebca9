#!/usr/bin/env bash
# The upscan Action's install step (action.yml): puts an upscan binary in
# $RUNNER_TEMP/upscan-bin and sets the step output path to it. PATH, GOROOT
# and the job's Go are left as they were, so later steps of the caller's job
# see the toolchain they set up themselves:
#   - with UPSCAN_VERSION (the version input): the release binary for this
#     runner, its SHA-256 checked against the release's checksums.txt
#     (ci/install.sh);
#   - without: built from the action's own checkout (the ref in uses:) with
#     the go already on the runner, into that private directory. When the
#     runner's go is older than go.mod's go line, the go command fetches that
#     toolchain for this build (GOTOOLCHAIN=auto) without installing it.
set -euo pipefail
: "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"
action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
bin="$RUNNER_TEMP/upscan-bin"
exe=upscan
if [ "${RUNNER_OS:-}" = Windows ]; then
  exe=upscan.exe
fi
if [ -n "${UPSCAN_VERSION:-}" ]; then
  sh "$action_path/ci/install.sh" "$UPSCAN_VERSION" "$bin"
else
  if ! command -v go >/dev/null 2>&1; then
    echo "::error title=upscan::no go on PATH to build upscan from the action's checkout; set the action's version input to install a release binary"
    exit 2
  fi
  echo "upscan: building from $action_path with $(go version)"
  (cd "$action_path" && go build -trimpath -o "$bin/$exe" ./cmd/upscan)
fi
"$bin/$exe" version
echo "path=$bin/$exe" >> "$GITHUB_OUTPUT"
