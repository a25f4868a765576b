// Package epg is the programme guide: it reads XMLTV guides (plain or gzip,
// one or several merged), keeps them compactly, answers "what is on now and
// next" and "what is on between two times" per channel, matches a playlist's
// channels to the guide's, and caches the parsed guide on disk.
//
// A guide of a week for thousands of channels holds hundreds of thousands of
// programmes, so programmes are stored as fixed-size records with their text
// in a shared arena; a Programme value is only built for what is asked for.
package epg

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// Programme is one broadcast, with times already moved by the channel's
// tvg-shift.
type Programme struct {
	Start time.Time
	Stop  time.Time // zero when the guide gave none and no programme follows
	Title string    // in the person's language (LANG) when the guide has it, else the first
	// Titles holds every title of a programme the guide names in several
	// languages, in guide order; nil when it has one.
	Titles   []Title
	SubTitle string
	Desc     string
	Episode  string // "S01E05" style when the guide says; else ""
	// Categories as the guide lists them (first language only).
	Categories []string
}

// Progress tells how far into the programme now is, from 0 to 1; 0 when the
// stop time is unknown.
func (p *Programme) Progress(now time.Time) float64 {
	if p.Stop.IsZero() || !p.Stop.After(p.Start) {
		return 0
	}
	f := float64(now.Sub(p.Start)) / float64(p.Stop.Sub(p.Start))
	return min(max(f, 0), 1)
}

// Stats describes what a parse found.
type Stats struct {
	Channels   int // guide channels, including ids only named by programmes
	Programmes int // programmes kept
	Skipped    int // broken entries skipped
	Duplicates int // programmes dropped because another had the same channel, start and clumpidx
	// Problems holds the first few reasons entries were skipped, one line each.
	Problems []string
}

// Guide is a parsed programme guide. It is read-only once built and safe for
// concurrent readers.
type Guide struct {
	// FetchedAt is when the guide was loaded from its sources.
	FetchedAt time.Time
	// Sources names where the guide came from, masked.
	Sources []string
	Stats   Stats

	text  textArena
	chans []channel
	progs []prog // grouped by channel, each group sorted by start
	byID  map[string]int32

	indexOnce sync.Once
	matchIdx  *matchIndex

	searchOnce sync.Once
	search     *searchIndex

	langOnce sync.Once
	lang     string // the person's language, read once from the environment
}

// channel is a guide channel; its programmes are progs[lo:hi].
type channel struct {
	id     ref
	icon   ref
	names  []ref
	lo, hi uint32
}

// prog is a stored programme. Stop is 0 when unknown.
type prog struct {
	start, stop int64
	title, sub  ref
	desc, ep    ref
	cats        ref // categories joined by catSep
	ch          uint32
	clump       uint8 // clumpidx index + 1, 0 when none; only used while building
}

const catSep = "\x1f"

// Channel describes one channel of the guide.
type Channel struct {
	ID         string
	Names      []string // display names, in guide order
	Icon       string
	Programmes int
}

// Key selects a guide channel together with a time shift. The zero Key
// selects nothing; Guide methods given it return nothing.
type Key struct {
	ch    int32 // index+1, so the zero Key is invalid
	shift int32 // seconds added to the guide's times
}

// Valid reports whether k selects a channel.
func (k Key) Valid() bool { return k.ch > 0 }

// Shift is the time shift the key applies.
func (k Key) Shift() time.Duration { return time.Duration(k.shift) * time.Second }

// WithShift returns k with the given time shift.
func (k Key) WithShift(d time.Duration) Key {
	k.shift = int32(d / time.Second)
	return k
}

// Lookup returns the key of the channel with exactly this id.
func (g *Guide) Lookup(id string) (Key, bool) {
	if g == nil {
		return Key{}, false
	}
	i, ok := g.byID[id]
	if !ok {
		return Key{}, false
	}
	return Key{ch: i + 1}, true
}

// NumChannels returns how many channels the guide has.
func (g *Guide) NumChannels() int {
	if g == nil {
		return 0
	}
	return len(g.chans)
}

