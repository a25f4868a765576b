//go:build unix

package cache

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps size bytes of f read-only. The pages are the page cache's:
// a second start reads the copy without copying it, and memory the kernel
// can drop and read back instead of memory the process owns.
func mapFile(f *os.File, size int) ([]byte, error) {
	return unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
}

func unmap(b []byte) { unix.Munmap(b) }
