package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/playlist"
)

func encoded(t testing.TB, p *playlist.Playlist) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf, p, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fuzzSample() *playlist.Playlist {
	ex := &playlist.Extra{Groups: []string{"a", "b"}, Headers: []playlist.Header{{Name: "User-Agent", Value: "x"}}, StreamID: "9"}
	chs := []playlist.Channel{
		{Name: "One", URL: "http://h/1", Group: "a", Extra: ex}, {Name: "Two", URL: "http://h/2", Extra: ex},
		{Name: "Film", URL: "http://h/movie/u/p/7.mkv", Group: "a"},
	}
	return &playlist.Playlist{Source: "s", Channels: playlist.List(chs), Groups: playlist.BuildGroups(playlist.List(chs)), Account: &playlist.Account{Username: "u"}}
}

// TestBriefMakesNoExtra reads every channel's Brief from the records, which
// must agree with the channel Get makes and leave the Extras unmade.
func TestBriefMakesNoExtra(t *testing.T) {
	chs := []playlist.Channel{
		{Name: "Film", URL: "http://h/movie/u/p/1.mkv", TvgID: "f", Extra: &playlist.Extra{StreamID: "1"}},
		{Name: "Live", URL: "http://h/live/u/p/2.ts", Extra: &playlist.Extra{StreamID: "2", Catchup: "xc"}},
		{Name: "Bare", URL: "http://h/3"},
	}
	data := encoded(t, &playlist.Playlist{Source: "s", Channels: playlist.List(chs)})
	l, err := readHeader(data)
	if err != nil {
		t.Fatal(err)
	}
	d, recs := checkRecords(data, l)
	if d.bad {
		t.Fatal("good records refused")
	}
	p := playlist.InPlace(recs)
	for i := range chs {
		if got, want := p.Brief(i), chs[i].Brief(); got != want {
			t.Errorf("channel %d: %+v, want %+v", i, got, want)
		}
	}
	if recs.extras.made.Made(0) != nil {
		t.Error("Brief made the Extras")
	}
	for i := range chs {
		if got := p.Get(i); got.Brief() != chs[i].Brief() {
			t.Errorf("channel %d made: %+v, want %+v", i, got.Brief(), chs[i].Brief())
		}
	}
	if recs.extras.made.Made(0) == nil {
		t.Error("Get made no Extra")
	}
}

// FuzzDecode feeds the decoder damaged files. The header's checksum is fixed
// up so that mutations reach the offsets behind it: those must be refused
// or followed within bounds, never crash.
func FuzzDecode(f *testing.F) {
	for _, pl := range []*playlist.Playlist{fuzzSample(), {}} {
		f.Add(encoded(f, pl))
	}
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= headerSize {
			data = fixHeader(data)
		}
		p, _, err := decode(data)
		if err == nil && p.Channels.Len() > len(data) {
			t.Fatalf("%d channels from %d bytes", p.Channels.Len(), len(data))
		}
		if err == nil {
			// Channels are read where they lie, after decode: reading
			// each must stay inside the data too.
			for i := range p.Channels.Len() {
				c := p.Channels.Get(i)
				_ = c.Groups()
				_ = p.Channels.At(i).Name
			}
			_ = p.Channels.Find([]string{"One", ""}, []string{"9"})
			for _, part := range p.Parts {
				if part.Members != nil {
					pick := p.Channels.PickSorted(part.Members)
					for _, g := range part.Groups {
						for _, m := range g.Members {
							_ = pick.Get(int(m))
						}
					}
				}
			}
		}
		if err != nil && !errors.Is(err, errCorrupt) && !errors.Is(err, errVersion) {
			t.Fatalf("unexpected error %v", err)
		}
	})
}

// fixHeader makes data's size and header checksum right, as a damaged file
// whose header survived would have them.
func fixHeader(data []byte) []byte {
	out := append([]byte(nil), data...)
	binary.LittleEndian.PutUint64(out[16:], uint64(len(out)))
	binary.LittleEndian.PutUint32(out[28:], headerCRC(out))
	return out
}

