#!/usr/bin/env bash
# The upscan Action's scan step (action.yml). It picks what to scan from the
# event that started the workflow, unless the args input already names a git
# source (--diff, --staged, --history):
#   pull_request, pull_request_target, merge_group: the lines the change adds,
#     --diff against the base commit (UPSCAN_BASE_SHA). A shallow checkout
#     lacks it, so it is fetched first (git fetch --depth=1 origin SHA: one
#     commit, no fetch-depth: 0 needed). With the default pull_request
#     checkout (the merge commit) that is exactly the pull request's change.
#   push: the pushed range, --diff against the commit before the push
#     (UPSCAN_BEFORE_SHA, fetched the same way); the whole tree when there is
#     none (a new branch: all zeros) or it cannot be fetched (a force push).
#   anything else (schedule, workflow_dispatch, …): the whole tree.
# It writes the report in the format input to $RUNNER_TEMP, the markdown
# report to the job summary ($GITHUB_STEP_SUMMARY, unless INPUT_SUMMARY is
# false), and the outputs report and exit-code. It always exits 0: the
# Action's last step fails the job from exit-code, after the SARIF upload.
set -uo pipefail
: "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"
upscan=${UPSCAN:-upscan}
format=${INPUT_FORMAT:-sarif}
case "$format" in
  sarif) report="$RUNNER_TEMP/upscan.sarif" ;;
  json | gitlab | gitlab-sast) report="$RUNNER_TEMP/upscan.json" ;;
  markdown) report="$RUNNER_TEMP/upscan.md" ;;
  *) report="$RUNNER_TEMP/upscan.txt" ;;
esac
rm -f "$report"
# args and path are split into words (no glob expansion).
read -r -a extra <<< "${INPUT_ARGS:-}"
read -r -a paths <<< "${INPUT_PATH:-.}"
common=(--no-progress)
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  common+=(--fail-on "$INPUT_FAIL_ON")
fi

# have_commit SHA: the commit is in the clone, fetched (alone) when missing.
have_commit() {
  git cat-file -e "$1^{commit}" 2>/dev/null && return 0
  echo "upscan: fetching $1 from origin (depth 1)"
  git fetch --quiet --no-tags --depth=1 origin "$1" && git cat-file -e "$1^{commit}" 2>/dev/null
}

source=()
scope="the whole tree"
user_source=false
for a in ${extra[@]+"${extra[@]}"}; do
  case "$a" in
    --diff | --diff=* | --staged | --history) user_source=true ;;
  esac
done
zero=0000000000000000000000000000000000000000
if $user_source; then
  scope="as the args input says"
else
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target | merge_group)
      base=${UPSCAN_BASE_SHA:-}
      if [ -z "$base" ]; then
        echo "::warning title=upscan::the ${GITHUB_EVENT_NAME} event names no base commit; scanning the whole tree"
      elif have_commit "$base"; then
        source=(--diff "$base")
        scope="the lines added since the base commit ${base:0:12}"
      else
        echo "::warning title=upscan::could not fetch the base commit $base from origin; scanning the whole tree"
      fi
      ;;
    push)
      before=${UPSCAN_BEFORE_SHA:-}
      if [ -z "$before" ] || [ "$before" = "$zero" ]; then
        scope="the whole tree (a new branch or tag)"
      elif have_commit "$before"; then
        source=(--diff "$before")
        scope="the lines pushed since ${before:0:12}"
      else
        echo "::warning title=upscan::could not fetch $before, the commit before the push (force-pushed away?); scanning the whole tree"
      fi
      ;;
  esac
fi
echo "upscan: scanning $scope"

scan() { # FORMAT OUTPUT
  "$upscan" "${common[@]}" ${source[@]+"${source[@]}"} --format "$1" --output "$2" \
    ${extra[@]+"${extra[@]}"} ${paths[@]+"${paths[@]}"}
}

code=0
scan "$format" "$report" || code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -f "$report" ]; then
  echo "report=$report" >> "$GITHUB_OUTPUT"
  case "$format" in
    sarif) ;;
    *) cat "$report" ;;
  esac
fi

if [ "${INPUT_SUMMARY:-true}" != false ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  md=$report
  if [ "$format" != markdown ]; then
    md="$RUNNER_TEMP/upscan-summary.md"
    rm -f "$md"
    scan markdown "$md" > /dev/null 2>&1 || true
  fi
  {
    echo "### upscan"
    echo
    echo "Scanned $scope."
    echo
    if [ -s "$md" ]; then
      cat "$md"
    else
      echo "upscan could not complete the scan (exit code $code); see the job log."
    fi
  } >> "$GITHUB_STEP_SUMMARY"
fi
exit 0
