package cache

import (
	"errors"
	"os"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
)

// FuzzDecodeCatalogue feeds damaged catalogues to the decoder with the
// checksums out of the way (as a file whose damage they missed would be):
// it refuses them or builds a catalogue, and never reads out of bounds.
//
//	go test ./playlist/cache/ -run '^$' -fuzz DecodeCatalogue -fuzztime 20s
func FuzzDecodeCatalogue(f *testing.F) {
	c := New(f.TempDir())
	it := &playlist.Item{Title: "Film", Container: "mkv", Year: 2001, Rating: 7}
	p := &playlist.Playlist{Source: "s", Channels: playlist.List([]playlist.Channel{
		{Name: "Film", URL: "http://h/movie/u/***/1.mkv", Group: "G", Extra: &playlist.Extra{Kind: playlist.KindMovie, StreamID: "1", Item: it}},
		{Name: "Live", URL: "http://h/live/u/***/2.ts"},
	})}
	p.Groups = playlist.BuildGroups(p.Channels)
	if err := c.SaveCatalogue("k", p); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(c.CataloguePath("k"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(catMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= catHeaderSize {
			data = append([]byte(nil), data...)
			le.PutUint64(data[24:], uint64(len(data)))
			le.PutUint32(data[52:], catHeaderCRC(data))
		}
		got, _, err := decodeCatalogue(data, false)
		if err == nil && got.Channels.Len() > len(data) {
			t.Fatalf("%d channels from %d bytes", got.Channels.Len(), len(data))
		}
		if err != nil && !errors.Is(err, errCorrupt) && !errors.Is(err, errVersion) {
			t.Fatalf("unexpected error %v", err)
		}
	})
}
