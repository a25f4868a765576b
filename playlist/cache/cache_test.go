package cache_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/m3ugen"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/cache"
	"github.com/tuner-iptv/tuner/playlist/m3u"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func sample() *playlist.Playlist {
	shared := &playlist.Extra{
		Groups:  []string{"UK | News", "Favourites"},
		Headers: []playlist.Header{{Name: "User-Agent", Value: "VLC/3.0"}, {Name: "Referer", Value: "http://ref.example/"}},
		Catchup: "append", CatchupDays: "7", CatchupSource: "?utc={utc}", CatchupShift: "-2.5", TvgShift: "+1",
	}
	chs := []playlist.Channel{
		{Name: "One, HD", URL: "http://h.example/live/bob/hunter22/1.ts", Group: "UK | News", TvgID: "one.uk", TvgName: "One", Logo: "http://l.example/1.png?a=1&b=2", Chno: "1", Source: "bob@h.example", Extra: shared},
		{Name: "Two ✨", URL: "http://h.example/live/bob/hunter22/2.ts", Group: "UK | News", Source: "bob@h.example", Extra: shared},
		{Name: "", URL: "http://h.example/3", Source: "bob@h.example", Extra: &playlist.Extra{StreamID: "3"}},
		{Name: "Bare", URL: "http://h.example/4", Source: "bob@h.example"},
	}
	return &playlist.Playlist{
		Source:   "bob@h.example",
		Header:   playlist.Attributes{GuideURLs: []string{"http://h.example/xmltv.php?username=bob&password=hunter22"}, TvgShift: "0"},
		Channels: playlist.List(chs),
		Groups:   playlist.BuildGroups(playlist.List(chs)),
		Account: &playlist.Account{Server: "http://h.example", Username: "bob", Auth: true, Status: "Active",
			ExpiresAt: t0.Add(30 * 24 * time.Hour), MaxConnections: 1, AllowedFormats: []string{"ts", "m3u8"}, Timezone: "Europe/London", ServerTime: t0},
		LoadedAt: t0,
	}
}

func newCache(t *testing.T) (*cache.Cache, *time.Time) {
	now := t0
	c := cache.New(filepath.Join(t.TempDir(), "tuner"))
	c.Now = func() time.Time { return now }
	return c, &now
}

// same compares playlists, times by instant (JSON keeps no location).
func same(t *testing.T, got, want *playlist.Playlist) {
	t.Helper()
	g, w := *got, *want
	if !g.LoadedAt.Equal(w.LoadedAt) {
		t.Errorf("LoadedAt %v, want %v", g.LoadedAt, w.LoadedAt)
	}
	g.LoadedAt, w.LoadedAt = time.Time{}, time.Time{}
	if (g.Account == nil) != (w.Account == nil) {
		t.Fatalf("account %v, want %v", g.Account, w.Account)
	}
	if g.Account != nil {
		ga, wa := *g.Account, *w.Account
		if !ga.ExpiresAt.Equal(wa.ExpiresAt) || !ga.ServerTime.Equal(wa.ServerTime) {
			t.Errorf("account times %v %v, want %v %v", ga.ExpiresAt, ga.ServerTime, wa.ExpiresAt, wa.ServerTime)
		}
		ga.ExpiresAt, ga.ServerTime, wa.ExpiresAt, wa.ServerTime = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		g.Account, w.Account = &ga, &wa
	}
	if !reflect.DeepEqual(g.Header, w.Header) || !reflect.DeepEqual(g.Account, w.Account) || g.Source != w.Source {
		t.Errorf("playlist\n got %+v %+v %q\nwant %+v %+v %q", g.Header, g.Account, g.Source, w.Header, w.Account, w.Source)
	}
	sameGroups(t, g.Groups, w.Groups, w.Channels)
	if g.Channels.Len() != w.Channels.Len() {
		t.Fatalf("%d channels, want %d", g.Channels.Len(), w.Channels.Len())
	}
	for i := range g.Channels.Len() {
		if !reflect.DeepEqual(*g.Channels.At(i), *w.Channels.At(i)) {
			t.Fatalf("channel %d\n got %+v %+v\nwant %+v %+v", i, *g.Channels.At(i), g.Channels.At(i).Extra, *w.Channels.At(i), w.Channels.At(i).Extra)
		}
	}
}

