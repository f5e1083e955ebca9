#!/usr/bin/env bash
# make realworld: run upscan on real code whose expected result is known.
#
# 1. npm-installs the pinned packages of scripts/realworld/package.json
#    (next, react, react-dom, @upstash/redis, @upstash/ratelimit,
#    @upstash/qstash, @upstash/vector; exact versions, package-lock.json)
#    into a temporary directory and scans the whole tree, node_modules
#    included, with `upscan --no-ignore`. Published packages hold
#    documentation samples, placeholders and Upstash's public QStash
#    dev-server credentials, never a live credential: any finding fails.
# 2. Scans Upstash's example apps in $REALWORLD (default ../shared/realworld,
#    relative to the repository root). Expected: exit 1, no errors, and
#    exactly the findings listed in scripts/realworld/expected-apps.txt
#    ("RULE path:line", reviewed by hand): the literal UPS105 signing keys in
#    qstash-js/examples/nodejs and, for the other rule families, what a reader
#    of that code confirms. UPDATE=1 rewrites the list (review the diff).
#
# Environment: UPSCAN (default bin/upscan), REALWORLD, KEEP=1 keeps the
# temporary directory. Needs node and npm (JSON is read with node).
# Exit status: 0 both checks passed, 1 a check failed, 2 setup error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

abspath() { # resolve $1 against the caller's directory, then the repo root
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) if [[ -e "$PWD/$1" ]]; then printf '%s\n' "$PWD/$1"; else printf '%s\n' "$root/$1"; fi ;;
	esac
}
upscan="$(abspath "${UPSCAN:-bin/upscan}")"
# The example apps sit beside the project (../shared/realworld); a clone made
# elsewhere falls back to the workplace's copy.
default_realworld=../shared/realworld
[[ -d "$root/$default_realworld" || ! -d /work/shared/realworld ]] || default_realworld=/work/shared/realworld
realworld="$(abspath "${REALWORLD:-$default_realworld}")"
realworld="$(cd "$realworld" 2>/dev/null && pwd || printf '%s\n' "$realworld")"

die() { echo "realworld: $*" >&2; exit 2; }
[[ -x "$upscan" ]] || die "$upscan is not an executable (build it: go build -o bin/upscan ./cmd/upscan, or set UPSCAN)"
command -v npm >/dev/null || die "npm not found"
command -v node >/dev/null || die "node not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/upscan-realworld.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
	echo "realworld: keeping $work"
else
	trap 'rm -rf "$work"' EXIT
fi
tree="$work/tree"
out="$work/out"
mkdir -p "$tree" "$out"

now() { date +%s.%N; }
secs() { node -e 'console.log((process.argv[2]-process.argv[1]).toFixed(2))' "$1" "$2"; }

# summarize FILE: print "files F, bytes B (M MB), findings N, errors E" from upscan JSON.
summarize() {
	node -e '
		let r;
		try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); }
		catch (e) { console.log("no JSON report (" + e.message.split("\n")[0] + ")"); process.exit(0); }
		const s = r.summary || {};
		const n = (r.findings || []).length, e = (r.errors || []).length, k = (r.skipped || []).length;
		const mb = typeof s.bytes === "number" ? ` (${(s.bytes / 1e6).toFixed(1)} MB)` : "";
		console.log(`files ${s.files ?? "?"}, bytes ${s.bytes ?? "?"}${mb}, skipped ${k} (binary or over --max-file-size), findings ${n}, errors ${e}`);
	' "$1"
}

# list FILE: print findings (redacted by upscan) and errors.
# Exit status: the number of lines printed, capped at 1 (0 = nothing printed).
list() {
	node -e '
		let r;
		try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); }
		catch (e) { console.log("  no JSON report (" + e.message.split("\n")[0] + ")"); process.exit(1); }
		let n = 0;
		for (const f of r.findings || []) {
			const p = String(f.path || "").replace(/^\.\//, "");
			const s = f.secret ? ` [${f.secret.kind} ${f.secret.prefix}… ${f.secret.length} chars]` : "";
			console.log(`  ${p}:${f.line}:${f.column} ${f.rule_id} ${f.message || ""}${s}`);
			n++;
		}
		for (const e of r.errors || []) { console.log(`  error: ${JSON.stringify(e)}`); n++; }
		process.exit(n > 0 ? 1 : 0);
	' "$1"
}

