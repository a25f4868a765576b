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
	p.Channels = d.channels(l.section(data, secChannels), extras)
	p.Groups = d.groups(l.section(data, secGroups), len(p.Channels))
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

func (d *decoder) channels(sec []byte, extras []playlist.Extra) []playlist.Channel {
	chs := make([]playlist.Channel, len(sec)/chanSize)
	if len(chs) > 0 {
		adviseHuge(unsafe.Pointer(&chs[0]), uintptr(len(chs))*unsafe.Sizeof(chs[0]))
	}
	for i := range chs {
		b := sec[i*chanSize : (i+1)*chanSize]
		c := &chs[i]
		c.Name, c.URL, c.TvgName = d.str(b), d.str(b[8:]), d.str(b[16:])
		c.Group, c.TvgID, c.Logo = d.str(b[24:]), d.str(b[32:]), d.str(b[40:])
		c.Chno, c.Source = d.str(b[48:]), d.str(b[56:])
		if x := uint64(le.Uint32(b[64:])); x > uint64(len(extras)) {
			d.bad = true
		} else if x > 0 {
			c.Extra = &extras[x-1]
		}
	}
	return chs
}

// groups reads the group records; no group counts more than nch channels.
func (d *decoder) groups(sec []byte, nch int) []playlist.Group {
	gs := make([]playlist.Group, len(sec)/groupSize)
	for i := range gs {
		b := sec[i*groupSize:]
		n := le.Uint64(b[refSize:])
		if n > uint64(nch) {
			d.bad = true
		}
		gs[i] = playlist.Group{Name: d.str(b), Count: int(n)}
	}
	return gs
}