// Channel returns the i-th channel, 0 <= i < NumChannels.
func (g *Guide) Channel(i int) Channel {
	c := &g.chans[i]
	names := make([]string, len(c.names))
	for j, r := range c.names {
		names[j] = g.text.str(r)
	}
	return Channel{ID: g.text.str(c.id), Names: names, Icon: g.text.str(c.icon), Programmes: int(c.hi - c.lo)}
}

// ChannelOf returns the guide channel a key selects.
func (g *Guide) ChannelOf(k Key) (Channel, bool) {
	if !g.valid(k) {
		return Channel{}, false
	}
	return g.Channel(int(k.ch - 1)), true
}

func (g *Guide) valid(k Key) bool {
	return g != nil && k.ch > 0 && int(k.ch) <= len(g.chans)
}

func (g *Guide) programmes(k Key) []prog {
	c := &g.chans[k.ch-1]
	return g.progs[c.lo:c.hi]
}

// NowNext returns the programme on air at now and the one after it; either
// may be nil. Between two programmes (a gap in the guide) cur is nil and
// next is the coming one.
func (g *Guide) NowNext(k Key, now time.Time) (cur, next *Programme) {
	if !g.valid(k) {
		return nil, nil
	}
	ps := g.programmes(k)
	t := now.Unix() - int64(k.shift)
	// First programme starting after t; the one before it may be on air.
	i := sort.Search(len(ps), func(i int) bool { return ps[i].start > t })
	if i > 0 && onAir(&ps[i-1], t) {
		cur = g.programme(&ps[clumpStart(ps, i-1, t)], k.shift)
	}
	if i < len(ps) {
		next = g.programme(&ps[i], k.shift)
	}
	return cur, next
}

// clumpStart steps back from ps[i], on air at t, to the first of the
// programmes on air that share its start (a clump of one slot).
func clumpStart(ps []prog, i int, t int64) int {
	for i > 0 && ps[i-1].start == ps[i].start && onAir(&ps[i-1], t) {
		i--
	}
	return i
}

// onAir treats an unknown stop as "until the next programme", which is how
// the last entry of a guide without stop times reads. A programme whose stop
// equals its start is never on air.
func onAir(p *prog, t int64) bool {
	return p.stop == 0 || t < p.stop
}

// Schedule returns the programmes that overlap [from, to), in order.
func (g *Guide) Schedule(k Key, from, to time.Time) []Programme {
	if !g.valid(k) || !to.After(from) {
		return nil
	}
	ps := g.programmes(k)
	lo, hi := from.Unix()-int64(k.shift), to.Unix()-int64(k.shift)
	i := sort.Search(len(ps), func(i int) bool { return ps[i].start > lo })
	if i > 0 && onAir(&ps[i-1], lo) {
		i = clumpStart(ps, i-1, lo)
	}
	var out []Programme
	for ; i < len(ps) && ps[i].start < hi; i++ {
		out = append(out, *g.programme(&ps[i], k.shift))
	}
	return out
}

func (g *Guide) programme(p *prog, shift int32) *Programme {
	out := &Programme{
		Start:    time.Unix(p.start+int64(shift), 0),
		Title:    g.text.str(p.title),
		SubTitle: g.text.str(p.sub),
		Desc:     g.text.str(p.desc),
		Episode:  g.text.str(p.ep),
	}
	if p.stop != 0 {
		out.Stop = time.Unix(p.stop+int64(shift), 0)
	}
	if out.Titles = splitTitles(out.Title); out.Titles != nil {
		out.Title = pickTitle(out.Titles, g.language())
	}
	if p.cats.n > 0 {
		out.Categories = strings.Split(g.text.str(p.cats), catSep)
	}
	return out
}

func (g *Guide) language() string {
	g.langOnce.Do(func() { g.lang = userLanguage() })
	return g.lang
}

// Footprint estimates the bytes the guide holds, for reports and tests.
func (g *Guide) Footprint() int {
	if g == nil {
		return 0
	}
	n := g.text.size() + len(g.progs)*int(sizeofProg) + len(g.chans)*64
	for _, c := range g.chans {
		n += len(c.names) * 8
	}
	return n
}
