//go:build !unix

package cache

import (
	"io"
	"os"
)

func openCopy(path string) (*os.File, error) { return os.Open(path) }

// mapFile reads the file where there is no mmap; the format works the same
// on a copy.
func mapFile(f *os.File, size int) ([]byte, error) {
	b := make([]byte, size)
	_, err := io.ReadFull(f, b)
	return b, err
}

func unmap([]byte) {}
