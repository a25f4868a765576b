package epg

import "unsafe"

// ref names a string kept in a textArena: a global byte offset and a length.
// Eight bytes instead of a sixteen-byte string header, no pointer for the
// garbage collector to follow, and it serialises as two numbers.
type ref struct {
	off, n uint32
}

// Chunks are fixed-size so that a global offset splits into chunk and
// position with a shift, and a string never straddles two chunks.
const (
	chunkBits = 20
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1
	// maxText caps one stored string. A description longer than this is a
	// broken or hostile guide; its start is kept.
	maxText = 64 << 10
	// maxChunks keeps every offset inside a uint32.
	maxChunks = 1 << (32 - chunkBits)
)

// textArena keeps every string of a guide in a few large chunks that are
// never written again where a string points into them, which makes handing
// out unsafe.String views sound.
type textArena struct {
	chunks [][]byte
}

func (a *textArena) add(b []byte) (ref, bool) {
	if len(b) == 0 {
		return ref{}, true
	}
	b = clip(b)
	last := len(a.chunks) - 1
	if last < 0 || len(b) > chunkSize-len(a.chunks[last]) {
		if len(a.chunks) == maxChunks {
			return ref{}, false
		}
		a.chunks = append(a.chunks, make([]byte, 0, a.nextSize(len(b))))
		last++
	}
	c := a.chunks[last]
	r := ref{off: uint32(last<<chunkBits | len(c)), n: uint32(len(b))}
	a.chunks[last] = append(c, b...)
	return r, true
}

// nextSize starts small so a guide of a few channels stays small; every chunk
// reserves its full offset range, so only the last one may be short.
func (a *textArena) nextSize(need int) int {
	if len(a.chunks) > 0 {
		return chunkSize
	}
	return max(need, 64<<10)
}

// clip cuts b to maxText bytes at a character boundary.
func clip(b []byte) []byte {
	if len(b) <= maxText {
		return b
	}
	n := maxText
	for n > 0 && b[n]&0xC0 == 0x80 {
		n--
	}
	return b[:n]
}

func (a *textArena) bytes(r ref) []byte {
	if r.n == 0 {
		return nil
	}
	c := a.chunks[r.off>>chunkBits]
	o := r.off & chunkMask
	return c[o : o+r.n : o+r.n]
}

func (a *textArena) str(r ref) string {
	if r.n == 0 {
		return ""
	}
	return unsafe.String(&a.bytes(r)[0], int(r.n))
}

func (a *textArena) size() int {
	n := 0
	for _, c := range a.chunks {
		n += cap(c)
	}
	return n
}

// interner stores each distinct string once: titles, categories and many
// descriptions repeat across days, reruns and +1 channels. Its map is only
// needed while a guide is built.
type interner struct {
	a *textArena
	m map[string]ref
}

func (in *interner) ref(b []byte) (ref, bool) {
	if len(b) == 0 {
		return ref{}, true
	}
	b = clip(b)
	if r, ok := in.m[string(b)]; ok {
		return r, true
	}
	r, ok := in.a.add(b)
	if ok {
		in.m[in.a.str(r)] = r
	}
	return r, ok
}
