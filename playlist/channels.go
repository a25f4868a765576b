package playlist

import (
	"fmt"
	"iter"

	"github.com/tuner-iptv/tuner/internal/chunked"
)

// Channels is a playlist's channels, in order. A parser builds them as a
// slice (List). The cache hands out a list read in place from its mapped
// file (InPlace): a channel's fields are made only when something asks for
// it, so a second start of tuner does not fill a hundred megabytes of fresh
// memory before the first screen. A pick of a list (Pick) shares the
// channels of the list it was taken from.
//
// The zero value is an empty list. A pointer At returns is the same for
// every call and stays valid for the list's life, so a channel may be known
// by its address, as with a slice. A list is safe for concurrent readers.
type Channels struct {
	s      []Channel
	m      *lazy
	pick   []int32
	picked bool
	sorted bool // the pick is ascending
}

// Records is channels kept somewhere else than in Channel values, read one
// at a time.
type Records interface {
	Len() int
	// Channel is channel i, 0 <= i < Len(). It returns a value rather than
	// filling a pointer, which through an interface would put every
	// channel read on the heap.
	Channel(i int) Channel
}

// lazy is an in-place list: its records, and the channels made of them so
// far, a chunk at a time.
type lazy struct {
	r     Records
	n     int
	chans *chunked.Store[Channel]
}

// List is the channels of s, in place: s is not copied, and a change through
// At is a change of s.
func List(s []Channel) Channels { return Channels{s: s} }

// InPlace is the channels r holds, each made when first asked for.
func InPlace(r Records) Channels {
	n := r.Len()
	fill := func(k int, c *chunked.Chunk[Channel]) {
		for j := range c {
			if i := k*chunked.Size + j; i < n {
				c[j] = r.Channel(i)
			}
		}
	}
	return Channels{m: &lazy{r: r, n: n, chans: chunked.New(n, fill)}}
}

// Len is the number of channels.
func (l Channels) Len() int {
	switch {
	case l.picked:
		return len(l.pick)
	case l.m != nil:
		return l.m.n
	}
	return len(l.s)
}

// base is the index in the underlying list of channel i.
func (l Channels) base(i int) int {
	if l.picked {
		return int(l.pick[i])
	}
	return i
}

// At is channel i, which the caller may change. i must be in [0, Len()).
func (l Channels) At(i int) *Channel {
	i = l.base(i)
	if l.m != nil {
		return l.m.at(i)
	}
	return &l.s[i]
}

// Get is a copy of channel i. Unlike At, it makes nothing of an in-place list
// that was not made already but its Extra, which keeps one address: a pass
// over every channel (counting, grouping) costs no memory where few
// channels have one, and Brief costs none where every channel has.
func (l Channels) Get(i int) Channel {
	i = l.base(i)
	if l.m == nil {
		return l.s[i]
	}
	if c := l.m.made(i); c != nil {
		return *c
	}
	return l.m.r.Channel(i)
}

// namer is Records that can read a channel's name alone, which costs less
// than the whole channel.
type namer interface{ Name(i int) string }

// Name is channel i's name: what a search index reads of every channel.
func (l Channels) Name(i int) string {
	i = l.base(i)
	if l.m == nil {
		return l.s[i].Name
	}
	if c := l.m.made(i); c != nil {
		return c.Name
	}
	if n, ok := l.m.r.(namer); ok {
		return n.Name(i)
	}
	return l.m.r.Channel(i).Name
}

// briefer is Records that can read a channel's Brief without making its
// Extra.
type briefer interface{ Brief(i int) Brief }

// Brief is what a pass over every channel reads of channel i to find the
// favourites; unlike Get, it makes nothing, not even the Extra of a list
// read in place.
func (l Channels) Brief(i int) Brief {
	i = l.base(i)
	if l.m == nil {
		return l.s[i].Brief()
	}
	if c := l.m.made(i); c != nil {
		return c.Brief()
	}
	if b, ok := l.m.r.(briefer); ok {
		return b.Brief(i)
	}
	c := l.m.r.Channel(i)
	return c.Brief()
}

// All yields each channel's index and address, in order.
func (l Channels) All() iter.Seq2[int, *Channel] {
	return func(yield func(int, *Channel) bool) {
		for i := range l.Len() {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Slice is the channels as a slice: the list's own for a List, a copy for any
// other.
func (l Channels) Slice() []Channel {
	if !l.picked && l.m == nil {
		return l.s
	}
	out := make([]Channel, l.Len())
	for i := range out {
		out[i] = l.Get(i)
	}
	return out
}

// Pick is the list of channels idx names, in that order, sharing them with l:
// a change through the pick's At is a change of l's channel.
func (l Channels) Pick(idx []int32) Channels {
	p := Channels{s: l.s, m: l.m, pick: make([]int32, len(idx)), picked: true}
	for k, i := range idx {
		if i < 0 || int(i) >= l.Len() {
			panic(fmt.Sprintf("playlist: Pick of channel %d in a list of %d", i, l.Len()))
		}
		p.pick[k] = int32(l.base(int(i)))
	}
	return p
}

func (m *lazy) check(i int) {
	if uint(i) >= uint(m.n) {
		panic(fmt.Sprintf("playlist: channel %d of %d", i, m.n))
	}
}

// made is channel i if its chunk was made already, else nil.
func (m *lazy) made(i int) *Channel {
	m.check(i)
	return m.chans.Made(i)
}

func (m *lazy) at(i int) *Channel {
	m.check(i)
	return m.chans.At(i)
}

// PickSorted is Pick for idx ascending, kept rather than copied: idx must
// not change while the pick is in use. The cache's parts lie in its
// read-only mapping, and a copy of every index would be megabytes of fresh
// memory at each start.
func (l Channels) PickSorted(idx []int32) Channels {
	if l.picked {
		return l.Pick(idx)
	}
	prev := int32(-1)
	for _, i := range idx {
		if i <= prev || int(i) >= l.Len() {
			panic(fmt.Sprintf("playlist: PickSorted of channel %d after %d in a list of %d", i, prev, l.Len()))
		}
		prev = i
	}
	return Channels{s: l.s, m: l.m, pick: idx, picked: true, sorted: true}
}
