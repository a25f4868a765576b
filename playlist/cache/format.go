package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

// The file format is built to be mapped and used where it lies: every string
// a loaded channel holds is a slice of the mapped bytes, so loading copies no
// text at all. Everything is little endian and fixed size except the meta
// JSON and the string bytes:
//
//	header    magic, version, header CRC, file size, body CRC, ten sections
//	members   uint32 indexes, ascending: each part's channels, each group's
//	by name   every channel's index, in the order of their names' bytes
//	by id     the index of every channel with a stream id, in its order
//	meta      JSON: saved time, source, header attributes, account
//	blob      every string's bytes; a value that repeats is stored once
//	refs      string refs for Extra.Groups and Extra.Headers (name, value pairs)
//	extras    shared Extra values
//	channels  one fixed record per channel
//	groups    one fixed record per group: name, members (first, count)
//	parts     the whole list's groups, then each kind's channels and groups
//
// A string ref is (uint32 offset, uint32 length) into the blob. A section is
// (uint64 offset, uint64 count) in the header. The header CRC covers the
// header, the body CRC everything after it; every offset is checked against
// the bounds of what it points into, so a damaged file is refused, never
// followed. The indexes come first, right behind the header, so that they
// are aligned for use in place: as the groups' and parts' Members, and to
// find a person's favourites without a pass over every channel.
//
// A part record is (kind, members first, count, groups first, count). The
// first is the whole list's (kind wholeList, no members); one for each kind
// present follows, its groups' members indexes into the kind's channels. A
// list of one kind has a single kind part with no members and no groups:
// the whole list.
const (
	magic      = "tuner cache\n"
	version    = 7
	headerSize = 32 + 16*nSections
	refSize    = 8
	chanRefs   = 8 // name, URL, tvg-name, group, tvg-id, logo, chno, source
	chanSize   = chanRefs*refSize + 4
	extraSize  = 2*8 + 6*refSize // groups and headers (first, count), six refs
	groupSize  = refSize + 8
	partSize   = 5 * 4
	wholeList  = math.MaxUint32 // the kind of the whole list's part
)

// The sections, in file order.
const (
	secMembers = iota
	secByName
	secByID
	secMeta
	secBlob
	secRefs
	secExtras
	secChannels
	secGroups
	secParts
	nSections
)

var recSize = [nSections]uint64{4, 4, 4, 1, 1, refSize, extraSize, chanSize, groupSize, partSize}

type meta struct {
	SavedAt  time.Time           `json:"saved_at"`
	Source   string              `json:"source"`
	LoadedAt time.Time           `json:"loaded_at"`
	Header   playlist.Attributes `json:"header"`
	Account  *playlist.Account   `json:"account,omitempty"`
}

var errCorrupt = errors.New("corrupt cache file")

// errVersion is a cache written by another version of tuner: it is rebuilt
// from the source rather than converted.
var errVersion = errors.New("cache file from another version")

type ref struct{ off, n uint32 }

type encoder struct {
	blob   []byte
	index  map[string]ref
	refs   []byte
	extras []byte
	xids   map[*playlist.Extra]uint32
	chans  []byte
	groups []byte
	parts  []byte
	ms     []byte // the members section
	last   [5]lastValue
	err    error
}

type lastValue struct {
	s  string
	r  ref
	ok bool
}

