package playlist

// sieve says, at the cost of a few byte reads, that a string is none of the
// few it was given. Nearly every channel of a large list is none of a
// person's favourites, and hashing each one's name into a map costs more
// than the rest of a pass over it.
type sieve struct{ bits [sieveBits / 64]uint64 }

const sieveBits = 1 << 14

func (s *sieve) add(k string) {
	h := sieveHash(k)
	s.bits[h/64] |= 1 << (h % 64)
}

// may is false only for a string that was never added.
func (s *sieve) may(k string) bool {
	h := sieveHash(k)
	return s.bits[h/64]&(1<<(h%64)) != 0
}

// sieveHash mixes the length with three eight-byte words of k, its
// beginning, middle and end: names in a list share beginnings ("UK: ") and
// ends (" HD"), and differ somewhere within those words. Hashing every byte
// of every name would cost what the sieve saves.
func sieveHash(k string) uint32 {
	n := len(k)
	h := uint64(n) * 0x9e3779b97f4a7c15
	if n < 8 {
		for i := range n {
			h = (h ^ uint64(k[i])) * 0x100000001b3
		}
	} else {
		h = mix(h ^ word(k, 0))
		h = mix(h ^ word(k, (n-8)/2))
		h = mix(h ^ word(k, n-8))
	}
	return uint32(mix(h) % sieveBits)
}

func word(k string, i int) uint64 {
	k = k[i : i+8]
	return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
		uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
}

func mix(h uint64) uint64 {
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>29
}
