// Package testutil holds the helpers tuner's tests share: a command a test
// cannot run without, a condition to wait for, the real-world inputs kept
// beside the repository, and the floor a benchmark of a mapped file is
// measured against.
//
// Outside CI a missing tool or corpus skips the test that needs it, so a
// checkout runs without them; with CI=true it fails instead, because there
// a skip would hide that the test never ran.
package testutil

import (
	"os"
	"testing"
)

// missing skips the test, or fails it under CI, with the message.
func missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf(format+" (required with CI=true)", args...)
	}
	tb.Skipf(format, args...)
}
