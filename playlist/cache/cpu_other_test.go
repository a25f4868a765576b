//go:build !unix

package cache_test

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func cpuTime() time.Duration                      { return 0 }
func reportCPU(b *testing.B, start time.Duration) {}

// mapAndCount reads the file and counts its newlines where there is no mmap.
func mapAndCount(b testing.TB, path string) time.Duration {
	t := time.Now()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if bytes.Count(data, []byte{'\n'}) < 0 {
		b.Fatal("negative count")
	}
	return time.Since(t)
}
