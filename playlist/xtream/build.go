package xtream

import (
	"bytes"
	"net/url"
	"strconv"
	"unsafe"

	"github.com/tuner-iptv/tuner/playlist"
)

// liveBuilder turns streams into channels as they are decoded. Until the last
// one it keeps no Go string and no pointer: each channel's text goes, one
// piece after another, into large byte chunks, and what says where is a
// small pointer-free record. Garbage collection during a long download then
// has nothing to scan, and finish allocates the channels and their Extras
// once, at their exact count, instead of growing a slice of channels that
// would, at its last copy, hold the largest part of them twice.
type liveBuilder struct {
	src, prefix, ext string
	groups           map[string]int32 // category id -> index in names
	names            []string

	chunks [][]byte // text; a chunk is never written again once strings point into it
	next   int      // size of the next chunk
	recs   [][]rec  // full blocks are kept as they are, never copied
	n      int
	days   map[int64]int32 // tv_archive_duration -> index in dayText
	dayTxt []string
}

// rec locates one channel's text in its chunk: name, tvg-id, logo, channel
// number, URL and, only when escaping changed it, the stream id; otherwise
// the id is the part of the URL after the prefix.
type rec struct {
	chunk, off                    uint32
	name, tvg, logo, url, idApart uint32
	group, days                   int32 // -1 for none
	chno                          uint8
	archive                       bool
}

// item is one stream's decoded fields; the slices are only borrowed.
type item struct {
	name, tvg, logo, id, cat []byte
	num, dur                 int64
	archive                  bool
}

const (
	firstChunk = 4 << 10
	maxChunk   = 1 << 20
	firstBlock = 256
	maxBlock   = 16 << 10
)

func (c *Client) newBuilder(cats []Category, ext string) *liveBuilder {
	prefix := c.StreamURL("", "")
	b := &liveBuilder{
		src:    c.Name(),
		prefix: prefix[:len(prefix)-len(".ts")], // BASE/live/USER/***/
		ext:    ext,
		groups: make(map[string]int32, len(cats)),
		days:   make(map[int64]int32),
	}
	for _, cat := range cats {
		if i, ok := b.groups[string(cat.ID)]; ok {
			b.names[i] = string(cat.Name) // the later of two equal ids wins
			continue
		}
		b.groups[string(cat.ID)] = int32(len(b.names))
		b.names = append(b.names, string(cat.Name))
	}
	return b
}

// add records a stream; one without a stream id cannot be played and is
// left out.
func (b *liveBuilder) add(it *item) {
	if len(it.id) == 0 {
		return
	}
	esc, apart := it.id, false
	if !pathPlain(it.id) {
		esc = []byte(url.PathEscape(string(it.id)))
		apart = !bytes.Equal(esc, it.id)
	}
	var num [20]byte
	var chno []byte
	if it.num > 0 {
		chno = strconv.AppendInt(num[:0], it.num, 10)
	}
	r := rec{
		name: uint32(len(it.name)), tvg: uint32(len(it.tvg)), logo: uint32(len(it.logo)),
		url: uint32(len(b.prefix) + len(esc) + 1 + len(b.ext)), chno: uint8(len(chno)),
		group: -1, days: -1, archive: it.archive,
	}
	if apart {
		r.idApart = uint32(len(it.id))
	}
	need := int(r.name+r.tvg+r.logo+r.url+r.idApart) + len(chno)
	buf := b.reserve(need)
	r.chunk, r.off = uint32(len(b.chunks)-1), uint32(len(buf))
	buf = append(append(append(append(buf, it.name...), it.tvg...), it.logo...), chno...)
	buf = append(append(append(append(buf, b.prefix...), esc...), '.'), b.ext...)
	if apart {
		buf = append(buf, it.id...)
	}
	b.chunks[len(b.chunks)-1] = buf
	if g, ok := b.groups[string(it.cat)]; ok {
		r.group = g
	}
	if it.archive && it.dur > 0 {
		r.days = b.day(it.dur)
	}
	b.push(r)
}

// reserve returns the current chunk with room for n more bytes, starting a
// new one when it has not.
func (b *liveBuilder) reserve(n int) []byte {
	if k := len(b.chunks); k > 0 && cap(b.chunks[k-1])-len(b.chunks[k-1]) >= n {
		return b.chunks[k-1]
	}
	if b.next == 0 {
		b.next = firstChunk
	}
	size := max(b.next, n)
	b.next = min(2*b.next, maxChunk)
	b.chunks = append(b.chunks, make([]byte, 0, size))
	return b.chunks[len(b.chunks)-1]
}

func (b *liveBuilder) push(r rec) {
	k := len(b.recs)
	if k == 0 || len(b.recs[k-1]) == cap(b.recs[k-1]) {
		size := firstBlock
		if k > 0 {
			size = min(2*cap(b.recs[k-1]), maxBlock)
		}
		b.recs = append(b.recs, make([]rec, 0, size))
		k++
	}
	b.recs[k-1] = append(b.recs[k-1], r)
	b.n++
}

func (b *liveBuilder) day(d int64) int32 {
	if i, ok := b.days[d]; ok {
		return i
	}
	i := int32(len(b.dayTxt))
	b.days[d] = i
	b.dayTxt = append(b.dayTxt, itoa(d))
	return i
}

// finish returns the channels, in the order the streams came.
func (b *liveBuilder) finish() []playlist.Channel {
	chs := make([]playlist.Channel, 0, b.n)
	extras := make([]playlist.Extra, b.n) // one allocation for all
	for _, block := range b.recs {
		for i := range block {
			chs = append(chs, b.channel(&block[i], &extras[len(chs)]))
		}
	}
	b.recs, b.chunks = nil, nil
	return chs
}

func (b *liveBuilder) channel(r *rec, ex *playlist.Extra) playlist.Channel {
	t := text{buf: b.chunks[r.chunk][r.off:]}
	ch := playlist.Channel{Name: t.next(r.name), TvgID: t.next(r.tvg), Logo: t.next(r.logo), Source: b.src, Extra: ex}
	ch.TvgName = ch.Name
	ch.Chno = t.next(uint32(r.chno))
	ch.URL = t.next(r.url)
	ex.StreamID = ch.URL[len(b.prefix) : len(ch.URL)-1-len(b.ext)]
	if r.idApart > 0 {
		ex.StreamID = t.next(r.idApart)
	}
	if r.group >= 0 {
		ch.Group = b.names[r.group]
	}
	if r.archive {
		ex.Catchup = "xc"
		if r.days >= 0 {
			ex.CatchupDays = b.dayTxt[r.days]
		}
	}
	return ch
}

// text hands out consecutive strings of a chunk without copying them.
type text struct {
	buf []byte
	at  int
}

func (t *text) next(n uint32) string {
	if n == 0 {
		return ""
	}
	s := unsafe.String(&t.buf[t.at], int(n))
	t.at += int(n)
	return s
}

// pathPlain reports whether url.PathEscape leaves id as it is; stream ids
// are nearly always digits.
func pathPlain(id []byte) bool {
	for _, c := range id {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}
