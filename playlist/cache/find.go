package cache

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/tuner-iptv/tuner/playlist"
)

// sortedIndexes are the indexes Find searches: every channel's by its name,
// and every channel's with a stream id by that id, each as uint32s.
func sortedIndexes(chs playlist.Channels) (byName, byID []byte) {
	n := chs.Len()
	names := make([]string, n)
	ids := make([]string, n)
	for i := range n {
		b := chs.Brief(i)
		names[i], ids[i] = b.Name, b.StreamID
	}
	order := func(keys []string, all bool) []byte {
		var idx []int32
		for i, k := range keys {
			if all || k != "" {
				idx = append(idx, int32(i))
			}
		}
		// Ties in list order; a total order sorts faster than a stable sort.
		slices.SortFunc(idx, func(a, b int32) int {
			if c := strings.Compare(keys[a], keys[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		out := make([]byte, 0, 4*len(idx))
		for _, i := range idx {
			out = binary.LittleEndian.AppendUint32(out, uint32(i))
		}
		return out
	}
	return order(names, true), order(ids, false)
}

// checkIndexes refuses an index that names a channel there is not.
func (d *decoder) checkIndexes(nch int, idx ...[]int32) {
	for _, x := range idx {
		for _, i := range x {
			if i < 0 || int(i) >= nch {
				d.bad = true
				return
			}
		}
	}
}

// Find looks each name and id up in the recorded indexes: a person keeps a
// few dozen favourites, and a binary search for each reads a few dozen
// records, where a pass over a large list reads them all.
func (r *records) Find(names, ids []string) []int32 {
	var out []int32
	for _, n := range names {
		out = r.lookUp(out, r.byName, n, r.Name)
	}
	for _, id := range ids {
		if id != "" {
			out = r.lookUp(out, r.byID, id, r.streamID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lookUp appends the channels of idx whose key is k; idx is in key order.
func (r *records) lookUp(out, idx []int32, k string, key func(int) string) []int32 {
	at, _ := slices.BinarySearchFunc(idx, k, func(i int32, k string) int { return strings.Compare(key(int(i)), k) })
	for ; at < len(idx) && key(int(idx[at])) == k; at++ {
		out = append(out, idx[at])
	}
	return out
}

func (r *records) streamID(i int) string {
	if x := le.Uint32(r.sec[i*chanSize+chanRefs*refSize:]); x > 0 {
		return r.extras.streamID(int(x - 1))
	}
	return ""
}
