package cache

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"time"
	"unsafe"

	"github.com/tuner-iptv/tuner/playlist"
)

var le = binary.LittleEndian

// layout is a checked header: every section lies inside the file.
type layout struct {
	sec  [nSections]struct{ off, n uint64 }
	blob string // the blob's bytes, shared with every string decoded
}

// section is the bytes of section i.
func (l *layout) section(data []byte, i int) []byte {
	s := l.sec[i]
	return data[s.off : s.off+s.n*recSize[i]]
}

// readHeader checks the header: magic, version, its own checksum, the file's
// size, and that each section fits in the file. It reads nothing beyond the
// header, so it costs the same for any size of file.
func readHeader(data []byte) (*layout, error) {
	if len(data) < headerSize || !bytes.Equal(data[:len(magic)], []byte(magic)) {
		return nil, errCorrupt
	}
	if le.Uint32(data[12:]) != version {
		return nil, errVersion
	}
	if le.Uint32(data[28:]) != headerCRC(data) || le.Uint64(data[16:]) != uint64(len(data)) {
		return nil, errCorrupt
	}
	l := &layout{}
	size := uint64(len(data))
	for i := range l.sec {
		off, n := le.Uint64(data[32+16*i:]), le.Uint64(data[40+16*i:])
		if off < headerSize || off > size || n > (size-off)/recSize[i] {
			return nil, errCorrupt
		}
		l.sec[i].off, l.sec[i].n = off, n
	}
	return l, nil
}

// checkBody verifies the checksum of everything after the header, for a
// file whose header passed readHeader.
func checkBody(data []byte) error {
	if crc32.ChecksumIEEE(data[headerSize:]) != le.Uint32(data[24:]) {
		return errCorrupt
	}
	return nil
}

// decode builds the playlist data holds. The strings of the result are
// slices of data itself: data must never be written again, and must stay
// readable for as long as any channel, group or Extra from it is in use.
// Every offset is checked, so any data is safe to decode; the body's
// checksum (see checkBody) is what tells a damaged string apart.
func decode(data []byte) (*playlist.Playlist, time.Time, error) {
	l, err := readHeader(data)
	if err != nil {
		return nil, time.Time{}, err
	}
	var m meta
	if json.Unmarshal(l.section(data, secMeta), &m) != nil {
		return nil, time.Time{}, errCorrupt
	}
	blob := l.section(data, secBlob)
	l.blob = unsafe.String(unsafe.SliceData(blob), len(blob))
	d := &decoder{l: l, refs: l.section(data, secRefs)}
	p := &playlist.Playlist{Source: m.Source, LoadedAt: m.LoadedAt, Header: m.Header, Account: m.Account}
	extras := d.extras(l.section(data, secExtras))
	recs := d.channels(l.section(data, secChannels), extras)
	p.Channels = playlist.InPlace(recs)
	p.Groups = d.groups(l.section(data, secGroups), l.section(data, secMembers), recs.Len())
	if d.bad {
		return nil, time.Time{}, errCorrupt
	}
	return p, m.SavedAt, nil
}

type decoder struct {
	l    *layout
	refs []byte
	bad  bool
}

// str reads the string ref at b, refusing one that leaves the blob.
func (d *decoder) str(b []byte) string {
	off, n := uint64(le.Uint32(b)), uint64(le.Uint32(b[4:]))
	if off+n > uint64(len(d.l.blob)) {
		d.bad = true
		return ""
	}
	return d.l.blob[off : off+n]
}

// list reads the (first, count) at b as a range of the refs section, each
// element taking per refs.
func (d *decoder) list(b []byte, per uint64) []byte {
	first, n := uint64(le.Uint32(b)), uint64(le.Uint32(b[4:]))
	total := uint64(len(d.refs)) / refSize
	if first > total || n > (total-first)/per {
		d.bad = true
		return nil
	}
	return d.refs[first*refSize : (first+n*per)*refSize]
}

func (d *decoder) extras(sec []byte) []playlist.Extra {
	xs := make([]playlist.Extra, len(sec)/extraSize)
	if len(xs) > 0 {
		adviseHuge(unsafe.Pointer(&xs[0]), uintptr(len(xs))*unsafe.Sizeof(xs[0]))
	}
	for i := range xs {
		b := sec[i*extraSize : (i+1)*extraSize]
		x := &xs[i]
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
	return xs
}

// channels checks every channel record's refs, so that reading one later
// (records.Channel) cannot leave the blob, and gives the records to be read in
// place: no channel is made here.
func (d *decoder) channels(sec []byte, extras []playlist.Extra) *records {
	blob := uint64(len(d.l.blob))
	for i := 0; i+chanSize <= len(sec); i += chanSize {
		b := sec[i : i+chanSize]
		for f := range chanRefs {
			r := b[f*refSize:]
			if uint64(le.Uint32(r))+uint64(le.Uint32(r[4:])) > blob {
				d.bad = true
			}
		}
		if uint64(le.Uint32(b[64:])) > uint64(len(extras)) {
			d.bad = true
		}
	}
	return &records{sec: sec[:len(sec)/chanSize*chanSize], blob: d.l.blob, extras: extras}
}

// records are the channel records of a mapped cache file, each read where it
// lies when asked for. Their refs were checked when the file was decoded.
type records struct {
	sec    []byte
	blob   string
	extras []playlist.Extra
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
		c.Extra = &r.extras[x-1]
	}
	return c
}

func (r *records) Name(i int) string { return r.str(r.sec[i*chanSize:]) }

func (r *records) str(b []byte) string {
	off := int(le.Uint32(b))
	return r.blob[off : off+int(le.Uint32(b[4:]))]
}

// groups reads the group records and their members. Each group's members
// are checked (ascending, each a channel, as many as the group counts) and
// then used where they lie in the mapping: the first screen needs no pass
// over the channels to group them.
func (d *decoder) groups(sec, members []byte, nch int) []playlist.Group {
	gs := make([]playlist.Group, len(sec)/groupSize)
	ms := int32s(members)
	off := uint64(0)
	for i := range gs {
		b := sec[i*groupSize:]
		n := le.Uint64(b[refSize:])
		if n > uint64(nch) || n > uint64(len(ms))-off {
			d.bad = true
			return nil
		}
		m := ms[off : off+n : off+n]
		prev := int32(-1)
		for _, j := range m {
			if j <= prev || int(j) >= nch {
				d.bad = true
				return nil
			}
			prev = j
		}
		gs[i] = playlist.Group{Name: d.str(b), Count: int(n), Members: m}
		off += n
	}
	if off != uint64(len(ms)) {
		d.bad = true
	}
	return gs
}

// int32s is b's little-endian int32s: b itself where the machine is little
// endian and b is aligned for it, a copy anywhere else.
func int32s(b []byte) []int32 {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.SliceData(b))
	if littleEndian && uintptr(p)%unsafe.Alignof(int32(0)) == 0 {
		return unsafe.Slice((*int32)(p), n)
	}
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(le.Uint32(b[4*i:]))
	}
	return out
}

var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1