// TestDecodeRefusesOffsetsOutOfRange points each kind of offset outside what
// it indexes, with the header's checksum fixed so only the bounds can catch
// it.
func TestDecodeRefusesOffsetsOutOfRange(t *testing.T) {
	good := encoded(t, fuzzSample())
	l, err := readHeader(good)
	if err != nil {
		t.Fatal(err)
	}
	chans, extras, members := l.sec[secChannels].off, l.sec[secExtras].off, l.sec[secMembers].off
	groups, parts := l.sec[secGroups].off, l.sec[secParts].off
	put32 := func(at uint64, v uint32) func([]byte) {
		return func(b []byte) { binary.LittleEndian.PutUint32(b[at:], v) }
	}
	member := func(i uint64) uint64 { return members + 4*i }
	part := func(i uint64) uint64 { return parts + partSize*i }
	// The sample's members: the whole list's groups a (0 1 2) and b (0 1);
	// the live part (0 1) with a (0 1) and b (0 1); the film part (2) with
	// a (0). Its group records: a, b; a, b; a.
	tests := map[string]func([]byte){
		"section past the end":        func(b []byte) { binary.LittleEndian.PutUint64(b[32+16*secChannels:], uint64(len(b))+1) },
		"section count too large":     func(b []byte) { binary.LittleEndian.PutUint64(b[40+16*secChannels:], 4) },
		"section inside the header":   func(b []byte) { binary.LittleEndian.PutUint64(b[32+16*secBlob:], 8) },
		"name offset past the blob":   put32(chans, 1<<31),
		"name length past the blob":   put32(chans+4, 1<<20),
		"url offset and length wrap":  func(b []byte) { put32(chans+8, 1<<31)(b); put32(chans+12, 1<<31)(b) },
		"extra index too large":       put32(chans+64, 9),
		"group list past the refs":    put32(extras+4, 1000),
		"header list past the refs":   put32(extras+8, 1<<30),
		"stream id past the blob":     put32(extras+16+5*refSize+4, 1<<30),
		"member past the channels":    put32(member(2), 3),
		"members out of order":        put32(member(0), 1),
		"members section cut short":   func(b []byte) { binary.LittleEndian.PutUint64(b[40+16*secMembers:], 12) },
		"group members past the end":  put32(groups+12, 50),
		"group with no members":       put32(groups+12, 0),
		"no whole-list part":          put32(part(0), 0),
		"whole list with members":     put32(part(0)+8, 1),
		"whole list's groups past":    put32(part(0)+16, 6),
		"unknown kind":                put32(part(1), 200),
		"part member past channels":   put32(member(11), 3),
		"part members past the end":   put32(part(2)+8, 9),
		"part groups past the end":    put32(part(2)+16, 2),
		"part's member past the part": put32(member(12), 1),
		"name index past channels":    put32(l.sec[secByName].off+4, 3),
		"id index past channels":      put32(l.sec[secByID].off, 1<<31),
		"one kind with groups":        func(b []byte) { put32(part(1)+8, 0)(b); put32(part(1)+16, 1)(b) },
	}
	for name, damage := range tests {
		t.Run(name, func(t *testing.T) {
			b := append([]byte(nil), good...)
			damage(b)
			if p, _, err := decode(fixHeader(b)); !errors.Is(err, errCorrupt) {
				t.Fatalf("decoded %+v, %v; want errCorrupt", p, err)
			}
		})
	}
}

func TestDecodeRefusesOtherVersions(t *testing.T) {
	b := encoded(t, fuzzSample())
	for _, v := range []uint32{version - 1, version + 1} {
		binary.LittleEndian.PutUint32(b[12:], v)
		if _, _, err := decode(fixHeader(b)); !errors.Is(err, errVersion) {
			t.Errorf("version %d: %v, want errVersion", v, err)
		}
	}
}
