package playlist

import "slices"

// finder is Records that can find channels by name or stream id without a
// pass over every channel, as the cache can with the indexes it records.
type finder interface {
	// Find is as Channels.Find, for the records as they were written.
	Find(names, ids []string) []int32
}

// Find is the channels whose name is one of names or whose stream id is one
// of ids, ascending: every channel that may be one of a person's favourites
// or recents. A list read in place from the cache finds them in its
// recorded indexes, in time that does not grow with the list; for it, a
// change made through At is not seen.
func (l Channels) Find(names, ids []string) []int32 {
	if l.m != nil && (!l.picked || l.sorted) {
		if f, ok := l.m.r.(finder); ok {
			return l.inPick(f.Find(names, ids))
		}
	}
	want, wantID := keySet(names), keySet(ids)
	var out []int32
	for i := range l.Len() {
		if b := l.Brief(i); want.has(b.Name) || b.StreamID != "" && wantID.has(b.StreamID) {
			out = append(out, int32(i))
		}
	}
	return out
}

// inPick turns indexes of the underlying list, ascending, into indexes of
// l, a sorted pick or no pick at all, leaving out those it does not hold.
func (l Channels) inPick(base []int32) []int32 {
	if !l.picked {
		return base
	}
	out := base[:0]
	for _, b := range base {
		if k, ok := slices.BinarySearch(l.pick, b); ok {
			out = append(out, int32(k))
		}
	}
	return out
}

// keys is a set of strings, sieved before the map is asked.
type keys struct {
	s sieve
	m map[string]bool
}

func keySet(ks []string) *keys {
	k := &keys{m: make(map[string]bool, len(ks))}
	for _, s := range ks {
		k.s.add(s)
		k.m[s] = true
	}
	return k
}

func (k *keys) has(s string) bool { return k.s.may(s) && k.m[s] }
