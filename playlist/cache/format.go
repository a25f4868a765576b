package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"time"
	"unsafe"

	"github.com/tuner-iptv/tuner/playlist"
)

// The file format is built to load several hundred thousand channels in a
// blink: values that repeat (groups, logos, tvg-ids, header values) once in
// a table and referred to by varint index, values that rarely repeat (names,
// URLs, stream ids) inline; on load every string is sliced out of the
// file's bytes without a copy of its own.
//
//	magic
//	uvarint len, meta JSON (saved time, source, header, account)
//	uvarint n, n × (uvarint len, bytes)   string table
//	uvarint n, n × extra                  shared Extra values
//	uvarint n, n × channel                channels
//	uvarint n, n × (index, uvarint count) groups
//	crc32 (IEEE, little endian) of all the above
//
// A channel is its name and URL inline, its tvg-name inline or 0 when it
// equals the name, five indexes (group, tvg-id, logo, chno, source) and
// uvarint extra+1 (0 for none).
const magic = "tuner playlist cache 2\n"

type meta struct {
	SavedAt  time.Time           `json:"saved_at"`
	Source   string              `json:"source"`
	LoadedAt time.Time           `json:"loaded_at"`
	Header   playlist.Attributes `json:"header"`
	Account  *playlist.Account   `json:"account,omitempty"`
}

type encoder struct {
	body   []byte
	index  map[string]uint64
	table  []byte
	nstr   uint64
	extras map[*playlist.Extra]uint64
	elist  []*playlist.Extra
	last   [5]lastValue
}

type lastValue struct {
	s  string
	i  uint64
	ok bool
}

// encode writes p to w in the cache format.
func encode(w io.Writer, p *playlist.Playlist, saved time.Time) error {
	e := newEncoder(p)
	e.intern("") // index 0, the most common value
	for i := range p.Channels {
		if x := p.Channels[i].Extra; x != nil {
			if _, ok := e.extras[x]; !ok {
				e.extras[x] = uint64(len(e.elist))
				e.elist = append(e.elist, x)
			}
		}
	}
	e.body = binary.AppendUvarint(e.body, uint64(len(e.elist)))
	for _, x := range e.elist {
		e.extra(x)
	}
	e.body = binary.AppendUvarint(e.body, uint64(len(p.Channels)))
	for i := range p.Channels {
		e.channel(&p.Channels[i])
	}
	e.body = binary.AppendUvarint(e.body, uint64(len(p.Groups)))
	for _, g := range p.Groups {
		e.str(g.Name)
		e.body = binary.AppendUvarint(e.body, uint64(g.Count))
	}

	m, err := json.Marshal(meta{SavedAt: saved, Source: p.Source, LoadedAt: p.LoadedAt, Header: p.Header, Account: p.Account})
	if err != nil {
		return err
	}
	head := append([]byte(magic), binary.AppendUvarint(nil, uint64(len(m)))...)
	head = append(head, m...)
	head = binary.AppendUvarint(head, e.nstr)
	crc := crc32.NewIEEE()
	for _, part := range [][]byte{head, e.table, e.body} {
		crc.Write(part)
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	_, err = w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

// newEncoder sizes the body for p up front: growing a buffer of tens of
// megabytes by doubling costs more than filling it.
func newEncoder(p *playlist.Playlist) *encoder {
	size := 64
	for i := range p.Channels {
		c := &p.Channels[i]
		size += len(c.Name) + len(c.URL) + 16
		if c.TvgName != c.Name {
			size += len(c.TvgName)
		}
	}
	return &encoder{
		body:   make([]byte, 0, size),
		index:  make(map[string]uint64, len(p.Channels)*2), // tvg-ids and logos are mostly distinct
		extras: map[*playlist.Extra]uint64{},
	}
}

// str writes s's index into the body.
func (e *encoder) str(s string) {
	e.body = binary.AppendUvarint(e.body, e.intern(s))
}

// field is str for the channel's f-th indexed field. Neighbouring channels
// mostly share group, source and often logo, so the last value of each field
// is checked before the map: hashing long logo URLs dominates saving.
func (e *encoder) field(f int, s string) {
	l := &e.last[f]
	if !l.ok || l.s != s {
		*l = lastValue{s: s, i: e.intern(s), ok: true}
	}
	e.body = binary.AppendUvarint(e.body, l.i)
}

// intern returns s's index in the table, adding s when new.
func (e *encoder) intern(s string) uint64 {
	i, ok := e.index[s]
	if !ok {
		i = e.nstr
		e.nstr++
		e.index[s] = i
		e.table = binary.AppendUvarint(e.table, uint64(len(s)))
		e.table = append(e.table, s...)
	}
	return i
}

func (e *encoder) strs(ss []string) {
	e.body = binary.AppendUvarint(e.body, uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// inline writes s into the body itself.
func (e *encoder) inline(s string) {
	e.body = binary.AppendUvarint(e.body, uint64(len(s)))
	e.body = append(e.body, s...)
}

func (e *encoder) extra(x *playlist.Extra) {
	e.strs(x.Groups)
	e.body = binary.AppendUvarint(e.body, uint64(len(x.Headers)))
	for _, h := range x.Headers {
		e.str(h.Name)
		e.str(h.Value)
	}
	for _, s := range [...]string{x.Catchup, x.CatchupDays, x.CatchupSource, x.TvgShift} {
		e.str(s)
	}
	e.inline(x.StreamID)
}

func (e *encoder) channel(c *playlist.Channel) {
	e.inline(c.Name)
	e.inline(c.URL)
	if c.TvgName == c.Name {
		e.body = append(e.body, 0)
	} else {
		e.body = binary.AppendUvarint(e.body, uint64(len(c.TvgName))+1)
		e.body = append(e.body, c.TvgName...)
	}
	for f, s := range [...]string{c.Group, c.TvgID, c.Logo, c.Chno, c.Source} {
		e.field(f, s)
	}
	var x uint64
	if c.Extra != nil {
		x = e.extras[c.Extra] + 1
	}
	e.body = binary.AppendUvarint(e.body, x)
}

var errCorrupt = errors.New("corrupt cache file")

type decoder struct {
	b     []byte
	s     string // the same bytes as b, so strings are slices of it
	pos   int
	table []string
	err   error
}

func decode(data []byte) (*playlist.Playlist, time.Time, error) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, time.Time{}, errCorrupt
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, time.Time{}, errCorrupt
	}
	// The file's bytes are never written after this point, so sharing them
	// with the returned strings is safe and saves a copy of every string.
	d := &decoder{b: body, s: unsafe.String(unsafe.SliceData(body), len(body)), pos: len(magic)}
	var m meta
	if raw := d.bytes(); d.err != nil || json.Unmarshal(raw, &m) != nil {
		return nil, time.Time{}, errCorrupt
	}
	p := &playlist.Playlist{Source: m.Source, LoadedAt: m.LoadedAt, Header: m.Header, Account: m.Account}
	d.readTable()
	extras := d.readExtras()
	p.Channels = d.readChannels(extras)
	p.Groups = d.readGroups()
	if d.err != nil || d.pos != len(body) {
		return nil, time.Time{}, errCorrupt
	}
	return p, m.SavedAt, nil
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.pos:])
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.pos += n
	return v
}