// sameGroups checks the loaded groups are the saved ones, each with the
// indexes of the channels that name it as its members.
func sameGroups(t *testing.T, got, want []playlist.Group, chs playlist.Channels) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d groups, want %d", len(got), len(want))
	}
	for k, w := range want {
		var members []int32
		for i := range chs.Len() {
			c := chs.Get(i)
			if slices.Contains(c.Groups(), w.Name) {
				members = append(members, int32(i))
			}
		}
		g := got[k]
		if g.Name != w.Name || g.Count != w.Count || !slices.Equal(g.Members, members) {
			t.Fatalf("group %d: %q %d %v, want %q %d %v", k, g.Name, g.Count, g.Members, w.Name, w.Count, members)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	c, now := newCache(t)
	want := sample()
	if err := c.Save("xtream http://h.example bob", want); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(2 * time.Hour)
	got, age, err := c.Load("xtream http://h.example bob")
	if err != nil {
		t.Fatal(err)
	}
	if age != 2*time.Hour {
		t.Errorf("age %v, want 2h", age)
	}
	same(t, got, want)
	if got.Channels.At(0).Extra != got.Channels.At(1).Extra {
		t.Error("an Extra shared before saving is no longer shared")
	}
}

// TestSharedExtraKeepsOneAddress shares Extras between channels far apart
// in the list, so that the channels are made in different chunks and from
// several goroutines at once: each Extra must still be the one value.
func TestSharedExtraKeepsOneAddress(t *testing.T) {
	c, _ := newCache(t)
	const n = 3000
	chs := make([]playlist.Channel, n)
	shared := []*playlist.Extra{{StreamID: "a"}, {StreamID: "b", Groups: []string{"x", "y"}}}
	for i := range chs {
		chs[i] = playlist.Channel{Name: strconv.Itoa(i), URL: "http://h/" + strconv.Itoa(i), Extra: shared[i%2]}
	}
	if err := c.Save("k", &playlist.Playlist{Source: "s", Channels: playlist.List(chs)}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	seen := make([][2]*playlist.Extra, 4)
	var wg sync.WaitGroup
	for g := range seen {
		wg.Go(func() {
			for k := range n {
				i := k
				if g%2 == 1 {
					i = n - 1 - k
				}
				x := got.Channels.At(i).Extra
				if seen[g][i%2] == nil {
					seen[g][i%2] = x
				} else if seen[g][i%2] != x {
					t.Errorf("channel %d has a second copy of its Extra", i)
				}
			}
		})
	}
	wg.Wait()
	for g := range seen {
		if seen[g] != seen[0] {
			t.Fatalf("goroutines made different Extras: %v, %v", seen[g], seen[0])
		}
	}
	if x := got.Channels.Get(1).Extra; x != seen[0][1] || x.StreamID != "b" || !slices.Equal(x.Groups, shared[1].Groups) {
		t.Errorf("channel 1's Extra is %p %+v, want %p with the saved values", x, x, seen[0][1])
	}
}

// TestFindInTheRecordedIndexes: what the cached copy finds in its indexes
// is what a pass over the list itself finds, whole or in a sorted pick.
func TestFindInTheRecordedIndexes(t *testing.T) {
	c, _ := newCache(t)
	const n = 2000
	chs := make([]playlist.Channel, n)
	for i := range chs {
		chs[i] = playlist.Channel{Name: "ch " + strconv.Itoa(i%300), URL: "http://h/" + strconv.Itoa(i)}
		if i%3 != 0 {
			chs[i].Extra = &playlist.Extra{StreamID: strconv.Itoa(i % 500)}
		}
	}
	want := playlist.List(chs)
	if err := c.Save("k", &playlist.Playlist{Source: "s", Channels: want}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	pick := []int32{0, 1, 2, 299, 300, 301, 1500, 1999}
	for _, q := range []struct{ names, ids []string }{
		{[]string{"ch 0"}, nil},
		{[]string{"ch 7", "ch 299", "nobody"}, []string{"499", "3", "no id"}},
		{nil, []string{"1", "1"}},
		{[]string{""}, []string{""}},
	} {
		if g, w := got.Channels.Find(q.names, q.ids), want.Find(q.names, q.ids); !slices.Equal(g, w) || len(q.names) == 1 && q.names[0] == "ch 0" && len(g) == 0 {
			t.Errorf("Find(%q, %q) = %v, want %v", q.names, q.ids, g, w)
		}
		if g, w := got.Channels.PickSorted(pick).Find(q.names, q.ids), want.Pick(pick).Find(q.names, q.ids); !slices.Equal(g, w) {
			t.Errorf("in a pick, Find(%q, %q) = %v, want %v", q.names, q.ids, g, w)
		}
	}
}

func TestRoundTripGeneratedPlaylist(t *testing.T) {
	var buf bytes.Buffer
	if err := m3ugen.Generate(&buf, 3000, 7); err != nil {
		t.Fatal(err)
	}
	want, err := m3u.Parse(&buf, "generated.m3u", nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := newCache(t)
	if err := c.Save("k", want); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	same(t, got, want)
}

func TestEmptyPlaylistRoundTrip(t *testing.T) {
	c, _ := newCache(t)
	if err := c.Save("k", &playlist.Playlist{Source: "s"}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load("k")
	if err != nil || got.Source != "s" || got.Channels.Len() != 0 {
		t.Fatalf("%+v, %v", got, err)
	}
}

func TestKeysAreSeparate(t *testing.T) {
	c, _ := newCache(t)
	a, b := sample(), sample()
	b.Channels = playlist.List(b.Channels.Slice()[:1])
	c.Save("xtream http://h.example alice", a)
	c.Save("xtream http://h.example bob", b)
	got, _, _ := c.Load("xtream http://h.example alice")
	if got.Channels.Len() != a.Channels.Len() {
		t.Errorf("alice's copy has %d channels", got.Channels.Len())
	}
	if c.Path("xtream http://h.example alice") == c.Path("xtream http://h.example bob") {
		t.Error("two keys share a file")
	}
}

func TestMissAndCorruptFiles(t *testing.T) {
	c, _ := newCache(t)
	if _, _, err := c.Load("none"); !errors.Is(err, cache.ErrMiss) {
		t.Fatalf("missing copy: error %v, want ErrMiss", err)
	}
	if err := c.Save("k", sample()); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(c.Path("k"))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"empty file":   {},
		"truncated":    good[:len(good)/2],
		"flipped byte": flip(good, len(good)/2),
		"wrong magic":  append([]byte("#EXTM3U\n"), good[8:]...),
		"trailing":     append(append([]byte(nil), good...), 0),
		"header only":  good[:128],
		"half header":  good[:64],
		"old format":   []byte("tuner playlist cache 2\n\x02{}\x00\x00\x00\x00\x00\x00\x00\x00"),
		"next version": withVersion(good, 8),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(c.Path("k"), data, 0o600)
			if p, _, err := c.Load("k"); !errors.Is(err, cache.ErrMiss) {
				t.Fatalf("got %v, %v; want ErrMiss", p, err)
			}
		})
	}
}

// withVersion is b claiming another format version, its header otherwise
// intact but for the checksum, which no longer matches.
func withVersion(b []byte, v byte) []byte {
	out := append([]byte(nil), b...)
	out[12] = v
	return out
}

// TestLoadedCopySurvivesASave: the strings of a loaded copy live in the file
// as it was mapped, and a save must not change them under the reader.
func TestLoadedCopySurvivesASave(t *testing.T) {
	c, _ := newCache(t)
	first := sample()
	if err := c.Save("k", first); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Load("k")
	if err != nil {
		t.Fatal(err)
	}
	second := sample()
	for i := range second.Channels.Len() {
		second.Channels.At(i).Name = strings.Repeat("x", len(second.Channels.At(i).Name))
	}
	if err := c.Save("k", second); err != nil {
		t.Fatal(err)
	}
	for i := range got.Channels.Len() {
		if got.Channels.At(i).Name != first.Channels.At(i).Name {
			t.Fatalf("channel %d is now %q, want %q", i, got.Channels.At(i).Name, first.Channels.At(i).Name)
		}
	}
	again, _, err := c.Load("k")
	if err != nil || again.Channels.At(0).Name != second.Channels.At(0).Name {
		t.Fatalf("reloaded %q, %v; want the new copy", again.Channels.At(0).Name, err)
	}
}

func flip(b []byte, i int) []byte {
	out := append([]byte(nil), b...)
	out[i] ^= 0x40
	return out
}

func TestFilesArePrivate(t *testing.T) {
	c, _ := newCache(t)
	if err := os.MkdirAll(c.Dir, 0o755); err != nil { // as another program might have left it
		t.Fatal(err)
	}
	if err := c.Save("xtream http://h.example bob", sample()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(c.Dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("directory mode %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(c.Dir)
	if len(entries) != 1 {
		t.Fatalf("%d files in the cache, want 1 (no temp files left)", len(entries))
	}
	for _, e := range entries {
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", e.Name(), info.Mode().Perm())
		}
		for _, s := range []string{"bob", "h.example", "hunter22"} {
			if strings.Contains(e.Name(), s) {
				t.Errorf("file name %q reveals %q", e.Name(), s)
			}
		}
	}
}

func TestSaveReplacesAtomically(t *testing.T) {
	c, _ := newCache(t)
	first := sample()
	c.Save("k", first)
	second := sample()
	second.Channels = playlist.List(second.Channels.Slice()[:2])
	if err := c.Save("k", second); err != nil {
		t.Fatal(err)
	}
	got, _, _ := c.Load("k")
	if got.Channels.Len() != 2 {
		t.Errorf("%d channels after replacing, want 2", got.Channels.Len())
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	if got := cache.DefaultDir(); got != filepath.Join("/x/cache", "tuner") {
		t.Errorf("with XDG_CACHE_HOME: %q", got)
	}
	t.Setenv("XDG_CACHE_HOME", "relative")
	t.Setenv("HOME", "/home/u")
	if got := cache.DefaultDir(); got != filepath.Join("/home/u", ".cache", "tuner") {
		t.Errorf("relative XDG_CACHE_HOME: %q", got)
	}
}

// TestConcurrentLoads: the browser and a refresh may load one copy at the
// same time, and each gets a whole playlist.
func TestConcurrentLoads(t *testing.T) {
	c, _ := newCache(t)
	want := sample()
	if err := c.Save("k", want); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, _, err := c.Load("k")
			if err != nil || got.Channels.Len() != want.Channels.Len() || got.Channels.At(0).Name != want.Channels.At(0).Name {
				t.Errorf("load: %v", err)
			}
		})
	}
	wg.Wait()
}
