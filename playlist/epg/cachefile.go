package epg

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"time"
)

// The cache file is the guide's own memory layout written out: the text
// chunks as they are, then fixed-size channel and programme records, then a
// CRC. Loading is a few large reads and a bounds check, not a parse.
//
//	magic "TUNEREPG", version
//	fetchedAt, sources, stats
//	text chunks (length + bytes each)
//	channels (id, icon, names, programme range)
//	programmes (start, stop, five text refs)
//	CRC-32C of everything before it

const (
	cacheMagic   = "TUNEREPG"
	cacheVersion = 1
	progRecord   = 8 + 8 + 5*8
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

var errCorrupt = errors.New("cache file is damaged")

type encoder struct {
	w   *bufio.Writer
	crc uint32
	buf [8]byte
	err error
}

func (e *encoder) bytes(b []byte) {
	if e.err != nil {
		return
	}
	e.crc = crc32.Update(e.crc, crcTable, b)
	_, e.err = e.w.Write(b)
}

func (e *encoder) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.buf[:4], v)
	e.bytes(e.buf[:4])
}

func (e *encoder) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:], v)
	e.bytes(e.buf[:])
}

func (e *encoder) ref(r ref) { e.u32(r.off); e.u32(r.n) }

func (e *encoder) str(s string) { e.u32(uint32(len(s))); e.bytes([]byte(s)) }

