package testutil

import (
	"bytes"
	"testing"
	"time"
)

// MapAndCount is the floor a load of a mapped file is measured against: map
// the file, count its newlines, unmap it. Nothing that reads the file can
// look at every byte of it faster.
func MapAndCount(tb testing.TB, path string) time.Duration {
	tb.Helper()
	start := time.Now()
	data, done, err := mapped(path)
	if err != nil {
		tb.Fatal(err)
	}
	if bytes.Count(data, []byte{'\n'}) < 0 {
		tb.Fatal("negative count")
	}
	done()
	return time.Since(start)
}
