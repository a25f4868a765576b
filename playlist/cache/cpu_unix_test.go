//go:build unix

package cache_test

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used, GC workers included. On a
// busy shared machine it tracks the work done far better than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// mapAndCount is the floor a load is measured against: map the file, count
// its newlines, unmap it.
func mapAndCount(b testing.TB, path string) time.Duration {
	t := time.Now()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		b.Fatal(err)
	}
	if bytes.Count(data, []byte{'\n'}) < 0 {
		b.Fatal("negative count")
	}
	syscall.Munmap(data)
	return time.Since(t)
}
