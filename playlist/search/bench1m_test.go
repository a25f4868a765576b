package search

import (
	"sync"

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
