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
	p := &playlist.Playlist{Source: m.Source, LoadedAt: m.LoadedAt, Header: m.Header, Account: m.Account}
	d, recs := checkRecords(data, l)
	p.Channels = playlist.InPlace(recs)
	p.Groups, p.Parts = d.parts(l.section(data, secParts), l.section(data, secGroups), l.section(data, secMembers), recs.Len())
	if d.bad {
		return nil, time.Time{}, errCorrupt
	}
	return p, m.SavedAt, nil
}

// checkRecords checks the channel and Extra records of data, laid out as l
// says, and the indexes Find searches, and gives them to be read in place;
// d.bad says if any was damaged.
func checkRecords(data []byte, l *layout) (d *decoder, recs *records) {
	blob := l.section(data, secBlob)
	l.blob = unsafe.String(unsafe.SliceData(blob), len(blob))
	d = &decoder{l: l, refs: l.section(data, secRefs)}
	extras := d.extras(l.section(data, secExtras))
	recs = d.channels(l.section(data, secChannels), extras)
	recs.byName, recs.byID = int32s(l.section(data, secByName)), int32s(l.section(data, secByID))
	d.checkIndexes(recs.Len(), recs.byName, recs.byID)
	return d, recs
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

// channels checks every channel record's refs, so that reading one later
// (records.Channel) cannot leave the blob, and gives the records to be read in
// place: no channel is made here.
func (d *decoder) channels(sec []byte, extras *extras) *records {
	for i := 0; i+chanSize <= len(sec); i += chanSize {
		b := sec[i : i+chanSize]
		d.strs(b[:chanRefs*refSize])
		if uint64(le.Uint32(b[chanRefs*refSize:])) > uint64(extras.made.Len()) {
			d.bad = true
		}
	}
	return &records{sec: sec[:len(sec)/chanSize*chanSize], blob: d.l.blob, extras: extras}
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
