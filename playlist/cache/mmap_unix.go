//go:build unix

package cache

import (
	"os"

	"unsafe"

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

// adviseHuge asks for huge pages behind the n bytes at p, memory just
// allocated and not yet touched. A fresh process faults in every 4 KiB page
// of the channel list on its first write, tens of microseconds each on a
// virtual machine; with 2 MiB pages the same list costs a few dozen faults.
// It is only a hint: the contents do not change, and where the kernel says
// no nothing does.
func adviseHuge(p unsafe.Pointer, n uintptr) {
	const huge = 2 << 20
	skip := (huge - uintptr(p)%huge) % huge
	if n < skip+huge {
		return
	}
	b := unsafe.Slice((*byte)(p), n)
	unix.Madvise(b[skip:skip+(n-skip)/huge*huge], unix.MADV_HUGEPAGE)
}