// encode writes p to w in the cache format.
func encode(w io.Writer, p *playlist.Playlist, saved time.Time) error {
	e := newEncoder(p)
	for i := range p.Channels.Len() {
		e.channel(p.Channels.At(i))
	}
	// The groups and parts the channels make rather than p's, so that a
	// loaded list's always match its channels.
	e.part(wholeList, nil, playlist.GroupsWithMembers(p.Channels))
	for _, part := range playlist.Parts(p.Channels) {
		e.part(uint32(part.Kind), part.Members, part.Groups)
	}
	if e.err != nil {
		return e.err
	}
	m, err := json.Marshal(meta{SavedAt: saved, Source: p.Source, LoadedAt: p.LoadedAt, Header: p.Header, Account: p.Account})
	if err != nil {
		return err
	}
	byName, byID := sortedIndexes(p.Channels)
	parts := [nSections][]byte{e.ms, byName, byID, m, e.blob, e.refs, e.extras, e.chans, e.groups, e.parts}
	head := header(parts)
	for _, part := range append([][]byte{head}, parts[:]...) {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// header lays out the sections one after another behind the header and
// seals both the body and the header with their checksums.
func header(parts [nSections][]byte) []byte {
	h := make([]byte, headerSize)
	copy(h, magic)
	le := binary.LittleEndian
	le.PutUint32(h[12:], version)
	body := crc32.NewIEEE()
	off := uint64(headerSize)
	for i, part := range parts {
		le.PutUint64(h[32+16*i:], off)
		le.PutUint64(h[40+16*i:], uint64(len(part))/recSize[i])
		off += uint64(len(part))
		body.Write(part)
	}
	le.PutUint64(h[16:], off)
	le.PutUint32(h[24:], body.Sum32())
	le.PutUint32(h[28:], headerCRC(h))
	return h
}

// headerCRC is the checksum of the header without its own field.
func headerCRC(h []byte) uint32 {
	return crc32.Update(crc32.ChecksumIEEE(h[:28]), crc32.IEEETable, h[32:headerSize])
}

// newEncoder sizes the buffers for p up front: growing buffers of tens of
// megabytes by doubling costs more than filling them.
func newEncoder(p *playlist.Playlist) *encoder {
	size := 64
	for i := range p.Channels.Len() {
		c := p.Channels.At(i)
		size += len(c.Name) + len(c.URL)
		if c.TvgName != c.Name {
			size += len(c.TvgName)
		}
	}
	return &encoder{
		blob:  make([]byte, 0, size),
		index: make(map[string]ref, p.Channels.Len()*2), // tvg-ids and logos are mostly distinct
		chans: make([]byte, 0, p.Channels.Len()*chanSize),
		xids:  map[*playlist.Extra]uint32{},
	}
}

// inline adds s to the blob without looking for an earlier copy: names and
// URLs rarely repeat, and hashing them would cost more than it saves.
func (e *encoder) inline(s string) ref {
	if uint64(len(e.blob))+uint64(len(s)) > math.MaxUint32 {
		e.err = fmt.Errorf("cache: playlist text over 4 GB")
		return ref{}
	}
	r := ref{uint32(len(e.blob)), uint32(len(s))}
	e.blob = append(e.blob, s...)
	return r
}

// intern returns s's ref, storing s once however often it is asked for.
func (e *encoder) intern(s string) ref {
	if s == "" {
		return ref{}
	}
	r, ok := e.index[s]
	if !ok {
		r = e.inline(s)
		e.index[s] = r
	}
	return r
}

// field is intern for the channel's f-th shared field. Neighbouring channels
// mostly share group, source and often logo, so the last value of each field
// is checked before the map: hashing long logo URLs dominates saving.
func (e *encoder) field(f int, s string) ref {
	l := &e.last[f]
	if !l.ok || l.s != s {
		*l = lastValue{s: s, r: e.intern(s), ok: true}
	}
	return l.r
}

func (e *encoder) appendRef(b []byte, r ref) []byte {
	b = binary.LittleEndian.AppendUint32(b, r.off)
	return binary.LittleEndian.AppendUint32(b, r.n)
}

func (e *encoder) channel(c *playlist.Channel) {
	name := e.inline(c.Name)
	tvgName := name
	if c.TvgName != c.Name {
		tvgName = e.inline(c.TvgName)
	}
	rs := [chanRefs]ref{name, e.inline(c.URL), tvgName}
	for f, s := range [...]string{c.Group, c.TvgID, c.Logo, c.Chno, c.Source} {
		rs[3+f] = e.field(f, s)
	}
	for _, r := range rs {
		e.chans = e.appendRef(e.chans, r)
	}
	var x uint32
	if c.Extra != nil {
		x = e.extra(c.Extra) + 1
	}
	e.chans = binary.LittleEndian.AppendUint32(e.chans, x)
}

// part records a part: its channels, then its groups and theirs.
func (e *encoder) part(kind uint32, members []int32, groups []playlist.Group) {
	le := binary.LittleEndian
	e.parts = le.AppendUint32(e.parts, kind)
	e.parts = e.appendMembers(e.parts, members)
	e.parts = le.AppendUint32(e.parts, uint32(len(e.groups)/groupSize))
	e.parts = le.AppendUint32(e.parts, uint32(len(groups)))
	for _, g := range groups {
		e.groups = e.appendRef(e.groups, e.intern(g.Name))
		e.groups = e.appendMembers(e.groups, g.Members)
	}
}

// appendMembers adds ms to the members section and appends their (first,
// count) to b.
func (e *encoder) appendMembers(b []byte, ms []int32) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, uint32(len(e.ms)/4))
	b = le.AppendUint32(b, uint32(len(ms)))
	for _, i := range ms {
		e.ms = le.AppendUint32(e.ms, uint32(i))
	}
	return b
}

// extra returns x's index, writing it the first time it is seen: the parser
// shares one Extra between channels whose rare attributes are equal.
func (e *encoder) extra(x *playlist.Extra) uint32 {
	if i, ok := e.xids[x]; ok {
		return i
	}
	i := uint32(len(e.xids))
	e.xids[x] = i
	le := binary.LittleEndian
	e.extras = le.AppendUint32(e.extras, uint32(len(e.refs)/refSize))
	e.extras = le.AppendUint32(e.extras, uint32(len(x.Groups)))
	for _, g := range x.Groups {
		e.refs = e.appendRef(e.refs, e.intern(g))
	}
	e.extras = le.AppendUint32(e.extras, uint32(len(e.refs)/refSize))
	e.extras = le.AppendUint32(e.extras, uint32(len(x.Headers)))
	for _, h := range x.Headers {
		e.refs = e.appendRef(e.refs, e.intern(h.Name))
		e.refs = e.appendRef(e.refs, e.intern(h.Value))
	}
	for _, s := range [...]string{x.Catchup, x.CatchupDays, x.CatchupSource, x.CatchupShift, x.TvgShift} {
		e.extras = e.appendRef(e.extras, e.intern(s))
	}
	e.extras = e.appendRef(e.extras, e.inline(x.StreamID))
	return i
}