func writeGuide(w io.Writer, g *Guide) error {
	e := &encoder{w: bufio.NewWriterSize(w, 256<<10)}
	e.bytes([]byte(cacheMagic))
	e.u32(cacheVersion)
	e.u64(uint64(g.FetchedAt.UnixNano()))
	e.u32(uint32(len(g.Sources)))
	for _, s := range g.Sources {
		e.str(s)
	}
	for _, v := range []int{g.Stats.Channels, g.Stats.Programmes, g.Stats.Skipped, g.Stats.Duplicates} {
		e.u64(uint64(v))
	}
	e.u32(uint32(len(g.Stats.Problems)))
	for _, s := range g.Stats.Problems {
		e.str(s)
	}
	e.u32(uint32(len(g.text.chunks)))
	for _, c := range g.text.chunks {
		e.u32(uint32(len(c)))
		e.bytes(c)
	}
	e.u32(uint32(len(g.chans)))
	for i := range g.chans {
		c := &g.chans[i]
		e.ref(c.id)
		e.ref(c.icon)
		e.u32(c.lo)
		e.u32(c.hi)
		e.u32(uint32(len(c.names)))
		for _, r := range c.names {
			e.ref(r)
		}
	}
	e.u32(uint32(len(g.progs)))
	rec := make([]byte, 0, progRecord*1024)
	for i := range g.progs {
		rec = appendProg(rec, &g.progs[i])
		if len(rec) == cap(rec) {
			e.bytes(rec)
			rec = rec[:0]
		}
	}
	e.bytes(rec)
	sum := e.crc
	binary.LittleEndian.PutUint32(e.buf[:4], sum)
	if e.err == nil {
		_, e.err = e.w.Write(e.buf[:4])
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

func appendProg(b []byte, p *prog) []byte {
	le := binary.LittleEndian
	b = le.AppendUint64(b, uint64(p.start))
	b = le.AppendUint64(b, uint64(p.stop))
	for _, r := range [...]ref{p.title, p.sub, p.desc, p.ep, p.cats} {
		b = le.AppendUint32(b, r.off)
		b = le.AppendUint32(b, r.n)
	}
	return b
}

type decoder struct {
	r   *bufio.Reader
	crc uint32
	buf [8]byte
	err error
}

func (d *decoder) full(b []byte) {
	if d.err != nil {
		return
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = errCorrupt
		return
	}
	d.crc = crc32.Update(d.crc, crcTable, b)
}

func (d *decoder) u32() uint32 {
	d.full(d.buf[:4])
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint32(d.buf[:4])
}

func (d *decoder) u64() uint64 {
	d.full(d.buf[:])
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(d.buf[:])
}

func (d *decoder) ref() ref { return ref{off: d.u32(), n: d.u32()} }

// count reads a length and refuses one larger than limit, so a damaged file
// cannot ask for gigabytes.
func (d *decoder) count(limit int) int {
	n := d.u32()
	if d.err == nil && int64(n) > int64(limit) {
		d.err = errCorrupt
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	b := make([]byte, d.count(1<<16))
	d.full(b)
	return string(b)
}

func readGuide(r io.Reader, size int64) (*Guide, error) {
	d := &decoder{r: bufio.NewReaderSize(r, 256<<10)}
	magic := make([]byte, len(cacheMagic))
	d.full(magic)
	if d.err != nil || string(magic) != cacheMagic || d.u32() != cacheVersion {
		return nil, errCorrupt
	}
	g := &Guide{}
	g.FetchedAt = time.Unix(0, int64(d.u64()))
	g.Sources = make([]string, d.count(1<<16))
	for i := range g.Sources {
		g.Sources[i] = d.str()
	}
	st := &g.Stats
	for _, v := range []*int{&st.Channels, &st.Programmes, &st.Skipped, &st.Duplicates} {
		*v = int(min(d.u64(), math.MaxInt32))
	}
	st.Problems = make([]string, d.count(maxProblems))
	for i := range st.Problems {
		st.Problems[i] = d.str()
	}
	limit := int(min(size, math.MaxInt32))
	g.text.chunks = make([][]byte, d.count(min(maxChunks, limit/(chunkSize/2)+2)))
	for i := range g.text.chunks {
		c := make([]byte, d.count(chunkSize))
		d.full(c)
		g.text.chunks[i] = c
	}
	g.chans = make([]channel, d.count(limit/20))
	for i := range g.chans {
		c := &g.chans[i]
		c.id, c.icon = d.ref(), d.ref()
		c.lo, c.hi = d.u32(), d.u32()
		c.names = make([]ref, d.count(maxNames))
		for j := range c.names {
			c.names[j] = d.ref()
		}
	}
	g.progs = make([]prog, d.count(limit/progRecord))
	if err := d.progs(g.progs); err != nil {
		return nil, err
	}
	want := d.crc
	var sum [4]byte
	if _, err := io.ReadFull(d.r, sum[:]); d.err != nil || err != nil || binary.LittleEndian.Uint32(sum[:]) != want {
		return nil, errCorrupt
	}
	if err := g.check(); err != nil {
		return nil, err
	}
	g.byID = make(map[string]int32, len(g.chans))
	for i := range g.chans {
		g.byID[g.text.str(g.chans[i].id)] = int32(i)
	}
	return g, nil
}

func (d *decoder) progs(ps []prog) error {
	rec := make([]byte, progRecord*1024)
	le := binary.LittleEndian
	for i := 0; i < len(ps); {
		n := min(len(ps)-i, 1024)
		b := rec[:n*progRecord]
		d.full(b)
		if d.err != nil {
			return d.err
		}
		for j := range n {
			r := b[j*progRecord:]
			p := &ps[i+j]
			p.start, p.stop = int64(le.Uint64(r)), int64(le.Uint64(r[8:]))
			refs := [...]*ref{&p.title, &p.sub, &p.desc, &p.ep, &p.cats}
			for k, dst := range refs {
				dst.off, dst.n = le.Uint32(r[16+8*k:]), le.Uint32(r[20+8*k:])
			}
		}
		i += n
	}
	return nil
}

// check makes sure every reference points inside the guide, since strings
// are handed out as views without further checks.
func (g *Guide) check() error {
	okRef := func(r ref) bool {
		if r.n == 0 {
			return true
		}
		ci := int(r.off >> chunkBits)
		return ci < len(g.text.chunks) && int(r.off&chunkMask)+int(r.n) <= len(g.text.chunks[ci])
	}
	prev := uint32(0)
	for i := range g.chans {
		c := &g.chans[i]
		if c.lo != prev || c.hi < c.lo || int(c.hi) > len(g.progs) || !okRef(c.id) || !okRef(c.icon) {
			return fmt.Errorf("%w: channel %d", errCorrupt, i)
		}
		prev = c.hi
		for _, r := range c.names {
			if !okRef(r) {
				return fmt.Errorf("%w: channel %d", errCorrupt, i)
			}
		}
		for j := c.lo; j < c.hi; j++ {
			p := &g.progs[j]
			p.ch = uint32(i)
			if !okRef(p.title) || !okRef(p.sub) || !okRef(p.desc) || !okRef(p.ep) || !okRef(p.cats) ||
				(j > c.lo && g.progs[j-1].start > p.start) {
				return fmt.Errorf("%w: programme %d", errCorrupt, j)
			}
		}
	}
	if int(prev) != len(g.progs) {
		return errCorrupt
	}
	return nil
}
