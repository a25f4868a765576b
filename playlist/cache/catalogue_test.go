package cache_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
)

func sampleCatalogue() *playlist.Playlist {
	shared := &playlist.Extra{StreamID: "7", Catchup: "xc"}
	chs := []playlist.Channel{
		{Name: "Film (2001)", URL: "http://h/movie/u/***/1.mkv", Group: "Drama", Logo: "http://h/p/1.png", Source: "u@h",
			Extra: &playlist.Extra{Kind: playlist.KindMovie, StreamID: "1", Groups: []string{"Drama", "Action"},
				Item: &playlist.Item{Title: "Film (2001)", Container: "mkv", Seconds: 5400, Rating: 7.5, Year: 2001}}},
		{Name: "Show", Group: "Crime", Source: "u@h",
			Extra: &playlist.Extra{Kind: playlist.KindSeries, StreamID: "2", Item: &playlist.Item{Title: "Show", Rating: 8, Year: 1999}}},
		{Name: "Plain", URL: "http://h/movie/u/***/3.mp4", Source: "u@h"},
		{Name: "Shared one", URL: "http://h/live/u/***/7.ts", Source: "u@h", Extra: shared},
		{Name: "Shared two", URL: "http://h/live/u/***/7.ts", Source: "u@h", Extra: shared},
	}
	list := playlist.List(chs)
	return &playlist.Playlist{Source: "u@h", Channels: list, Groups: playlist.BuildGroups(list)}
}

func TestCatalogueRoundTrip(t *testing.T) {
	c := cache.New(filepath.Join(t.TempDir(), "cache"))
	want := sampleCatalogue()
	if err := c.SaveCatalogue("k#movie", want); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a new mapping, then the one made before
		got, _, err := c.LoadCatalogue("k#movie")
		if err != nil {
			t.Fatal(err)
		}
		if got.Channels.Len() != want.Channels.Len() || len(got.Groups) != len(want.Groups) || got.Source != want.Source {
			t.Fatalf("got %+v", got)
		}
		for i := range got.Channels.Len() {
			g, w := got.Channels.At(i), want.Channels.At(i)
			if g.Name != w.Name || g.URL != w.URL || g.Kind() != w.Kind() || len(g.Groups()) != len(w.Groups()) {
				t.Errorf("channel %d: %+v, want %+v", i, g, w)
			}
			if (g.ItemInfo() == nil) != (w.ItemInfo() == nil) || g.ItemInfo() != nil && *g.ItemInfo() != *w.ItemInfo() {
				t.Errorf("channel %d item %+v, want %+v", i, g.ItemInfo(), w.ItemInfo())
			}
		}
	}
	if _, _, err := c.Load("k#movie"); !cache.IsMiss(err) {
		t.Errorf("a catalogue read as a playlist: %v", err)
	}
}

func TestDamagedCatalogueIsAMiss(t *testing.T) {
	c := cache.New(filepath.Join(t.TempDir(), "cache"))
	if err := c.SaveCatalogue("k", sampleCatalogue()); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(c.CataloguePath("k"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(good); i += max(1, len(good)/97) {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x20
		fresh := cache.New(c.Dir) // no mapping verified before
		if err := os.WriteFile(c.CataloguePath("k"), bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, err := fresh.LoadCatalogue("k"); !errors.Is(err, cache.ErrMiss) {
			t.Fatalf("byte %d flipped: %v", i, err)
		}
	}
	for _, n := range []int{0, 10, 64, len(good) - 1} {
		if err := os.WriteFile(c.CataloguePath("k"), good[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, err := cache.New(c.Dir).LoadCatalogue("k"); !errors.Is(err, cache.ErrMiss) {
			t.Fatalf("cut to %d bytes: %v", n, err)
		}
	}
	if _, _, err := c.LoadCatalogue("other"); !errors.Is(err, cache.ErrMiss) {
		t.Errorf("no copy: %v", err)
	}
}