# keys FILE: the findings of an upscan JSON report as sorted "RULE path:line" lines.
keys() {
	node -e '
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const out = (r.findings || []).map(f => `${f.rule_id} ${String(f.path || f.logical || "").replace(/^\.\//, "")}:${f.line}`);
		out.sort();
		for (const l of out) console.log(l);
	' "$1"
}

status=0

# --- 1. published npm packages -------------------------------------------
cp "$here/package.json" "$here/package-lock.json" "$tree/"
echo "realworld: npm ci (pinned: $(node -e 'const d=require(process.argv[1]).dependencies; console.log(Object.entries(d).map(([k,v])=>k+"@"+v).join(" "))' "$here/package.json"))"
t0="$(now)"
(cd "$tree" && npm ci --no-audit --no-fund --ignore-scripts --prefer-offline --loglevel=error >"$out/npm.log" 2>&1) ||
	{ cat "$out/npm.log" >&2; die "npm ci failed"; }
echo "realworld: installed in $(secs "$t0" "$(now)") s"

t0="$(now)"
rc=0
(cd "$tree" && "$upscan" . --no-ignore --no-progress --format json >"$out/npm.json" 2>"$out/npm.stderr") || rc=$?
wall="$(secs "$t0" "$(now)")"
(cd "$tree" && "$upscan" . --no-ignore --no-progress --format text >"$out/npm.txt" 2>&1) || true
echo "npm packages: exit $rc, $(summarize "$out/npm.json"), wall ${wall} s (JSON run)"
echo "npm packages (text run): $(head -1 "$out/npm.txt")"
if [[ $rc -eq 0 ]] && list "$out/npm.json" >/dev/null; then
	echo "npm packages: OK, zero findings"
else
	echo "npm packages: FAIL, expected zero findings and exit 0; got exit $rc:"
	list "$out/npm.json" | head -200 || true
	echo "  --- text output (head) ---"
	head -60 "$out/npm.txt" | sed 's/^/  /'
	[[ $rc -eq 2 ]] && sed 's/^/  stderr: /' "$out/npm.stderr" | head -20
	status=1
fi

# --- 2. Upstash example apps ---------------------------------------------
if [[ ! -d "$realworld" ]]; then
	echo "realworld: $realworld not found (set REALWORLD)"
	exit 2
fi
t0="$(now)"
rc=0
(cd "$realworld" && "$upscan" . --no-progress --format json >"$out/apps.json" 2>"$out/apps.stderr") || rc=$?
wall="$(secs "$t0" "$(now)")"
echo "example apps ($realworld): exit $rc, $(summarize "$out/apps.json"), wall ${wall} s"
expected="$here/expected-apps.txt"
if [[ "${UPDATE:-0}" == 1 ]]; then
	keys "$out/apps.json" >"$expected"
	echo "example apps: wrote $expected; review it"
fi
errors="$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); console.log((r.errors||[]).length)' "$out/apps.json" 2>/dev/null || echo 1)"
if [[ $rc -eq 1 && "$errors" == 0 ]] && diff -u "$expected" <(keys "$out/apps.json") >"$out/apps.diff"; then
	echo "example apps: OK, the $(wc -l <"$expected") reviewed findings of $(basename "$expected"):"
	list "$out/apps.json" || true
else
	echo "example apps: FAIL, expected exit 1, no errors and exactly the findings of $expected; got exit $rc, $errors error(s), difference (-expected +got):"
	sed 's/^/  /' "$out/apps.diff" | head -200
	list "$out/apps.json" | head -100 || true
	[[ $rc -eq 2 ]] && sed 's/^/  stderr: /' "$out/apps.stderr" | head -20
	status=1
fi
exit $status
