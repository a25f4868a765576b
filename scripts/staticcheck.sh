#!/usr/bin/env bash
# Prints the path of staticcheck at the version the project pins, installing
# it with go install first when no such binary is on PATH or in Go's bin
# directory. A pinned version keeps the findings the same on every machine;
# this one builds with the Go 1.26 toolchain.
set -euo pipefail

module=honnef.co/go/tools/cmd/staticcheck
version=0.8.2

pinned() { [ -x "$1" ] && "$1" -version 2>/dev/null | grep -qF "($version)"; }

if found=$(command -v staticcheck) && pinned "$found"; then
	echo "$found"
	exit 0
fi
bin=$(go env GOBIN)
if [ -z "$bin" ]; then
	gopath=$(go env GOPATH)
	bin=${gopath%%:*}/bin
fi
if ! pinned "$bin/staticcheck"; then
	GOBIN="$bin" go install "$module@v$version" >&2
fi
pinned "$bin/staticcheck" || {
	echo "staticcheck v$version did not install into $bin" >&2
	exit 1
}
echo "$bin/staticcheck"
