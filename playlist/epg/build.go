package epg

import (
	"cmp"
	"fmt"
	"slices"
	"unsafe"
)

const (
	sizeofProg  = unsafe.Sizeof(prog{})
	pendChunk   = 16 << 10 // programmes per pending chunk
	maxProblems = 5
)

// builder collects the channels and programmes of one or more guides and
// turns them into a Guide. Programmes wait in fixed-size chunks, so growing
// never copies them, and are placed once, grouped by channel, at the end.
type builder struct {
	text   textArena
	in     interner
	chans  []channel
	byID   map[string]int32
	pend   [][]prog
	n      int
	stats  Stats
	full   bool // the text arena reached its limit; further text is dropped
	source string
}

func newBuilder() *builder {
	b := &builder{byID: make(map[string]int32)}
	b.in = interner{a: &b.text, m: make(map[string]ref)}
	return b
}

func (b *builder) intern(s []byte) ref {
	r, ok := b.in.ref(s)
	if !ok {
		b.full = true
	}
	return r
}

// channelIndex returns the index of the channel with this id, adding a
// channel for an id first seen on a programme.
func (b *builder) channelIndex(id []byte) uint32 {
	if i, ok := b.byID[string(id)]; ok {
		return uint32(i)
	}
	r := b.intern(id)
	i := int32(len(b.chans))
	b.chans = append(b.chans, channel{id: r})
	b.byID[b.text.str(r)] = i
	return uint32(i)
}

// describe adds names and an icon to a channel; a channel listed by two
// merged guides keeps the names of both.
func (b *builder) describe(ch uint32, names []ref, icon ref) {
	c := &b.chans[ch]
	for _, n := range names {
		if !slices.Contains(c.names, n) && len(c.names) < maxNames {
			c.names = append(c.names, n)
		}
	}
	if c.icon.n == 0 {
		c.icon = icon
	}
}

func (b *builder) add(p prog) {
	if n := len(b.pend); n == 0 || len(b.pend[n-1]) == cap(b.pend[n-1]) {
		// Chunks double up to pendChunk, so a small guide stays small.
		size := 256
		if n > 0 {
			size = min(2*cap(b.pend[n-1]), pendChunk)
		}
		b.pend = append(b.pend, make([]prog, 0, size))
	}
	last := &b.pend[len(b.pend)-1]
	*last = append(*last, p)
	b.n++
}

func (b *builder) skip(at int64, what, why string) {
	b.stats.Skipped++
	if len(b.stats.Problems) < maxProblems {
		b.stats.Problems = append(b.stats.Problems, fmt.Sprintf("%s: %s at byte %d: %s", b.source, what, at, why))
	}
}

// guide places the programmes by channel and start, drops duplicates, fills
// missing stop times from the next start, and hands everything to a Guide.
// Programmes sharing a start are duplicates (merged guides repeat each other)
// unless their clumpidx says they are different parts of one slot.
func (b *builder) guide() *Guide {
	g := &Guide{text: b.text, chans: b.chans, byID: b.byID, Stats: b.stats}
	// Counting sort by channel: stable, so a guide's own order survives.
	counts := make([]uint32, len(g.chans)+1)
	for _, chunk := range b.pend {
		for i := range chunk {
			counts[chunk[i].ch+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	for i := range g.chans {
		g.chans[i].lo, g.chans[i].hi = counts[i], counts[i+1]
	}
	progs := make([]prog, b.n)
	for ci, chunk := range b.pend {
		for i := range chunk {
			c := chunk[i].ch
			progs[counts[c]] = chunk[i]
			counts[c]++
		}
		b.pend[ci] = nil
	}
	g.progs = g.tidy(progs)
	g.Stats.Channels = len(g.chans)
	g.Stats.Programmes = len(g.progs)
	return g
}

// tidy sorts each channel's programmes and compacts them in place.
func (g *Guide) tidy(progs []prog) []prog {
	w := uint32(0)
	byStart := func(a, b prog) int { return cmp.Compare(a.start, b.start) }
	for ci := range g.chans {
		c := &g.chans[ci]
		ps := progs[c.lo:c.hi]
		if !slices.IsSortedFunc(ps, byStart) {
			slices.SortStableFunc(ps, byStart)
		}
		lo := w
		for i := range ps {
			if duplicate(progs[lo:w], &ps[i]) {
				g.Stats.Duplicates++
				continue
			}
			fillStops(progs[lo:w], ps[i].start)
			progs[w] = ps[i]
			w++
		}
		c.lo, c.hi = lo, w
	}
	return progs[:w:w]
}

// duplicate reports whether p repeats one of the kept programmes that start
// when it does: the same start with no clumpidx, or the same clump index.
func duplicate(kept []prog, p *prog) bool {
	for j := len(kept) - 1; j >= 0 && kept[j].start == p.start; j-- {
		if kept[j].clump == 0 || p.clump == 0 || kept[j].clump == p.clump {
			return true
		}
	}
	return false
}

// fillStops ends the last kept programmes without a stop (all of a clump)
// where the next one starts.
func fillStops(kept []prog, next int64) {
	for j := len(kept) - 1; j >= 0 && kept[j].stop == 0 && kept[j].start < next; j-- {
		kept[j].stop = next
		if j > 0 && kept[j-1].start != kept[j].start {
			return
		}
	}
}
