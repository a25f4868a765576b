package tui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/prefs"
	"github.com/tuner-iptv/tuner/tui/browser"
)

// throughCache saves p and loads it back: channels read in place, groups
// with the members the cache recorded.
func throughCache(t *testing.T, key string, p *playlist.Playlist) *playlist.Playlist {
	t.Helper()
	c := cache.New(t.TempDir())
	if err := c.Save(key, p); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load(key)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// mixedGroups is a list whose channels sit in one group, two, or none.
func mixedGroups(source string, n int) *playlist.Playlist {
	chs := make([]playlist.Channel, n)
	both := &playlist.Extra{Groups: []string{"Sport", "UK"}}
	for i := range chs {
		chs[i] = playlist.Channel{Name: fmt.Sprintf("%s %d", source, i), URL: fmt.Sprintf("http://h.test/live/u/p/%d.ts", i), Source: source}
		switch i % 4 {
		case 0:
			chs[i].Group = "UK"
		case 1:
			chs[i].Group, chs[i].Extra = "Sport", both
		case 2:
			chs[i].Group = fmt.Sprintf("G%d", i%7)
		}
	}
	l := playlist.List(chs)
	return &playlist.Playlist{Source: source, Channels: l, Groups: playlist.BuildGroups(l)}
}

func describe(c *browser.Catalog) []string {
	var out []string
	for _, g := range c.Groups {
		out = append(out, fmt.Sprint(g.Kind, g.Label, g.Source, g.Nested, g.Members))
	}
	for i := range c.Len() {
		out = append(out, c.Name(i), c.Channel(int32(i)).URL)
	}
	return out
}

// A catalog built from the cached copy, which takes the recorded members as
// they are, is the catalog built from the list itself, for one source and
// for a second whose indexes are shifted.
func TestCatalogFromTheCacheIsTheSame(t *testing.T) {
	a, b := mixedGroups("a", 1000), mixedGroups("b", 333)
	ca, cb := throughCache(t, "a", a), throughCache(t, "b", b)
	if len(ca.Groups) == 0 || ca.Groups[0].Members == nil {
		t.Fatal("the cached copy has no recorded members to test with")
	}
	for _, tc := range []struct {
		name         string
		direct, from []*playlist.Playlist
	}{
		{"one source", []*playlist.Playlist{a}, []*playlist.Playlist{ca}},
		{"two sources", []*playlist.Playlist{a, b}, []*playlist.Playlist{ca, cb}},
		{"cached second", []*playlist.Playlist{a, b}, []*playlist.Playlist{a, cb}},
	} {
		want := describe(browser.Build(tc.direct, nil, nil))
		got := describe(browser.Build(tc.from, nil, nil))
		if !slices.Equal(got, want) {
			t.Errorf("%s: the catalogs differ\n got %.300v\nwant %.300v", tc.name, got, want)
		}
	}
}

// Splitting a cached mixed list into tabs gives each tab groups of its own
// channels, not the members recorded for the whole list.
func TestSplitKindsOfACachedList(t *testing.T) {
	// The whole list's members would fit the live tab's three channels
	// (Films is 1 and 2), so only rebuilding the groups gets them right.
	chs := []playlist.Channel{
		{Name: "News", URL: "http://p.test/live/u/p/1.ts", Group: "TV", Source: "panel"},
		{Name: "Heat", URL: "http://p.test/movie/u/p/2.mkv", Group: "Films", Source: "panel"},
		{Name: "Ran", URL: "http://p.test/movie/u/p/3.mkv", Group: "Films", Source: "panel"},
		{Name: "Local", URL: "http://p.test/live/u/p/4.ts", Source: "panel"},
		{Name: "Other", URL: "http://p.test/live/u/p/5.ts", Source: "panel"},
	}
	l := playlist.List(chs)
	cached := throughCache(t, "k", &playlist.Playlist{Source: "panel", Channels: l, Groups: playlist.BuildGroups(l)})
	parts := splitKinds([]*playlist.Playlist{cached})
	for tab, want := range map[browser.Tab]string{browser.TabLive: "TV: News", browser.TabMovies: "Films: Heat, Ran"} {
		c := browser.Build(parts[tab], nil, nil)
		if len(c.Groups) != 1 {
			t.Fatalf("%v: %d groups", tab, len(c.Groups))
		}
		got := c.Groups[0].Label + ":"
		for k, i := range c.Groups[0].Members {
			got += map[bool]string{true: " ", false: ", "}[k == 0] + c.Name(int(i))
		}
		if got != want {
			t.Errorf("%v: %q, want %q", tab, got, want)
		}
	}
}

// Each tab built from the split the cache recorded is the tab built from
// the list itself, for lists of one kind and of three.
func TestTabsFromTheCacheAreTheSame(t *testing.T) {
	mixed := mixedGroups("m", 1000)
	chs := mixed.Channels.Slice()
	for i := range chs {
		switch i % 5 {
		case 3:
			chs[i].URL = fmt.Sprintf("http://h.test/movie/u/p/%d.mkv", i)
		case 4:
			chs[i].URL = fmt.Sprintf("http://h.test/series/u/p/%d.mp4", i)
		}
	}
	for _, direct := range [][]*playlist.Playlist{
		{mixed},
		{mixedGroups("a", 300)},
		{mixedGroups("a", 300), mixed},
	} {
		var cached []*playlist.Playlist
		for _, p := range direct {
			c := throughCache(t, p.Source, p)
			if c.Parts == nil {
				t.Fatal("the cached copy has no recorded parts to test with")
			}
			cached = append(cached, c)
		}
		want, got := splitKinds(direct), splitKinds(cached)
		store := prefs.Memory()
		for _, i := range []int{1, 3, 4, 7, 299, 998} {
			for _, p := range direct {
				if i < p.Channels.Len() {
					ch := p.Channels.Get(i)
					store.SetFavorite(p.Source, prefs.RefOf(&ch), true)
					store.AddRecent(p.Source, prefs.RefOf(&ch))
				}
			}
		}
		for tab := range browser.TabCount {
			wc, gc := browser.Build(want[tab], nil, store), browser.Build(got[tab], nil, store)
			if len(want[tab]) > 0 && (!slices.Equal(gc.Favorites, wc.Favorites) || !slices.Equal(gc.Recent, wc.Recent) || len(wc.Favorites) == 0) {
				t.Errorf("%d lists, tab %v: favourites %v and recents %v, want %v and %v", len(direct), tab, gc.Favorites, gc.Recent, wc.Favorites, wc.Recent)
			}
			w, g := describe(wc), describe(gc)
			if !slices.Equal(g, w) {
				t.Errorf("%d lists, tab %v: the catalogs differ\n got %.300v\nwant %.300v", len(direct), tab, g, w)
			}
			if tab != browser.TabLive && len(direct) > 0 && direct[len(direct)-1] == mixed && len(g) == 0 {
				t.Errorf("tab %v is empty", tab)
			}
		}
	}
}
