//go:build unix

package cache

import (
	"os"

	"golang.org/x/sys/unix"
)

// openCopy opens a cached copy without following a symbolic link, and
// without waiting for a writer should it be a pipe: such a file was not
// written by tuner. The caller checks that it is a regular file.
func openCopy(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
}

// mapFile maps size bytes of f read-only. The pages are the page cache's:
// a second start reads the copy without copying it, and memory the kernel
// can drop and read back instead of memory the process owns.
func mapFile(f *os.File, size int) ([]byte, error) {
	return unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
}

func unmap(b []byte) { unix.Munmap(b) }
