package epg

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tuner-iptv/tuner/internal/sim"
	"github.com/tuner-iptv/tuner/playlist"
	"github.com/tuner-iptv/tuner/playlist/source"
	"github.com/tuner-iptv/tuner/playlist/xtream"
)

// oneChannelGuide is an XMLTV guide of one channel whose one programme is
// titled title.
func oneChannelGuide(title string) string {
	start := time.Now().Add(-time.Hour).UTC().Format("20060102150405 -0700")
	stop := time.Now().Add(time.Hour).UTC().Format("20060102150405 -0700")
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<tv><channel id="one.test"><display-name>One</display-name></channel>
<programme start="%s" stop="%s" channel="one.test"><title>%s</title></programme></tv>
`, start, stop, title)
}

// guideServer serves oneChannelGuide(title) on 127.0.0.1, or fails with 500
// while failing is set, and counts the requests.
type guideServer struct {
	*httptest.Server
	title     atomic.Value
	failing   atomic.Bool
	requests  atomic.Int32
	userAgent atomic.Value
}

func newGuideServer(t *testing.T) *guideServer {
	gs := &guideServer{}
	gs.title.Store("first")
	gs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gs.requests.Add(1)
		gs.userAgent.Store(r.UserAgent())
		if gs.failing.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, oneChannelGuide(gs.title.Load().(string)))
	}))
	t.Cleanup(gs.Close)
	return gs
}

// nowTitle is the title of what is on now on the guide's one channel.
func nowTitle(t *testing.T, g *Guide) string {
	t.Helper()
	if g == nil {
		t.Fatal("no guide")
	}
	k, ok := g.Lookup("one.test")
	if !ok {
		t.Fatal("the guide lacks its channel")
	}
	cur, _ := g.NowNext(k, time.Now())
	if cur == nil {
		t.Fatal("nothing on now")
	}
	return cur.Title
}

// The order a guide comes from: the cache while it is young, the provider
// once it is old or a refresh is forced, the cached copy (with a StaleError)
// when the provider fails.
func TestGuidesFallbackOrder(t *testing.T) {
	gs := newGuideServer(t)
	pls := []*playlist.Playlist{{Header: playlist.Attributes{GuideURLs: []string{gs.URL + "/guide.xml"}}}}
	ctx := context.Background()
	l := &Guides{MaxAge: time.Hour, Cache: &Cache{Dir: t.TempDir()}, UserAgent: "tuner/test"}
	step := func(name string, wantTitle string, wantRequests int32, wantStale bool) {
		t.Helper()
		g, err := l.Guide(ctx, pls)
		var stale *StaleError
		if errors.As(err, &stale) != wantStale || (!wantStale && err != nil) {
			t.Fatalf("%s: err %v, want stale %v", name, err, wantStale)
		}
		if got := nowTitle(t, g); got != wantTitle {
			t.Errorf("%s: on now %q, want %q", name, got, wantTitle)
		}
		if got := gs.requests.Load(); got != wantRequests {
			t.Errorf("%s: %d requests to the provider, want %d", name, got, wantRequests)
		}
	}
	step("first load fetches", "first", 1, false)
	gs.title.Store("second")
	step("a young cached copy is used", "first", 1, false)
	l.Force = true
	step("a forced refresh fetches", "second", 2, false)
	l.Force = false
	gs.title.Store("third")
	l.MaxAge = time.Nanosecond
	step("an old cached copy is fetched again", "third", 3, false)
	gs.failing.Store(true)
	step("a failed refresh keeps the cached copy", "third", 4, true)
	if ua := gs.userAgent.Load(); ua != "tuner/test" {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestGuidesFailingWithNothingCached(t *testing.T) {
	gs := newGuideServer(t)
	gs.failing.Store(true)
	l := &Guides{Extra: []string{gs.URL + "/guide.xml"}, Cache: &Cache{Dir: t.TempDir()}}
	g, err := l.Guide(context.Background(), nil)
	var stale *StaleError
	if g != nil || err == nil || errors.As(err, &stale) {
		t.Fatalf("guide %v, err %v; want no guide and the fetch's error", g != nil, err)
	}
}

func TestGuidesNoneToRead(t *testing.T) {
	l := &Guides{Cache: &Cache{Dir: t.TempDir()}}
	pls := []*playlist.Playlist{{Header: playlist.Attributes{GuideURLs: []string{"/etc/hosts"}}}}
	if g, err := l.Guide(context.Background(), pls); g != nil || err != nil {
		t.Fatalf("guide %v, err %v; want neither", g, err)
	}
}

// A guide given as a local file is read afresh each time and never cached.
func TestGuidesLocalFileReadAfresh(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "guide.xml")
	cacheDir := filepath.Join(dir, "cache")
	l := &Guides{Extra: []string{file}, Cache: &Cache{Dir: cacheDir}}
	for _, title := range []string{"before", "after"} {
		if err := os.WriteFile(file, []byte(oneChannelGuide(title)), 0o600); err != nil {
			t.Fatal(err)
		}
		g, err := l.Guide(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := nowTitle(t, g); got != title {
			t.Errorf("on now %q, want %q", got, title)
		}
	}
	if _, err := os.Stat(cacheDir); !os.IsNotExist(err) {
		t.Errorf("a local guide was cached: %v", err)
	}
	l.Extra = []string{"file://" + filepath.Join(dir, "missing.xml")}
	if _, err := l.Guide(context.Background(), nil); playlist.ProblemOf(err) != playlist.NotFound {
		t.Errorf("a missing file: %v, want not found", err)
	}
}

func TestGuidesURLsSkipLocalFilesFromPlaylists(t *testing.T) {
	l := &Guides{Extra: []string{"mine.xml", "http://a.test/g.xml"}}
	pls := []*playlist.Playlist{
		{Header: playlist.Attributes{GuideURLs: []string{"http://a.test/g.xml", "/etc/passwd", "file:///etc/hosts", " https://b.test/g.xml.gz "}}},
		nil,
	}
	got := strings.Join(l.URLs(pls), " ")
	if want := "mine.xml http://a.test/g.xml https://b.test/g.xml.gz"; got != want {
		t.Fatalf("guide URLs = %q, want %q", got, want)
	}
}

// Against a simulated panel: the account's xmltv.php, get_short_epg for one
// channel, and the cached guide kept when the panel is gone.
func TestGuidesXtream(t *testing.T) {
	s := sim.New(sim.Config{Password: "s3cret-pw", Channels: 40})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	src := source.NewXtream(s.URL(), "demo", "s3cret-pw", source.Options{}).(*source.Xtream)
	p, err := src.Load(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &Guides{Cache: &Cache{Dir: t.TempDir()}, Accounts: map[string]*xtream.Client{src.Name(): src.Client()},
		RequestURL: playlist.CredentialsOf(src).RequestURL}
	pls := []*playlist.Playlist{p}

	gd, err := l.Guide(ctx, pls)
	if err != nil || gd == nil {
		t.Fatalf("guide: %v", err)
	}
	if m := MatchPlaylist(p, gd); m.Rate() < 0.9 {
		t.Fatalf("%d of %d channels matched", m.Matched, p.Channels.Len())
	}
	if src := strings.Join(gd.Sources, " "); strings.Contains(src, "s3cret-pw") {
		t.Fatalf("the guide names its source with the password: %s", src)
	}

	ch := p.Channels.At(0)
	sg, k, err := l.Short(ctx, ch)
	if err != nil || sg == nil || !k.Valid() {
		t.Fatalf("short guide: %v, %v", sg, err)
	}
	if cur, next := sg.NowNext(k, time.Now()); cur == nil && next == nil {
		t.Fatal("the short guide has nothing on now or next")
	}
	other := playlist.Channel{Name: "From a file", Source: "list.m3u"}
	if sg, _, err := l.Short(ctx, &other); sg != nil || err != nil {
		t.Fatalf("a channel of no Xtream account got a short guide: %v, %v", sg, err)
	}

	s.Close()
	l.Force = true
	old, err := l.Guide(ctx, pls)
	var stale *StaleError
	if !errors.As(err, &stale) || old == nil || old.Stats.Programmes != gd.Stats.Programmes {
		t.Fatalf("after a failed refresh: guide %v, err %v; want the cached guide and a StaleError", old != nil, err)
	}
	if _, _, err := l.Short(ctx, ch); err == nil {
		t.Fatal("get_short_epg of a panel that is gone did not fail")
	}
}
