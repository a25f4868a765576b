package cache

import (
	"github.com/tuner-iptv/tuner/internal/chunked"
	"github.com/tuner-iptv/tuner/playlist"
)

// records are the channel records of a mapped cache file, each read where it
// lies when asked for. Their refs were checked when the file was decoded.
type records struct {
	sec    []byte
	blob   string
	extras *extras
	byName []int32 // see sortedIndexes
	byID   []int32
}

func (r *records) Len() int { return len(r.sec) / chanSize }

func (r *records) Channel(i int) playlist.Channel {
	b := r.sec[i*chanSize : (i+1)*chanSize]
	c := playlist.Channel{
		Name: r.str(b), URL: r.str(b[8:]), TvgName: r.str(b[16:]),
		Group: r.str(b[24:]), TvgID: r.str(b[32:]), Logo: r.str(b[40:]),
		Chno: r.str(b[48:]), Source: r.str(b[56:]),
	}
	if x := le.Uint32(b[64:]); x > 0 {
		c.Extra = r.extras.at(int(x - 1))
	}
	return c
}

func (r *records) Name(i int) string { return r.str(r.sec[i*chanSize:]) }

// Brief reads the stream id where it lies rather than making the Extra.
func (r *records) Brief(i int) playlist.Brief {
	b := r.sec[i*chanSize : (i+1)*chanSize]
	return playlist.Brief{Name: r.str(b), TvgID: r.str(b[32:]), StreamID: r.streamID(i)}
}

func (r *records) str(b []byte) string {
	off := int(le.Uint32(b))
	return r.blob[off : off+int(le.Uint32(b[4:]))]
}

// extras are the shared Extra records of a mapped cache file, made a chunk
// at a time when a channel that points at one is made: an Xtream list gives
// every channel an Extra of its own, so making them all at load would fill
// as much fresh memory as the channels themselves. An Extra keeps one
// address, because the parser's channels share theirs and a channel made
// twice must point at the same one. Their refs were checked at decode.
type extras struct {
	d    decoder // for its str and list, which cannot fail on checked records
	sec  []byte
	made *chunked.Store[playlist.Extra]
}

func (e *extras) at(x int) *playlist.Extra { return e.made.At(x) }

func (e *extras) streamID(x int) string {
	return e.d.str(e.sec[x*extraSize+16+5*refSize:])
}

// extras checks every Extra record, so that making one later cannot leave
// the refs or the blob, and makes none of them.
func (d *decoder) extras(sec []byte) *extras {
	n := len(sec) / extraSize
	for i := range n {
		b := sec[i*extraSize : (i+1)*extraSize]
		d.strs(d.list(b, 1))
		d.strs(d.list(b[8:], 2))
		d.strs(b[16:extraSize])
	}
	e := &extras{d: *d, sec: sec}
	e.made = chunked.New(n, func(k int, xs *chunked.Chunk[playlist.Extra]) {
		for j := range xs {
			if x := k*chunked.Size + j; x < n {
				e.d.extra(sec[x*extraSize:(x+1)*extraSize], &xs[j])
			}
		}
	})
	return e
}

// strs checks each string ref in b.
func (d *decoder) strs(b []byte) {
	blob := uint64(len(d.l.blob))
	for i := 0; i+refSize <= len(b); i += refSize {
		if uint64(le.Uint32(b[i:]))+uint64(le.Uint32(b[i+4:])) > blob {
			d.bad = true
		}
	}
}

// extra fills x from the record at b.
func (d *decoder) extra(b []byte, x *playlist.Extra) {
	if gs := d.list(b, 1); len(gs) > 0 {
		x.Groups = make([]string, len(gs)/refSize)
		for j := range x.Groups {
			x.Groups[j] = d.str(gs[j*refSize:])
		}
	}
	if hs := d.list(b[8:], 2); len(hs) > 0 {
		x.Headers = make([]playlist.Header, len(hs)/(2*refSize))
		for j := range x.Headers {
			x.Headers[j] = playlist.Header{Name: d.str(hs[2*j*refSize:]), Value: d.str(hs[(2*j+1)*refSize:])}
		}
	}
	r := b[16:]
	x.Catchup, x.CatchupDays, x.CatchupSource = d.str(r), d.str(r[8:]), d.str(r[16:])
	x.CatchupShift, x.TvgShift, x.StreamID = d.str(r[24:]), d.str(r[32:]), d.str(r[40:])
}
