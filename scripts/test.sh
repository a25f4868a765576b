#!/usr/bin/env bash
# Every check a change must pass: formatting, a tidy go.mod and go.sum, go vet,
# staticcheck, the whole test suite, and the race detector on the packages that
# run goroutines.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi

# Fails when go.mod or go.sum is not what go mod tidy would write.
go mod tidy -diff

go vet ./...
staticcheck=$(./scripts/staticcheck.sh)
"$staticcheck" ./...

# Packages that start goroutines run under the race detector; the rest run plain.
race_pkgs=$(go list ./playlist ./internal/chunked ./session/... ./tui/... ./internal/sim/... ./cmd/... ./playlist/remote/... ./playlist/source/... ./playlist/search/... ./playlist/cache/... ./playlist/epg/... 2>/dev/null)
plain_pkgs=$(go list ./... | grep -vxF "$race_pkgs")
go test -count=1 $plain_pkgs
go test -race -count=1 $race_pkgs