// count reads a length and checks it against the bytes left, each element
// taking at least min bytes, so a damaged file cannot ask for a huge slice.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64((len(d.b)-d.pos)/min) {
		d.err = errCorrupt
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.count(1)
	b := d.b[d.pos : d.pos+n]
	d.pos += n
	return b
}

func (d *decoder) inline() string {
	n := d.count(1)
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s
}

// tvgName reads the tvg-name: 0 for "same as the name", else length+1.
func (d *decoder) tvgName(name string) string {
	n := d.uvarint()
	if n == 0 {
		return name
	}
	if n-1 > uint64(len(d.b)-d.pos) {
		d.err = errCorrupt
		return ""
	}
	s := d.s[d.pos : d.pos+int(n-1)]
	d.pos += int(n - 1)
	return s
}

func (d *decoder) readTable() {
	d.table = make([]string, d.count(1))
	for i := range d.table {
		n := d.count(1)
		d.table[i] = d.s[d.pos : d.pos+n]
		d.pos += n
	}
}

func (d *decoder) str() string {
	i := d.uvarint()
	if i >= uint64(len(d.table)) {
		d.err = errCorrupt
		return ""
	}
	return d.table[i]
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) readExtras() []playlist.Extra {
	xs := make([]playlist.Extra, d.count(7))
	for i := range xs {
		x := &xs[i]
		x.Groups = d.strs()
		if n := d.count(2); n > 0 {
			x.Headers = make([]playlist.Header, n)
			for j := range x.Headers {
				x.Headers[j] = playlist.Header{Name: d.str(), Value: d.str()}
			}
		}
		x.Catchup, x.CatchupDays, x.CatchupSource, x.TvgShift = d.str(), d.str(), d.str(), d.str()
		x.StreamID = d.inline()
		if d.err != nil {
			return nil
		}
	}
	return xs
}

func (d *decoder) readChannels(extras []playlist.Extra) []playlist.Channel {
	chs := make([]playlist.Channel, d.count(9))
	for i := range chs {
		c := &chs[i]
		c.Name = d.inline()
		c.URL = d.inline()
		c.TvgName = d.tvgName(c.Name)
		c.Group, c.TvgID, c.Logo, c.Chno, c.Source = d.str(), d.str(), d.str(), d.str(), d.str()
		if x := d.uvarint(); x > 0 {
			if x > uint64(len(extras)) {
				d.err = errCorrupt
			} else {
				c.Extra = &extras[x-1]
			}
		}
		if d.err != nil {
			return nil
		}
	}
	return chs
}

func (d *decoder) readGroups() []playlist.Group {
	gs := make([]playlist.Group, d.count(2))
	for i := range gs {
		gs[i] = playlist.Group{Name: d.str(), Count: int(d.uvarint())}
	}
	return gs
}
