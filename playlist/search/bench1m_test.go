package search

import (
	"sync"
	"testing"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
)

const bigSize = 1_000_000

// bigNames are the names of a generated million-entry playlist.
var bigNames = sync.OnceValue(func() []string {
	names := make([]string, bigSize)
	for i := range names {
		names[i] = m3ugen.EntryAt(1, i).Name
	}
	return names
})

var bigIndex = sync.OnceValue(func() *Index { return NewIndex(bigNames()) })

// BenchmarkNewIndex1M is the folding Start does in the background over a
// million names: at most what the first search waits for.
func BenchmarkNewIndex1M(b *testing.B) {
	names := bigNames()
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(names)
	}
}
