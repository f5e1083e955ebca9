#!/bin/sh
# Installs an upscan release binary: downloads the archive for this machine
# and the release's checksums.txt, verifies the archive's SHA-256 against it
# and puts the upscan binary in DIR. Nothing is installed when the checksum
# does not match. Used by the GitHub Action (action.yml), the GitLab template
# (ci/gitlab/upscan.gitlab-ci.yml) and by hand (docs/hooks.md).
#
#   sh ci/install.sh VERSION DIR     # VERSION: v1.2.3 or 1.2.3
#
# The release assets are named as GoReleaser names them by default (the
# contract docs/ci.md describes and .goreleaser.yaml follows):
#   upscan_<version>_<os>_<arch>.tar.gz   (.zip for windows), version without the v
#   checksums.txt                         (sha256sum lines: "<hex>  <file name>")
# at $UPSCAN_RELEASE_URL/v<version>/, by default
# https://github.com/upscan/upscan/releases/download/v<version>/.
# POSIX sh; needs curl or wget, sha256sum or shasum, and tar (unzip on windows).
set -eu

fail() {
	echo "upscan install: $*" >&2
	exit 2
}

[ $# -eq 2 ] || fail "usage: install.sh VERSION DIR"
version=${1#v}
dir=$2
# A release version only: it is part of a URL and a file name.
printf '%s\n' "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$' ||
	fail "version \"$1\" is not a release version (v1.2.3)"

case $(uname -s) in
Linux) os=linux ;;
Darwin) os=darwin ;;
MINGW* | MSYS* | CYGWIN* | Windows_NT) os=windows ;;
*) fail "no upscan release binary for $(uname -s); build it from source" ;;
esac
case $(uname -m) in
x86_64 | amd64) arch=amd64 ;;
aarch64 | arm64) arch=arm64 ;;
*) fail "no upscan release binary for $(uname -m); build it from source" ;;
esac
ext=tar.gz exe=upscan
if [ "$os" = windows ]; then
	ext=zip exe=upscan.exe
fi
archive=upscan_${version}_${os}_${arch}.${ext}
base=${UPSCAN_RELEASE_URL:-https://github.com/upscan/upscan/releases/download}/v${version}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # URL FILE
	if command -v curl >/dev/null 2>&1; then
		curl -fsSL --retry 3 -o "$2" "$1"
	elif command -v wget >/dev/null 2>&1; then
		wget -q -O "$2" "$1"
	else
		fail "needs curl or wget to download $1"
	fi || fail "could not download $1"
}

sha256() { # FILE
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | cut -d' ' -f1
	else
		fail "needs sha256sum or shasum to verify the download"
	fi
}

fetch "$base/checksums.txt" "$tmp/checksums.txt"
fetch "$base/$archive" "$tmp/$archive"
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/checksums.txt")
[ -n "$want" ] || fail "$archive is not listed in $base/checksums.txt"
got=$(sha256 "$tmp/$archive")
[ "$got" = "$want" ] || fail "$archive: SHA-256 $got does not match checksums.txt ($want); not installed"

mkdir -p "$tmp/x"
if [ "$ext" = zip ]; then
	unzip -q "$tmp/$archive" "$exe" -d "$tmp/x" || fail "$archive holds no $exe"
else
	tar -xzf "$tmp/$archive" -C "$tmp/x" "$exe" || fail "$archive holds no $exe"
fi
mkdir -p "$dir"
chmod +x "$tmp/x/$exe"
mv -f "$tmp/x/$exe" "$dir/$exe"
echo "upscan install: $dir/$exe (v$version, $os/$arch, SHA-256 verified)" >&2
