package testutil

import (
	"testing"
	"time"
)

// WaitLimit is how long Eventually waits: long enough for a loaded machine,
// since a condition that holds at all holds within milliseconds.
const WaitLimit = 10 * time.Second

// Eventually polls cond until it holds, and fails the test naming what it
// waited for if it does not within WaitLimit.
func Eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	eventually(tb, what, cond, WaitLimit)
}

func eventually(tb testing.TB, what string, cond func() bool, limit time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
