//go:build !unix

package testutil

import "os"

// mapped reads the file where there is no mmap.
func mapped(path string) ([]byte, func(), error) {
	data, err := os.ReadFile(path)
	return data, func() {}, err
}
