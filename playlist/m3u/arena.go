package m3u

import "unsafe"

// arena copies the strings a playlist keeps into large shared chunks, so
// hundreds of thousands of channels cost a few hundred allocations instead of
// a few million, and the garbage collector scans no string data. A chunk is
// never written again where a string points into it, which is what makes
// unsafe.String sound here. Chunks start small and grow, so a tiny playlist
// stays tiny.
type arena struct {
	buf  []byte
	next int // size of the next chunk
}

const (
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
)

func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.buf)-len(a.buf) {
		if len(b) > maxChunk/8 {
			return string(b) // a rare long value gets its own allocation
		}
		a.grow()
	}
	n := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[n], len(b))
}

func (a *arena) grow() {
	if a.next == 0 {
		a.next = firstChunk
	}
	a.buf = make([]byte, 0, a.next)
	a.next = min(2*a.next, maxChunk)
}

// interner returns one shared copy of each distinct value: group names,
// header values and catch-up settings repeat across thousands of channels.
type interner struct {
	a *arena
	m map[string]string
}

func (in *interner) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := in.a.str(b)
	in.m[s] = s
	return s
}
